"""Every route of the portal with an example and what each kind of user may get from it.

The permission matrix and the accessibility gate walk the URL conf and look each route up here:
a route missing from this table fails them, so a new page or endpoint is checked from day one.

`Route.expect` is what a GET answers per role (`Route.examples`: the same route on other records of the
world); `Route.writes` declares the unsafe requests that matter (POST to the pages' forms,
POST/PUT/PATCH/DELETE on the API) the same way. The permission matrix
(tests/gates/test_route_matrix.py) sends each request on the untouched world (every request is rolled back
afterwards), so a GET that changes state would be declared as its first visit.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable
from pathlib import Path

from django.contrib.auth.tokens import default_token_generator
from django.core.files.storage import default_storage
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from portal import alerts, services
from tests import factories

ROLES = ("anonymous", "contact_a", "contact_b", "admin")
LANGUAGES = ("tr", "en", "ru", "ky", "fa", "az")


@dataclasses.dataclass
class World:
    """Two agencies with a contact each, their projects in every moderation state that matters, an admin."""

    agency_a: object
    agency_b: object
    contact_a: object
    contact_b: object
    admin: object
    unconfirmed: object
    project_a_draft: object
    project_a_published: object
    project_b_published: object
    material_a: object
    # An uploaded file on A's draft: downloadable only by those who may see the draft.
    material_a_draft_file: object = None
    # A file a contact of A added to A's published project, waiting for review: only A and the admins get it.
    material_a_waiting_file: object = None
    # A's published project names B as a partner: B has not answered, so the project is not listed with B.
    partnership_b_proposed: object = None
    # Deadlines: one for every subscriber of its topic, one addressed to agency A only.
    deadline_public: object = None
    deadline_for_a: object = None
    # Awards: a past WSIS Prizes edition, agency A's result in it and agency A's application to it.
    award_edition: object = None
    award_result: object = None
    award_application: object = None
    award_result_reported: object = None
    # Agency A's published project run with agency B as a partner: either agency may apply with it.
    project_shared: object = None
    # Funds: agency A's draft report of a grant it received (seen only by A and the admins), and one it submitted
    # for review (in the working group's review queue).
    grant_a_draft: object = None
    grant_a_submitted: object = None
    # Funds: a funder whose programme is open to ministries everywhere, its open call, agency A's published grant.
    fund_funder: object = None
    fund_programme: object = None
    fund_call: object = None
    grant_a_published: object = None
    # Events: an upcoming confirmed event in Geneva with its deadlines, a past one, agency A's draft participation
    # in the past one and its published one.
    event: object = None
    event_past: object = None
    participation_a_draft: object = None
    participation_a_published: object = None
    # A change contact A proposed to its published project, waiting for the working group.
    revision_a: object = None
    # What each part module (PART_MODULES) adds to the world, read as attributes (`w.circular_private`).
    extras: dict = dataclasses.field(default_factory=dict)

    def __getattr__(self, name):
        extras = self.__dict__.get("extras", {})
        if name in extras:
            return extras[name]
        raise AttributeError(name)


MATERIAL_FILE = "promo/route-matrix/a-draft-poster.pdf"


def _stored_file(name: str, content: bytes) -> str:
    """The file `name` in the media storage, written once (atomically: test processes run side by side)."""
    path = Path(default_storage.path(name))
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f".{path.name}.{os.getpid()}")
        partial.write_bytes(content)
        partial.replace(path)
    return name


def build_world() -> World:
    agency_a = factories.AgencyFactory(slug="agency-a", name="Ajans A", name_en="Agency A")
    agency_b = factories.AgencyFactory(slug="agency-b", name="Ajans B", name_en="Agency B", country="AZ")
    contact_a = factories.ContactFactory(agency=agency_a, email="alice@a.example")
    contact_b = factories.ContactFactory(agency=agency_b, email="bora@b.example")
    unconfirmed = factories.ContactFactory(agency=agency_a, email="new@a.example", confirmed_at=None, approved_at=None)
    project_a_draft = factories.ProjectFactory(agency=agency_a, slug="a-draft", action_lines=["C7.1"], sdgs=[16])
    project_a_published = factories.ProjectFactory(
        agency=agency_a, slug="a-published", published=True, action_lines=["C4"], sdgs=[4]
    )
    project_b_published = factories.ProjectFactory(agency=agency_b, slug="b-published", published=True)
    from portal.models import PromoMaterial

    material_a = PromoMaterial.objects.create(
        project=project_a_published,
        agency=agency_a,
        kind="film",
        title="Film",
        url="https://video.example/a",
        review_state="published",
        published_at=project_a_published.published_at,
    )
    material_a_draft_file = PromoMaterial.objects.create(
        project=project_a_draft,
        agency=agency_a,
        kind="poster",
        title="Poster",
        file=_stored_file(MATERIAL_FILE, b"%PDF-1.4\n%%EOF\n"),
    )
    material_a_waiting_file = PromoMaterial.objects.create(
        project=project_a_published,
        agency=agency_a,
        kind="brochure",
        title="Brochure",
        file=_stored_file(MATERIAL_FILE, b"%PDF-1.4\n%%EOF\n"),
        review_state="submitted",
        submitted_at=project_a_published.published_at,
        reported_by=contact_a.user,
        submitted_by=contact_a.user,
    )
    [partnership_b_proposed] = factories.partners(project_a_published, agency_b, state="proposed", by=contact_a.user)
    world = World(
        agency_a=agency_a,
        agency_b=agency_b,
        contact_a=contact_a,
        contact_b=contact_b,
        admin=factories.admin_user(email="wg.admin@portal.example"),
        unconfirmed=unconfirmed,
        project_a_draft=project_a_draft,
        project_a_published=project_a_published,
        project_b_published=project_b_published,
        material_a=material_a,
        material_a_draft_file=material_a_draft_file,
        material_a_waiting_file=material_a_waiting_file,
        partnership_b_proposed=partnership_b_proposed,
        **_world_deadlines(agency_a, project_a_published),
        **_world_awards(agency_a, project_a_published),
        project_shared=_shared_project(agency_a, agency_b),
        **_world_fund_reports(agency_a),
        **_world_funds(agency_a, project_a_published),
        **_world_events(agency_a, project_a_published),
        revision_a=_world_revision(contact_a, project_a_published),
    )
    for module in _part_modules():
        world.extras.update(module.build(world))
    return world


def _world_revision(contact_a, project):
    from django.contrib.contenttypes.models import ContentType

    from portal.models import Revision

    return Revision.objects.create(
        content_type=ContentType.objects.get_for_model(project),
        object_id=project.pk,
        agency=project.agency,
        author=contact_a.user,
        data={"title_en": "Matrix project, renamed"},
    )


def _shared_project(agency_a, agency_b):
    project = factories.ProjectFactory(agency=agency_a, slug="a-shared-with-b", published=True)
    factories.partners(project, agency_b)
    return project


def _world_fund_reports(agency_a) -> dict:
    from decimal import Decimal

    from django.utils import timezone

    funder = factories.FunderFactory(
        slug="world-donor", name="Bağışçı", name_en="Donor", country="KR", website="https://donor.example"
    )
    grant = factories.GrantFactory(
        funder=funder, agency=agency_a, amount=Decimal("3700000"), purpose_en="Training centre"
    )
    submitted = factories.GrantFactory(
        funder=funder,
        agency=agency_a,
        amount=Decimal("250000"),
        purpose_en="Open data portal",
        review_state="submitted",
        submitted_at=timezone.now(),
    )
    return {"grant_a_draft": grant, "grant_a_submitted": submitted}


def _world_events(agency_a, project_a_published) -> dict:
    import datetime as dt

    from portal.models import ReviewState

    today = factories.today_in(factories.EventFactory.tz)
    event = factories.EventFactory(
        slug="world-forum",
        name="Dünya forumu",
        name_en="World forum",
        starts_on=today + dt.timedelta(days=40),
        ends_on=today + dt.timedelta(days=43),
        registration_deadline=today + dt.timedelta(days=20),
        proposal_deadline=today + dt.timedelta(days=10),
    )
    past = factories.EventFactory(
        slug="world-fair-past",
        name="Geçmiş fuar",
        name_en="Past fair",
        kind="fair",
        starts_on=dt.date(2025, 7, 7),
        ends_on=dt.date(2025, 7, 11),
    )
    draft = factories.ParticipationFactory(
        event=past, agency=agency_a, role="attendee", lessons_en="Register early.", review_state=ReviewState.DRAFT
    )
    published = factories.ParticipationFactory(
        event=past,
        agency=agency_a,
        project=project_a_published,
        role="exhibitor",
        people=3,
        outcome_en="Two partner contacts.",
        lessons_en="Bring printed leaflets in English.",
        review_state=ReviewState.PUBLISHED,
    )
    return {"event": event, "event_past": past, "participation_a_draft": draft, "participation_a_published": published}


def _world_funds(agency_a, project_a_published) -> dict:
    import datetime as dt
    from decimal import Decimal

    funder = factories.FunderFactory(
        slug="world-fund", name="Fon", name_en="Fund", kind="multilateral", website="https://fund.example"
    )
    programme = factories.FundingProgrammeFactory(
        funder=funder,
        slug="world-fund-digital",
        name="Dijital devlet",
        name_en="Digital government",
        eligible_agency_kinds=["ministry"],
        amount_min=Decimal("50000"),
        amount_max=Decimal("500000"),
        currency="EUR",
    )
    call = factories.FundingCallFactory(
        programme=programme,
        title="Çağrı",
        title_en="Call for proposals",
        days=60,
        tz="Asia/Seoul",
        budget=Decimal("2000000"),
        currency="EUR",
    )
    grant = factories.GrantFactory(
        programme=programme,
        agency=agency_a,
        project=project_a_published,
        amount=Decimal("250000"),
        currency="EUR",
        signed_on=dt.date(2024, 5, 2),
        published=True,
    )
    return {"fund_funder": funder, "fund_programme": programme, "fund_call": call, "grant_a_published": grant}


def _world_awards(agency_a, project_a_published) -> dict:
    import datetime as dt

    from django.utils import timezone

    from awards.models import AwardResult

    edition = factories.AwardEditionFactory(year=2025, nomination_deadline=dt.date(2025, 3, 15))
    category = factories.award_category("C4")
    return {
        "award_edition": edition,
        "award_result": AwardResult.objects.create(
            verified_at=timezone.now(),
            edition=edition,
            category=category,
            agency=agency_a,
            project=project_a_published,
            outcome="finalist",
        ),
        "award_application": factories.AwardApplicationFactory(
            agency=agency_a, project=project_a_published, edition=edition, category=category, state="submitted"
        ),
        # Agency A's reported result, not yet verified: private, in the review queue's verification section.
        "award_result_reported": AwardResult.objects.create(
            edition=edition,
            category=factories.award_category("C7-E-government"),
            agency=agency_a,
            project=project_a_published,
            outcome="winner",
            evidence_url="https://example.org/wsis-2025-winners",
        ),
    }


def _world_deadlines(agency_a, project_a_published) -> dict:
    import datetime as dt

    from django.utils import timezone

    from portal import deadlines
    from portal.deadlines import DeadlineSpec
    from portal.models import DeadlineKind

    soon = factories.in_days(40, "Europe/Zurich")
    [public] = deadlines.sync(
        project_a_published,
        [
            DeadlineSpec(
                DeadlineKind.EVENT_REGISTRATION,
                soon,
                "Europe/Zurich",
                {"tr": "Fuar kaydı", "en": "Fair registration"},
                url=f"/projects/{project_a_published.slug}/",
            )
        ],
    )
    [for_a] = deadlines.sync(
        agency_a,
        [
            DeadlineSpec(
                DeadlineKind.CIRCULAR_REPLY,
                timezone.now() + dt.timedelta(days=10),
                "Asia/Tehran",
                {"tr": "Genelgeye yanıt", "en": "Reply to the circular"},
                agencies=(agency_a.pk,),
            )
        ],
    )
    return {"deadline_public": public, "deadline_for_a": for_a}


def user_for(world: World, role: str):
    return {
        "anonymous": None,
        "contact_a": world.contact_a.user,
        "contact_b": world.contact_b.user,
        "admin": world.admin,
    }[role]


def expect(anonymous, contact_a, contact_b=None, admin=None) -> dict[str, int]:
    """Expected GET status per role; contact B and the admin default to contact A's."""
    return {
        "anonymous": anonymous,
        "contact_a": contact_a,
        "contact_b": contact_a if contact_b is None else contact_b,
        "admin": contact_a if admin is None else admin,
    }


PUBLIC = expect(200, 200)
LOGIN_REQUIRED = expect(302, 200)
# Routes that only answer POST: a GET is refused with 405 by everyone allowed to reach it.
POST_ONLY_LOGIN = expect(302, 405)


@dataclasses.dataclass
class Write:
    """An unsafe request on a route and its expected status per role.

    A refused write (4xx, or a redirect to the login page) must leave the database as it was; an allowed
    one (2xx, any other redirect) must change it, so `data` has to be a valid payload."""

    method: str  # "post", "put", "patch" or "delete"
    expect: dict[str, int]
    target: str = ""  # the World attribute the request is about: names the row in the matrix
    kwargs: Callable[[World], dict] | None = None  # None: the route's own kwargs
    data: Callable[[World], dict] = lambda w: {}
    json: bool = False  # send `data` as JSON (the API) rather than as a form

    @property
    def label(self) -> str:
        return f"{self.method.upper()} {self.target}" if self.target else self.method.upper()


@dataclasses.dataclass
class Example:
    """The same route on another record of the world, where the rule gives other answers."""

    target: str  # the World attribute the example is about: names the row in the matrix
    expect: dict[str, int]
    kwargs: Callable[[World], dict]


@dataclasses.dataclass
class Route:
    expect: dict[str, int]
    kwargs: Callable[[World], dict] = lambda w: {}
    page: bool = False  # an HTML page: checked for accessibility in every language
    query: str = ""
    writes: tuple[Write, ...] = ()
    examples: tuple[Example, ...] = ()  # requested by the permission matrix only


def _slug(attr):
    return lambda w: {"slug": getattr(w, attr).slug}


def _project_form(w: World) -> dict:
    """A valid project form. `agency` is read only from a working-group admin, who has no agency of its own."""
    return {
        "title_tr": "Matris projesi",
        "title_en": "Matrix project",
        "start_year": "2022",
        "status": "completed",
        "agency": w.agency_a.pk,
    }


def _api_project(**extra):
    return lambda w: {"title_en": "Matrix API project", "start_year": 2023, "status": "planned", **extra}


def _alert_settings_form(w: World) -> dict:
    return {
        "topics": ["awards", "events"],
        "lead_days": "14, 3",
        "delivery": "digest",
        "digest_hour": "7",
        "time_zone": "Asia/Bishkek",
        "language": "en",
    }


def _api_subscription(w: World) -> dict:
    return {
        "topics": ["funds"],
        "lead_days": [21, 1],
        "delivery": "immediate",
        "digest_hour": 9,
        "paused": False,
        "language": "ru",
        "time_zone": "Asia/Tehran",
    }


def _api_application(w: World) -> dict:
    """Agency A's published project applying to the world's edition in C7 e-government (B sees the project,
    so its refusal is the agency rule's)."""
    return {
        "agency": "agency-a",
        "project": w.project_a_published.slug,
        "edition": w.award_edition.pk,
        "category": factories.award_category("C7-E-government").pk,
        "state": "planned",
    }


def _application_form(w: World) -> dict:
    """A new application with the project agency A runs with B as a partner, so either contact records it for
    its own agency (`agency` is read only from a working-group admin)."""
    return {
        "agency": w.agency_a.pk,
        "project": w.project_shared.pk,
        "edition": w.award_edition.pk,
        "category": factories.award_category("C7-E-government").pk,
        "state": "planned",
    }


def _application_edit_form(w: World) -> dict:
    """Agency A's application of the world, now shortlisted."""
    application = w.award_application
    return {
        "agency": application.agency_id,
        "project": application.project_id,
        "edition": application.edition_id,
        "category": application.category_id,
        "state": "shortlisted",
        "submitted_on": "2025-03-01",
    }


def _grant_report_form(w: World) -> dict:
    """A new grant of the world's funder; `agency` is read only from a working-group admin."""
    return {
        "agency": w.agency_a.pk,
        "funder": w.grant_a_draft.funder_id,
        "amount": "250000",
        "currency": "EUR",
        "signed_on": "2025-06-01",
        "purpose_en": "Matrix grant",
    }


def _grant_report_edit_form(w: World) -> dict:
    """Agency A's draft grant, now with its signing date."""
    grant = w.grant_a_draft
    return {
        "agency": grant.agency_id,
        "funder": grant.funder_id,
        "amount": "3700000",
        "currency": grant.currency,
        "signed_on": "2013-04-18",
        "duration_months": "24",
    }


def _api_grant(w: World) -> dict:
    """A new grant of the world's funder for agency A: contact B may not report it for another agency."""
    return {
        "funder": w.fund_funder.slug,
        "programme": w.fund_programme.slug,
        "agency": w.agency_a.slug,
        "amount": "120000.50",
        "currency": "EUR",
        "signed_on": "2025-06-01",
        "duration_months": 18,
        "purpose_en": "Matrix API grant",
    }


def _api_participation(w: World) -> dict:
    """A participation of agency A in the world's forum with the project it runs with B as a partner: contact B sees
    the project, so its refusal is the agency rule's."""
    return {
        "event": w.event.slug,
        "agency": w.agency_a.slug,
        "project": w.project_shared.slug,
        "role": "speaker",
        "people": 2,
        "outcome_en": "Matrix API participation",
    }


def _participation_form(w: World) -> dict:
    """A new participation in the world's past fair with the project agency A runs with B as a partner, so either
    contact reports it for its own agency (`agency` is read only from a working-group admin)."""
    return {
        "agency": w.agency_a.pk,
        "event": w.event_past.pk,
        "project": w.project_shared.pk,
        "role": "speaker",
        "people": "2",
        "lessons_en": "Matrix lessons",
        "material_links": "https://slides.example/matrix",
    }


def _participation_edit_form(w: World) -> dict:
    """Agency A's draft participation, now with what came of it."""
    participation = w.participation_a_draft
    return {
        "agency": participation.agency_id,
        "event": participation.event_id,
        "role": participation.role,
        "people": "4",
        "outcome_en": "Matrix outcome",
        "lessons_en": participation.lessons_en,
    }


# The API refuses anonymous writes with 403 (session authentication sends no challenge) before the method
# is looked at; the project endpoints have no DELETE, so everyone logged in gets 405.
API_NO_DELETE = expect(403, 405)


def _api_project_writes(target: str, contact_a: int, contact_b: int) -> tuple[Write, ...]:
    kwargs = _slug(target)
    return (
        Write("patch", expect(403, contact_a, contact_b, 200), target, kwargs, _api_project(), json=True),
        Write(
            "put",
            expect(403, contact_a, contact_b, 200),
            target,
            kwargs,
            _api_project(title_tr="Matris", action_lines=["C4"], sdgs=[4]),
            json=True,
        ),
        Write("delete", API_NO_DELETE, target, kwargs, json=True),
    )


ROUTES: dict[str, Route] = {
    # --- Pages --------------------------------------------------------------------------------
    "home": Route(PUBLIC, page=True),
    "awards:index": Route(PUBLIC, page=True),
    "awards:results": Route(PUBLIC, page=True, query="?programme=wsis-prizes&year_min=2020&outcome=finalist"),
    "awards:figures": Route(PUBLIC, page=True),
    "awards:programme": Route(PUBLIC, lambda w: {"slug": w.award_edition.programme.slug}, page=True),
    "awards:edition": Route(PUBLIC, lambda w: {"pk": w.award_edition.pk}, page=True),
    # Applications: a contact's own agency's; every agency's for the admins. B does not even see A's.
    "awards:applications": Route(LOGIN_REQUIRED, page=True, query="?programme=wsis-prizes"),
    "awards:application_create": Route(
        expect(302, 200, 200, 200),
        page=True,
        writes=(Write("post", expect(302, 302, 302, 302), data=_application_form),),
    ),
    "awards:application_edit": Route(
        expect(302, 200, 404, 200),
        lambda w: {"pk": w.award_application.pk},
        page=True,
        writes=(Write("post", expect(302, 302, 404, 302), "award_application", data=_application_edit_form),),
    ),
    "awards:application_submit": Route(
        POST_ONLY_LOGIN,
        lambda w: {"pk": w.award_application.pk},
        writes=(Write("post", expect(302, 302, 404, 302), "award_application"),),
    ),
    "funds:index": Route(PUBLIC, page=True),
    "funds:funder": Route(PUBLIC, lambda w: {"slug": w.fund_funder.slug}, page=True),
    "funds:programme": Route(PUBLIC, lambda w: {"slug": w.fund_programme.slug}, page=True),
    # Every open call; for agency A only those it is eligible for, with the reasons.
    "funds:calls": Route(PUBLIC, page=True, query="?agency=agency-a"),
    "funds:call": Route(PUBLIC, lambda w: {"pk": w.fund_call.pk}, page=True),
    # The published grants (A's draft is never listed), filtered, with the totals per currency.
    "funds:grants": Route(PUBLIC, page=True, query="?funder=world-fund&year=2024&currency=EUR"),
    # Grants an agency received, reported by its contacts in every state; every agency's for the admins.
    "funds:reports": Route(LOGIN_REQUIRED, page=True, query="?state=draft"),
    "funds:report_create": Route(
        expect(302, 200, 200, 200),
        page=True,
        writes=(Write("post", expect(302, 302, 302, 302), data=_grant_report_form),),
    ),
    # A's draft: B does not even see it.
    "funds:report_edit": Route(
        expect(302, 200, 404, 200),
        lambda w: {"pk": w.grant_a_draft.pk},
        page=True,
        writes=(Write("post", expect(302, 302, 404, 302), "grant_a_draft", data=_grant_report_edit_form),),
    ),
    "funds:report_submit": Route(
        POST_ONLY_LOGIN,
        lambda w: {"pk": w.grant_a_draft.pk},
        writes=(Write("post", expect(302, 302, 404, 302), "grant_a_draft"),),
    ),
    # Upcoming events (the world's Geneva forum, with its open deadlines), the month calendar, the past ones with
    # their published participations (A's draft never shows), an event's page and its calendar file.
    "events:index": Route(PUBLIC, page=True, query="?kind=conference&open_deadline=true"),
    "events:calendar": Route(PUBLIC, page=True, query="?kind=conference&online=false"),
    "events:past": Route(PUBLIC, page=True, query="?kind=fair"),
    "events:detail": Route(
        PUBLIC,
        _slug("event"),
        page=True,
        examples=(Example("event_past", PUBLIC, _slug("event_past")),),
    ),
    "events:ics": Route(PUBLIC, _slug("event"), examples=(Example("event_past", PUBLIC, _slug("event_past")),)),
    # Event participations an agency took part in, reported by its contacts in every state; every agency's for the
    # admins.
    "events:participations": Route(LOGIN_REQUIRED, page=True, query="?state=draft"),
    "events:participation_create": Route(
        expect(302, 200, 200, 200),
        page=True,
        query="?event=world-forum",
        writes=(Write("post", expect(302, 302, 302, 302), data=_participation_form),),
    ),
    # A's draft: B does not even see it; nor A's published one among its reports.
    "events:participation_edit": Route(
        expect(302, 200, 404, 200),
        lambda w: {"pk": w.participation_a_draft.pk},
        page=True,
        writes=(Write("post", expect(302, 302, 404, 302), "participation_a_draft", data=_participation_edit_form),),
        examples=(
            Example(
                "participation_a_published",
                expect(302, 200, 404, 200),
                lambda w: {"pk": w.participation_a_published.pk},
            ),
        ),
    ),
    "events:participation_submit": Route(
        POST_ONLY_LOGIN,
        lambda w: {"pk": w.participation_a_draft.pk},
        writes=(Write("post", expect(302, 302, 404, 302), "participation_a_draft"),),
    ),
    # The working group's review queue: admins only; publishing and sending back are the workflow's steps.
    "review_queue": Route(expect(302, 403, 403, 200), page=True, query="?kind=funds.grant"),
    "review_settings": Route(
        POST_ONLY_LOGIN,
        writes=(
            Write(
                "post",
                expect(302, 403, 403, 302),
                data=lambda w: {"notice": "digest", "digest_hour": "7", "time_zone": "Asia/Baku", "language": "az"},
            ),
        ),
    ),
    "review_publish": Route(
        POST_ONLY_LOGIN,
        lambda w: {"kind": "funds.grant", "pk": w.grant_a_submitted.pk},
        writes=(Write("post", expect(302, 403, 403, 302), "grant_a_submitted"),),
    ),
    "review_send_back": Route(
        POST_ONLY_LOGIN,
        lambda w: {"kind": "funds.grant", "pk": w.grant_a_submitted.pk},
        writes=(
            Write(
                "post",
                expect(302, 403, 403, 302),
                "grant_a_submitted",
                data=lambda w: {"comment": "Add the agreement."},
            ),
        ),
    ),
    # A change to A's published project: A's contacts see it, only the admins decide; B does not even see it.
    "review_revision": Route(expect(302, 200, 404, 200), lambda w: {"pk": w.revision_a.pk}, page=True),
    "review_revision_accept": Route(
        POST_ONLY_LOGIN,
        lambda w: {"pk": w.revision_a.pk},
        writes=(Write("post", expect(302, 403, 404, 302), "revision_a"),),
    ),
    "review_revision_send_back": Route(
        POST_ONLY_LOGIN,
        lambda w: {"pk": w.revision_a.pk},
        writes=(
            Write("post", expect(302, 403, 404, 302), "revision_a", data=lambda w: {"comment": "Keep the old name."}),
        ),
    ),
    # Verifying a reported award result against its evidence: admins only; it becomes public.
    "review_verify": Route(
        POST_ONLY_LOGIN,
        lambda w: {"kind": "awards.awardresult", "pk": w.award_result_reported.pk},
        writes=(Write("post", expect(302, 403, 403, 302), "award_result_reported"),),
    ),
    "guides:index": Route(PUBLIC, page=True),
    "coordination:index": Route(PUBLIC, page=True),
    "project_list": Route(PUBLIC, page=True, query="?action_line=C4"),
    # Contacts create for their own agency (an `agency` in the form is ignored); admins choose the agency.
    "project_create": Route(
        expect(302, 200, 200, 200), page=True, writes=(Write("post", expect(302, 302, 302, 302), data=_project_form),)
    ),
    # A's draft: only A's contacts and the admins may see it.
    "project_detail": Route(
        expect(404, 200, 404, 200),
        _slug("project_a_draft"),
        page=True,
        examples=(Example("project_b_published", PUBLIC, _slug("project_b_published")),),
    ),
    # A's published project: everyone sees it, only A and the admins may change it.
    "project_edit": Route(
        expect(302, 200, 403, 200),
        _slug("project_a_published"),
        page=True,
        examples=(Example("project_a_draft", expect(302, 200, 404, 200), _slug("project_a_draft")),),
        writes=(Write("post", expect(302, 302, 403, 302), "project_a_published", data=_project_form),),
    ),
    # POST only; B does not even see A's draft.
    "project_submit": Route(
        expect(302, 405, 405, 405),
        _slug("project_a_draft"),
        writes=(Write("post", expect(302, 302, 404, 302), "project_a_draft"),),
    ),
    "material_add": Route(
        expect(302, 200, 403, 200),
        _slug("project_a_published"),
        page=True,
        examples=(Example("project_a_draft", expect(302, 200, 404, 200), _slug("project_a_draft")),),
        writes=(
            Write(
                "post",
                expect(302, 302, 403, 302),
                "project_a_published",
                data=lambda w: {"kind": "film", "title": "Trailer", "url": "https://video.example/trailer"},
            ),
        ),
    ),
    # A link, not a file: nothing to download. A file on A's draft: only those who see the draft get it.
    "material_download": Route(
        expect(404, 404),
        lambda w: {"slug": w.project_a_published.slug, "pk": w.material_a.pk},
        examples=(
            Example(
                "material_a_draft_file",
                expect(404, 200, 404, 200),
                lambda w: {"slug": w.project_a_draft.slug, "pk": w.material_a_draft_file.pk},
            ),
            Example(
                "material_a_waiting_file",
                expect(404, 200, 404, 200),
                lambda w: {"slug": w.project_a_published.slug, "pk": w.material_a_waiting_file.pk},
            ),
        ),
    ),
    "agency_list": Route(PUBLIC, page=True),
    "agency_detail": Route(PUBLIC, _slug("agency_a"), page=True),
    "accounts:register": Route(PUBLIC, page=True),
    "accounts:register_done": Route(PUBLIC, page=True),
    "accounts:resend": Route(PUBLIC, page=True),
    # The link of the registration mail: its GET asks for the password and changes nothing. Its POST (confirming
    # the address, anonymous by design: the link is the authority) is tested in tests/portal/test_accounts.py.
    "accounts:confirm": Route(PUBLIC, lambda w: {"token": services.confirmation_token(w.unconfirmed)}, page=True),
    "accounts:login": Route(expect(200, 302), page=True),
    "accounts:logout": Route(expect(405, 405)),
    "accounts:password_reset": Route(PUBLIC, page=True),
    "accounts:password_reset_done": Route(PUBLIC, page=True),
    "accounts:password_reset_confirm": Route(
        expect(302, 302),
        lambda w: {
            "uidb64": urlsafe_base64_encode(force_bytes(w.contact_a.user.pk)),
            "token": default_token_generator.make_token(w.contact_a.user),
        },
    ),
    "accounts:password_reset_complete": Route(PUBLIC, page=True),
    "accounts:my_agency": Route(LOGIN_REQUIRED, page=True),
    # B's contact (or an admin) answers the proposal to B; A, which proposed it, cannot answer for B.
    "accounts:partnership_accept": Route(
        POST_ONLY_LOGIN,
        lambda w: {"pk": w.partnership_b_proposed.pk},
        writes=(Write("post", expect(302, 404, 302, 302), "partnership_b_proposed"),),
    ),
    "accounts:partnership_decline": Route(
        POST_ONLY_LOGIN,
        lambda w: {"pk": w.partnership_b_proposed.pk},
        writes=(Write("post", expect(302, 404, 302, 302), "partnership_b_proposed"),),
    ),
    # Contact A also sees the deadline addressed to its agency; the feeds and /healthz are outside the prefixes.
    "deadline_list": Route(PUBLIC, page=True),
    "deadlines_ics": Route(PUBLIC, query="?topic=events"),
    # A bearer address (calendar clients do not log in): the token is the authority, whoever asks.
    "deadlines_private_ics": Route(PUBLIC, lambda w: {"token": w.contact_a.subscription.calendar_token}),
    "healthz": Route(PUBLIC),  # no broker in the tests: healthy with the database alone
    # Each contact its own settings (there is no id in the address); the admin has no contact, hence none.
    "accounts:alerts": Route(
        expect(302, 200, 200, 404),
        page=True,
        writes=(Write("post", expect(302, 302, 302, 404), data=_alert_settings_form),),
    ),
    "accounts:alerts_calendar": Route(POST_ONLY_LOGIN, writes=(Write("post", expect(302, 302, 302, 404)),)),
    # The address in contact A's alert mails: the signed token is the authority, no login needed. Its POST (the
    # one-click unsubscribe, anonymous by design) is tested in tests/portal/test_alert_pages.py.
    "alerts_unsubscribe": Route(
        PUBLIC, lambda w: {"token": alerts.unsubscribe_token(w.contact_a.subscription)}, page=True
    ),
    # --- API ----------------------------------------------------------------------------------
    "api:api-root": Route(PUBLIC),
    "api:schema": Route(PUBLIC),
    "api:docs": Route(PUBLIC),
    "api:agency-list": Route(PUBLIC),
    "api:agency-detail": Route(PUBLIC, _slug("agency_b")),
    # Creating for agency A: A's contact and the admins may, B's contact may not.
    "api:project-list": Route(
        PUBLIC,
        writes=(Write("post", expect(403, 201, 403, 201), data=_api_project(agency="agency-a"), json=True),),
    ),
    "api:project-detail": Route(
        expect(404, 200, 404, 200),
        _slug("project_a_draft"),
        examples=(Example("project_b_published", PUBLIC, _slug("project_b_published")),),
        writes=(
            *_api_project_writes("project_a_draft", contact_a=200, contact_b=404),
            *_api_project_writes("project_b_published", contact_a=403, contact_b=202),
        ),
    ),
    "api:actionline-list": Route(PUBLIC),
    "api:actionline-detail": Route(PUBLIC, lambda w: {"code": "C7.1"}),
    "api:sdg-list": Route(PUBLIC),
    "api:sdg-detail": Route(PUBLIC, lambda w: {"number": 16}),
    "api:deadline-list": Route(PUBLIC, query="?topic=events"),
    "api:deadline-detail": Route(
        PUBLIC,
        lambda w: {"pk": w.deadline_public.pk},
        examples=(Example("deadline_for_a", expect(404, 200, 404, 200), lambda w: {"pk": w.deadline_for_a.pk}),),
    ),
    # The user's own subscription: anonymous users are refused, the admin (no contact) has none.
    "api:subscription": Route(
        expect(403, 200, 200, 404),
        writes=(
            Write("patch", expect(403, 200, 200, 404), data=lambda w: {"lead_days": [14, 2]}, json=True),
            Write("put", expect(403, 200, 200, 404), data=_api_subscription, json=True),
            Write("delete", expect(403, 405, 405, 405), json=True),
        ),
    ),
    # The name fields' autocomplete: public, and only what the user may see (tests/portal/test_names.py).
    "api:names": Route(PUBLIC, query="?kind=agency&q=Ajans"),
    # Awards: the reference lists and the results inventory are public and read-only.
    "api:award-programme-list": Route(PUBLIC),
    "api:award-programme-detail": Route(PUBLIC, lambda w: {"slug": "wsis-prizes"}),
    "api:award-category-list": Route(PUBLIC, query="?programme=wsis-prizes&action_line=C7"),
    "api:award-category-detail": Route(PUBLIC, lambda w: {"pk": w.award_result.category_id}),
    "api:award-edition-list": Route(PUBLIC, query="?programme=wsis-prizes&open=false"),
    "api:award-edition-detail": Route(PUBLIC, lambda w: {"pk": w.award_edition.pk}),
    "api:award-result-list": Route(PUBLIC, query="?year_min=2020&agency=agency-a"),
    "api:award-result-detail": Route(
        PUBLIC,
        lambda w: {"pk": w.award_result.pk},
        writes=(Write("delete", expect(403, 405), "award_result", json=True),),
    ),
    # Applications: logged-in agency contacts, their own agency's only; admins every agency's.
    "api:award-application-list": Route(
        expect(403, 200),
        writes=(Write("post", expect(403, 201, 403, 201), data=_api_application, json=True),),
    ),
    "api:award-application-detail": Route(
        expect(403, 200, 404, 200),
        lambda w: {"pk": w.award_application.pk},
        writes=(
            Write(
                "patch",
                expect(403, 200, 404, 200),
                "award_application",
                data=lambda w: {"state": "shortlisted"},
                json=True,
            ),
            Write("put", expect(403, 200, 404, 200), "award_application", data=_api_application, json=True),
            Write("delete", API_NO_DELETE, "award_application", json=True),
        ),
    ),
    # Funds: funders, programmes and calls are public and read-only.
    "api:fund-funder-list": Route(PUBLIC, query="?kind=multilateral"),
    "api:fund-funder-detail": Route(PUBLIC, lambda w: {"slug": w.fund_funder.slug}),
    "api:fund-programme-list": Route(PUBLIC, query="?funder=world-fund&agency_kind=ministry&country=TR"),
    "api:fund-programme-detail": Route(
        PUBLIC,
        lambda w: {"slug": w.fund_programme.slug},
        writes=(Write("delete", expect(403, 405), "fund_programme", json=True),),
    ),
    "api:fund-call-list": Route(PUBLIC, query="?open=true&funder=world-fund&agency_kind=ministry"),
    "api:fund-call-detail": Route(PUBLIC, lambda w: {"pk": w.fund_call.pk}),
    # Grants: the published ones for everyone; a contact also sees its own agency's drafts and reports its own
    # agency's grants (any `agency` it names is its own); no PUT, no DELETE.
    "api:fund-grant-list": Route(
        PUBLIC,
        query="?currency=EUR&year_min=2020&amount_min=1000",
        writes=(Write("post", expect(403, 201, 403, 201), data=_api_grant, json=True),),
    ),
    "api:fund-grant-detail": Route(
        PUBLIC,
        lambda w: {"pk": w.grant_a_published.pk},
        examples=(Example("grant_a_draft", expect(404, 200, 404, 200), lambda w: {"pk": w.grant_a_draft.pk}),),
        writes=(
            Write(
                "patch",
                expect(403, 202, 403, 200),  # a contact's change waits for review as a revision
                "grant_a_published",
                data=lambda w: {"duration_months": 24},
                json=True,
            ),
            Write(
                "patch",
                expect(403, 200, 404, 200),
                "grant_a_draft",
                lambda w: {"pk": w.grant_a_draft.pk},
                data=lambda w: {"signed_on": "2013-04-18", "duration_months": 24},
                json=True,
            ),
            Write("put", expect(403, 405), "grant_a_draft", lambda w: {"pk": w.grant_a_draft.pk}, _api_grant, True),
            Write("delete", API_NO_DELETE, "grant_a_published", json=True),
        ),
    ),
    # Events: public and read-only (the working group writes them in the back-office).
    "api:event-list": Route(
        PUBLIC,
        query="?kind=conference&open_deadline=true&online=false",
        writes=(Write("post", expect(403, 405), data=lambda w: {"slug": "matrix-event"}, json=True),),
    ),
    "api:event-detail": Route(
        PUBLIC,
        _slug("event"),
        examples=(Example("event_past", PUBLIC, _slug("event_past")),),
        writes=(
            Write("patch", expect(403, 405), "event", data=lambda w: {"status": "cancelled"}, json=True),
            Write("delete", expect(403, 405), "event", json=True),
        ),
    ),
    # Participations: the published ones for everyone; a contact also sees its own agency's drafts and reports its
    # own agency's (any `agency` it names is its own); no PUT, no DELETE.
    "api:event-participation-list": Route(
        PUBLIC,
        query="?event=world-fair-past&kind=fair&has_lessons=true",
        writes=(Write("post", expect(403, 201, 403, 201), data=_api_participation, json=True),),
    ),
    "api:event-participation-detail": Route(
        PUBLIC,
        lambda w: {"pk": w.participation_a_published.pk},
        examples=(
            Example(
                "participation_a_draft",
                expect(404, 200, 404, 200),
                lambda w: {"pk": w.participation_a_draft.pk},
            ),
        ),
        writes=(
            Write(
                "patch",
                expect(403, 202, 403, 200),  # a contact's change waits for review as a revision
                "participation_a_published",
                data=lambda w: {"people": 4},
                json=True,
            ),
            Write(
                "patch",
                expect(403, 200, 404, 200),
                "participation_a_draft",
                lambda w: {"pk": w.participation_a_draft.pk},
                data=lambda w: {"outcome_en": "Met two partners.", "people": 2},
                json=True,
            ),
            Write(
                "put",
                expect(403, 405),
                "participation_a_draft",
                lambda w: {"pk": w.participation_a_draft.pk},
                _api_participation,
                True,
            ),
            Write("delete", API_NO_DELETE, "participation_a_published", json=True),
        ),
    ),
}

# Routes without a name cannot be reversed: each is declared by an example address it answers.
UNNAMED: dict[str, Route] = {
    # portal/api_urls.py: any other address under the API is a JSON 404, whoever asks.
    "/api/v1/no-such-endpoint/": Route(expect(404, 404)),
}


# Modules that declare the routes of one part of an area: each has `build(world) -> dict` (records it adds to the
# world, read as its attributes) and `ROUTES` (merged into ROUTES below).
PART_MODULES = (
    "tests.gates.routes_circulars",
    "tests.gates.routes_meetings",
    "tests.gates.routes_private_sector",
    "tests.gates.routes_participation",
    "tests.gates.routes_guides_library",
    "tests.gates.routes_guides_follows",
    "tests.gates.routes_guides_websites",
    "tests.gates.routes_guides_portals",
    "tests.gates.routes_guides_materials",
    "tests.gates.routes_search",
    "tests.gates.routes_saved_searches",
)


def _part_modules():
    import importlib

    return [importlib.import_module(name) for name in PART_MODULES]


for _module in _part_modules():
    ROUTES.update(_module.ROUTES)


def walk(patterns=None, namespace="", prefix=""):
    """Yield (qualified name, pattern string) for every named route in the URL conf."""
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace or ""
            qualified = f"{namespace}:{ns}" if namespace and ns else (ns or namespace)
            yield from walk(entry.url_patterns, qualified, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern) and entry.name:
            yield (f"{namespace}:{entry.name}" if namespace else entry.name), prefix + str(entry.pattern)


def route_names() -> set[str]:
    """Every named route outside the admin (the admin has its own generic rule)."""
    return {name for name, _pattern in walk() if not name.startswith("admin:")}


def page_routes() -> list[str]:
    return sorted(name for name, route in ROUTES.items() if route.page)
