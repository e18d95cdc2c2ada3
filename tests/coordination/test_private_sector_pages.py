"""The private sector's public pages: partners, a partner, contributions (with their downloads), problems,
incentives and the public–private cooperation figures — published records only, drafts and submitted ones never."""

import csv
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from coordination.private_sector import selectors
from portal.models import ReviewState
from tests import factories
from tests.queries import LARGE, SMALL, count_queries

pytestmark = pytest.mark.django_db

PARTNERS = "/tr/coordination/partners/"
CONTRIBUTIONS = "/en/coordination/contributions/"
PROBLEMS = "/en/coordination/problems/"
INCENTIVES = "/en/coordination/incentives/"
COOPERATION = "/en/coordination/cooperation/"


@pytest.fixture
def company():
    return factories.CompanyFactory(slug="ornek", name="Örnek A.Ş.", name_en="Ornek Inc.")


@pytest.fixture
def event():
    return factories.EventFactory(slug="forum-2026", name="Forum 2026", name_en="Forum 2026")


def contribution(company, event, state=ReviewState.PUBLISHED, **fields):
    published = {"published_at": "2026-02-01T10:00Z"} if state == ReviewState.PUBLISHED else {}
    return factories.ContributionFactory(agency=company, event=event, review_state=state, **published, **fields)


def test_partner_list_shows_companies_with_their_published_contributions_only(client, company, event):
    published = contribution(company, event, kind="sponsorship")
    draft = contribution(company, event, ReviewState.DRAFT, kind="expertise")
    submitted = contribution(company, event, ReviewState.SUBMITTED, kind="in_kind")
    ministry = factories.AgencyFactory(slug="ministry-x")
    response = client.get(PARTNERS)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-partner="ornek"' in html
    assert 'data-partner="ministry-x"' not in html
    assert f'data-contribution="{published.pk}"' in html
    assert f'data-contribution="{draft.pk}"' not in html
    assert f'data-contribution="{submitted.pk}"' not in html
    assert 'data-sector="software"' in html
    assert ministry.kind != "company"


def test_partner_page_and_unknown_or_non_company(client, company, event):
    published = contribution(company, event)
    draft = contribution(company, event, ReviewState.DRAFT)
    problem = factories.ProblemFactory(agency=company, published=True)
    hidden = factories.ProblemFactory(agency=company, review_state=ReviewState.SUBMITTED)
    response = client.get("/en/coordination/partners/ornek/")
    html = response.content.decode()
    assert response.status_code == 200
    assert f'data-contribution="{published.pk}"' in html
    assert f'data-contribution="{draft.pk}"' not in html
    assert f'data-problem="{problem.pk}"' in html
    assert f'data-problem="{hidden.pk}"' not in html
    factories.AgencyFactory(slug="a-ministry")
    assert client.get("/en/coordination/partners/a-ministry/").status_code == 404
    assert client.get("/en/coordination/partners/nobody/").status_code == 404


def test_contribution_list_filters_and_hides_unpublished(client, company, event):
    other = factories.CompanyFactory(slug="deneme", company_profile__sector="telecom")
    project = factories.ProjectFactory(slug="p-published", published=True)
    sponsorship = contribution(company, event, kind="sponsorship", year=2025)
    expertise = factories.ContributionFactory(
        agency=other, event=None, project=project, kind="expertise", year=2026, published=True
    )
    draft = contribution(company, event, ReviewState.DRAFT, year=2025)
    html = client.get(CONTRIBUTIONS).content.decode()
    assert f'data-contribution="{sponsorship.pk}"' in html
    assert f'data-contribution="{expertise.pk}"' in html
    assert f'data-contribution="{draft.pk}"' not in html
    html = client.get(CONTRIBUTIONS + "?sector=telecom").content.decode()
    assert f'data-contribution="{expertise.pk}"' in html
    assert f'data-contribution="{sponsorship.pk}"' not in html
    html = client.get(CONTRIBUTIONS + "?year=2025&company=ornek&target=event").content.decode()
    assert f'data-contribution="{sponsorship.pk}"' in html
    assert f'data-contribution="{expertise.pk}"' not in html
    response = client.get(CONTRIBUTIONS + "?year=99999")
    assert response.status_code == 200
    assert "data-contribution=" not in response.content.decode()


def test_csv_and_xlsx_hold_exactly_the_filtered_published_contributions(client, company, event):
    kept = contribution(company, event, kind="sponsorship", year=2025, amount=Decimal("1500.50"), currency="EUR")
    contribution(company, event, kind="expertise", year=2025)
    contribution(company, event, ReviewState.SUBMITTED, kind="sponsorship", year=2025)
    kept.description_en = "=HYPERLINK(1)"
    kept.save()
    response = client.get(CONTRIBUTIONS + "?kind=sponsorship&format=csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [(r["company"], r["kind"], r["year"], r["amount"], r["currency"]) for r in rows] == [
        ("ornek", "sponsorship", "2025", "1500.50", "EUR")
    ]
    assert rows[0]["target_type"] == "event"
    assert rows[0]["description_en"] == "'=HYPERLINK(1)"
    response = client.get(CONTRIBUTIONS + "?kind=sponsorship&format=xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = list(sheet.values)
    assert len(values) == 2
    assert values[1][0] == "ornek"


def test_problem_list_published_only_with_filters(client, company):
    ministry = factories.AgencyFactory(slug="hazine")
    problem = factories.ProblemFactory(agency=company, published=True, category="procurement")
    problem.agencies_concerned.set([ministry])
    other = factories.ProblemFactory(agency=company, published=True, category="skills")
    draft = factories.ProblemFactory(agency=company)
    html = client.get(PROBLEMS).content.decode()
    assert f'data-problem="{problem.pk}"' in html
    assert f'data-problem="{other.pk}"' in html
    assert f'data-problem="{draft.pk}"' not in html
    html = client.get(PROBLEMS + "?concerns=hazine&category=procurement&status=open").content.decode()
    assert f'data-problem="{problem.pk}"' in html
    assert f'data-problem="{other.pk}"' not in html


def test_incentive_list_filters_by_sector_and_open(client):
    ministry = factories.AgencyFactory(slug="ticaret")
    export = factories.IncentiveFactory(offered_by=ministry, eligible_sectors=["software", "telecom"])
    everyone = factories.IncentiveFactory()
    closed = factories.IncentiveFactory(is_open=False, eligible_sectors=["hardware"])
    html = client.get(INCENTIVES + "?sector=telecom").content.decode()
    assert f'data-incentive="{export.pk}"' in html
    assert f'data-incentive="{everyone.pk}"' in html
    assert f'data-incentive="{closed.pk}"' not in html
    html = client.get(INCENTIVES + "?is_open=false").content.decode()
    assert f'data-incentive="{closed.pk}"' in html
    assert f'data-incentive="{export.pk}"' not in html
    assert client.get(INCENTIVES + "?is_open=maybe").status_code == 200


def test_cooperation_counts_published_contributions_only(client, company, event):
    contribution(company, event, kind="sponsorship", year=2025, amount=Decimal("100"), currency="EUR")
    contribution(company, event, kind="sponsorship", year=2025, amount=Decimal("50"), currency="EUR")
    contribution(company, event, kind="exhibition_stand", year=2026)
    contribution(company, event, ReviewState.DRAFT, kind="sponsorship", year=2025, amount=Decimal("9"), currency="EUR")
    contribution(company, event, ReviewState.SUBMITTED, kind="expertise", year=2024)
    contribution(company, event, ReviewState.CHANGES_REQUESTED, kind="expertise", year=2026)
    summary = selectors.cooperation_summary()
    assert summary.total == 3
    assert [(row.year, row.total) for row in summary.years] == [(2026, 1), (2025, 2)]
    kinds = [code for code, _label in summary.kinds]
    assert summary.years[1].counts[kinds.index("sponsorship")] == 2
    assert summary.kind_totals[kinds.index("expertise")] == 0
    assert [(m.currency, m.count, m.total) for m in summary.money] == [("EUR", 2, Decimal("150"))]
    response = client.get(COOPERATION)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'data-total="3"' in html
    assert 'data-year="2024"' not in html
    assert 'data-year="2025" data-total="2"' in html
    assert 'data-kind="sponsorship" data-count="2"' in html
    assert 'data-currency="EUR" data-total="150.00"' in html
    assert 'data-chart="years"' in html


def test_cooperation_page_without_contributions(client):
    response = client.get(COOPERATION)
    assert response.status_code == 200
    assert 'data-chart="years"' not in response.content.decode()


def _add(n, start, event):
    for index in range(start, start + n):
        company = factories.CompanyFactory(slug=f"firm-{index}")
        contribution(company, event)
        factories.ProblemFactory(agency=company, published=True).agencies_concerned.set(
            [factories.AgencyFactory(slug=f"concerned-{index}")]
        )
        factories.IncentiveFactory(offered_by=company)


@pytest.mark.parametrize("url", [PARTNERS, CONTRIBUTIONS, PROBLEMS, INCENTIVES, COOPERATION])
def test_lists_run_the_same_number_of_queries_whatever_their_size(client, event, url):
    _add(SMALL, 0, event)
    client.get(url)  # the process's first page warms its caches
    small, _response = count_queries(client, url)
    _add(LARGE - SMALL, SMALL, event)
    large, _response = count_queries(client, url)
    assert large == small, f"{url}: {small} queries with {SMALL} companies, {large} with {LARGE}"


def test_project_page_and_company_profile_show_published_contributions(client, company):
    from django.urls import reverse
    from django.utils import translation

    project = factories.ProjectFactory(slug="p-shown", published=True)
    published = factories.ContributionFactory(
        agency=company, event=None, project=project, kind="expertise", published=True
    )
    draft = factories.ContributionFactory(agency=company, event=None, project=project, kind="in_kind")
    with translation.override("en"):
        project_url = reverse("project_detail", args=[project.slug])
        company_url = reverse("agency_detail", args=[company.slug])
        ministry_url = reverse("agency_detail", args=[project.agency.slug])
    html = client.get(project_url).content.decode()
    assert f'data-contribution="{published.pk}"' in html
    assert f'data-contribution="{draft.pk}"' not in html
    html = client.get(company_url).content.decode()
    assert 'id="agency-contributions"' in html
    assert f'data-contribution="{published.pk}"' in html
    assert f'data-contribution="{draft.pk}"' not in html
    assert 'id="agency-contributions"' not in client.get(ministry_url).content.decode()
