"""In Debian's Chromium: find the funding calls an agency is eligible for, open one, see its deadline in the
funder's zone and in the viewer's."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation
from playwright.sync_api import Page, expect

from portal.moments import format_moment
from tests import factories


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_find_the_calls_an_agency_could_apply_to_and_see_a_deadline_in_both_zones(
    browser_page: Page,
    live_server,
):
    page = browser_page
    base = live_server.url
    ministry = factories.AgencyFactory(slug="bilgi", name="Bilgi Bakanlığı", name_en="Ministry of Information")
    factories.AgencyFactory(slug="kampus", name="Kampüs", name_en="Campus University", kind="university")
    koica = factories.FunderFactory(slug="koica", name="KOICA", country="KR")
    for_ministries = factories.FundingProgrammeFactory(
        funder=koica, slug="koica-egov", name="E-devlet", name_en="E-government", eligible_agency_kinds=["ministry"]
    )
    for_universities = factories.FundingProgrammeFactory(
        funder=koica, slug="koica-campus", name="Kampüs", name_en="Campus", eligible_agency_kinds=["university"]
    )
    seoul = factories.FundingCallFactory(
        programme=for_ministries,
        title="E-devlet merkezi",
        title_en="E-government centre",
        days=20,
        deadline_time=dt.time(17, 0),
        tz="Asia/Seoul",
    )
    campus = factories.FundingCallFactory(
        programme=for_universities, title="Kampüs", title_en="Campus labs", deadline=seoul.deadline, tz="Asia/Seoul"
    )

    # 1. Every open call, then only those the ministry could apply to, with the reasons.
    page.goto(f"{base}/en/funds/calls/")
    expect(page.locator("li.call")).to_have_count(2)
    page.locator("#id_agency").fill(ministry.slug)
    page.locator("form.filter-form [type=submit]").click()
    assert f"agency={ministry.slug}" in page.url
    calls = page.locator("li.call")
    expect(calls).to_have_count(1)
    expect(calls.first).to_have_attribute("data-call", str(seoul.pk))
    expect(page.locator(f"li.call[data-call='{campus.pk}']")).to_have_count(0)
    expect(calls.first.locator("[data-reason='agency_kind']")).to_have_count(1)

    # 2. The call's page: its deadline in Seoul and in the portal's zone (Istanbul), and the days left.
    calls.first.locator(f"a[href='/en/funds/calls/{seoul.pk}/']").click()
    expect(page).to_have_url(f"{base}/en/funds/calls/{seoul.pk}/")
    due_at = dt.datetime.combine(seoul.deadline, dt.time(17, 0), tzinfo=ZoneInfo("Asia/Seoul"))
    with translation.override("en"):
        in_seoul, in_istanbul = format_moment(due_at, "Asia/Seoul"), format_moment(due_at, "Europe/Istanbul")
    expect(page.locator("dd[data-zone='Asia/Seoul']")).to_have_text(in_seoul)
    expect(page.locator("dd[data-zone='Europe/Istanbul']")).to_have_text(in_istanbul)
    expect(page.locator("dd[data-time-left]")).not_to_be_empty()
    expect(page.locator(f"#eligible-agencies li[data-agency='{ministry.slug}']")).to_have_count(1)
    expect(page.locator("#eligible-agencies li[data-agency='kampus']")).to_have_count(0)
