"""The meetings part's deadlines: every resolution with a due date that is still open or in progress keeps a
`resolution.due` deadline (topic coordination), 23:59 that day in the resolution's zone unless a time is given,
addressed to its responsible agencies; done or dropped, it is withdrawn; a moved due date moves the row (and the
planner cancels the alerts of the old instant). The responsible agencies are set after the resolution is saved, so
their change syncs it again."""

from django.db.models.signals import m2m_changed
from django.utils.translation import gettext

from coordination.meetings.models import Resolution
from portal.deadlines import DeadlineSpec, in_every_language, local_due, sync, track
from portal.models import DeadlineKind


def resolution_url(resolution: Resolution) -> str:
    return f"/coordination/resolutions/{resolution.pk}/"


def _title(resolution: Resolution) -> str:
    """The title in the active language, e.g. “MSRT IT executive council — resolution 2 due”."""
    return gettext("%(body)s — resolution %(number)s due") % {
        "body": resolution.meeting.body.name,
        "number": resolution.number,
    }


def specs_for(resolution: Resolution) -> list[DeadlineSpec]:
    if not resolution.is_pending or resolution.due_on is None:
        return []
    agencies = tuple(sorted(resolution.responsible.values_list("pk", flat=True)))
    return [
        DeadlineSpec(
            kind=DeadlineKind.RESOLUTION_DUE,
            due=local_due(resolution.due_on, resolution.due_time, resolution.tz),
            tz=resolution.tz,
            titles=in_every_language(lambda: _title(resolution)),
            url=resolution_url(resolution),
            agencies=agencies or None,  # nobody named yet: everyone following coordination
        )
    ]


def _responsible_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if not reverse:
        sync(instance, specs_for(instance))
        return
    # An agency's resolutions changed from its side: each of them (all of them, on a clear).
    resolutions = Resolution.objects.select_related("meeting__body")
    for resolution in resolutions.filter(pk__in=pk_set) if pk_set else resolutions.none():
        sync(resolution, specs_for(resolution))


def connect() -> None:
    track(Resolution, specs_for, follows=("meeting", "meeting__body"))
    m2m_changed.connect(
        _responsible_changed,
        sender=Resolution.responsible.through,
        weak=False,
        dispatch_uid="deadlines:coordination.Resolution:responsible",
    )
