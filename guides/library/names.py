"""The library's records that filters take by name (`portal.names`): guides, among those the user may see."""

from django.utils.translation import gettext_lazy as _

from portal import names


def register() -> None:
    from guides.library import selectors
    from guides.library.models import Guide

    names.register(
        names.Named(
            "guide",
            Guide,
            lambda user=None: selectors.visible_guides(user),
            names=("title",),
            unknown=_("No guide is named “%(text)s”."),
        )
    )
