"""The funds area's records that filters and forms take by name (`portal.names`): funders and their programmes."""

from django.utils.translation import gettext_lazy as _

from portal import names


def register() -> None:
    from funds.models import Funder, FundingProgramme

    names.register(
        names.Named(
            "funder",
            Funder,
            lambda user=None: Funder.objects.all(),
            names=("name",),
            others=("acronym",),
            unknown=_("No funder is named “%(text)s”."),
        )
    )
    names.register(
        names.Named(
            "funding_programme",
            FundingProgramme,
            lambda user=None: FundingProgramme.objects.all(),
            names=("name",),
            unknown=_("No funding programme is named “%(text)s”."),
        )
    )
