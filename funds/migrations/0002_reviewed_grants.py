"""Grants follow the one review workflow of reported records: `state` becomes `review_state` (which may now be
"changes requested", with the working group's comment), and a grant records who submitted it and when it was
submitted, published and reviewed."""

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
        ("funds", "0001_funders_programmes_calls_grants"),
        ("portal", "0014_reviewed_records_done"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveIndex(model_name="grant", name="grant_state_signed"),
        migrations.RemoveIndex(model_name="grant", name="grant_agency"),
        migrations.RemoveIndex(model_name="grant", name="grant_currency"),
        migrations.RenameField("grant", "state", "review_state"),
        migrations.AlterField(
            model_name="grant",
            name="review_state",
            field=models.CharField(choices=REVIEW_STATES, default="draft", max_length=20, verbose_name="review state"),
        ),
        migrations.AddField(
            model_name="grant",
            name="review_comment",
            field=models.TextField(
                blank=True,
                help_text="What should change, when the record was sent back.",
                verbose_name="working group's comment",
            ),
        ),
        migrations.AddField(
            model_name="grant",
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
            model_name="grant",
            name="submitted_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="submitted"),
        ),
        migrations.AddField(
            model_name="grant",
            name="published_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="published"),
        ),
        migrations.AddField(
            model_name="grant",
            name="reviewed_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="reviewed"),
        ),
        migrations.AddIndex(
            model_name="grant", index=models.Index(fields=["review_state", "signed_on"], name="grant_state_signed")
        ),
        migrations.AddIndex(
            model_name="grant", index=models.Index(fields=["agency", "review_state"], name="grant_agency")
        ),
        migrations.AddIndex(
            model_name="grant", index=models.Index(fields=["currency", "review_state"], name="grant_currency")
        ),
    ]
