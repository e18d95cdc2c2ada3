"""The grant report pages: a contact reports its agency's grants (draft → submitted), an admin sees every agency's."""

import datetime as dt
from decimal import Decimal

import pytest
from django.contrib import messages
from django.urls import reverse

from funds.models import Grant
from portal.models import ReviewState
from tests import factories
from tests.queries import LARGE, SMALL, count_queries

LIST = "/tr/funds/reports/"
CREATE = "/tr/funds/reports/new/"


def edit_url(grant) -> str:
    return f"/tr/funds/reports/{grant.pk}/edit/"


def submit_url(grant) -> str:
    return f"/tr/funds/reports/{grant.pk}/submit/"


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


@pytest.fixture
def grant_b(agency_b, koica):
    return make_grant(agency_b, koica, amount=Decimal("500000"))


def form_data(grant=None, **changes) -> dict:
    data = {}
    if grant is not None:
        data = {
            "funder": grant.funder_id,
            "programme": grant.programme_id or "",
            "project": grant.project_id or "",
            "amount": str(grant.amount),
            "currency": grant.currency,
            "signed_on": grant.signed_on.isoformat() if grant.signed_on else "",
            "duration_months": grant.duration_months or "",
            "purpose_tr": grant.purpose_tr or "",
            "purpose_en": grant.purpose_en or "",
            "source_url": grant.source_url,
        }
    return {**data, **changes}


def message_levels(response) -> list[int]:
    return [m.level for m in messages.get_messages(response.wsgi_request)]


def listed(client, url=LIST) -> list[tuple[int, bool]]:
    return [(grant.pk, may_change) for grant, may_change in client.get(url).context["rows"]]


def test_pages_require_login(client, grant_a):
    for url in (LIST, CREATE, edit_url(grant_a)):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))
    assert client.post(submit_url(grant_a)).status_code == 302
    grant_a.refresh_from_db()
    assert grant_a.review_state == ReviewState.DRAFT


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
    shared.partner_agencies.add(agency_a)
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


def test_contact_cannot_see_or_change_another_agencys_grant(client, contact_b, grant_a):
    client.force_login(contact_b.user)
    assert client.get(edit_url(grant_a)).status_code == 404
    assert client.post(edit_url(grant_a), form_data(grant_a, amount="1")).status_code == 404
    assert client.post(submit_url(grant_a)).status_code == 404
    grant_a.refresh_from_db()
    assert (grant_a.amount, grant_a.review_state) == (Decimal("3700000"), ReviewState.DRAFT)
    assert listed(client) == []


def test_published_grants_of_others_are_not_in_the_reports(client_a, grant_a, grant_b):
    grant_b.review_state = ReviewState.PUBLISHED
    grant_b.save()
    assert listed(client_a) == [(grant_a.pk, True)]
    assert client_a.get(edit_url(grant_b)).status_code == 404


def test_submit_moves_a_draft_to_review(client_a, grant_a):
    page = client_a.get(LIST).content.decode()
    assert f'action="{submit_url(grant_a)}"' in page

    assert client_a.get(submit_url(grant_a)).status_code == 405
    response = client_a.post(submit_url(grant_a))
    assert response.status_code == 302
    assert response["Location"] == LIST
    assert message_levels(response) == [messages.SUCCESS]
    grant_a.refresh_from_db()
    assert grant_a.review_state == ReviewState.SUBMITTED
    assert f'action="{submit_url(grant_a)}"' not in client_a.get(LIST).content.decode()

    # Only a draft is submitted: a second submission is refused with a message, the state stays.
    response = client_a.post(submit_url(grant_a))
    assert message_levels(response) == [messages.ERROR]
    grant_a.refresh_from_db()
    assert grant_a.review_state == ReviewState.SUBMITTED


@pytest.mark.parametrize("state", [ReviewState.SUBMITTED, ReviewState.PUBLISHED])
def test_changing_a_submitted_or_published_grant_makes_it_a_draft_again(client_a, grant_a, state):
    grant_a.review_state = state
    grant_a.save()
    assert f'data-review-state="{state}"' in client_a.get(edit_url(grant_a)).content.decode()
    response = client_a.post(
        edit_url(grant_a), form_data(grant_a, amount="3800000", review_state=ReviewState.PUBLISHED)
    )
    assert response.status_code == 302
    grant_a.refresh_from_db()
    assert (grant_a.amount, grant_a.review_state) == (Decimal("3800000"), ReviewState.DRAFT)


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


def test_admin_sees_every_agency_and_filters_by_state(admin_client_wg, grant_a, grant_b):
    grant_b.review_state = ReviewState.SUBMITTED
    grant_b.save()
    rows = listed(admin_client_wg)
    assert sorted(rows) == sorted([(grant_a.pk, True), (grant_b.pk, True)])
    assert listed(admin_client_wg, f"{LIST}?state=submitted") == [(grant_b.pk, True)]
    assert listed(admin_client_wg, f"{LIST}?state=draft") == [(grant_a.pk, True)]
    response = admin_client_wg.get(f"{LIST}?state=nonsense")
    assert response.context["rows"] == []
    assert list(response.context["filter"].form.errors) == ["state"]


def test_admin_reports_for_the_agency_it_chooses_and_keeps_the_state(admin_client_wg, agency_b, koica, grant_a):
    form = admin_client_wg.get(CREATE).context["form"]
    assert "agency" in form.fields
    data = form_data(funder=koica.pk, amount="10", currency="USD")
    assert admin_client_wg.post(CREATE, data).status_code == 200  # no agency chosen
    assert Grant.objects.count() == 1
    assert admin_client_wg.post(CREATE, {**data, "agency": agency_b.pk}).status_code == 302
    assert Grant.objects.exclude(pk=grant_a.pk).get().agency == agency_b

    grant_a.review_state = ReviewState.PUBLISHED
    grant_a.save()
    response = admin_client_wg.post(
        edit_url(grant_a), form_data(grant_a, agency=grant_a.agency_id, duration_months="24")
    )
    assert response.status_code == 302
    grant_a.refresh_from_db()
    assert (grant_a.duration_months, grant_a.review_state) == (24, ReviewState.PUBLISHED)


def test_user_without_an_agency_cannot_report(client, grant_a):
    client.force_login(factories.UserFactory())
    assert client.get(CREATE).status_code == 403
    response = client.get(LIST)
    assert response.context["can_report"] is False
    assert response.context["rows"] == []
    assert client.get(edit_url(grant_a)).status_code == 404


def test_my_agency_links_to_the_reports(client_a):
    body = client_a.get(reverse("accounts:my_agency")).content.decode()
    assert f'href="{LIST}"' in body
    assert f'href="{CREATE}"' in body


# --- Query count ----------------------------------------------------------------------------------


def add_grants(count: int, start: int, agency_a, agency_b) -> None:
    """`count` grants of their own funders, half of each agency, with programmes and projects on some."""
    for n in range(start, start + count):
        agency = agency_a if n % 2 else agency_b
        funder = factories.FunderFactory(
            slug=f"funder-{n:03}", name=f"Fon {n}", name_en=f"Fund {n}", kind="foundation", website="https://f.example"
        )
        programme = factories.FundingProgrammeFactory(funder=funder, slug=f"programme-{n:03}", name_en=f"P{n}")
        project = factories.ProjectFactory(agency=agency, slug=f"funded-{n:03}", published=n % 3 == 0)
        make_grant(
            agency,
            funder,
            review_state=[ReviewState.DRAFT, ReviewState.SUBMITTED, ReviewState.PUBLISHED][n % 3],
            programme=programme if n % 2 else None,
            project=project if n % 4 else None,
            amount=Decimal(1000 + n),
        )


@pytest.mark.parametrize("role", ["contact_a", "admin"])
def test_query_count_of_the_list_is_constant(
    client, contact_a, wg_admin, agency_b, django_assert_max_num_queries, role
):
    client.force_login(contact_a.user if role == "contact_a" else wg_admin)
    add_grants(SMALL, 0, contact_a.agency, agency_b)
    client.get(LIST)  # warm per-process caches (content types, translations) before counting
    small, response = count_queries(client, LIST)
    shown_small = len(response.context["rows"])

    add_grants(LARGE - SMALL, SMALL, contact_a.agency, agency_b)
    with django_assert_max_num_queries(small):
        response = client.get(LIST)
    large, response = count_queries(client, LIST)
    assert large == small, f"{small} queries with {SMALL} grants, {large} with {LARGE}"
    assert len(response.context["rows"]) > shown_small
