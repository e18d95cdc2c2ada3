"""End to end in Debian's Chromium: register, confirm by e-mail (choosing the password), submit a project, publish it, see it in tr and fa."""

import re

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import Page, expect

from portal.models import Contact, Project, ReviewState
from tests import factories

# A fixed, well-known place so a person can look at the Persian page after a run.
FA_SCREENSHOT = "/tmp/fa-projects.png"  # noqa: S108

EMAIL = "deniz.yilmaz@bilgi.gov.tr"
PASSWORD = "Tanitim-Portali-2025!"
TITLE_TR = "Şehir Veri Platformu Çağrı Merkezi"
SUMMARY_TR = "Belediyelerin açık verilerini tek yerde toplayan platform."


def _log_in(page: Page, url: str, email: str, password: str) -> None:
    page.goto(url)
    page.locator("#id_username").fill(email)
    page.locator("#id_password").fill(password)
    page.locator("form:has(#id_password) [type=submit]").click()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_register_confirm_submit_publish_and_list_in_tr_and_fa(browser_page: Page, live_server, settings, mailoutbox):
    settings.SITE_URL = live_server.url
    base = live_server.url
    page = browser_page

    agency = factories.AgencyFactory(slug="bilgi", name="Bilgi Ajansı", name_en="Information Agency")
    factories.AgencyDomainFactory(agency=agency, domain="bilgi.gov.tr")
    admin = factories.admin_user(email="wg.admin@portal.example")

    # 1. Register as an agency contact.
    page.goto(f"{base}/tr/accounts/register/")
    page.locator("#id_name").fill("Deniz Yılmaz")
    page.locator("#id_email").fill(EMAIL)
    page.locator("#id_agency").fill(agency.slug)
    page.locator("#id_title").fill("Daire Başkanı")
    page.locator("#id_language").select_option(value="tr")
    page.locator("#id_time_zone").select_option(value="Europe/Istanbul")
    page.locator("form:has(#id_time_zone) [type=submit]").click()
    expect(page).to_have_url(f"{base}/tr/accounts/register/done/")
    assert not get_user_model().objects.get(username=EMAIL).is_active

    # 2. Open the confirmation link from the mail's text body.
    assert [m.to for m in mailoutbox] == [[EMAIL]]
    match = re.search(re.escape(base) + r"/tr/accounts/confirm/[^/\s]+/", mailoutbox[0].body)
    assert match, mailoutbox[0].body
    page.goto(match.group(0))
    # Its page: the owner of the mailbox chooses the password.
    page.locator("#id_new_password1").fill(PASSWORD)
    page.locator("#id_new_password2").fill(PASSWORD)
    page.locator("form:has(#id_new_password2) [type=submit]").click()
    expect(page.locator("main a[href='/tr/accounts/login/']")).to_be_visible()
    contact = Contact.objects.get(email=EMAIL)
    assert contact.confirmed_at is not None
    assert contact.approved_at is not None  # verified domain: active at once
    assert get_user_model().objects.get(username=EMAIL).is_active

    # 3. Log in and add a project.
    _log_in(page, f"{base}/tr/accounts/login/", EMAIL, PASSWORD)
    expect(page).to_have_url(f"{base}/tr/accounts/my-agency/")
    page.goto(f"{base}/tr/projects/new/")
    page.locator("#id_title_tr").fill(TITLE_TR)
    page.locator("#id_summary_tr").fill(SUMMARY_TR)
    page.locator("input[name=action_lines]").first.check()
    page.locator("form:has(#id_title_tr) [type=submit]").click()
    expect(page).to_have_url(re.compile(re.escape(base) + r"/tr/projects/[a-z0-9-]+/$"))
    project = Project.objects.get(title_tr=TITLE_TR)
    assert page.url == f"{base}/tr/projects/{project.slug}/"
    assert project.agency == agency
    assert project.reported_by == contact.user
    assert project.action_lines.count() == 1
    assert project.review_state == ReviewState.DRAFT
    expect(page.locator("h1")).to_have_text(TITLE_TR)

    # 4. Submit it for review from the detail page.
    submit_form = page.locator(f"form[action='/tr/projects/{project.slug}/submit/']")
    submit_form.locator("[type=submit]").click()
    expect(submit_form).to_have_count(0)  # only drafts show the button
    project.refresh_from_db()
    assert project.review_state == ReviewState.SUBMITTED
    assert project.submitted_by == contact.user

    # Not public yet.
    page.goto(f"{base}/tr/projects/")
    expect(page.locator(f"a[href='/tr/projects/{project.slug}/']")).to_have_count(0)

    # 5. Log out with the header's POST form.
    page.locator("header form[action='/tr/accounts/logout/'] [type=submit]").click()
    expect(page.locator("header a[href='/tr/accounts/login/']")).to_be_visible()

    # 6. A working-group admin publishes it from the back-office.
    _log_in(page, f"{base}/admin/login/?next=/admin/", admin.email, factories.PASSWORD)
    expect(page).to_have_url(f"{base}/admin/")
    page.goto(f"{base}/admin/portal/project/")
    page.locator(f"input[name=_selected_action][value='{project.pk}']").check()
    page.locator("select[name=action]").select_option(value="publish")
    page.locator("button[name=index]").click()
    expect(page.locator("ul.messagelist li.success")).to_be_visible()
    project.refresh_from_db()
    assert project.review_state == ReviewState.PUBLISHED
    assert project.published_at is not None

    # The contact is told, in their language, with the link to the public page.
    published_mails = [m for m in mailoutbox[1:] if m.to == [EMAIL]]
    assert len(published_mails) == 1
    assert f"{base}/tr/projects/{project.slug}/" in published_mails[0].body
    assert TITLE_TR in published_mails[0].body

    # 7. On the public list in Turkish (left to right) and in Persian (right to left).
    page.goto(f"{base}/tr/projects/")
    html = page.locator("html")
    expect(html).to_have_attribute("lang", "tr")
    expect(html).to_have_attribute("dir", "ltr")
    expect(page.locator(f"main a[href='/tr/projects/{project.slug}/']")).to_have_text(TITLE_TR)

    page.goto(f"{base}/fa/projects/")
    expect(html).to_have_attribute("lang", "fa")
    expect(html).to_have_attribute("dir", "rtl")
    link = page.locator(f"main a[href='/fa/projects/{project.slug}/']")
    expect(link).to_have_text(TITLE_TR)  # no Persian title: falls back to Turkish
    assert page.evaluate("getComputedStyle(document.querySelector('main')).direction") == "rtl"
    page.screenshot(path=FA_SCREENSHOT, full_page=True)
