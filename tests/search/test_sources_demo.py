"""Search over the loaded demo (PostgreSQL): the seeds' names in any language find their records, and rebuilding the
index gives exactly what the saves indexed; rebuilding every area's kind reads its records in a bounded number of
queries, whatever their number."""

import io
import itertools

import pytest
from django.core.management import call_command

from portal.models import Agency, SearchDocument, SearchEntry, SearchFacet
from portal.search import indexing
from tests.search.sources import found

pytestmark = pytest.mark.django_db


def index_snapshot():
    indexing.flush()  # what the test's transaction saved
    entries = {
        entry.pk: (entry.content_type_id, entry.object_id, entry.kind, entry.open_until)
        for entry in SearchEntry.objects.all()
    }
    documents = sorted(
        (entries[row[0]], *row[1:])
        for row in SearchDocument.objects.values_list(
            "entry_id", "language", "title", "url", "summary", "body", "names"
        )
    )
    facets = sorted(
        (entries[row[0]], *row[1:]) for row in SearchFacet.objects.values_list("entry_id", "facet", "value")
    )
    return sorted(entries.values()), documents, facets


def test_the_demo_is_found_by_its_names_in_any_language_and_a_rebuild_changes_nothing():
    call_command("load_demo", stdout=io.StringIO())
    for text in ("Cenevre", "Geneva", "Женева"):
        assert "WSIS Forum 2026" in found(text, "en", kind="event"), text
    btk = Agency.objects.get(slug="btk")
    assert found("BTK", "tr", kind="agency")[0] == btk.name_tr
    assert "Korea International Cooperation Agency" in found("KOICA", "en", kind="funder")
    on_save = index_snapshot()
    call_command("rebuild_search_index", stdout=io.StringIO())
    rebuilt = index_snapshot()
    assert rebuilt[0] == on_save[0]
    assert rebuilt[1] == on_save[1]
    assert rebuilt[2] == on_save[2]


_numbers = itertools.count()


def _programmes(n):
    return [_programme(next(_numbers)) for _i in range(n)]


def _programme(n):
    from awards.models import AwardCategory, AwardProgramme
    from portal.models import ActionLine

    programme = AwardProgramme.objects.create(
        slug=f"programme-{n}", name=f"Ödül {n}", name_en=f"Award {n}", organiser="ITU", website="https://a.example"
    )
    category = AwardCategory.objects.create(programme=programme, code=f"K{n}", title=f"Kategori {n}")
    category.action_lines.set(ActionLine.objects.filter(code__in=["C1", "C7"]))
    return programme


def _results(n):
    from tests.factories import AgencyFactory, AwardEditionFactory, ProjectFactory, award_result

    edition = AwardEditionFactory(past=True)
    for _i in range(n):
        agency = AgencyFactory()
        award_result(
            edition,
            agency,
            "C7-E-government",
            project=ProjectFactory(agency=agency, published=True, action_lines=["C7"]),
        )


def _editions(n):
    from tests.factories import AwardEditionFactory

    [programme] = _programmes(1)
    for i in range(n):
        AwardEditionFactory(programme=programme, year=2100 - i)


def _calls(n):
    from tests.factories import FundingCallFactory, FundingProgrammeFactory

    programme = FundingProgrammeFactory(action_lines=["C7"])
    for _i in range(n):
        FundingCallFactory(programme=programme)


def _grants(n):
    from tests.factories import GrantFactory, ProjectFactory

    for _i in range(n):
        grant = GrantFactory(published=True)
        grant.project = ProjectFactory(agency=grant.agency, published=True, action_lines=["C7"], sdgs=[9])
        grant.save()


def _events(n):
    import datetime as dt

    from tests.factories import EventFactory

    for _i in range(n):
        EventFactory(starts_on=dt.date(2099, 7, 6), registration_deadline=dt.date(2099, 6, 1))


def _guides(n):
    from tests.factories import GuideAttachmentFactory, GuideFactory

    for _i in range(n):
        GuideAttachmentFactory(guide=GuideFactory())


def _circulars(n):
    from tests.factories import AgencyFactory, sent_circular

    addressee = AgencyFactory()
    for _i in range(n):
        sent_circular([addressee], public=True)


def _resolutions(n):
    from tests.factories import AgencyFactory, MeetingFactory, ResolutionFactory

    meeting = MeetingFactory()
    agencies = [AgencyFactory(), AgencyFactory()]
    for _i in range(n):
        ResolutionFactory(meeting=meeting, responsible=agencies)


def _partners(n):
    from tests.factories import CompanyFactory, ContributionFactory

    for _i in range(n):
        ContributionFactory(agency=CompanyFactory(), published=True, description_en="Booth")


def _many(factory_path):
    def make(n):
        import importlib

        module, name = factory_path.rsplit(".", 1)
        factory = getattr(importlib.import_module(module), name)
        factory.create_batch(n)

    return make


MAKERS = {
    "award_programme": _programmes,
    "award_category": _programmes,
    "award_edition": _editions,
    "award_result": _results,
    "funder": _many("tests.factories.FundingProgrammeFactory"),
    "fund_programme": _many("tests.factories.FundingProgrammeFactory"),
    "fund_call": _calls,
    "grant": _grants,
    "event": _events,
    "guide": _guides,
    "international_portal": _many("tests.factories.InternationalPortalFactory"),
    "circular": _circulars,
    "meeting": _many("tests.factories.MeetingFactory"),
    "resolution": _resolutions,
    "partner": _partners,
}
QUERIES_PER_KIND = 20


@pytest.mark.parametrize("kind", list(MAKERS))
def test_rebuilding_a_kind_reads_30_records_in_as_many_queries_as_3(kind, django_assert_max_num_queries):
    from portal.search import indexing

    MAKERS[kind](3)
    indexing.flush()
    with django_assert_max_num_queries(QUERIES_PER_KIND) as few:
        counts = indexing.rebuild([kind])
    assert counts[kind] >= 3
    MAKERS[kind](27)
    indexing.flush()
    with django_assert_max_num_queries(QUERIES_PER_KIND) as many:
        counts = indexing.rebuild([kind])
    assert counts[kind] >= 30
    assert len(many.captured_queries) == len(few.captured_queries)
