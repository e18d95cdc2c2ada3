"""The events back-office: open to working-group admins only; an event's dates and zone checked with field errors;
participations saved and published through events.services."""

import datetime as dt
import re

import pytest
from django.contrib import admin, messages
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from events.models import Event, EventParticipation
from portal.models import Deadline, ReviewState
from tests import factories

EVENTS_MODELS = [model for model in admin.site._registry if model._meta.app_label == "events"]
EVENTS = "/admin/events/event/"
PARTICIPATIONS = "/admin/events/eventparticipation/"


def shown(response) -> list[int]:
    """The levels of the messages the admin shows (never their translated text)."""
    return [m.level for m in response.context["messages"]]


def participation(agency, event=None, review_state=ReviewState.SUBMITTED, **kwargs) -> EventParticipation:
    return factories.ParticipationFactory(
        agency=agency, event=event or factories.EventFactory(), review_state=review_state, role="exhibitor", **kwargs
    )


def event_form(**changes) -> dict:
    """The admin's event form for the WSIS Forum 2026 in Geneva, with its registration deadline."""
    data = {
        "slug": "wsis-forum-2026",
        "name_tr": "WSIS Forumu 2026",
        "name_en": "WSIS Forum 2026",
        "kind": "forum",
        "status": "confirmed",
        "organiser": "ITU",
        "attendance": "in_person",
        "city_en": "Geneva",
        "country": "CH",
        "tz": "Europe/Zurich",
        "starts_on": "2030-07-06",
        "ends_on": "2030-07-10",
        "registration_deadline": "2030-06-15",
    }
    return {**data, **changes}


def participation_form(event, agency, /, **changes) -> dict:
    data = {
        "event": event.pk,
        "agency": agency.pk,
        "project": "",
        "role": "speaker",
        "people": "2",
        "material_links": "",
        **{f"{name}_{lang}": "" for name in ("outcome", "lessons") for lang in ("tr", "en", "ru", "ky", "fa", "az")},
    }
    return {**data, **changes}


@pytest.mark.pure
def test_every_events_model_has_an_admin():
    assert {m._meta.model_name for m in EVENTS_MODELS} == {"event", "eventparticipation"}


@pytest.mark.parametrize("model", EVENTS_MODELS, ids=lambda m: m._meta.model_name)
def test_changelist_add_and_change_pages_open_for_a_working_group_admin(admin_client_wg, agency_a, model):
    example = participation(agency_a)
    record = example if model is EventParticipation else example.event
    base = f"/admin/events/{model._meta.model_name}/"
    for path in (base, f"{base}add/", f"{base}{record.pk}/change/"):
        assert admin_client_wg.get(path).status_code == 200, path


@pytest.mark.parametrize("model", EVENTS_MODELS, ids=lambda m: m._meta.model_name)
def test_a_contact_is_sent_to_the_login(client_a, agency_a, model):
    example = participation(agency_a)
    record = example if model is EventParticipation else example.event
    base = f"/admin/events/{model._meta.model_name}/"
    for path in (base, f"{base}{record.pk}/change/"):
        response = client_a.get(path)
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/")
    response = client_a.post(PARTICIPATIONS, {"action": "publish", "_selected_action": [example.pk]})
    assert response.status_code == 302
    example.refresh_from_db()
    assert example.review_state == ReviewState.SUBMITTED


def test_staff_outside_the_working_group_is_refused_even_with_model_permissions(client, agency_a):
    example = participation(agency_a)
    staff = factories.UserFactory(is_staff=True)
    staff.user_permissions.set(Permission.objects.filter(content_type__app_label="events"))
    client.force_login(staff)
    assert client.get(PARTICIPATIONS).status_code == 403
    assert client.get(f"{EVENTS}add/").status_code == 403
    assert client.get(f"{EVENTS}import/").status_code == 403
    assert b"/admin/events/" not in client.get("/admin/").content
    response = client.post(PARTICIPATIONS, {"action": "publish", "_selected_action": [example.pk]})
    assert response.status_code == 403
    example.refresh_from_db()
    assert example.review_state == ReviewState.SUBMITTED


# --- Events ----------------------------------------------------------------------------------------


def test_an_event_saved_in_the_admin_registers_its_deadlines(admin_client_wg):
    response = admin_client_wg.post(f"{EVENTS}add/", event_form())
    assert response.status_code == 302, response.context["adminform"].form.errors
    event = Event.objects.get()
    assert (event.starts_on, event.registration_deadline, event.tz) == (
        dt.date(2030, 7, 6),
        dt.date(2030, 6, 15),
        "Europe/Zurich",
    )
    kinds = set(
        Deadline.objects.filter(
            content_type=ContentType.objects.get_for_model(Event), object_id=event.pk, withdrawn_at__isnull=True
        ).values_list("kind", flat=True)
    )
    assert kinds == {"event.registration", "event.start"}
    # Its change page lists them, read-only.
    page = admin_client_wg.get(f"{EVENTS}{event.pk}/change/").content.decode()
    assert page.count("<li>", page.index("field-registered_deadlines")) >= 2
    assert 'name="registered_deadlines"' not in page


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"ends_on": "2030-07-05"}, "ends_on"),  # ends before it starts
        ({"registration_deadline": "2030-07-07"}, "registration_deadline"),  # after the start
        ({"proposal_deadline": "2030-08-01"}, "proposal_deadline"),
        ({"tz": "Europe/Geneva"}, "tz"),  # not an IANA zone
        ({"tz": "GMT+3"}, "tz"),
        ({"slug": "participations"}, "slug"),  # the address of the report pages
    ],
)
def test_bad_dates_or_zone_are_field_errors_and_nothing_is_saved(admin_client_wg, changes, field):
    response = admin_client_wg.post(f"{EVENTS}add/", event_form(**changes))
    assert response.status_code == 200
    assert list(response.context["adminform"].form.errors) == [field]
    assert not Event.objects.exists()
    assert not Deadline.objects.exists()


def test_a_bad_change_leaves_the_event_as_it_was(admin_client_wg):
    event = factories.EventFactory(slug="wsis-forum-2026", starts_on=dt.date(2030, 7, 6))
    response = admin_client_wg.post(f"{EVENTS}{event.pk}/change/", event_form(ends_on="2030-07-01"))
    assert list(response.context["adminform"].form.errors) == ["ends_on"]
    event.refresh_from_db()
    assert (event.ends_on, event.name_en, event.sequence) == (dt.date(2030, 7, 10), event.name_en, 0)


def test_the_events_list_filters_and_searches(admin_client_wg):
    fair = factories.EventFactory(slug="gitex", name_en="GITEX Global", kind="fair", country="AE", city_en="Dubai")
    factories.EventFactory(slug="wsis", name_en="WSIS Forum", kind="forum")
    assert list(admin_client_wg.get(EVENTS, {"kind__exact": "fair"}).context["cl"].result_list) == [fair]
    assert list(admin_client_wg.get(EVENTS, {"q": "gitex"}).context["cl"].result_list) == [fair]
    assert list(admin_client_wg.get(EVENTS, {"country": "AE"}).context["cl"].result_list) == [fair]


def test_the_event_pages_have_import_and_export_buttons(admin_client_wg):
    body = admin_client_wg.get(EVENTS).content.decode()
    assert re.search(rf"href=[\"']{EVENTS}import/[\"'] class=\"import_link\"", body)
    assert re.search(rf"href=[\"']{EVENTS}export/\?[\"'] class=\"export_link\"", body)


def test_the_import_and_export_pages_open_on_the_events_inventory(admin_client_wg):
    factories.EventFactory()
    assert admin_client_wg.get(f"{EVENTS}import/").status_code == 200
    response = admin_client_wg.post(f"{EVENTS}export/", {"format": "0", "resource": "0"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")


def test_the_event_form_is_tabbed_by_language(admin_client_wg):
    body = admin_client_wg.get(f"{EVENTS}add/").content.decode()
    for name in ("name_tr", "name_en", "name_fa", "city_ky", "support_details_az"):
        assert f'name="{name}"' in body
    assert '<script src="/static/vendor/jquery-ui/jquery-ui.min.js"></script>' in body


# --- Participations -----------------------------------------------------------------------------------


def test_the_participations_list_filters_by_state(admin_client_wg, agency_a):
    wanted = participation(agency_a, review_state=ReviewState.SUBMITTED)
    participation(agency_a, event=wanted.event, review_state=ReviewState.PUBLISHED)
    response = admin_client_wg.get(PARTICIPATIONS, {"review_state__exact": "submitted"})
    assert list(response.context["cl"].result_list) == [wanted]


def test_the_participations_list_runs_a_constant_number_of_queries(admin_client_wg, django_assert_max_num_queries):
    def add(count):
        for _ in range(count):
            project = factories.ProjectFactory()
            participation(project.agency, project=project)

    add(3)
    admin_client_wg.get(PARTICIPATIONS)  # warm the session and content types
    with django_assert_max_num_queries(20) as few:
        admin_client_wg.get(PARTICIPATIONS)
    add(27)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = admin_client_wg.get(PARTICIPATIONS)
    assert response.context["cl"].result_count == 30


def test_the_publish_action_publishes_the_selected_participations(admin_client_wg, agency_a, agency_b):
    submitted = participation(agency_a)
    draft = participation(agency_b, event=submitted.event, review_state=ReviewState.DRAFT)
    published = participation(agency_b, event=submitted.event, review_state=ReviewState.PUBLISHED)
    untouched = participation(agency_a, event=submitted.event)
    response = admin_client_wg.post(
        PARTICIPATIONS,
        {"action": "publish", "_selected_action": [submitted.pk, draft.pk, published.pk]},
        follow=True,
    )
    assert response.status_code == 200
    assert shown(response) == [messages.SUCCESS, messages.INFO]  # two published, one already was
    states = dict(EventParticipation.objects.values_list("pk", "review_state"))
    assert [states[p.pk] for p in (submitted, draft, published, untouched)] == [
        "published",
        "published",
        "published",
        "submitted",
    ]


def test_a_participation_saved_in_the_admin_goes_through_the_service(admin_client_wg, wg_admin, agency_a):
    event = factories.EventFactory()
    response = admin_client_wg.post(f"{PARTICIPATIONS}add/", participation_form(event, agency_a, lessons_en="Early"))
    assert response.status_code == 302, response.context["adminform"].form.errors
    [saved] = EventParticipation.objects.all()
    assert (saved.agency, saved.event, saved.review_state, saved.reported_by, saved.lessons_en) == (
        agency_a,
        event,
        "draft",
        wg_admin,
        "Early",
    )
    # A working-group admin's change keeps the review state (a contact's would go back to draft); the state itself is
    # decided by the actions, not typed: a value posted for it is ignored.
    saved.review_state = ReviewState.PUBLISHED
    saved.published_at = timezone.now()
    saved.save()
    data = participation_form(event, agency_a, people="5", review_state="draft")
    assert admin_client_wg.post(f"{PARTICIPATIONS}{saved.pk}/change/", data).status_code == 302
    saved.refresh_from_db()
    assert (saved.people, saved.review_state, saved.reported_by) == (5, "published", wg_admin)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"material_links": "https://slides.example\nslides.example/2"}, "material_links"),
        ({"people": "0"}, "people"),
        ({"agency": ""}, "agency"),
    ],
)
def test_a_bad_participation_is_refused_in_the_admin(admin_client_wg, agency_a, changes, field):
    response = admin_client_wg.post(
        f"{PARTICIPATIONS}add/", participation_form(factories.EventFactory(), agency_a, **changes)
    )
    assert response.status_code == 200
    assert list(response.context["adminform"].form.errors) == [field]
    assert not EventParticipation.objects.exists()


def test_the_admin_refuses_a_project_the_agency_has_no_part_in(admin_client_wg, agency_a, agency_b):
    project_b = factories.ProjectFactory(agency=agency_b, published=True)
    data = participation_form(factories.EventFactory(), agency_a, project=project_b.pk)
    response = admin_client_wg.post(f"{PARTICIPATIONS}add/", data)
    assert list(response.context["adminform"].form.errors) == ["project"]
    assert not EventParticipation.objects.exists()
