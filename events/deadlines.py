"""The events area's deadlines: every event keeps its proposal (`event.proposal`), exhibition-space
(`event.exhibition`) and registration (`event.registration`) deadlines, 23:59 that day in the event's zone, and its
start (`event.start`: its start time there, else 23:59 of its first day by the registry's rule for a date) in the
deadline registry (topic events). A planned event (dates not confirmed) registers tentative deadlines; a cancelled or
postponed one withdraws them. The page of each is the event's page, without a language prefix."""

from django.utils.translation import gettext

from events.models import Event
from portal.deadlines import DeadlineSpec, in_every_language, local_due, track
from portal.models import DeadlineKind

KINDS = {
    "proposal_deadline": DeadlineKind.EVENT_PROPOSAL,
    "exhibition_deadline": DeadlineKind.EVENT_EXHIBITION,
    "registration_deadline": DeadlineKind.EVENT_REGISTRATION,
}


def event_url(event: Event) -> str:
    return f"/events/{event.slug}/"


def _title(kind: str, event: Event) -> str:
    """The title in the active language, e.g. “WSIS Forum 2026 — registration deadline”."""
    params = {"event": event.name}
    if kind == DeadlineKind.EVENT_PROPOSAL:
        return gettext("%(event)s — proposal deadline") % params
    if kind == DeadlineKind.EVENT_EXHIBITION:
        return gettext("%(event)s — exhibition space deadline") % params
    if kind == DeadlineKind.EVENT_REGISTRATION:
        return gettext("%(event)s — registration deadline") % params
    return gettext("%(event)s — the event starts") % params


def steps(event: Event) -> list[tuple[str, object]]:
    """(kind, due) of each dated step the event has: a date (23:59 there) or an aware instant."""
    found = [(KINDS[name], day) for name, day in event.deadline_days()]
    found.append((DeadlineKind.EVENT_START, local_due(event.starts_on, event.start_time, event.tz)))
    return found


def specs_for(event: Event) -> list[DeadlineSpec]:
    if event.is_withdrawn:
        return []
    return [
        DeadlineSpec(
            kind=kind,
            due=due,
            tz=event.tz,
            titles=in_every_language(lambda kind=kind: _title(kind, event)),
            url=event_url(event),
            tentative=event.tentative,
        )
        for kind, due in steps(event)
    ]


def connect() -> None:
    track(Event, specs_for)
