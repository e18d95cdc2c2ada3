"""Partner agencies answer before they are listed: every link of a project and a partner agency becomes a
`ProjectPartner` with its state (the links of today are copied as accepted by the next migration, and the old table
dropped by the one after, each in a transaction of its own). Promotional materials get the review fields of the
reported records (those of today are published by the next migration)."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


def user_fk(name):
    return models.ForeignKey(
        blank=True,
        null=True,
        on_delete=django.db.models.deletion.SET_NULL,
        related_name="+",
        to=settings.AUTH_USER_MODEL,
        verbose_name=name,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0015_outbox"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="ProjectPartner",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "state",
                    models.CharField(
                        choices=[("proposed", "proposed"), ("accepted", "accepted"), ("declined", "declined")],
                        default="proposed",
                        max_length=10,
                        verbose_name="state",
                    ),
                ),
                ("proposed_at", models.DateTimeField(default=django.utils.timezone.now, verbose_name="proposed")),
                ("decided_at", models.DateTimeField(blank=True, null=True, verbose_name="decided")),
                (
                    "agency",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="partnerships",
                        to="portal.agency",
                        verbose_name="partner agency",
                    ),
                ),
                ("decided_by", user_fk("decided by")),
                (
                    "project",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="partnerships",
                        to="portal.project",
                        verbose_name="project",
                    ),
                ),
                ("proposed_by", user_fk("proposed by")),
            ],
            options={
                "verbose_name": "project partnership",
                "verbose_name_plural": "project partnerships",
                "ordering": ["project", "agency"],
                "indexes": [models.Index(fields=["agency", "state"], name="project_partner_agency_state")],
                "constraints": [models.UniqueConstraint(fields=("project", "agency"), name="project_partner_unique")],
            },
        ),
        migrations.AddField(
            model_name="promomaterial",
            name="agency",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="portal.agency",
                verbose_name="agency",
            ),
        ),
        migrations.AddField(
            model_name="promomaterial",
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
        migrations.AddField(
            model_name="promomaterial",
            name="review_comment",
            field=models.TextField(
                blank=True,
                help_text="What should change, when the record was sent back.",
                verbose_name="working group's comment",
            ),
        ),
        migrations.AddField(model_name="promomaterial", name="reported_by", field=user_fk("reported by")),
        migrations.AddField(model_name="promomaterial", name="submitted_by", field=user_fk("submitted by")),
        migrations.AddField(
            model_name="promomaterial",
            name="submitted_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="submitted"),
        ),
        migrations.AddField(
            model_name="promomaterial",
            name="published_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="published"),
        ),
        migrations.AddField(
            model_name="promomaterial",
            name="reviewed_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="reviewed"),
        ),
        migrations.AddField(
            model_name="promomaterial",
            name="created_at",
            field=models.DateTimeField(auto_now_add=True, default=django.utils.timezone.now, verbose_name="created"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="promomaterial",
            name="updated_at",
            field=models.DateTimeField(auto_now=True, verbose_name="updated"),
        ),
    ]
