"""The grant report pages, what is a grant's own: its fields, the money rules, programmes grouped by funder, the
project an agency may name, the link from "my agency". Who opens what, the review states, admins and the query count
are every kind's: tests/portal/test_report_pages.py."""

import datetime as dt
from decimal import Decimal

import pytest
from django.contrib import messages
from django.urls import reverse

from funds.models import Grant
from portal.models import ReviewState
from tests import factories

LIST = "/tr/funds/reports/"
CREATE = "/tr/funds/reports/new/"


def edit_url(grant) -> str:
    return f"/tr/funds/reports/{grant.pk}/edit/"


@pytest.fixture
def koica():
    return factories.FunderFactory(
        slug="koica",
        name="Kore Uluslararası İşbirliği Ajansı",
        name_en="Korea International Cooperation Agency",
        acronym="KOICA",
        country="KR",
        website="https://www.koica.go.kr",
    )


@pytest.fixture
def world_bank():
    return factories.FunderFactory(
        slug="world-bank", name="Dünya Bankası", name_en="World Bank", kind="multilateral", website="https://wb.example"
    )


@pytest.fixture
def koica_programme(koica):
    return factories.FundingProgrammeFactory(funder=koica, slug="koica-projects", name_en="Project aid")


@pytest.fixture
def bank_programme(world_bank):
    return factories.FundingProgrammeFactory(funder=world_bank, slug="bank-digital", name_en="Digital development")


@pytest.fixture
def project_a(agency_a):
    return factories.ProjectFactory(agency=agency_a, slug="a-centre", published=True)


@pytest.fixture
def project_b(agency_b):
    return factories.ProjectFactory(agency=agency_b, slug="b-centre", published=True)


def make_grant(agency, funder, **fields) -> Grant:
    """A draft of 3,700,000 USD signed on 18 April 2013, unless told."""
    values = {"amount": Decimal("3700000"), "currency": "USD", "signed_on": dt.date(2013, 4, 18), **fields}
    return factories.GrantFactory(agency=agency, funder=funder, **values)


@pytest.fixture
def grant_a(agency_a, koica):
    return make_grant(agency_a, koica, purpose_en="E-government education centre")


form_data = factories.grant_report_data  # the form as a grant stands, with changes


def message_levels(response) -> list[int]:
    return [m.level for m in messages.get_messages(response.wsgi_request)]


def listed(client, url=LIST) -> list[tuple[int, bool]]:
    return [(grant.pk, may_change) for grant, may_change in client.get(url).context["rows"]]


def test_contact_reports_a_draft_for_its_own_agency(client_a, contact_a, agency_b, koica, koica_programme, project_a):
    form = client_a.get(CREATE).context["form"]
    assert "agency" not in form.fields
    assert {"purpose_tr", "purpose_en"} <= set(form.fields)

    # An agency in the form is not read from a contact: its grant is its own agency's.
    data = form_data(
        agency=agency_b.pk,
        funder=koica.pk,
        programme=koica_programme.pk,
        project=project_a.pk,
        amount="3700000.00",
        currency="USD",
        signed_on="2013-04-18",
        duration_months="24",
        purpose_tr="e-Devlet eğitim merkezi",
        purpose_en="E-government education centre",
        source_url="https://www.koica.go.kr/news/1",
    )
    response = client_a.post(CREATE, data)
    assert response.status_code == 302
    assert response["Location"] == LIST
    assert message_levels(response) == [messages.SUCCESS]
    grant = Grant.objects.get()
    assert (grant.agency, grant.review_state, grant.reported_by, grant.imported) == (
        contact_a.agency,
        ReviewState.DRAFT,
        contact_a.user,
        False,
    )
    assert (grant.funder, grant.programme, grant.project) == (koica, koica_programme, project_a)
    assert (grant.amount, grant.currency, grant.signed_on, grant.duration_months) == (
        Decimal("3700000"),
        "USD",
        dt.date(2013, 4, 18),
        24,
    )
    assert (grant.purpose_tr, grant.purpose_en) == ("e-Devlet eğitim merkezi", "E-government education centre")
    assert listed(client_a) == [(grant.pk, True)]


def test_programmes_are_grouped_by_funder(client_a, koica_programme, bank_programme):
    body = client_a.get(CREATE).content.decode()
    assert body.count("<optgroup ") == 2
    assert 'name="currency"' in body
    assert '<option value="KRW">' in body


def test_programme_of_another_funder_is_a_field_error(client_a, koica, bank_programme):
    response = client_a.post(
        CREATE, form_data(funder=koica.pk, programme=bank_programme.pk, amount="10", currency="USD")
    )
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["programme"]
    assert not Grant.objects.exists()


def test_project_is_the_agencys_own_or_one_it_is_a_partner_in(client_a, agency_a, koica, project_a, project_b):
    shared = factories.ProjectFactory(agency=project_b.agency, slug="b-shared", published=True)
    factories.partners(shared, agency_a)
    form = client_a.get(CREATE).context["form"]
    assert set(form.fields["project"].queryset) == {project_a, shared}

    response = client_a.post(CREATE, form_data(funder=koica.pk, project=project_b.pk, amount="10", currency="USD"))
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["project"]
    assert not Grant.objects.exists()

    assert (
        client_a.post(CREATE, form_data(funder=koica.pk, project=shared.pk, amount="10", currency="USD")).status_code
        == 302
    )
    assert Grant.objects.get().project == shared


@pytest.mark.parametrize(
    ("amount", "currency", "field"),
    [
        ("-100", "USD", "amount"),  # negative
        ("0", "USD", "amount"),  # not above zero
        ("1000", "ZZZ", "currency"),  # not an ISO 4217 code
        ("1000", "XAU", "currency"),  # gold is not money a grant is paid in
        ("1000.5", "KRW", "amount"),  # the won has no decimals
        ("10.125", "USD", "amount"),  # the dollar has two
    ],
)
def test_money_errors_are_field_errors_and_nothing_is_saved(client_a, koica, grant_a, amount, currency, field):
    response = client_a.post(CREATE, form_data(funder=koica.pk, amount=amount, currency=currency))
    assert response.status_code == 200
    assert list(response.context["form"].errors) == [field]
    assert Grant.objects.count() == 1

    response = client_a.post(edit_url(grant_a), form_data(grant_a, amount=amount, currency=currency))
    assert response.status_code == 200
    assert list(response.context["form"].errors) == [field]
    grant_a.refresh_from_db()
    assert (grant_a.amount, grant_a.currency) == (Decimal("3700000"), "USD")


def test_whole_won_and_fils_are_accepted(client_a, koica):
    assert client_a.post(CREATE, form_data(funder=koica.pk, amount="4000000000", currency="KRW")).status_code == 302
    assert client_a.post(CREATE, form_data(funder=koica.pk, amount="12.5", currency="EUR")).status_code == 302
    assert sorted(Grant.objects.values_list("currency", "amount")) == [
        ("EUR", Decimal("12.5")),
        ("KRW", Decimal("4000000000")),
    ]


def test_my_agency_links_to_the_reports(client_a):
    body = client_a.get(reverse("accounts:my_agency")).content.decode()
    assert f'href="{LIST}"' in body
    assert f'href="{CREATE}"' in body
