"""The library's demo guides: loaded twice without a change; the WSIS Prizes guide linked to the 2027 edition with
the eighteen categories; the roadmap due for review soon; the English-website checklist and the portals guide at
the slugs other parts link; the Kyrgyz/Russian NGO guide; two guides with two versions; every one marked demo."""

import datetime as dt
import io
from zoneinfo import ZoneInfo

import pytest
from django.core import serializers
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from guides.library import demo
from guides.library.models import Guide, GuideVersion

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def snapshot():
    rows = []
    for model in (Guide, GuideVersion):
        data = serializers.serialize("python", model.objects.order_by("pk"))
        for row in data:
            row["fields"].pop("updated_at", None)
        rows.append(data)
    return rows


def test_the_demo_guides():
    call_command("load_demo", stdout=io.StringIO())
    first = snapshot()
    call_command("load_demo", stdout=io.StringIO())
    assert snapshot() == first
    guides = {guide.slug: guide for guide in Guide.objects.filter(demo=True)}
    assert set(guides) >= {
        demo.WSIS_GUIDE,
        demo.ROADMAP_GUIDE,
        demo.ENGLISH_WEBSITE_GUIDE,
        demo.PORTALS_GUIDE,
        demo.NGO_GUIDE,
    }
    wsis = guides[demo.WSIS_GUIDE]
    assert wsis.award_edition is not None and wsis.award_edition.year == 2027
    assert wsis.body_en.count("| C7 |") == 8 and "| 18 | C11 |" in wsis.body_en
    assert guides[demo.ENGLISH_WEBSITE_GUIDE].subtopics == ["websites"]
    assert guides[demo.PORTALS_GUIDE].subtopics == ["portals"] and "ePractice" in guides[demo.PORTALS_GUIDE].body_en
    assert guides[demo.NGO_GUIDE].languages == ["ru", "ky"]
    assert guides[demo.NGO_GUIDE].agency.slug == "soros-kg"
    roadmap = guides[demo.ROADMAP_GUIDE]
    today = timezone.now().astimezone(ZoneInfo(roadmap.review_tz)).date()
    assert today < roadmap.review_by <= today + dt.timedelta(days=30)  # due for review soon
    for slug, guide in guides.items():
        numbers = list(guide.versions.order_by("number").values_list("number", flat=True))
        assert numbers and numbers[-1] == guide.version and guide.is_published, slug
        assert guide.versions.get(number=guide.version).body_html_en == guide.body_html_en
    assert sum(guide.versions.count() == 2 for guide in guides.values()) >= 2
    client = Client()
    with translation.override("en"):
        compare = reverse("guides:guide_compare", args=[demo.ENGLISH_WEBSITE_GUIDE])
        assert client.get(compare, {"from": 1, "to": 2, "language": "en"}).status_code == 200
        assert client.get(reverse("guides:index")).status_code == 200
    with translation.override("ky"):
        page = client.get(reverse("guides:guide", args=[demo.NGO_GUIDE])).content.decode()
        assert "Ачык билим" in page
