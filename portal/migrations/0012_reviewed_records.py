"""Projects follow the one review workflow of reported records: the moderation fields become the review fields
(`review_state`, `review_comment`), the contacts who created and submitted a project become the user accounts
that reported and submitted it (copied by the next migration, the old columns dropped by the one after: each in
a transaction of its own, as PostgreSQL alters no table while the checks of rows just changed are pending), and a
project records when it was last reviewed."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0011_event_start_kind"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="project", name="project_published_has_date"),
        migrations.RemoveIndex(model_name="project", name="project_state_published_idx"),
        migrations.RenameField("project", "moderation_state", "review_state"),
        migrations.RenameField("project", "moderation_comment", "review_comment"),
        migrations.AlterField(
            model_name="project",
            name="review_state",
            field=models.CharField(
                choices=[
                    ("draft", "draft"),
                    ("submitted", "submitted for review"),
                    ("published", "published"),
                    ("changes_requested", "changes requested"),
                ],
                default="draft",
                max_length=20,
                verbose_name="review state",
            ),
        ),
        migrations.AlterField(
            model_name="project",
            name="review_comment",
            field=models.TextField(
                blank=True,
                help_text="What should change, when the record was sent back.",
                verbose_name="working group's comment",
            ),
        ),
        migrations.AddField(
            model_name="project",
            name="reported_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="reported by",
            ),
        ),
        migrations.AddField(
            model_name="project",
            name="submitted_by_user",
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
            model_name="project",
            name="reviewed_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="reviewed"),
        ),
    ]
