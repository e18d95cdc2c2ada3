"""The alert planner's beat schedule (every 5 minutes, kept in django-celery-beat's tables) and a default
subscription for every contact confirmed before subscriptions existed."""

from django.db import migrations

TASK_NAME = "Plan and send deadline alerts"
TASK = "portal.tasks.alerts_tick"
DEFAULT_LEAD_DAYS = (30, 7, 1)
ALL_TOPICS = "awards,funds,events,guides,coordination"


def schedule(apps, schema_editor):
    IntervalSchedule = apps.get_model("django_celery_beat", "IntervalSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    every, _created = IntervalSchedule.objects.get_or_create(every=5, period="minutes")
    PeriodicTask.objects.update_or_create(
        name=TASK_NAME, defaults={"task": TASK, "interval": every, "enabled": True, "queue": None}
    )


def unschedule(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(name=TASK_NAME).delete()


def subscribe_confirmed(apps, schema_editor):
    import secrets

    Contact = apps.get_model("portal", "Contact")
    Subscription = apps.get_model("portal", "Subscription")
    SubscriptionLead = apps.get_model("portal", "SubscriptionLead")
    for contact in Contact.objects.filter(confirmed_at__isnull=False, subscription__isnull=True):
        subscription = Subscription.objects.create(
            contact=contact, topics=ALL_TOPICS, calendar_token=secrets.token_urlsafe(24)
        )
        SubscriptionLead.objects.bulk_create(
            [SubscriptionLead(subscription=subscription, days=days) for days in DEFAULT_LEAD_DAYS]
        )


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0005_alerts"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [
        migrations.RunPython(schedule, unschedule),
        migrations.RunPython(subscribe_confirmed, migrations.RunPython.noop),
    ]
