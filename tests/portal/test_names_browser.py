"""The name combobox by keyboard only in Debian's Chromium: type, ArrowDown, Enter fills the field, and the
registration goes through with it."""

import pytest
from playwright.sync_api import Page, expect

from portal.models import Contact
from tests import factories


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_agency_combobox_works_by_keyboard_only(browser_page: Page, live_server):
    agency = factories.AgencyFactory(
        slug="btk", name="Bilgi Teknolojileri ve İletişim Kurumu", name_en="ICT Authority", acronym="BTK"
    )
    factories.AgencyFactory(slug="other", name="Sayıştay", name_en="Court of Accounts")
    page = browser_page
    page.goto(f"{live_server.url}/en/accounts/register/")
    field = page.locator("#id_agency")
    expect(field).to_have_attribute("role", "combobox")
    expect(field).to_have_attribute("aria-expanded", "false")
    page.locator("#id_name").fill("Deniz Yılmaz")
    page.locator("#id_email").fill("deniz@btk.gov.tr")
    field.focus()
    page.keyboard.type("Bilgi")
    listbox = page.locator("#id_agency-listbox")
    expect(field).to_have_attribute("aria-expanded", "true")
    expect(listbox.locator("[role=option]")).to_have_count(1)
    expect(page.locator(".combobox [role=status]")).to_contain_text("1")
    page.keyboard.press("ArrowDown")
    expect(field).to_have_attribute("aria-activedescendant", "id_agency-option-0")
    expect(listbox.locator("[role=option]").first).to_have_attribute("aria-selected", "true")
    page.keyboard.press("Enter")
    expect(field).to_have_value("ICT Authority")
    expect(field).to_have_attribute("aria-expanded", "false")
    # Escape on a closed list clears the field (the pattern's behaviour); type again and take it again.
    page.keyboard.press("Escape")
    expect(field).to_have_value("")
    page.keyboard.type("btk")
    expect(field).to_have_attribute("aria-expanded", "true")
    expect(listbox.locator("[role=option]")).to_have_count(1)
    page.keyboard.press("ArrowDown")
    expect(field).to_have_attribute("aria-activedescendant", "id_agency-option-0")
    page.keyboard.press("Enter")
    expect(field).to_have_value("ICT Authority")
    page.locator("form:has(#id_time_zone) [type=submit]").press("Enter")
    expect(page).to_have_url(f"{live_server.url}/en/accounts/register/done/")
    assert Contact.objects.get(email="deniz@btk.gov.tr").agency == agency
