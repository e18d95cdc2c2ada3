"""The beat schedule of the alert planner lives in django-celery-beat's tables, created by a migration."""

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone
from django_celery_beat.models import PeriodicTask

from portal import tasks
from portal.deadlines import DeadlineSpec, sync
from portal.models import AlertDelivery, DeadlineKind, DeliveryState

pytestmark = pytest.mark.clock  # the planner at the real now


def test_planner_runs_every_five_minutes_from_the_database_schedule():
    task = PeriodicTask.objects.select_related("interval").get(task="portal.tasks.alerts_tick")
    assert task.enabled
    assert (task.interval.every, task.interval.period) == (5, "minutes")
    assert task.crontab is None and task.clocked is None
    # Never run: due as soon as the beat starts (django-celery-beat would otherwise wait a whole interval).
    assert task.last_run_at < timezone.now() - dt.timedelta(minutes=5)


def test_one_tick_plans_and_sends_what_is_due(contact_a, django_capture_on_commit_callbacks):
    due = timezone.now() + dt.timedelta(days=3)
    sync(contact_a.agency, [DeadlineSpec(DeadlineKind.FUND_CALL, due, "Asia/Bishkek", {"en": "Call closes"})])
    with django_capture_on_commit_callbacks(execute=True):
        outcome = tasks.alerts_tick()
    assert outcome["planned"] == 1
    assert AlertDelivery.objects.get().state == DeliveryState.SENT
    assert [m.to for m in mail.outbox] == [[contact_a.email]]
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.alerts_tick()["planned"] == 0
    assert len(mail.outbox) == 1


def test_kill_switch_keeps_alerts_waiting(contact_a, settings, django_capture_on_commit_callbacks):
    settings.SEND_ALERTS = False
    due = timezone.now() + dt.timedelta(days=3)
    sync(contact_a.agency, [DeadlineSpec(DeadlineKind.FUND_CALL, due, "Asia/Bishkek", {"en": "Call closes"})])
    with django_capture_on_commit_callbacks(execute=True):
        tasks.alerts_tick()
    assert tasks.send_alerts_task.apply().get() == {"sent": 0, "failed": 0, "deferred": 0}
    assert AlertDelivery.objects.get().state == DeliveryState.PENDING
    assert mail.outbox == []
