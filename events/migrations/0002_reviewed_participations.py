"""Event participations follow the one review workflow of reported records: `state` becomes `review_state` (which
may now be "changes requested", with the working group's comment), and a participation records who submitted it
and when it was submitted, published and reviewed."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

REVIEW_STATES = [
    ("draft", "draft"),
    ("submitted", "submitted for review"),
    ("published", "published"),
    ("changes_requested", "changes requested"),
]


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0001_initial"),
        ("portal", "0014_reviewed_records_done"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveIndex(model_name="eventparticipation", name="participation_state_event"),
        migrations.RemoveIndex(model_name="eventparticipation", name="participation_agency"),
        migrations.RenameField("eventparticipation", "state", "review_state"),
        migrations.AlterField(
            model_name="eventparticipation",
            name="review_state",
            field=models.CharField(choices=REVIEW_STATES, default="draft", max_length=20, verbose_name="review state"),
        ),
        migrations.AddField(
            model_name="eventparticipation",
            name="review_comment",
            field=models.TextField(
                blank=True,
                help_text="What should change, when the record was sent back.",
                verbose_name="working group's comment",
            ),
        ),
        migrations.AddField(
            model_name="eventparticipation",
            name="submitted_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="submitted by",
            ),
        ),
        migrations.AddField(
            model_name="eventparticipation",
            name="submitted_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="submitted"),
        ),
        migrations.AddField(
            model_name="eventparticipation",
            name="published_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="published"),
        ),
        migrations.AddField(
            model_name="eventparticipation",
            name="reviewed_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="reviewed"),
        ),
        migrations.AddIndex(
            model_name="eventparticipation",
            index=models.Index(fields=["review_state", "event"], name="participation_state_event"),
        ),
        migrations.AddIndex(
            model_name="eventparticipation",
            index=models.Index(fields=["agency", "review_state"], name="participation_agency"),
        ),
    ]
