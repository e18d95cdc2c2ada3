"""The event participation report pages, what is a participation's own: its fields, the events offered and the one
in the address, links and people, the project an agency may name; and the published ones on the agency profile and
the project page. Who opens what, the review states, admins and the list's query count are every kind's:
tests/portal/test_report_pages.py."""

import datetime as dt
import re

import pytest
from django.contrib import messages
from django.urls import reverse
from django.utils import formats, translation

from events.models import EventParticipation, EventStatus
from portal.models import ReviewState
from tests import factories
from tests.queries import LARGE, SMALL, count_queries

LIST = "/tr/events/participations/"
CREATE = "/tr/events/participations/new/"


def edit_url(participation) -> str:
    return f"/tr/events/participations/{participation.pk}/edit/"


@pytest.fixture
def forum():
    return factories.EventFactory(
        slug="wsis-forum-2025",
        name="WSIS Forumu 2025",
        name_en="WSIS Forum 2025",
        starts_on=dt.date(2025, 7, 7),
        ends_on=dt.date(2025, 7, 11),
    )


@pytest.fixture
def fair():
    return factories.EventFactory(
        slug="gitex-2026",
        name="GITEX 2026",
        name_en="GITEX 2026",
        kind="fair",
        city="Dubai",
        city_en="Dubai",
        country="AE",
        tz="Asia/Dubai",
        starts_on=dt.date(2026, 10, 12),
        ends_on=dt.date(2026, 10, 16),
    )


@pytest.fixture
def project_a(agency_a):
    return factories.ProjectFactory(agency=agency_a, slug="a-portal", published=True)


@pytest.fixture
def project_b(agency_b):
    return factories.ProjectFactory(agency=agency_b, slug="b-portal", published=True)


def make(agency, event, review_state=ReviewState.DRAFT, **fields) -> EventParticipation:
    values = {"role": "exhibitor", "people": 2, **fields}
    return factories.ParticipationFactory(agency=agency, event=event, review_state=review_state, **values)


@pytest.fixture
def participation_a(agency_a, forum):
    return make(agency_a, forum, lessons_en="Bring leaflets in English.")


form_data = factories.participation_report_data  # the form as a participation stands, with changes


def message_levels(response) -> list[int]:
    return [m.level for m in messages.get_messages(response.wsgi_request)]


def listed(client, url=LIST) -> list[tuple[int, bool]]:
    return [(participation.pk, may_change) for participation, may_change in client.get(url).context["rows"]]


# --- Who reports what ------------------------------------------------------------------------------


def test_contact_reports_a_draft_for_its_own_agency(client_a, contact_a, agency_b, forum, project_a):
    form = client_a.get(CREATE).context["form"]
    assert "agency" not in form.fields
    assert {"outcome_tr", "outcome_en", "lessons_tr", "lessons_en", "material_links"} <= set(form.fields)
    assert (form.fields["people"].widget.attrs["min"], form.fields["people"].widget.attrs["max"]) == (1, 1000)

    # An agency in the form is not read from a contact: its participation is its own agency's.
    data = form_data(
        agency=agency_b.pk,
        event=forum.pk,
        project=project_a.pk,
        role="speaker",
        people="3",
        outcome_tr="İki ortaklık görüşmesi",
        outcome_en="Two partnership talks",
        lessons_en="Book the booth early.",
        material_links="https://slides.example/talk\n\n  https://video.example/talk  ",
        review_state=ReviewState.PUBLISHED,
    )
    response = client_a.post(CREATE, data)
    assert response.status_code == 302
    assert response["Location"] == LIST
    assert message_levels(response) == [messages.SUCCESS]
    saved = EventParticipation.objects.get()
    assert (saved.agency, saved.review_state, saved.reported_by, saved.imported) == (
        contact_a.agency,
        ReviewState.DRAFT,
        contact_a.user,
        False,
    )
    assert (saved.event, saved.project, saved.role, saved.people) == (forum, project_a, "speaker", 3)
    assert (saved.outcome_tr, saved.outcome_en, saved.lessons_en) == (
        "İki ortaklık görüşmesi",
        "Two partnership talks",
        "Book the booth early.",
    )
    assert saved.links() == ["https://slides.example/talk", "https://video.example/talk"]
    assert listed(client_a) == [(saved.pk, True)]


def test_events_are_offered_by_year_with_their_dates_and_without_cancelled_ones(client_a, forum, fair):
    cancelled = factories.EventFactory(slug="cancelled-expo", status=EventStatus.CANCELLED)
    field = client_a.get(CREATE).context["form"]["event"]
    groups = [(group, [value for value, _label in options]) for group, options in field.field.choices[1:]]
    assert groups == [("2026", [fair.pk]), ("2025", [forum.pk])]
    assert cancelled.pk not in field.field.queryset.values_list("pk", flat=True)
    body = client_a.get(CREATE).content.decode()
    assert body.count("<optgroup ") == 2
    label = dict(field.field.choices[2][1])[forum.pk]
    with translation.override("tr"):
        dates = [formats.date_format(day, "SHORT_DATE_FORMAT") for day in (forum.starts_on, forum.ends_on)]
    assert forum.name_tr in label
    assert all(date in label for date in dates), (label, dates)


def test_the_event_in_the_address_is_chosen(client_a, forum, fair):
    assert client_a.get(f"{CREATE}?event={fair.slug}").context["form"]["event"].value() == fair.pk
    assert client_a.get(f"{CREATE}?event=no-such-event").context["form"]["event"].value() is None


def test_a_participation_in_an_event_cancelled_since_keeps_its_event(client_a, participation_a):
    event = participation_a.event
    event.status = EventStatus.CANCELLED
    event.save()
    response = client_a.post(edit_url(participation_a), form_data(participation_a, people="5"))
    assert response.status_code == 302
    participation_a.refresh_from_db()
    assert (participation_a.event, participation_a.people) == (event, 5)
    # A new one cannot be reported for it.
    response = client_a.post(CREATE, form_data(participation_a))
    assert list(response.context["form"].errors) == ["event"]


def test_project_is_the_agencys_own_or_one_it_is_a_partner_in(client_a, agency_a, forum, project_a, project_b):
    shared = factories.ProjectFactory(agency=project_b.agency, slug="b-shared", published=True)
    factories.partners(shared, agency_a)
    form = client_a.get(CREATE).context["form"]
    assert set(form.fields["project"].queryset) == {project_a, shared}

    response = client_a.post(CREATE, form_data(event=forum.pk, project=project_b.pk, role="attendee", people="1"))
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["project"]
    assert not EventParticipation.objects.exists()

    response = client_a.post(CREATE, form_data(event=forum.pk, project=shared.pk, role="attendee", people="1"))
    assert response.status_code == 302
    assert EventParticipation.objects.get().project == shared


def test_a_bad_link_is_a_field_error_naming_its_line(client_a, participation_a):
    links = "https://slides.example/talk\nslides on the drive"
    response = client_a.post(CREATE, form_data(participation_a, material_links=links))
    assert response.status_code == 200
    errors = response.context["form"].errors.as_data()
    assert list(errors) == ["material_links"]
    assert (errors["material_links"][0].code, errors["material_links"][0].params["line"]) == ("invalid_link", 2)
    assert EventParticipation.objects.count() == 1

    response = client_a.post(edit_url(participation_a), form_data(participation_a, material_links=links))
    assert list(response.context["form"].errors) == ["material_links"]
    participation_a.refresh_from_db()
    assert participation_a.material_links == ""


@pytest.mark.parametrize("people", ["0", "-1", "1001", "many", ""])
def test_a_bad_number_of_people_is_a_field_error(client_a, participation_a, people):
    response = client_a.post(edit_url(participation_a), form_data(participation_a, people=people))
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["people"]
    participation_a.refresh_from_db()
    assert participation_a.people == 2


def test_admin_cannot_name_a_project_the_agency_has_no_part_in(admin_client_wg, agency_a, forum, project_b):
    data = form_data(agency=agency_a.pk, event=forum.pk, project=project_b.pk, role="attendee", people="1")
    response = admin_client_wg.post(CREATE, data)
    assert list(response.context["form"].errors) == ["project"]
    assert not EventParticipation.objects.exists()


def test_the_list_links_to_the_report_form_and_the_events(client_a, participation_a):
    body = client_a.get(LIST).content.decode()
    assert f'href="{CREATE}"' in body
    assert f'href="/tr/events/{participation_a.event.slug}/"' in body


# --- Sections of the agency profile and the project page ---------------------------------------------


def shown_participations(body: str) -> list[int]:
    return [int(pk) for pk in re.findall(r'data-participation="(\d+)"', body)]


def test_the_agency_profile_lists_its_published_participations_only(client, agency_a, forum, fair, project_a):
    draft = make(agency_a, fair, project=project_a)
    make(agency_a, fair, review_state=ReviewState.SUBMITTED)
    older = make(agency_a, forum, review_state=ReviewState.PUBLISHED, lessons_en="Bring leaflets in English.")
    latest = make(agency_a, fair, review_state=ReviewState.PUBLISHED, project=project_a, role="speaker")
    make(factories.AgencyFactory(), fair, review_state=ReviewState.PUBLISHED)  # another agency's
    hidden = factories.ProjectFactory(agency=agency_a, slug="a-secret")  # a draft project: never named
    with_hidden = make(agency_a, forum, review_state=ReviewState.PUBLISHED, project=hidden)

    body = client.get(f"/en/agencies/{agency_a.slug}/").content.decode()
    # The latest event first (GITEX 2026, then the WSIS Forum 2025); no draft, nothing submitted.
    assert shown_participations(body) == [latest.pk, with_hidden.pk, older.pk]
    assert draft.pk not in shown_participations(body)
    assert 'href="/en/projects/a-portal/"' in body
    assert 'href="/en/events/gitex-2026/"' in body and 'href="/en/events/wsis-forum-2025/"' in body
    assert "a-secret" not in body and hidden.title_en not in body
    assert "Bring leaflets in English." in body
    assert 'data-count="3"' in body
    assert f'href="{reverse("events:participation_create")}"' not in body  # not the visitor's agency


def test_the_agency_profile_shows_the_latest_twenty_and_counts_them_all(client, agency_a):
    for n in range(22):
        event = factories.EventFactory(slug=f"yearly-{n:02}", starts_on=dt.date(2000 + n, 5, 1))
        make(agency_a, event, review_state=ReviewState.PUBLISHED)
    response = client.get(f"/tr/agencies/{agency_a.slug}/")
    [section] = [s for s in response.context["sections"] if s.template == "events/agency_section.html"]
    assert section.context["count"] == 22
    assert [p.event.starts_on.year for p in section.context["participations"]] == list(range(2021, 2001, -1))
    assert 'data-count="22"' in response.content.decode()


def test_no_section_when_the_agency_took_part_in_nothing_published(client, client_a, agency_a, agency_b, forum):
    make(agency_b, forum)  # a draft
    body = client.get(f"/tr/agencies/{agency_b.slug}/").content.decode()
    assert 'id="agency-events"' not in body
    # The agency's own contact gets the section anyway, for its link to report one.
    body = client_a.get(f"/tr/agencies/{agency_a.slug}/").content.decode()
    assert 'id="agency-events"' in body
    assert f'href="{CREATE}"' in body
    assert f'href="{LIST}"' in body
    assert f'href="{CREATE}"' not in client_a.get(f"/tr/agencies/{agency_b.slug}/").content.decode()


def test_the_project_page_lists_its_published_participations_only(client, agency_a, agency_b, forum, fair, project_a):
    factories.partners(project_a, agency_b)
    published = make(agency_a, forum, review_state=ReviewState.PUBLISHED, project=project_a, lessons_en="Lesson A")
    partners = make(agency_b, fair, review_state=ReviewState.PUBLISHED, project=project_a)
    make(agency_a, fair, review_state=ReviewState.SUBMITTED, project=project_a)
    make(agency_a, forum, review_state=ReviewState.PUBLISHED)  # no project
    body = client.get(f"/en/projects/{project_a.slug}/").content.decode()
    assert shown_participations(body) == [partners.pk, published.pk]
    assert 'id="project-events"' in body
    assert f'href="/en/agencies/{agency_b.slug}/"' in body
    assert 'href="/en/events/gitex-2026/"' in body
    assert "Lesson A" in body


def test_no_section_on_a_project_shown_at_no_event(client, agency_a, forum, project_a):
    make(agency_a, forum, project=project_a)  # a draft
    assert 'id="project-events"' not in client.get(f"/tr/projects/{project_a.slug}/").content.decode()


def add_published(count: int, start: int, agency, project) -> None:
    """`count` published participations of `agency` in their own events, with `project` and a project of its own
    (published or not) in turn."""
    for n in range(start, start + count):
        event = factories.EventFactory(slug=f"shown-at-{n:03}", starts_on=dt.date(2000, 1, 1) + dt.timedelta(days=n))
        own = factories.ProjectFactory(agency=agency, slug=f"own-{n:03}", published=n % 2 == 0)
        make(agency, event, review_state=ReviewState.PUBLISHED, project=project)
        make(agency, event, review_state=ReviewState.PUBLISHED, project=own, role="speaker")


@pytest.mark.parametrize("page", ["agency", "project"])
def test_query_count_of_the_sections_is_constant(client_a, agency_a, project_a, django_assert_max_num_queries, page):
    url = f"/tr/agencies/{agency_a.slug}/" if page == "agency" else f"/tr/projects/{project_a.slug}/"
    add_published(SMALL, 0, agency_a, project_a)
    client_a.get(url)
    small, response = count_queries(client_a, url)
    shown_small = len(shown_participations(response.content.decode()))
    add_published(LARGE - SMALL, SMALL, agency_a, project_a)
    with django_assert_max_num_queries(small):
        client_a.get(url)
    large, response = count_queries(client_a, url)
    assert large == small, f"{url}: {small} queries with {SMALL} participations, {large} with {LARGE}"
    assert len(shown_participations(response.content.decode())) > shown_small
