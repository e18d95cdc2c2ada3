"""The applications recorded before the review existed are taken as reviewed: they stay as they were, published (in
a migration of its own: PostgreSQL alters no table while the checks of rows just changed are pending)."""

from django.db import migrations, models


def existing_are_reviewed(apps, schema_editor):
    AwardApplication = apps.get_model("awards", "AwardApplication")
    AwardApplication.objects.update(
        review_state="published", published_at=models.F("updated_at"), reviewed_at=models.F("updated_at")
    )


class Migration(migrations.Migration):
    dependencies = [("awards", "0005_reviewed_applications")]

    operations = [migrations.RunPython(existing_are_reviewed, migrations.RunPython.noop)]
