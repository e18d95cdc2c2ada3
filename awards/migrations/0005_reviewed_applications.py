"""Award applications follow the one review workflow of reported records: an application reported by an agency is
a draft until the working group publishes it (a won application's result enters the inventory then) or sends it
back with a comment. The applications recorded before are taken as reviewed: they stay as they were, published."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

REVIEW_STATES = [
    ("draft", "draft"),
    ("submitted", "submitted for review"),
    ("published", "published"),
    ("changes_requested", "changes requested"),
]


def user_field(label):
    return models.ForeignKey(
        blank=True,
        null=True,
        on_delete=django.db.models.deletion.SET_NULL,
        related_name="+",
        to=settings.AUTH_USER_MODEL,
        verbose_name=label,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("awards", "0004_application_distinction"),
        ("portal", "0014_reviewed_records_done"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="awardapplication",
            name="review_state",
            field=models.CharField(choices=REVIEW_STATES, default="draft", max_length=20, verbose_name="review state"),
        ),
        migrations.AddField(
            model_name="awardapplication",
            name="review_comment",
            field=models.TextField(
                blank=True,
                help_text="What should change, when the record was sent back.",
                verbose_name="working group's comment",
            ),
        ),
        migrations.AddField(model_name="awardapplication", name="reported_by", field=user_field("reported by")),
        migrations.AddField(model_name="awardapplication", name="submitted_by", field=user_field("submitted by")),
        migrations.AddField(
            model_name="awardapplication",
            name="submitted_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="submitted"),
        ),
        migrations.AddField(
            model_name="awardapplication",
            name="published_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="published"),
        ),
        migrations.AddField(
            model_name="awardapplication",
            name="reviewed_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="reviewed"),
        ),
    ]
