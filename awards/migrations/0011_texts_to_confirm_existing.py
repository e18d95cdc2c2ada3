"""Tentative editions proposed before texts were checked kept the previous edition's texts as they were (“WSIS
Forum 2026, Geneva” in the 2027 edition): a text of a tentative edition that names a year other than its own waits
for a curator's confirmation, unchanged (nobody can tell here whether it was carried over)."""

import re

from django.db import migrations

LANGUAGES = ("tr", "en", "ru", "ky", "fa", "az")
TEXTS = ("ceremony_place",)
FOUR_DIGITS = re.compile(r"(?<!\d)\d{4}(?!\d)")


def names_another_year(text: str, year: int) -> bool:
    return any(1990 <= int(digits) <= 2100 and int(digits) != year for digits in FOUR_DIGITS.findall(text or ""))


def flag_texts_naming_another_year(apps, schema_editor):
    AwardEdition = apps.get_model("awards", "AwardEdition")
    for edition in AwardEdition.objects.filter(tentative=True).order_by("pk"):
        waiting = dict(edition.texts_to_confirm or {})
        for name in TEXTS:
            for code in LANGUAGES:
                column = f"{name}_{code}"
                text = getattr(edition, column)
                if column not in waiting and names_another_year(text, edition.year):
                    waiting[column] = text
        if waiting != (edition.texts_to_confirm or {}):
            AwardEdition.objects.filter(pk=edition.pk).update(texts_to_confirm=waiting)


class Migration(migrations.Migration):
    dependencies = [("awards", "0010_edition_texts_to_confirm")]

    operations = [migrations.RunPython(flag_texts_naming_another_year, migrations.RunPython.noop)]
