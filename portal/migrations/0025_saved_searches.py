"""Saved searches and the matches each mailed, the weekly digest of deadline alerts, and the saved searches' beat
schedule (every 5 minutes, kept in django-celery-beat's tables, due as soon as the beat starts)."""

import datetime as dt

import django.core.validators
import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models


TASK_NAME = "Mail the new matches of saved searches"
TASK = "portal.tasks.saved_searches_tick"
NEVER = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)


def schedule(apps, schema_editor):
    IntervalSchedule = apps.get_model("django_celery_beat", "IntervalSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    every, _created = IntervalSchedule.objects.get_or_create(every=5, period="minutes")
    PeriodicTask.objects.update_or_create(
        name=TASK_NAME,
        defaults={"task": TASK, "interval": every, "enabled": True, "queue": None, "last_run_at": NEVER},
    )


def unschedule(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(name=TASK_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("django_celery_beat", "0019_alter_periodictasks_options"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("portal", "0024_search_index"),
    ]

    operations = [
        migrations.AlterField(
            model_name="subscription",
            name="delivery",
            field=models.CharField(
                choices=[
                    ("immediate", "each alert at once"),
                    ("digest", "one daily digest"),
                    ("weekly", "one weekly digest, on Mondays"),
                ],
                default="immediate",
                max_length=10,
                verbose_name="delivery",
            ),
        ),
        migrations.AlterField(
            model_name="subscription",
            name="digest_hour",
            field=models.PositiveSmallIntegerField(
                default=8,
                help_text="Local hour (0–23) at which the daily or weekly digest is sent.",
                validators=[django.core.validators.MaxValueValidator(23)],
                verbose_name="digest hour",
            ),
        ),
        migrations.CreateModel(
            name="SavedSearch",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("name", models.CharField(max_length=120, verbose_name="name")),
                ("text", models.CharField(blank=True, default="", max_length=200, verbose_name="words")),
                ("kind", models.CharField(blank=True, default="", max_length=40, verbose_name="kind")),
                ("facets", models.JSONField(blank=True, default=dict, verbose_name="facets")),
                ("open_only", models.BooleanField(default=False, verbose_name="open deadlines only")),
                (
                    "frequency",
                    models.CharField(
                        choices=[("immediate", "at once"), ("daily", "daily digest"), ("weekly", "weekly digest")],
                        default="daily",
                        max_length=10,
                        verbose_name="frequency",
                    ),
                ),
                ("active", models.BooleanField(default=True, verbose_name="active")),
                ("created_at", models.DateTimeField(default=django.utils.timezone.now, verbose_name="created")),
                ("last_checked_at", models.DateTimeField(blank=True, null=True, verbose_name="last checked")),
                ("last_sent_at", models.DateTimeField(blank=True, null=True, verbose_name="last mail")),
                (
                    "contact",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="saved_searches",
                        to="portal.contact",
                        verbose_name="contact",
                    ),
                ),
            ],
            options={
                "verbose_name": "saved search",
                "verbose_name_plural": "saved searches",
                "ordering": ["contact", "name", "pk"],
            },
        ),
        migrations.CreateModel(
            name="SavedSearchMatch",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("object_id", models.PositiveBigIntegerField()),
                ("mailed_at", models.DateTimeField(verbose_name="mailed")),
                (
                    "content_type",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="+", to="contenttypes.contenttype"
                    ),
                ),
                (
                    "mail",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="portal.outboxmail",
                        verbose_name="mail",
                    ),
                ),
                (
                    "saved_search",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="matches",
                        to="portal.savedsearch",
                        verbose_name="saved search",
                    ),
                ),
            ],
            options={
                "verbose_name": "saved search match",
                "verbose_name_plural": "saved search matches",
                "ordering": ["-mailed_at", "-pk"],
            },
        ),
        migrations.AddIndex(
            model_name="savedsearch",
            index=models.Index(fields=["active", "frequency"], name="saved_search_due"),
        ),
        migrations.AddConstraint(
            model_name="savedsearchmatch",
            constraint=models.UniqueConstraint(
                fields=("saved_search", "content_type", "object_id"), name="saved_search_match_once"
            ),
        ),
        migrations.RunPython(schedule, unschedule),
    ]
