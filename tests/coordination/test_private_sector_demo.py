"""The private sector's demo data: made-up companies, marked demo, with contributions to the demo's event and
project, a problem and two incentives; loading it twice changes nothing."""

import io

import pytest
from django.core.management import call_command

from coordination.private_sector import demo
from coordination.private_sector.models import Contribution, Incentive, Problem
from portal.demo import area_loaders
from portal.models import Agency, ReviewState

pytestmark = pytest.mark.django_db


def test_the_demo_loader_is_registered():
    assert demo.load in area_loaders()


def test_demo_loads_marked_companies_contributions_problem_and_incentives(client):
    call_command("load_demo", stdout=io.StringIO())
    companies = Agency.objects.filter(kind="company", company_profile__is_demo=True)
    assert companies.count() == 3
    assert all("(demo)" in name for name in companies.values_list("name_en", flat=True))
    contributions = Contribution.objects.filter(is_demo=True, review_state=ReviewState.PUBLISHED)
    assert set(contributions.values_list("kind", flat=True)) == {"sponsorship", "exhibition_stand", "expertise"}
    assert contributions.get(kind="sponsorship").event.slug == "wsis-forum-2026"
    expertise = contributions.get(kind="expertise")
    assert expertise.project.review_state == ReviewState.PUBLISHED
    problem = Problem.objects.get(is_demo=True)
    assert (problem.category, problem.review_state) == ("payment_delays", ReviewState.PUBLISHED)
    assert list(problem.agencies_concerned.values_list("slug", flat=True)) == ["hmb"]
    incentives = Incentive.objects.filter(is_demo=True)
    assert incentives.count() == 2
    assert all("(demo)" in title for title in incentives.values_list("title_en", flat=True))
    counts = (Agency.objects.count(), Contribution.objects.count(), Problem.objects.count(), Incentive.objects.count())
    updated = sorted(Contribution.objects.values_list("updated_at", flat=True))
    call_command("load_demo", stdout=io.StringIO())
    assert counts == (
        Agency.objects.count(),
        Contribution.objects.count(),
        Problem.objects.count(),
        Incentive.objects.count(),
    )
    assert sorted(Contribution.objects.values_list("updated_at", flat=True)) == updated
    html = client.get("/en/coordination/cooperation/").content.decode()
    assert 'data-total="3"' in html
