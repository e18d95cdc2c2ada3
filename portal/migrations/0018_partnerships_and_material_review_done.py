"""Every material has its agency; a project's partner agencies are read through `ProjectPartner` (the old link
table, copied by the previous migration, is dropped)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("portal", "0017_partnerships_and_material_review_data")]

    operations = [
        migrations.AlterField(
            model_name="promomaterial",
            name="agency",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="portal.agency",
                verbose_name="agency",
            ),
        ),
        migrations.RemoveField(model_name="project", name="partner_agencies"),
        migrations.AddField(
            model_name="project",
            name="partner_agencies",
            field=models.ManyToManyField(
                blank=True,
                related_name="partner_projects",
                through="portal.ProjectPartner",
                to="portal.agency",
                verbose_name="partner agencies",
            ),
        ),
    ]
