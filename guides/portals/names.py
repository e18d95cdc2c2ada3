"""The portals part's records that filters take by name (`portal.names`): international portals."""

from django.utils.translation import gettext_lazy as _

from portal import names


def register() -> None:
    from guides.portals.models import InternationalPortal

    names.register(
        names.Named(
            "portal",
            InternationalPortal,
            lambda user=None: InternationalPortal.objects.all(),
            names=("name",),
            others=("acronym",),
            unknown=_("No portal is named “%(text)s”."),
        )
    )
