"""Copies, for every project, the accounts of the contacts who created and submitted it into `reported_by` and
`submitted_by_user`, and dates the last review of the projects already published or sent back."""

from django.db import migrations, models


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
            created_by_id=contacts.get(project.reported_by_id),
            submitted_by_id=contacts.get(project.submitted_by_user_id),
        )


class Migration(migrations.Migration):
    dependencies = [("portal", "0012_reviewed_records")]

    operations = [migrations.RunPython(contacts_to_users, users_to_contacts)]
