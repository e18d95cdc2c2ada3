"""Public filters of the results inventory look only at published projects: a draft's SDGs and action lines never
make a result match, on the page, its CSV, the figures or the API; once the project is published they do."""

import csv
import io
import re

import pytest

from portal import reviews
from tests import factories

FILTERS = ("sdg=14", "action_line=C7")


@pytest.fixture
def draft_linked(agency_a):
    """Agency A's result (no category, so only its project can match) with a draft project serving SDG 14 under
    action line C7.1."""
    project = factories.ProjectFactory(agency=agency_a, slug="blue-draft", sdgs=[14], action_lines=["C7.1"])
    edition = factories.AwardEditionFactory(year=2024)
    result = factories.award_result(edition, agency_a, None, "winner", project=project)
    return project, result


def _counts(client, query: str) -> dict[str, int]:
    """The number of results each public door counts for `query`."""
    page = client.get(f"/en/awards/results/?{query}").content.decode()
    figures = client.get(f"/en/awards/figures/?{query}").content.decode()
    rows = list(csv.reader(io.StringIO(client.get(f"/en/awards/results/?{query}&format=csv").content.decode())))
    api = client.get(f"/api/v1/awards/results/?{query}").json()
    return {
        "page": int(re.search(r'<p class="count">(\d+) result', page).group(1)),
        "figures": int(re.search(r'<p class="count">(\d+) result', figures).group(1)),
        "csv": len(rows) - 1,
        "api": api["count"],
    }


@pytest.mark.django_db
@pytest.mark.parametrize("condition", FILTERS)
def test_a_draft_projects_attributes_count_nowhere_until_it_is_published(
    client, agency_a, wg_admin, draft_linked, condition
):
    project, _result = draft_linked
    query = f"{condition}&agency={agency_a.slug}"
    assert _counts(client, query) == {"page": 0, "figures": 0, "csv": 0, "api": 0}

    assert reviews.publish_reported(wg_admin, project)
    assert _counts(client, query) == {"page": 1, "figures": 1, "csv": 1, "api": 1}


@pytest.mark.django_db
def test_the_published_project_itself_must_serve_the_sdg(client, agency_a, draft_linked):
    """A published project of the agency without SDG 14 beside the draft that has it: still nothing (the state and
    the SDG are conditions on the same project)."""
    _project, result = draft_linked
    other = factories.ProjectFactory(agency=agency_a, slug="published-other", published=True, sdgs=[3])
    factories.award_result(result.edition, agency_a, "C4", "finalist", project=other)
    assert _counts(client, f"sdg=14&agency={agency_a.slug}")["api"] == 0
    assert _counts(client, f"sdg=3&agency={agency_a.slug}")["api"] == 1
