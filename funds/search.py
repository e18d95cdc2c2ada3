"""The funds area in search: funders, their programmes and calls (all public, as their pages are) and the published
grants (`selectors.grants_inventory`, the same rule as the grants page)."""

from urllib.parse import urlencode

from django.db.models import OuterRef
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from funds import selectors
from funds.models import Funder, FundingCall, FundingProgramme, Grant
from portal.models import Agency, Project
from portal.search import Document, Source, register, texts
from portal.search.documents import (
    acronym_and_names,
    agency_facets,
    agency_names,
    country_code,
    in_every_language,
    joined,
    open_until,
)

CALL = selectors.CALL


def funders():
    return Funder.objects.prefetch_related("programmes__action_lines").annotate(
        search_open_until=open_until(
            FundingCall, CALL, FundingCall.objects.filter(programme__funder=OuterRef(OuterRef("pk"))).values("pk")
        )
    )


def _funder(funder: Funder) -> Document:
    programmes = list(funder.programmes.all())
    return Document(
        title=texts(funder, "name"),
        url=lambda: reverse("funds:funder", args=[funder.slug]),
        names=[funder.acronym, funder.slug.replace("-", " ")],
        summary=texts(funder, "description"),
        body=joined(*(texts(programme, "name") for programme in programmes)),
        country=country_code(funder),
        action_lines=sorted({line.code for programme in programmes for line in programme.action_lines.all()}),
        open_until=funder.search_open_until,
    )


def programmes():
    return (
        FundingProgramme.objects.select_related("funder")
        .prefetch_related("action_lines")
        .annotate(
            search_open_until=open_until(
                FundingCall, CALL, FundingCall.objects.filter(programme=OuterRef(OuterRef("pk"))).values("pk")
            )
        )
    )


def _programme(programme: FundingProgramme) -> Document:
    return Document(
        title=texts(programme, "name"),
        url=lambda: reverse("funds:programme", args=[programme.slug]),
        names=[*acronym_and_names(programme.funder), programme.slug.replace("-", " ")],
        summary=texts(programme, "description"),
        body=texts(programme, "how_to_apply"),
        country=country_code(programme.funder),
        action_lines=[line.code for line in programme.action_lines.all()],
        open_until=programme.search_open_until,
    )


def calls():
    return (
        FundingCall.objects.select_related("programme__funder")
        .prefetch_related("programme__action_lines")
        .annotate(search_open_until=open_until(FundingCall, CALL))
    )


def _call(call: FundingCall) -> Document:
    programme = call.programme
    return Document(
        title=texts(call, "title"),
        url=lambda: reverse("funds:call", args=[call.pk]),
        names=[*texts(programme, "name").values(), *acronym_and_names(programme.funder)],
        summary=texts(programme, "description"),
        country=country_code(programme.funder),
        action_lines=[line.code for line in programme.action_lines.all()],
        years=sorted({day.year for day in (call.opens_on, call.deadline) if day}),
        open_until=call.search_open_until,
    )


def grants():
    return selectors.grants_inventory().prefetch_related(
        "programme__action_lines", "project__action_lines", "project__sdgs"
    )


def _grant(grant: Grant) -> Document:
    funder, agency, programme = grant.funder, grant.agency, grant.programme
    # A project that is not published is not named.
    project = grant.project if grant.project is not None and grant.project.is_published else None

    def title():
        return gettext("%(funder)s grant to %(agency)s") % {"funder": funder.name, "agency": agency.name}

    lines = {line.code for line in programme.action_lines.all()} if programme else set()
    if project is not None:
        lines |= {line.code for line in project.action_lines.all()}
    return Document(
        title=in_every_language(title),
        url=lambda: f"{reverse('funds:grants')}?{urlencode({'funder': funder.slug, 'agency': agency.slug})}",
        names=[
            *acronym_and_names(funder),
            *agency_names(agency),
            *(texts(programme, "name").values() if programme else []),
            *(texts(project, "title").values() if project is not None else []),
        ],
        summary=joined(texts(grant, "purpose"), texts(project, "title") if project is not None else {}),
        **agency_facets(agency),
        action_lines=sorted(lines),
        sdgs=sorted({sdg.number for sdg in project.sdgs.all()}) if project is not None else [],
        years=[grant.signed_on.year] if grant.signed_on else [],
    )


def register_sources() -> None:
    """Called from the app's `ready()` after its deadlines are connected, so a call's "open until" is read from the
    registry once its own save has moved its deadline."""
    register(
        Source(
            kind="funder",
            label=_("funders"),
            model=Funder,
            queryset=funders,
            document=_funder,
            order=40,
            follows={
                FundingProgramme: lambda programme: Funder.objects.filter(pk=programme.funder_id),
                FundingCall: lambda call: Funder.objects.filter(programmes__calls=call),
            },
        )
    )
    register(
        Source(
            kind="fund_programme",
            label=_("funding programmes"),
            model=FundingProgramme,
            queryset=programmes,
            document=_programme,
            order=41,
            follows={
                Funder: lambda funder: FundingProgramme.objects.filter(funder=funder),
                FundingCall: lambda call: FundingProgramme.objects.filter(pk=call.programme_id),
            },
        )
    )
    register(
        Source(
            kind="fund_call",
            label=_("funding calls"),
            model=FundingCall,
            queryset=calls,
            document=_call,
            order=42,
            follows={
                Funder: lambda funder: FundingCall.objects.filter(programme__funder=funder),
                FundingProgramme: lambda programme: FundingCall.objects.filter(programme=programme),
            },
        )
    )
    register(
        Source(
            kind="grant",
            label=_("grants"),
            model=Grant,
            queryset=grants,
            document=_grant,
            order=43,
            follows={
                Agency: lambda agency: Grant.objects.filter(agency=agency),
                Project: lambda project: Grant.objects.filter(project=project),
                Funder: lambda funder: Grant.objects.filter(funder=funder),
                FundingProgramme: lambda programme: Grant.objects.filter(programme=programme),
            },
        )
    )
