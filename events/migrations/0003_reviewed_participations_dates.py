"""Dates the review of the participations reviewed before the review fields existed (in a migration of its own:
PostgreSQL alters no table while the checks of rows just changed are pending)."""

from django.db import migrations, models


def dates_of_the_reviewed(apps, schema_editor):
    """Records reviewed before these fields existed: their last change is the best date known."""
    Model = apps.get_model("events", "EventParticipation")
    Model.objects.filter(review_state="published").update(
        published_at=models.F("updated_at"), reviewed_at=models.F("updated_at")
    )
    Model.objects.exclude(review_state="draft").update(submitted_at=models.F("updated_at"))


class Migration(migrations.Migration):
    dependencies = [("events", "0002_reviewed_participations")]

    operations = [migrations.RunPython(dates_of_the_reviewed, migrations.RunPython.noop)]
