"""The results in the inventory before verification existed are taken as verified: they stay public as they were.
Each is linked to the won application that reported it, if any, so undoing that application withdraws it (in a
migration of its own: PostgreSQL alters no table while the checks of rows just changed are pending)."""

from django.db import migrations, models


def existing_are_verified(apps, schema_editor):
    AwardResult = apps.get_model("awards", "AwardResult")
    AwardApplication = apps.get_model("awards", "AwardApplication")
    AwardResult.objects.filter(verified_at__isnull=True).update(verified_at=models.F("created_at"))
    for application in AwardApplication.objects.filter(state="won", review_state="published").order_by("pk"):
        AwardResult.objects.filter(
            edition_id=application.edition_id,
            category_id=application.category_id,
            agency_id=application.agency_id,
            project_id=application.project_id,
            application__isnull=True,
        ).update(application=application)


class Migration(migrations.Migration):
    dependencies = [("awards", "0007_result_verification")]

    operations = [migrations.RunPython(existing_are_verified, migrations.RunPython.noop)]
