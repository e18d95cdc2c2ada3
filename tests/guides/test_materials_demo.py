"""The materials' demo: details (language, year, lessons) for materials of the demo projects, marked demo,
loaded twice without a change."""

import io

import pytest
from django.core.management import call_command

from guides.materials import selectors
from guides.materials.models import MaterialDetails


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_the_demo_gives_details_to_the_demo_projects_materials():
    call_command("load_demo", stdout=io.StringIO())
    details = list(MaterialDetails.objects.select_related("material__project").order_by("pk"))
    assert len(details) == 3
    assert all(d.demo and d.is_published and d.year and d.language and d.lessons_en for d in details)
    assert all(d.material.project.is_published for d in details)
    first = [(d.pk, d.updated_at, d.material.file.name) for d in details]
    call_command("load_demo", stdout=io.StringIO())
    again = [
        (d.pk, d.updated_at, d.material.file.name)
        for d in MaterialDetails.objects.select_related("material").order_by("pk")
    ]
    assert again == first
    items = selectors.gallery_page(selectors.Filters(), 1).items
    assert {item.kind for item in items} >= {"brochure", "poster", "film"}
