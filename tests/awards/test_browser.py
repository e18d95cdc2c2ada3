"""In Debian's Chromium: filter the award results inventory, download its CSV, open a project and see where it
could apply."""

import csv
import io

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from awards.models import AwardResult
from tests import factories


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_filter_results_export_csv_and_see_where_a_project_could_apply(browser_page: Page, live_server):
    page = browser_page
    base = live_server.url
    agency_a = factories.AgencyFactory(slug="bilgi", name="Bilgi Ajansı", name_en="Information Agency")
    agency_b = factories.AgencyFactory(slug="sehir", name="Şehir Ajansı", name_en="City Agency")
    project = factories.ProjectFactory(
        agency=agency_a, slug="e-imza", title="E-İmza", title_en="E-signature", published=True, action_lines=["C7.1"]
    )
    other = factories.ProjectFactory(agency=agency_b, published=True, action_lines=["C4"])
    past = factories.AwardEditionFactory(year=2024)
    upcoming = factories.AwardEditionFactory(year=timezone.now().year + 1)
    e_government = factories.award_category("C7-E-government")
    AwardResult.objects.create(
        verified_at=timezone.now(),
        edition=past,
        category=e_government,
        agency=agency_a,
        project=project,
        outcome="winner",
    )
    AwardResult.objects.create(
        verified_at=timezone.now(),
        edition=past,
        category=factories.award_category("C4"),
        agency=agency_b,
        project=other,
        outcome="finalist",
    )

    # 1. The inventory, filtered to the winners.
    page.goto(f"{base}/en/awards/results/")
    expect(page.locator(".results-table tbody tr")).to_have_count(2)
    page.locator("#id_outcome").select_option("winner")
    page.locator("form.filter-form [type=submit]").click()
    rows = page.locator(".results-table tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Information Agency")
    assert "outcome=winner" in page.url

    # 2. Its CSV holds exactly the filtered line.
    with page.expect_download() as download_info:
        page.locator("a[href*='format=csv']").click()
    with open(download_info.value.path(), encoding="utf-8") as file:
        lines = list(csv.DictReader(io.StringIO(file.read())))
    assert [(line["agency"], line["outcome"], line["edition_year"]) for line in lines] == [
        ("Information Agency", "winner", "2024")
    ]
    assert {line["category"] for line in lines} == {"C7-E-government"}

    # 3. The project of that line, and where it could apply: the upcoming edition's e-government category.
    rows.first.locator(f"a[href='/en/projects/{project.slug}/']").click()
    expect(page).to_have_url(f"{base}/en/projects/{project.slug}/")
    suggestion = page.locator(f"#where-it-could-apply li.suggestion[data-edition='{upcoming.pk}']")
    expect(suggestion).to_have_count(1)
    expect(suggestion).to_have_attribute("data-category", "C7-E-government")
    expect(suggestion.locator("[data-reason='action_line']")).to_contain_text("C7.1")
    suggestion.locator(f"a[href='/en/awards/editions/{upcoming.pk}/']").click()
    expect(page.locator(f"#projects-that-could-apply li[data-project='{project.slug}']")).to_have_count(1)
