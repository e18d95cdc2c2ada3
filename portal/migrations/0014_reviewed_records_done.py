"""The rest of the projects' move to the review workflow: the old moderation columns go, the index and the check
of published projects are made again on the review state, and working-group admins get their settings for the
notices of new submissions."""

import django.core.validators
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

import portal.models.contacts


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0013_reviewed_records_data"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveField(model_name="project", name="created_by"),
        migrations.RemoveField(model_name="project", name="submitted_by"),
        migrations.RenameField("project", "submitted_by_user", "submitted_by"),
        migrations.AddIndex(
            model_name="project",
            index=models.Index(
                fields=["review_state", "-published_at"],
                include=("status", "start_year", "end_year", "agency", "id"),
                name="project_state_published_idx",
            ),
        ),
        migrations.AddConstraint(
            model_name="project",
            constraint=models.CheckConstraint(
                condition=models.Q(("review_state", "published"), _negated=True)
                | models.Q(("published_at__isnull", False)),
                name="project_published_has_date",
            ),
        ),
        migrations.CreateModel(
            name="ReviewerSettings",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "notice",
                    models.CharField(
                        choices=[
                            ("each", "one mail for each submission"),
                            ("digest", "one daily digest"),
                            ("none", "no mail"),
                        ],
                        default="each",
                        max_length=10,
                        verbose_name="new submissions",
                    ),
                ),
                (
                    "language",
                    models.CharField(
                        choices=[
                            ("tr", "Türkçe"),
                            ("en", "English"),
                            ("ru", "Русский"),
                            ("ky", "Кыргызча"),
                            ("fa", "فارسی"),
                            ("az", "Azərbaycanca"),
                        ],
                        default="tr",
                        max_length=5,
                        verbose_name="language",
                    ),
                ),
                (
                    "time_zone",
                    models.CharField(
                        default="Europe/Istanbul",
                        max_length=64,
                        validators=[portal.models.contacts.validate_time_zone],
                        verbose_name="time zone",
                    ),
                ),
                (
                    "digest_hour",
                    models.PositiveSmallIntegerField(
                        default=8,
                        help_text="Local hour (0–23) at which the daily digest is sent.",
                        validators=[django.core.validators.MaxValueValidator(23)],
                        verbose_name="digest hour",
                    ),
                ),
                ("last_digest_at", models.DateTimeField(blank=True, null=True, verbose_name="last digest")),
                (
                    "user",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="review_settings",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="user",
                    ),
                ),
            ],
            options={"verbose_name": "reviewer's settings", "verbose_name_plural": "reviewers' settings"},
        ),
    ]
