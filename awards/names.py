"""The awards area's records that filters and forms take by name (`portal.names`): award programmes."""

from django.utils.translation import gettext_lazy as _

from portal import names


def register() -> None:
    from awards.models import AwardProgramme

    names.register(
        names.Named(
            "award_programme",
            AwardProgramme,
            lambda user=None: AwardProgramme.objects.all(),
            names=("name",),
            others=("acronym",),
            unknown=_("No award programme is named “%(text)s”."),
        )
    )
