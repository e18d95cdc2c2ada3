"""Routes of the coordination area's private sector part for the permission matrix and the accessibility gate
(tests/gates/routes.py): the records they need in the world and what each role gets.

The world's agencies A and B are ministries, not companies: their contacts report no contribution or problem and
change none of the world company's (its own contact is none of the matrix's roles); the working group reports and
changes any company's."""

from tests import factories
from tests.gates.routes import LOGIN_REQUIRED, PUBLIC, Example, Route, Write, expect

# Reported by a company's contacts or the working group; a ministry's contact sees the lists of its own reports
# (none) but may not report.
COMPANY_ONLY_PAGE = expect(302, 403, 403, 200)
COMPANY_ONLY_POST = expect(302, 403, 403, 302)
# The world company's draft: hidden from the ministries' contacts.
COMPANY_DRAFT_PAGE = expect(302, 404, 404, 200)
COMPANY_DRAFT_POST = expect(302, 404, 404, 302)
SUBMIT_GET = expect(302, 405)
API_NO_DELETE = expect(403, 405)


def build(world) -> dict:
    """A company (with a contact of its own) and its contributions and problems, published and draft; an
    incentive offered by agency A."""
    from portal.models import ReviewState

    company = factories.CompanyFactory(slug="world-company", name="Dünya Bilişim A.Ş.", name_en="World ICT Inc.")
    factories.ContactFactory(agency=company, email="can@company.example")
    published = factories.ContributionFactory(
        agency=company, event=world.event, kind="sponsorship", year=2026, published=True, description_en="Coffee"
    )
    draft = factories.ContributionFactory(
        agency=company, event=None, project=world.project_a_published, kind="expertise", year=2025
    )
    problem_published = factories.ProblemFactory(agency=company, category="procurement", published=True)
    problem_published.agencies_concerned.set([world.agency_a])
    problem_draft = factories.ProblemFactory(agency=company, review_state=ReviewState.DRAFT)
    incentive = factories.IncentiveFactory(offered_by=world.agency_a, eligible_sectors=["software"])
    return {
        "company": company,
        "contribution_published": published,
        "contribution_draft": draft,
        "problem_published": problem_published,
        "problem_draft": problem_draft,
        "incentive": incentive,
    }


def fingerprint() -> dict:
    """The part's records a write could touch, each with its company first (tests/gates/test_route_matrix.py)."""
    from coordination.private_sector.models import CompanyProfile, Contribution, Incentive, Problem

    rows = {}
    for model in (Contribution, Problem):
        names = [f.attname for f in model._meta.concrete_fields]
        for record in model.objects.order_by("pk"):
            extra = tuple(record.agencies_concerned.values_list("pk", flat=True)) if model is Problem else ()
            rows[(model._meta.model_name, record.pk)] = (
                record.agency_id,
                tuple(getattr(record, f) for f in names),
                extra,
            )
    for model in (CompanyProfile, Incentive):
        names = [f.attname for f in model._meta.concrete_fields]
        for record in model.objects.order_by("pk"):
            rows[(model._meta.model_name, record.pk)] = (None, tuple(getattr(record, f) for f in names))
    return rows


def _pk(attr):
    return lambda w: {"pk": getattr(w, attr).pk}


def _contribution_form(w) -> dict:
    """A new contribution of the world company to the upcoming forum (`agency` read only from an admin)."""
    return {"agency": w.company.pk, "kind": "exhibition_stand", "event": w.event.pk, "year": "2026"}


def _contribution_edit_form(w) -> dict:
    draft = w.contribution_draft
    return {
        "agency": draft.agency_id,
        "kind": draft.kind,
        "project": draft.project_id,
        "year": "2024",
        "description_en": "Matrix expertise",
    }


def _problem_form(w) -> dict:
    return {
        "agency": w.company.pk,
        "category": "skills",
        "description": "Matrix problem",
        "agencies_concerned": [w.agency_b.pk],
    }


def _problem_edit_form(w) -> dict:
    return {"agency": w.company.pk, "category": "regulation", "description": "Matrix problem, edited"}


def _api_contribution(w) -> dict:
    return {"company": "world-company", "kind": "in_kind", "event": w.event.slug, "year": 2026}


def _api_problem(w) -> dict:
    return {"company": "world-company", "category": "export", "description": "Matrix API problem"}


ROUTES: dict[str, Route] = {
    "coordination:partner_list": Route(PUBLIC, page=True),
    "coordination:partner": Route(
        PUBLIC,
        lambda w: {"slug": w.company.slug},
        page=True,
        examples=(Example("agency_a", expect(404, 404), lambda w: {"slug": w.agency_a.slug}),),
    ),
    "coordination:contribution_list": Route(PUBLIC, page=True, query="?kind=sponsorship&year=2026&target=event"),
    "coordination:problem_list": Route(PUBLIC, page=True, query="?category=procurement&concerns=agency-a"),
    "coordination:incentive_list": Route(PUBLIC, page=True, query="?sector=software&is_open=true"),
    "coordination:cooperation": Route(PUBLIC, page=True),
    # Reports: a ministry's contact sees its own (none) and may not report; the working group every company's.
    "coordination:contribution_reports": Route(LOGIN_REQUIRED, page=True, query="?state=draft"),
    "coordination:contribution_create": Route(
        COMPANY_ONLY_PAGE, page=True, writes=(Write("post", COMPANY_ONLY_POST, data=_contribution_form),)
    ),
    "coordination:contribution_edit": Route(
        COMPANY_DRAFT_PAGE,
        _pk("contribution_draft"),
        page=True,
        writes=(Write("post", COMPANY_DRAFT_POST, "contribution_draft", data=_contribution_edit_form),),
        examples=(Example("contribution_published", COMPANY_DRAFT_PAGE, _pk("contribution_published")),),
    ),
    "coordination:contribution_submit": Route(
        SUBMIT_GET,
        _pk("contribution_draft"),
        writes=(Write("post", COMPANY_DRAFT_POST, "contribution_draft"),),
    ),
    "coordination:problem_reports": Route(LOGIN_REQUIRED, page=True, query="?state=published"),
    "coordination:problem_create": Route(
        COMPANY_ONLY_PAGE, page=True, writes=(Write("post", COMPANY_ONLY_POST, data=_problem_form),)
    ),
    "coordination:problem_edit": Route(
        COMPANY_DRAFT_PAGE,
        _pk("problem_draft"),
        page=True,
        writes=(Write("post", COMPANY_DRAFT_POST, "problem_draft", data=_problem_edit_form),),
    ),
    "coordination:problem_submit": Route(
        SUBMIT_GET, _pk("problem_draft"), writes=(Write("post", COMPANY_DRAFT_POST, "problem_draft"),)
    ),
    # API: public reads of published records; writes by a company's contacts for their own company and by the
    # working group; no PUT, no DELETE.
    "api:coordination-partner-list": Route(PUBLIC),
    "api:coordination-partner-detail": Route(
        PUBLIC,
        lambda w: {"slug": w.company.slug},
        examples=(Example("agency_a", expect(404, 404), lambda w: {"slug": w.agency_a.slug}),),
    ),
    "api:coordination-contribution-list": Route(
        PUBLIC,
        query="?kind=sponsorship&year=2026&company=world-company&sector=software",
        writes=(Write("post", expect(403, 403, 403, 201), data=_api_contribution, json=True),),
    ),
    "api:coordination-contribution-detail": Route(
        PUBLIC,
        _pk("contribution_published"),
        examples=(Example("contribution_draft", expect(404, 404, 404, 200), _pk("contribution_draft")),),
        writes=(
            Write(
                "patch", expect(403, 403, 403, 200), "contribution_published", data=lambda w: {"year": 2025}, json=True
            ),
            Write(
                "patch",
                expect(403, 404, 404, 200),
                "contribution_draft",
                _pk("contribution_draft"),
                data=lambda w: {"year": 2024},
                json=True,
            ),
            Write("put", expect(403, 405), "contribution_published", data=_api_contribution, json=True),
            Write("delete", API_NO_DELETE, "contribution_published", json=True),
        ),
    ),
    "api:coordination-problem-list": Route(
        PUBLIC,
        query="?category=procurement&status=open&concerns=agency-a",
        writes=(Write("post", expect(403, 403, 403, 201), data=_api_problem, json=True),),
    ),
    "api:coordination-problem-detail": Route(
        PUBLIC,
        _pk("problem_published"),
        examples=(Example("problem_draft", expect(404, 404, 404, 200), _pk("problem_draft")),),
        writes=(
            Write(
                "patch",
                expect(403, 403, 403, 200),
                "problem_published",
                data=lambda w: {"status": "resolved"},
                json=True,
            ),
            Write(
                "patch",
                expect(403, 404, 404, 200),
                "problem_draft",
                _pk("problem_draft"),
                data=lambda w: {"description": "Matrix edit"},
                json=True,
            ),
            Write("put", expect(403, 405), "problem_published", data=_api_problem, json=True),
            Write("delete", API_NO_DELETE, "problem_published", json=True),
        ),
    ),
    "api:coordination-incentive-list": Route(
        PUBLIC,
        query="?sector=software&is_open=true",
        writes=(Write("post", expect(403, 405), data=lambda w: {"title_en": "Matrix"}, json=True),),
    ),
    "api:coordination-incentive-detail": Route(
        PUBLIC,
        _pk("incentive"),
        writes=(Write("delete", expect(403, 405), "incentive", json=True),),
    ),
}
