"""The partner links of today stay: copied as accepted partnerships. The promotional materials of today stay public:
published, as their agency the project's."""

from django.db import migrations
from django.db.models import OuterRef, Subquery
from django.utils import timezone


def forwards(apps, schema_editor):
    Project = apps.get_model("portal", "Project")
    ProjectPartner = apps.get_model("portal", "ProjectPartner")
    PromoMaterial = apps.get_model("portal", "PromoMaterial")
    now = timezone.now()
    links = Project.partner_agencies.through.objects.values_list("project_id", "agency_id")
    ProjectPartner.objects.bulk_create(
        [
            ProjectPartner(project_id=p, agency_id=a, state="accepted", proposed_at=now, decided_at=now)
            for p, a in links.iterator()
        ],
        batch_size=1000,
    )
    PromoMaterial.objects.update(
        agency_id=Subquery(Project.objects.filter(pk=OuterRef("project_id")).values("agency_id")[:1]),
        review_state="published",
        published_at=now,
    )


def backwards(apps, schema_editor):
    Project = apps.get_model("portal", "Project")
    ProjectPartner = apps.get_model("portal", "ProjectPartner")
    Through = Project.partner_agencies.through
    Through.objects.bulk_create(
        [
            Through(project_id=p, agency_id=a)
            for p, a in ProjectPartner.objects.filter(state="accepted").values_list("project_id", "agency_id")
        ],
        batch_size=1000,
        ignore_conflicts=True,
    )


class Migration(migrations.Migration):
    dependencies = [("portal", "0016_partnerships_and_material_review")]

    operations = [migrations.RunPython(forwards, backwards)]
