"""The meetings part's records that filters take by name (`portal.names`): coordination bodies."""

from django.utils.translation import gettext_lazy as _

from portal import names


def register() -> None:
    from coordination.meetings.models import Body

    names.register(
        names.Named(
            "body",
            Body,
            lambda user=None: Body.objects.all(),
            names=("name",),
            others=("acronym",),
            unknown=_("No body is named “%(text)s”."),
        )
    )
