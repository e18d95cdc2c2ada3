"""The stored HTML of the descriptions of existing agencies and projects (`manage.py render_markdown` does the same
whenever the rendering rules change)."""

from django.conf import settings
from django.db import migrations


def render(apps, schema_editor):
    from portal.markdown import render_markdown

    codes = settings.MODELTRANSLATION_LANGUAGES
    for name in ("Agency", "Project"):
        model = apps.get_model("portal", name)
        sources = [f"description_{code}" for code in codes]
        for values in model.objects.exclude(**{f: "" for f in sources}).values("pk", *sources).iterator():
            updates = {f"description_html_{code}": render_markdown(values[f"description_{code}"] or "") for code in codes}
            model.objects.filter(pk=values["pk"]).update(**updates)


class Migration(migrations.Migration):
    dependencies = [("portal", "0020_markdown_html_and_text_limits")]

    operations = [migrations.RunPython(render, migrations.RunPython.noop)]
