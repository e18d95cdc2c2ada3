"""Projects follow the one review workflow of reported records: the moderation fields become the review fields
(`review_state`, `review_comment`), the contacts who created and submitted a project become the user accounts
that reported and submitted it, and a project records when it was last reviewed. Working-group admins get their
settings for the notices of new submissions."""

import django.core.validators
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

import portal.models.contacts


def contacts_to_users(apps, schema_editor):
    Project = apps.get_model("portal", "Project")
    Contact = apps.get_model("portal", "Contact")
    users = dict(Contact.objects.exclude(user_id=None).values_list("pk", "user_id"))
    for project in Project.objects.exclude(created_by_id=None, submitted_by_id=None).only(
        "pk", "created_by_id", "submitted_by_id"
    ):
        Project.objects.filter(pk=project.pk).update(
            reported_by_id=users.get(project.created_by_id), submitted_by_user_id=users.get(project.submitted_by_id)
        )
    Project.objects.filter(review_state__in=["published", "changes_requested"], reviewed_at=None).update(
        reviewed_at=models.F("updated_at")
    )


def users_to_contacts(apps, schema_editor):
    Project = apps.get_model("portal", "Project")
    Contact = apps.get_model("portal", "Contact")
    contacts = dict(Contact.objects.exclude(user_id=None).values_list("user_id", "pk"))
    for project in Project.objects.only("pk", "reported_by_id", "submitted_by_user_id"):
        Project.objects.filter(pk=project.pk).update(
            created_by_id=contacts.get(project.reported_by_id), submitted_by_id=contacts.get(project.submitted_by_user_id)
        )


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
        migrations.RunPython(contacts_to_users, users_to_contacts),
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
