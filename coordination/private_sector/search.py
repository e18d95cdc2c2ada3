"""Private-sector partners in search: a company's profile, found by the company's names, its description and its
published contributions (what the partner's page shows: `selectors.companies`, `selectors.published_contributions`).
The company's agency record is found as an agency too; this entry leads to its partner page."""

from django.db.models import Prefetch
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from coordination.private_sector import selectors
from coordination.private_sector.models import CompanyProfile, Contribution
from portal.models import Agency
from portal.search import Document, Source, register, texts
from portal.search.documents import agency_facets, agency_names, in_every_language, joined


def profiles():
    return (
        CompanyProfile.objects.filter(agency__in=selectors.companies().values("pk"))
        .select_related("agency")
        .prefetch_related(
            Prefetch(
                "agency__contributions",
                queryset=selectors.published_contributions().select_related(None).order_by("-year", "pk"),
                to_attr="published_contributions",
            )
        )
    )


def _profile(profile: CompanyProfile) -> Document:
    company = profile.agency
    contributions = company.published_contributions
    return Document(
        title=texts(company, "name"),
        url=lambda: reverse("coordination:partner", args=[company.slug]),
        names=[*agency_names(company), company.slug.replace("-", " ")],
        summary=joined(in_every_language(profile.get_sector_display), texts(profile, "description"), separator=" · "),
        body=joined(*(texts(contribution, "description") for contribution in contributions)),
        **agency_facets(company),
        years=sorted({contribution.year for contribution in contributions if contribution.year}),
    )


def register_sources() -> None:
    register(
        Source(
            kind="partner",
            label=_("private-sector partners"),
            model=CompanyProfile,
            queryset=profiles,
            document=_profile,
            order=73,
            follows={
                Agency: lambda agency: CompanyProfile.objects.filter(agency=agency),
                Contribution: lambda contribution: CompanyProfile.objects.filter(agency_id=contribution.agency_id),
            },
        )
    )
