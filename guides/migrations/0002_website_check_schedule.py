"""The English-website checker's weekly beat schedule (Mondays at 03:00 UTC, kept in django-celery-beat's tables)."""

from django.db import migrations

TASK_NAME = "Check the agencies' English websites"
TASK = "guides.websites.tasks.check_english_websites"


def schedule(apps, schema_editor):
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    weekly, _created = CrontabSchedule.objects.get_or_create(
        minute="0", hour="3", day_of_week="1", day_of_month="*", month_of_year="*", timezone="UTC"
    )
    PeriodicTask.objects.update_or_create(
        name=TASK_NAME, defaults={"task": TASK, "crontab": weekly, "interval": None, "enabled": True, "queue": None}
    )


def unschedule(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(name=TASK_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("guides", "0001_initial"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(schedule, unschedule)]
