"""The meetings part's back-office: working-group admins only; every page loads; the changelists' query counts do
not grow; marking resolutions done withdraws their deadlines; progress notes are published through the workflow."""

import pytest
from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext

from coordination.meetings.models import Body, Meeting, ProgressNote, Resolution, ResolutionState
from portal.models import Deadline, DeadlineKind, ReviewState
from tests import factories

pytestmark = pytest.mark.django_db

TEHRAN = "Asia/Tehran"
MODELS = [Body, Meeting, Resolution, ProgressNote]


def changelist(model) -> str:
    return f"/admin/coordination/{model._meta.model_name}/"


def test_every_model_is_registered():
    assert all(model in admin.site._registry for model in MODELS)


def _records(agency_a, n=1):
    for _ in range(n):
        body = factories.BodyFactory()
        body.members.add(agency_a)
        meeting = factories.MeetingFactory(body=body)
        meeting.attendees.add(agency_a)
        resolution = factories.ResolutionFactory(
            meeting=meeting, due_on=factories.in_days(9, TEHRAN), responsible=[agency_a]
        )
        factories.ProgressNoteFactory(resolution=resolution, agency=agency_a, review_state=ReviewState.SUBMITTED)


def test_admin_pages_load(admin_client_wg, agency_a):
    _records(agency_a)
    for model in MODELS:
        assert admin_client_wg.get(changelist(model)).status_code == 200
        assert admin_client_wg.get(f"{changelist(model)}add/").status_code == 200
        record = model.objects.first()
        assert admin_client_wg.get(f"{changelist(model)}{record.pk}/change/").status_code == 200


def test_contacts_do_not_reach_the_back_office(client, contact_a, agency_a):
    _records(agency_a)
    client.force_login(contact_a.user)
    for model in MODELS:
        assert client.get(changelist(model)).status_code == 302


def test_changelist_query_counts_do_not_grow(admin_client_wg, agency_a):
    def counts():
        found = []
        for model in MODELS:
            with CaptureQueriesContext(connection) as ctx:
                assert admin_client_wg.get(changelist(model)).status_code == 200
            found.append(len(ctx.captured_queries))
        return found

    _records(agency_a, 2)
    small = counts()
    _records(agency_a, 12)
    assert counts() == small


def test_marking_done_withdraws_the_deadline(admin_client_wg, agency_a):
    resolution = factories.ResolutionFactory(due_on=factories.in_days(9, TEHRAN), responsible=[agency_a])
    response = admin_client_wg.post(
        changelist(Resolution), {"action": "mark_done", "_selected_action": [resolution.pk]}
    )
    assert response.status_code == 302
    resolution.refresh_from_db()
    assert resolution.state == ResolutionState.DONE
    assert Deadline.objects.get(object_id=resolution.pk, kind=DeadlineKind.RESOLUTION_DUE).withdrawn_at is not None


def test_publishing_a_note_puts_it_on_the_resolution_page(admin_client_wg, client, agency_a):
    resolution = factories.ResolutionFactory(responsible=[agency_a])
    note = factories.ProgressNoteFactory(resolution=resolution, agency=agency_a, review_state=ReviewState.SUBMITTED)
    response = admin_client_wg.post(changelist(ProgressNote), {"action": "publish", "_selected_action": [note.pk]})
    assert response.status_code == 302
    note.refresh_from_db()
    assert note.review_state == ReviewState.PUBLISHED
    page = client.get(f"/en/coordination/resolutions/{resolution.pk}/")
    assert [n.pk for n in page.context["notes"]] == [note.pk]


def test_an_admin_adds_a_resolution_with_responsible_agencies(admin_client_wg, agency_a):
    meeting = factories.MeetingFactory()
    due = factories.in_days(12, TEHRAN)
    response = admin_client_wg.post(
        f"{changelist(Resolution)}add/",
        {
            "meeting": meeting.pk,
            "number": "7",
            "text_tr": "Karar",
            "text_en": "Resolution",
            "responsible": [agency_a.pk],
            "due_on": due.isoformat(),
            "tz": TEHRAN,
            "state": "open",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    resolution = Resolution.objects.get(number="7")
    deadline = Deadline.objects.get(object_id=resolution.pk, kind=DeadlineKind.RESOLUTION_DUE)
    assert list(deadline.agencies.values_list("pk", flat=True)) == [agency_a.pk]


def test_a_submitted_note_waits_in_the_review_queue(admin_client_wg, agency_a):
    resolution = factories.ResolutionFactory(responsible=[agency_a])
    note = factories.ProgressNoteFactory(resolution=resolution, agency=agency_a, review_state=ReviewState.SUBMITTED)
    factories.ProgressNoteFactory(resolution=resolution, agency=agency_a)  # a draft does not wait
    response = admin_client_wg.get("/en/reviews/?kind=coordination.progressnote")
    assert response.status_code == 200
    assert [item.record.pk for item in response.context["page"]] == [note.pk]
