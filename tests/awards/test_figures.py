"""The awards figures page: results counted per year and per programme, drawn as SVG bars beside the tables of
their numbers, each number linking to the inventory lines it counts."""

import re
from html.parser import HTMLParser
from urllib.parse import parse_qs, urlsplit

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from awards import selectors
from awards.models import AwardResult, Outcome
from tests import factories

FIGURES = "/en/awards/figures/"
YEARS = (2023, 2024, 2025)


class FigureTables(HTMLParser):
    """The figures tables of a page: {table name: {row key: [(number, href or None), …]}}, the row's total first,
    then one cell per outcome in the order of `Outcome`."""

    def __init__(self):
        super().__init__()
        self.tables: dict[str, dict[str, list]] = {}
        self.table = self.row = self.cell = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table" and "data-figures" in attrs:
            self.table = self.tables.setdefault(attrs["data-figures"], {})
        elif tag == "tr" and self.table is not None and "data-key" in attrs:
            self.row = self.table.setdefault(attrs["data-key"], [])
        elif tag == "td" and self.row is not None:
            self.cell = ["", None]
        elif tag == "a" and self.cell is not None:
            self.cell[1] = attrs["href"]

    def handle_data(self, data):
        if self.cell is not None:
            self.cell[0] += data.strip()

    def handle_endtag(self, tag):
        if tag == "td" and self.cell is not None:
            self.row.append((int(self.cell[0]), self.cell[1]))
            self.cell = None
        elif tag == "tr":
            self.row = None
        elif tag == "table":
            self.table = None


def tables(response) -> dict:
    parser = FigureTables()
    parser.feed(response.content.decode())
    return parser.tables


def bars(response, chart: str) -> int:
    """How many bars the chart `chart` draws."""
    svg = re.search(rf'<svg [^>]*data-chart="{chart}".*?</svg>', response.content.decode(), re.DOTALL)
    assert svg is not None, chart
    assert 'role="img"' in svg.group(0)
    return svg.group(0).count('<g class="chart-bar">')


def query(href: str) -> dict:
    parts = urlsplit(href)
    assert parts.path == "/en/awards/results/"
    return {name: values[0] for name, values in parse_qs(parts.query).items()}


def expected(results, **lookup) -> list[int]:
    """The DB's own count of `results` matching `lookup`, then per outcome: what a table row must show."""
    matching = results.filter(**lookup)
    return [matching.count(), *(matching.filter(outcome=code).count() for code in Outcome.values)]


@pytest.fixture
def inventory():
    """Results in 2023–2025 in two programmes with several outcomes; every line has its own agency."""
    wsis, unpsa = factories.award_programme("wsis-prizes"), factories.award_programme("unpsa")
    plan = [
        (wsis, 2023, ["winner", "champion", "champion", "finalist"]),
        (wsis, 2024, ["winner", "nominee"]),
        (wsis, 2025, ["champion", "finalist", "finalist", "honourable_mention"]),
        (unpsa, 2023, ["winner"]),
        (unpsa, 2025, ["winner", "finalist", "nominee"]),
    ]
    for programme, year, outcomes in plan:
        edition = factories.AwardEditionFactory(programme=programme, year=year)
        for n, outcome in enumerate(outcomes):
            agency = factories.AgencyFactory(slug=f"{programme.slug}-{year}-{n}")
            AwardResult.objects.create(verified_at=timezone.now(), edition=edition, agency=agency, outcome=outcome)
    return AwardResult.objects.all()


def test_the_tables_show_the_database_counts(client, inventory):
    response = client.get(FIGURES)
    assert response.status_code == 200
    shown = tables(response)
    assert list(shown["years"]) == [str(year) for year in YEARS]
    for year in YEARS:
        assert [n for n, _href in shown["years"][str(year)]] == expected(inventory, edition__year=year)
    assert list(shown["programmes"]) == ["wsis-prizes", "unpsa"]  # the most results first
    for slug in ("wsis-prizes", "unpsa"):
        assert [n for n, _href in shown["programmes"][slug]] == expected(inventory, edition__programme__slug=slug)
    assert response.context["figures"].total == inventory.count() == 14


def test_the_selector_counts_per_year_and_programme(inventory, django_assert_num_queries):
    with django_assert_num_queries(3):  # two GROUP BY queries and the programmes' names
        figures = selectors.result_figures()
    assert [(row.key, row.count) for row in figures.per_year] == [(2023, 5), (2024, 2), (2025, 7)]
    assert [(row.key, row.count) for row in figures.per_programme] == [("wsis-prizes", 10), ("unpsa", 4)]
    assert dict(figures.per_year[0].by_outcome) == {
        "winner": 2,
        "champion": 2,
        "finalist": 1,
        "nominee": 0,
        "honourable_mention": 0,
    }


def test_one_bar_per_year_and_per_programme(client, inventory):
    response = client.get(FIGURES)
    assert bars(response, "years") == len(YEARS)
    assert bars(response, "programmes") == 2
    # Bars grow with their number: the 2025 bar (7 results) is the tallest, 2024's (2) the shortest.
    heights = [bar.height for bar in response.context["year_chart"].bars]
    assert heights[1] < heights[0] < heights[2] == max(heights)


def test_every_number_links_to_the_lines_it_counts(client, inventory):
    shown = tables(client.get(FIGURES))
    total, *per_outcome = shown["years"]["2024"]
    assert query(total[1]) == {"year_min": "2024", "year_max": "2024"}
    winners = per_outcome[Outcome.values.index("winner")]
    assert query(winners[1]) == {"year_min": "2024", "year_max": "2024", "outcome": "winner"}
    assert per_outcome[Outcome.values.index("finalist")] == (0, None)  # nothing to list: no link
    total, *_ = shown["programmes"]["unpsa"]
    assert query(total[1]) == {"programme": "unpsa"}
    # Following any link lists exactly as many results as the number says.
    for table in shown.values():
        for cells in table.values():
            for number, href in cells:
                if href:
                    assert client.get(href).context["page"].paginator.count == number, href


def test_the_inventory_filters_apply_and_stay_on_the_links(client, inventory):
    response = client.get(f"{FIGURES}?programme=unpsa&year_min=2024&page=2")
    shown = tables(response)
    assert list(shown["years"]) == ["2025"]
    assert [n for n, _href in shown["years"]["2025"]] == expected(
        inventory, edition__programme__slug="unpsa", edition__year=2025
    )
    assert query(shown["years"]["2025"][0][1]) == {"programme": "unpsa", "year_min": "2025", "year_max": "2025"}
    assert query(shown["programmes"]["unpsa"][0][1]) == {"programme": "unpsa", "year_min": "2024"}
    assert bars(response, "years") == 1


def test_empty_inventory(client):
    response = client.get(FIGURES)
    assert response.status_code == 200
    assert response.context["figures"].total == 0
    assert b"<svg" not in response.content
    assert b'class="empty"' in response.content
    assert tables(response) == {}


@pytest.mark.parametrize("params", ["?programme=unpsa&year_min=2024&year_max=2024", "?year_min=soon"])
def test_nothing_matches_or_invalid_filters(client, inventory, params):
    response = client.get(f"{FIGURES}{params}")
    assert response.status_code == 200
    assert response.context["figures"].total == 0
    assert response.context["filtered"] is True
    assert b"<svg" not in response.content
    assert b'class="empty"' in response.content


def test_right_to_left_page_keeps_the_chart_left_to_right(client, inventory):
    response = client.get("/fa/awards/figures/")
    assert response.status_code == 200
    assert re.search(r'<html lang="fa" dir="rtl">', response.content.decode())
    assert bars(response, "years") == len(YEARS)
    assert len(tables(response)["years"]) == len(YEARS)


def test_ru_coordinates_are_not_localised(client, inventory):
    """Russian writes decimals with a comma; the SVG's numbers must stay in SVG syntax."""
    svg = re.search(r"<svg .*?</svg>", client.get("/ru/awards/figures/").content.decode(), re.DOTALL).group(0)
    assert not re.search(r'(x|y|width|height)="[^"]*,', svg)


def test_the_inventory_and_the_programmes_link_to_the_figures(client, inventory):
    response = client.get("/en/awards/results/?programme=unpsa&page=1")
    link = re.search(r'<a href="([^"]+)" data-figures-link>', response.content.decode()).group(1)
    assert link.replace("&amp;", "&") == f"{FIGURES}?programme=unpsa"
    assert f'href="{FIGURES}"'.encode() in client.get("/en/awards/").content


def add_results(count: int, start: int) -> None:
    """`count` results, each with its own agency, in editions alternating between two programmes."""
    programmes = [factories.award_programme("wsis-prizes"), factories.award_programme("unpsa")]
    for n in range(start, start + count):
        edition = factories.AwardEditionFactory(programme=programmes[n % 2], year=1990 + n)
        agency = factories.AgencyFactory(slug=f"counted-{n:03}")
        AwardResult.objects.create(
            verified_at=timezone.now(), edition=edition, agency=agency, outcome=Outcome.values[n % len(Outcome.values)]
        )


@pytest.mark.parametrize("url", [FIGURES, f"{FIGURES}?programme=wsis-prizes&year_min=1990&outcome=winner"])
def test_query_count_is_constant(client, django_assert_max_num_queries, url):
    add_results(3, 0)
    client.get(url)  # warm per-process caches before counting
    with CaptureQueriesContext(connection) as small:
        response = client.get(url)
    years_small = len(response.context["figures"].per_year)
    add_results(27, 3)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(url)
    assert len(response.context["figures"].per_year) > years_small
