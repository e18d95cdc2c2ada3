"""Resolutions in the deadline registry (`resolution.due`): addressed to the responsible agencies, 23:59 of the due
date in the resolution's zone, withdrawn when done or dropped, moved (and its old alerts cancelled by the planner)
when the due date moves."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from coordination.meetings.models import Resolution, ResolutionState
from portal import alerts
from portal.models import AlertDelivery, Audience, Deadline, DeadlineKind, DeliveryState
from tests import factories

pytestmark = [pytest.mark.django_db, pytest.mark.clock]  # "today", "overdue", "upcoming" depend on the hour

TEHRAN = "Asia/Tehran"


def row(resolution) -> Deadline:
    return Deadline.objects.get(
        content_type=ContentType.objects.get_for_model(Resolution),
        object_id=resolution.pk,
        kind=DeadlineKind.RESOLUTION_DUE,
    )


def test_a_due_resolution_is_a_deadline_addressed_to_its_responsible_agencies(agency_a, agency_b):
    due_on = factories.in_days(20, TEHRAN)
    resolution = factories.ResolutionFactory(due_on=due_on, responsible=[agency_a, agency_b])
    deadline = row(resolution)
    assert deadline.due_at == dt.datetime.combine(due_on, dt.time(23, 59), tzinfo=ZoneInfo(TEHRAN))
    assert deadline.tz == TEHRAN
    assert deadline.topic == "coordination"
    assert deadline.audience == Audience.AGENCIES
    assert set(deadline.agencies.values_list("pk", flat=True)) == {agency_a.pk, agency_b.pk}
    assert deadline.url == f"/coordination/resolutions/{resolution.pk}/"
    assert all(deadline.__dict__[f"title_{code}"] for code in ("tr", "en", "ru", "ky", "fa", "az"))
    # An agency no longer responsible is no longer addressed.
    resolution.responsible.remove(agency_b)
    assert list(row(resolution).agencies.values_list("pk", flat=True)) == [agency_a.pk]


def test_a_resolution_without_a_due_date_has_no_deadline(agency_a):
    resolution = factories.ResolutionFactory(responsible=[agency_a])
    assert not Deadline.objects.filter(object_id=resolution.pk, kind=DeadlineKind.RESOLUTION_DUE).exists()


@pytest.mark.parametrize("state", [ResolutionState.DONE, ResolutionState.DROPPED])
def test_done_or_dropped_withdraws_the_deadline_and_reopening_restores_it(state, agency_a):
    resolution = factories.ResolutionFactory(due_on=factories.in_days(20, TEHRAN), responsible=[agency_a])
    resolution.state = state
    resolution.save()
    assert row(resolution).withdrawn_at is not None
    resolution.state = ResolutionState.IN_PROGRESS
    resolution.save()
    assert row(resolution).withdrawn_at is None


def test_a_moved_due_date_replans_and_the_old_instants_alerts_are_cancelled(agency_a, contact_a):
    resolution = factories.ResolutionFactory(due_on=factories.in_days(20, TEHRAN), responsible=[agency_a])
    old = row(resolution)
    delivery = AlertDelivery.objects.create(
        contact=contact_a, deadline=old, lead_days=7, due_at=old.due_at, planned_at=timezone.now()
    )
    new_day = factories.in_days(40, TEHRAN)
    resolution.due_on = new_day
    resolution.save()
    moved = row(resolution)
    assert moved.pk == old.pk
    assert moved.due_at == dt.datetime.combine(new_day, dt.time(23, 59), tzinfo=ZoneInfo(TEHRAN))
    assert moved.sequence > old.sequence
    alerts.plan()
    delivery.refresh_from_db()
    assert delivery.state == DeliveryState.CANCELLED


def test_done_cancels_the_pending_alerts(agency_a, contact_a):
    resolution = factories.ResolutionFactory(due_on=factories.in_days(20, TEHRAN), responsible=[agency_a])
    deadline = row(resolution)
    delivery = AlertDelivery.objects.create(
        contact=contact_a, deadline=deadline, lead_days=7, due_at=deadline.due_at, planned_at=timezone.now()
    )
    resolution.state = ResolutionState.DONE
    resolution.save()
    alerts.plan()
    delivery.refresh_from_db()
    assert delivery.state == DeliveryState.CANCELLED
