"""Reads of the participation part: the coverage report of the agencies (every figure counted by the database, in
one query for a page of agencies whatever their number), its figures per kind, and the rules of the invitations."""

from __future__ import annotations

import dataclasses
import datetime as dt

from django.conf import settings
from django.db.models import Count, Exists, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from awards.models import AwardApplication
from coordination.circulars.models import ANSWERED_STATES, Circular, CircularRecipient, CircularState, RecipientState
from coordination.participation.models import AgencyInvitation
from portal import selectors as portal_selectors
from portal.deadlines import ahead_in_own_zone
from portal.models import Agency, ProjectListing, ReviewState

# A second invitation to the same agency is refused for this long after the last one: no spam.
INVITATION_INTERVAL = dt.timedelta(days=7)

UNANSWERED_STATES = (RecipientState.PENDING, RecipientState.ACKNOWLEDGED)


def _count(qs: QuerySet, field: str = "agency"):
    """The number of rows of `qs` per agency (`qs` correlated on `OuterRef("pk")` through `field`), 0 for none: a
    correlated subquery, so only the agencies of the page are counted."""
    counted = qs.order_by().values(field).annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def confirmed_contacts(agency_ref=None) -> QuerySet:
    """The agency's contacts who count as its confirmed contacts (`portal.selectors.agency_contacts`: active,
    confirmed and approved)."""
    return portal_selectors.agency_contacts(OuterRef("pk") if agency_ref is None else agency_ref)


def reply_passed(now: dt.datetime) -> Q:
    """Recipient rows whose circular's reply deadline has passed at `now`, in the circular's own zone (a date
    alone: 23:59 that day there): one condition per zone in use, as the deadline registry compares."""
    zones = list(Circular.objects.order_by().values_list("tz", flat=True).distinct())
    ahead = ahead_in_own_zone(now, zones, "circular__reply_due_on", "circular__reply_due_time", "circular__tz")
    return Q(circular__reply_due_on__isnull=False) & ~ahead


def this_year() -> int:
    """The current year in the portal's zone: the award editions whose applications the report counts."""
    return timezone.localdate(timezone=timezone.get_default_timezone()).year


def coverage(
    *, kind: str = "", country: str = "", without_contact: bool = False, now: dt.datetime | None = None
) -> QuerySet:
    """Every agency (narrowed by kind, country, and to those with no confirmed contact), with its figures:
    `contact_count`; circulars (sent ones) answered `on_time`, `late`, `not_answered` (reply deadline passed) and
    `waiting` (no answer yet, deadline ahead or none); `published_count` (published projects); `applications`
    (award applications reported for an edition of this year, drafts left out); `listings` (listings of its
    published projects on international portals); `invited_at` (its latest invitation)."""
    now = now or timezone.now()
    received = CircularRecipient.objects.filter(agency=OuterRef("pk"), circular__state=CircularState.SENT)
    unanswered = received.filter(state__in=UNANSWERED_STATES)
    passed = reply_passed(now)
    qs = portal_selectors.agencies_with_counts().annotate(
        contact_count=_count(confirmed_contacts()),
        on_time=_count(received.filter(state__in=ANSWERED_STATES, late=False)),
        late=_count(received.filter(state__in=ANSWERED_STATES, late=True)),
        not_answered=_count(unanswered.filter(passed)),
        waiting=_count(unanswered.exclude(passed)),
        applications=_count(
            AwardApplication.objects.filter(agency=OuterRef("pk"), edition__year=this_year()).exclude(
                review_state=ReviewState.DRAFT
            )
        ),
        listings=_count(
            ProjectListing.objects.filter(project__agency=OuterRef("pk"), project__review_state=ReviewState.PUBLISHED),
            "project__agency",
        ),
        invited_at=Subquery(
            AgencyInvitation.objects.filter(agency=OuterRef("pk")).order_by("-sent_at").values("sent_at")[:1]
        ),
    )
    return narrowed(qs, kind=kind, country=country, without_contact=without_contact).order_by("slug")


def narrowed(qs: QuerySet, *, kind: str = "", country: str = "", without_contact: bool = False) -> QuerySet:
    """The agencies of `qs` of the report's filters: of a kind, of a country, with no confirmed contact."""
    if kind:
        qs = qs.filter(kind=kind)
    if country:
        qs = qs.filter(country=country)
    if without_contact:
        qs = qs.exclude(Exists(confirmed_contacts()))
    return qs


@dataclasses.dataclass(frozen=True)
class KindFigures:
    kind: str
    label: str
    agencies: int
    with_contact: int

    @property
    def without_contact(self) -> int:
        return self.agencies - self.with_contact


def figures_per_kind(*, kind: str = "", country: str = "", without_contact: bool = False) -> list[KindFigures]:
    """The agencies of the report's filters per kind, and how many of them have a confirmed contact (one query)."""
    qs = narrowed(Agency.objects.all(), kind=kind, country=country, without_contact=without_contact)
    rows = (
        qs.order_by()
        .values("kind")
        .annotate(agencies=Count("pk"), with_contact=Count("pk", filter=Exists(confirmed_contacts())))
    )
    counts = {row["kind"]: row for row in rows}
    return [
        KindFigures(value, str(label), counts[value]["agencies"], counts[value]["with_contact"])
        for value, label in Agency.Kind.choices
        if value in counts
    ]


def invitation_language(agency: Agency) -> str:
    """The language of an agency's invitation: the portal's (Turkish) for an agency in Türkiye, English elsewhere."""
    return settings.LANGUAGE_CODE if agency.country == "TR" else "en"


def last_invitation(agency: Agency) -> AgencyInvitation | None:
    return AgencyInvitation.objects.filter(agency=agency).order_by("-sent_at", "-pk").first()


def invited_recently(agency: Agency, now: dt.datetime | None = None) -> bool:
    """Whether the agency was invited less than `INVITATION_INTERVAL` ago."""
    since = (now or timezone.now()) - INVITATION_INTERVAL
    return AgencyInvitation.objects.filter(agency=agency, sent_at__gt=since).exists()
