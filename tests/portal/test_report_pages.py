"""The report pages of every kind an agency reports — grants received, event participations, award applications —
tested once for all three through the real pages: one implementation (`portal.report_views`) and one review workflow
(`portal.reviews`). Who may open what, submitting for review, a change after submission making a record a draft
again, working-group admins reporting for any agency, and the list's query count. What is a kind's own (its fields
and rules, its links, its pages elsewhere) is tested in its area: tests/funds/test_report_pages.py,
tests/events/test_report_pages.py, tests/awards/test_applications_pages.py."""

import dataclasses
import datetime as dt
from collections.abc import Callable
from decimal import Decimal

import pytest
from django.contrib import messages
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.translation import gettext

from awards.models import AwardApplication, AwardResult
from events.models import EventParticipation
from funds.models import Grant
from portal.models import ReviewState
from tests import factories
from tests.queries import LARGE, SMALL, count_queries

STATES = [ReviewState.DRAFT, ReviewState.SUBMITTED, ReviewState.PUBLISHED]


@dataclasses.dataclass(frozen=True)
class Kind:
    """A kind of reported record, as its pages see it. `make(agency, **fields)` builds a record of the agency (a
    draft unless told); `form_data(record, **changes)` is the valid form of a record as it stands; `new_data(agency)`
    the form of a new record naming a project of `agency` (without the agency itself); `change` one change a contact
    makes: the field, as typed, as saved; `nth(n, agency)` the fields of the n-th record of the query count, made
    with records of its own; `review_filter` the list's filter of the review state; `saved_to` where the form leads
    after saving (the list when None). The messages are the English texts."""

    name: str
    path: str  # the list, in Turkish
    model: type
    make: Callable
    form_data: Callable
    new_data: Callable
    change: tuple[str, str, object]
    nth: Callable
    saved: str
    saved_as_draft: str
    review_filter: str = "state"
    saved_to: Callable | None = None

    @property
    def create(self) -> str:
        return f"{self.path}new/"

    def edit(self, record) -> str:
        return f"{self.path}{record.pk}/edit/"

    def submit(self, record) -> str:
        return f"{self.path}{record.pk}/submit/"

    def after_save(self, record) -> str:
        return self.saved_to(record) if self.saved_to else self.path

    def changed(self) -> dict:
        field, typed, _saved = self.change
        return {field: typed}

    def value(self, record):
        record.refresh_from_db()
        return getattr(record, self.change[0])


# --- Grants received (tests/funds/test_report_pages.py) ---------------------------------------------------------------


def make_grant(agency, **fields) -> Grant:
    """A draft of 3,700,000 USD signed on 18 April 2013 from a funder of its own, unless told."""
    values = {
        "amount": Decimal("3700000"),
        "currency": "USD",
        "signed_on": dt.date(2013, 4, 18),
        "purpose_en": "E-government education centre",
        **fields,
    }
    return factories.GrantFactory(agency=agency, **values)


def new_grant(agency) -> dict:
    project = factories.ProjectFactory(agency=agency, published=True)
    return {"funder": factories.FunderFactory().pk, "project": project.pk, "amount": "10", "currency": "USD"}


def nth_grant(n: int, agency) -> dict:
    """The n-th grant of the query count: from a funder of its own, through a programme or for a project on some."""
    funder = factories.FunderFactory(
        slug=f"funder-{n:03}", name=f"Fon {n}", name_en=f"Fund {n}", kind="foundation", website="https://f.example"
    )
    programme = factories.FundingProgrammeFactory(funder=funder, slug=f"programme-{n:03}", name_en=f"P{n}")
    project = factories.ProjectFactory(agency=agency, slug=f"funded-{n:03}", published=n % 3 == 0)
    return {
        "funder": funder,
        "programme": programme if n % 2 else None,
        "project": project if n % 4 else None,
        "amount": Decimal(1000 + n),
    }


GRANT = Kind(
    name="grant",
    path="/tr/funds/reports/",
    model=Grant,
    make=make_grant,
    form_data=factories.grant_report_data,
    new_data=new_grant,
    change=("amount", "3800000", Decimal("3800000")),
    nth=nth_grant,
    saved="The grant is saved.",
    saved_as_draft="The grant is saved as a draft again: submit it for review once more.",
)


# --- Event participations (tests/events/test_report_pages.py) ---------------------------------------------------------


def make_participation(agency, **fields) -> EventParticipation:
    """A draft: two people of the agency exhibited at an event of its own in July 2025, unless told."""
    values = {"role": "exhibitor", "people": 2, "lessons_en": "Bring leaflets in English.", **fields}
    if "event" not in values:
        values["event"] = factories.EventFactory(starts_on=dt.date(2025, 7, 7))
    return factories.ParticipationFactory(agency=agency, **values)


def new_participation(agency) -> dict:
    project = factories.ProjectFactory(agency=agency, published=True)
    return {"event": factories.EventFactory().pk, "project": project.pk, "role": "panellist", "people": "1"}


def nth_participation(n: int, agency) -> dict:
    """The n-th participation of the query count: in an event of its own, showing a project on some."""
    event = factories.EventFactory(slug=f"event-{n:03}", starts_on=dt.date(2020, 1, 1) + dt.timedelta(days=n))
    project = factories.ProjectFactory(agency=agency, slug=f"shown-{n:03}", published=n % 3 == 0)
    return {"event": event, "project": project if n % 4 else None, "lessons_en": f"Lesson {n}"}


PARTICIPATION = Kind(
    name="participation",
    path="/tr/events/participations/",
    model=EventParticipation,
    make=make_participation,
    form_data=factories.participation_report_data,
    new_data=new_participation,
    change=("people", "4", 4),
    nth=nth_participation,
    saved="The participation is saved.",
    saved_as_draft="The participation is saved as a draft again: submit it for review once more.",
)


# --- Award applications (tests/awards/test_applications_pages.py) -----------------------------------------------------


def make_application(agency, **fields) -> AwardApplication:
    """A draft report of an application, sent on 1 March, of a published project of the agency to an edition of its
    own in the category C7 e-health, unless told. (Its `state` is how far the application went, not its review.)"""
    if "edition" not in fields:
        fields["edition"] = factories.AwardEditionFactory(past=True)  # closed: the application may be won
    values = {
        "category": factories.award_category("C7-E-health"),
        "state": "submitted",
        "submitted_on": dt.date(2026, 3, 1),
        **fields,
    }
    return factories.AwardApplicationFactory(agency=agency, **values)


def new_application(agency) -> dict:
    project = factories.ProjectFactory(agency=agency, published=True)
    return {"project": project.pk, "edition": factories.AwardEditionFactory().pk, "state": "planned"}


def nth_application(n: int, agency) -> dict:
    """The n-th application of the query count: to an edition of its own, with a project of its own, in one of three
    categories or none."""
    categories = list(factories.award_programme("wsis-prizes").categories.order_by("pk")[:3])
    return {
        "project": factories.ProjectFactory(agency=agency, slug=f"applying-{n:03}", published=n % 3 == 0),
        "edition": factories.AwardEditionFactory(year=1995 + n),
        "category": categories[n % 3] if n % 4 else None,
        "submitted_on": dt.date(1995 + n, 2, 1),
    }


APPLICATION = Kind(
    name="application",
    path="/tr/awards/applications/",
    model=AwardApplication,
    make=make_application,
    form_data=factories.application_report_data,
    new_data=new_application,
    change=("state", "won", "won"),
    nth=nth_application,
    saved="The application is saved.",
    saved_as_draft="The application is saved as a draft again: submit it for review once more.",
    review_filter="review_state",  # `?state=` is how far the application went
    saved_to=lambda application: f"/tr/awards/applications/?edition={application.edition_id}",
)


KINDS = [GRANT, PARTICIPATION, APPLICATION]


@pytest.fixture(params=KINDS, ids=[kind.name for kind in KINDS])
def kind(request) -> Kind:
    return request.param


@pytest.fixture
def record_a(kind, agency_a):
    return kind.make(agency_a)


@pytest.fixture
def record_b(kind, agency_b):
    return kind.make(agency_b)


def put_in(record, state: str) -> None:
    """The record as the review workflow leaves it in `state`."""
    record.review_state = state
    if state in (ReviewState.SUBMITTED, ReviewState.PUBLISHED):
        record.submitted_at = timezone.now()
    if state == ReviewState.PUBLISHED:
        record.published_at = timezone.now()
    if state == ReviewState.CHANGES_REQUESTED:
        record.review_comment = "Name the partners."
    record.save()


def listed(client, url: str) -> list[tuple[int, bool]]:
    return [(record.pk, may_change) for record, may_change in client.get(url).context["rows"]]


def message_levels(response) -> list[int]:
    return [m.level for m in messages.get_messages(response.wsgi_request)]


def message_texts(response) -> list[str]:
    with translation.override("tr"):
        return [str(m.message) for m in messages.get_messages(response.wsgi_request)]


def in_turkish(text: str) -> str:
    with translation.override("tr"):
        return gettext(text)


# --- Who opens what ---------------------------------------------------------------------------------------------------


def test_pages_require_login(client, kind, record_a, agency_a):
    login = reverse("accounts:login")
    for url in (kind.path, kind.create, kind.edit(record_a)):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(login), url
    for url, data in (
        (kind.submit(record_a), {}),
        (kind.create, kind.new_data(agency_a)),
        (kind.edit(record_a), kind.form_data(record_a, **kind.changed())),
    ):
        response = client.post(url, data)
        assert response.status_code == 302, url
        assert response["Location"].startswith(login), url
    assert kind.model.objects.count() == 1
    assert kind.value(record_a) != kind.change[2]
    assert record_a.review_state == ReviewState.DRAFT


def test_contact_cannot_see_or_change_another_agencys_record(client, kind, contact_b, record_a):
    client.force_login(contact_b.user)
    before = kind.value(record_a)
    assert client.get(kind.edit(record_a)).status_code == 404
    assert client.post(kind.edit(record_a), kind.form_data(record_a, **kind.changed())).status_code == 404
    assert client.post(kind.submit(record_a)).status_code == 404
    assert (kind.value(record_a), record_a.review_state) == (before, ReviewState.DRAFT)
    assert not AwardResult.objects.exists()  # a won application of another agency is not recorded either
    assert listed(client, kind.path) == []


def test_published_records_of_others_are_not_in_the_reports(client_a, kind, record_a, record_b):
    put_in(record_b, ReviewState.PUBLISHED)
    response = client_a.get(kind.path)
    assert [(record.pk, may_change) for record, may_change in response.context["rows"]] == [(record_a.pk, True)]
    assert response.context["can_report"] is True
    assert f'href="{kind.create}"' in response.content.decode()
    assert client_a.get(kind.edit(record_b)).status_code == 404
    assert client_a.post(kind.submit(record_b)).status_code == 404
    record_b.refresh_from_db()
    assert record_b.review_state == ReviewState.PUBLISHED


def test_user_without_an_agency_cannot_report(client, kind, record_a, agency_a):
    put_in(record_a, ReviewState.PUBLISHED)  # published or not, it is no report of theirs
    client.force_login(factories.UserFactory())
    assert client.get(kind.create).status_code == 403
    assert client.post(kind.create, kind.new_data(agency_a)).status_code == 403
    response = client.get(kind.path)
    assert response.context["can_report"] is False
    assert f'href="{kind.create}"' not in response.content.decode()
    assert response.context["rows"] == []
    assert client.get(kind.edit(record_a)).status_code == 404
    assert client.post(kind.submit(record_a)).status_code == 404
    assert kind.model.objects.count() == 1


# --- Submitting for review --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("state", [ReviewState.DRAFT, ReviewState.CHANGES_REQUESTED])
def test_submit_moves_a_draft_or_a_record_sent_back_to_review(client_a, contact_a, kind, record_a, state):
    put_in(record_a, state)
    action = f'action="{kind.submit(record_a)}"'
    assert action in client_a.get(kind.path).content.decode()

    assert client_a.get(kind.submit(record_a)).status_code == 405
    response = client_a.post(kind.submit(record_a))
    assert response.status_code == 302
    assert response["Location"] == kind.path
    assert message_levels(response) == [messages.SUCCESS]
    record_a.refresh_from_db()
    assert (record_a.review_state, record_a.submitted_by) == (ReviewState.SUBMITTED, contact_a.user)
    assert record_a.submitted_at is not None
    assert action not in client_a.get(kind.path).content.decode()

    # Only a draft is submitted: a second submission is refused with a message, the state stays.
    response = client_a.post(kind.submit(record_a))
    assert response.status_code == 302
    assert message_levels(response) == [messages.ERROR]
    assert message_texts(response) == [in_turkish("Only a draft or a record sent back for changes can be submitted.")]
    record_a.refresh_from_db()
    assert record_a.review_state == ReviewState.SUBMITTED


def test_a_published_record_is_not_submitted(client_a, kind, record_a):
    put_in(record_a, ReviewState.PUBLISHED)
    assert f'action="{kind.submit(record_a)}"' not in client_a.get(kind.path).content.decode()
    response = client_a.post(kind.submit(record_a))
    assert message_levels(response) == [messages.ERROR]
    record_a.refresh_from_db()
    assert record_a.review_state == ReviewState.PUBLISHED


# --- A contact's changes ----------------------------------------------------------------------------------------------


def test_changing_a_submitted_record_makes_it_a_draft_again(client_a, kind, record_a):
    put_in(record_a, ReviewState.SUBMITTED)
    page = client_a.get(kind.edit(record_a)).content.decode()
    assert f'data-review-state="{ReviewState.SUBMITTED}"' in page
    assert escape(in_turkish("Saving a change makes it a draft again, to be submitted for review once more.")) in page

    # A review state in the form is not read from a contact.
    data = kind.form_data(record_a, **kind.changed(), review_state=ReviewState.PUBLISHED)
    response = client_a.post(kind.edit(record_a), data)
    assert response.status_code == 302
    assert response["Location"] == kind.after_save(record_a)
    assert message_texts(response) == [in_turkish(kind.saved_as_draft)]
    assert kind.value(record_a) == kind.change[2]
    assert (record_a.review_state, record_a.published_at) == (ReviewState.DRAFT, None)
    assert f'data-review-state="{ReviewState.DRAFT}"' in client_a.get(kind.edit(record_a)).content.decode()


def test_changing_a_published_record_waits_for_review_and_the_published_version_stays(client_a, kind, record_a):
    """(The revision itself, its review and the other doors: tests/portal/test_revisions.py.)"""
    put_in(record_a, ReviewState.PUBLISHED)
    published_value = kind.value(record_a)
    page = client_a.get(kind.edit(record_a)).content.decode()
    assert (
        escape(in_turkish("Saving a change makes it a draft again, to be submitted for review once more.")) not in page
    )

    data = kind.form_data(record_a, **kind.changed(), review_state=ReviewState.DRAFT)
    response = client_a.post(kind.edit(record_a), data)
    assert response.status_code == 302
    assert response["Location"] == kind.after_save(record_a)
    assert message_texts(response) == [in_turkish("Your changes are waiting for review by the working group.")]
    assert kind.value(record_a) == published_value != kind.change[2]
    assert record_a.review_state == ReviewState.PUBLISHED and record_a.published_at is not None
    assert "data-revision-pending=" in client_a.get(kind.edit(record_a)).content.decode()  # it sees its changes


@pytest.mark.parametrize("state", [ReviewState.DRAFT, ReviewState.CHANGES_REQUESTED])
def test_changing_a_draft_says_it_is_saved(client_a, kind, record_a, state):
    put_in(record_a, state)
    response = client_a.post(kind.edit(record_a), kind.form_data(record_a, **kind.changed()))
    assert response.status_code == 302
    assert response["Location"] == kind.after_save(record_a)
    assert message_texts(response) == [in_turkish(kind.saved)]
    assert kind.value(record_a) == kind.change[2]
    assert record_a.review_state == state  # a record sent back stays so until submitted again


# --- Working-group admins ---------------------------------------------------------------------------------------------


def test_admin_sees_every_agency_and_filters_by_state(admin_client_wg, kind, record_a, record_b):
    put_in(record_b, ReviewState.SUBMITTED)
    assert sorted(listed(admin_client_wg, kind.path)) == sorted([(record_a.pk, True), (record_b.pk, True)])
    by_state = f"{kind.path}?{kind.review_filter}="
    assert listed(admin_client_wg, f"{by_state}submitted") == [(record_b.pk, True)]
    assert listed(admin_client_wg, f"{by_state}draft") == [(record_a.pk, True)]
    response = admin_client_wg.get(f"{by_state}nonsense")
    assert response.context["rows"] == []
    assert list(response.context["filter"].form.errors) == [kind.review_filter]


def test_admin_reports_for_the_agency_it_chooses_and_keeps_the_state(
    admin_client_wg, wg_admin, kind, agency_b, record_a
):
    assert "agency" in admin_client_wg.get(kind.create).context["form"].fields
    data = kind.new_data(agency_b)
    response = admin_client_wg.post(kind.create, data)  # no agency chosen
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["agency"]
    assert kind.model.objects.count() == 1

    response = admin_client_wg.post(kind.create, {**data, "agency": agency_b.pk})
    assert response.status_code == 302
    created = kind.model.objects.exclude(pk=record_a.pk).get()
    assert response["Location"] == kind.after_save(created)
    assert (created.agency, created.project_id, created.reported_by, created.review_state) == (
        agency_b,
        data["project"],
        wg_admin,
        ReviewState.DRAFT,
    )
    assert message_texts(response) == [in_turkish(kind.saved)]
    assert (created.pk, True) in listed(admin_client_wg, response["Location"])  # the message shown there

    put_in(record_a, ReviewState.PUBLISHED)
    published_at = record_a.published_at
    data = kind.form_data(record_a, **kind.changed(), agency=record_a.agency_id)
    response = admin_client_wg.post(kind.edit(record_a), data)
    assert response.status_code == 302
    assert message_texts(response) == [in_turkish(kind.saved)]
    assert kind.value(record_a) == kind.change[2]
    assert (record_a.review_state, record_a.published_at) == (ReviewState.PUBLISHED, published_at)


# --- Query count ------------------------------------------------------------------------------------------------------


def add_records(kind: Kind, count: int, start: int, agency_a, agency_b) -> None:
    """`count` records of the kind, half of each agency, in every review state, each with records of its own."""
    for n in range(start, start + count):
        agency = agency_a if n % 2 else agency_b
        kind.make(agency, review_state=STATES[n % 3], **kind.nth(n, agency))


@pytest.mark.parametrize("role", ["contact_a", "admin"])
def test_query_count_of_the_list_is_constant(
    client, kind, contact_a, wg_admin, agency_b, django_assert_max_num_queries, role
):
    client.force_login(contact_a.user if role == "contact_a" else wg_admin)
    add_records(kind, SMALL, 0, contact_a.agency, agency_b)
    client.get(kind.path)  # warm per-process caches (content types, translations) before counting
    small, response = count_queries(client, kind.path)
    shown_small = len(response.context["rows"])

    add_records(kind, LARGE - SMALL, SMALL, contact_a.agency, agency_b)
    with django_assert_max_num_queries(small):
        client.get(kind.path)
    large, response = count_queries(client, kind.path)
    assert large == small, f"{kind.name}: {small} queries with {SMALL} records, {large} with {LARGE}"
    assert len(response.context["rows"]) > shown_small
