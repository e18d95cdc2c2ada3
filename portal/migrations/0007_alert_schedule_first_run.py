"""Run the alert planner as soon as the beat starts for the first time, not 5 minutes later: django-celery-beat
counts a task that never ran as run at start-up, which would leave /healthz unhealthy until the first tick."""

import datetime as dt

from django.db import migrations

TASK_NAME = "Plan and send deadline alerts"
NEVER = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)


def due_at_start(apps, schema_editor):
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTask.objects.filter(name=TASK_NAME, last_run_at__isnull=True).update(last_run_at=NEVER)


class Migration(migrations.Migration):
    dependencies = [("portal", "0006_alert_schedule")]

    operations = [migrations.RunPython(due_at_start, migrations.RunPython.noop)]
