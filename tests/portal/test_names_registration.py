"""The registration form's agency: a name typed (no list of every agency), resolved without JavaScript; several
agencies of that name are offered as radio buttons; the invitation link still chooses the agency."""

import pytest
from django.utils import translation

from portal.models import Contact
from tests import factories

pytestmark = pytest.mark.django_db

REGISTER_URL = "/en/accounts/register/"


def test_registering_with_the_agency_s_name_in_another_language(client):
    agency = factories.AgencyFactory(slug="btk", name="Bilgi Teknolojileri ve İletişim Kurumu", acronym="BTK")
    agency.name_ru = "Управление информационных технологий"
    agency.save()
    response = client.post(REGISTER_URL, factories.registration_data(agency, agency="Управление информационных"))
    assert response.status_code == 302
    assert Contact.objects.get(email="x@a.gov.tr").agency == agency


def test_registering_with_the_acronym(client):
    agency = factories.AgencyFactory(name="Bilgi Teknolojileri ve İletişim Kurumu", acronym="BTK")
    assert client.post(REGISTER_URL, factories.registration_data(agency, agency="btk")).status_code == 302
    assert Contact.objects.get().agency == agency


def test_the_page_lists_no_agency(client):
    factories.AgencyFactory.create_batch(30)
    html = client.get(REGISTER_URL).content.decode()
    assert '<option value="' not in html.split('id="id_agency"')[1].split("</div>")[0]
    assert 'data-autocomplete="agency"' in html
    assert 'role="combobox"' not in html  # the script adds it: without JavaScript a plain text field


def test_an_ambiguous_name_offers_the_agencies_as_radio_buttons(client):
    first = factories.AgencyFactory(slug="ict-kg", name="ICT Agency", name_en="ICT Agency", country="KG")
    second = factories.AgencyFactory(slug="ict-az", name="ICT Agency", name_en="ICT Agency", country="AZ")
    data = factories.registration_data(first, agency="ICT Agency")
    response = client.post(REGISTER_URL, data)
    assert response.status_code == 200
    assert not Contact.objects.exists()
    html = response.content.decode()
    assert html.count('type="radio" name="agency_choice"') == 2
    assert 'value="ict-kg"' in html and 'value="ict-az"' in html
    assert "fits more than one" in str(response.context["form"].errors["agency"])
    # Choosing one (by keyboard: a radio button and the submit button) registers with it.
    response = client.post(REGISTER_URL, {**data, "agency_choice": "ict-az"})
    assert response.status_code == 302
    assert Contact.objects.get().agency == second


def test_a_misspelt_name_suggests_and_registers_nothing(client):
    agency = factories.AgencyFactory(slug="soros-kg", name="Soros Foundation Kyrgyzstan", name_en="")
    response = client.post(REGISTER_URL, factories.registration_data(agency, agency="Sorros Foundation"))
    assert response.status_code == 200
    assert response.context["form"].errors["agency"] == [
        "No agency is named “Sorros Foundation”. Did you mean: Soros Foundation Kyrgyzstan (soros-kg)?"
    ]
    assert 'name="agency_choice" id="id_agency_choice_1" value="soros-kg"' in response.content.decode()
    assert not Contact.objects.exists()


def test_the_invitation_link_fills_in_the_agency_s_name(client):
    agency = factories.AgencyFactory(slug="lonely", name="Yalnız Bakanlık", name_en="Lonely Ministry")
    response = client.get(REGISTER_URL, {"agency": "lonely"})
    with translation.override("en"):
        assert response.context["form"]["agency"].value() == "Lonely Ministry"
    assert 'value="Lonely Ministry"' in response.content.decode()
    data = factories.registration_data(agency, agency="Lonely Ministry")
    assert client.post(REGISTER_URL, data).status_code == 302
