"""API v1 of the meetings part: bodies, meetings and resolutions are public and read-only (the working group writes
them in the back-office); progress notes are public once published, a draft or a submitted note is seen only by its
agency and the working group, and only the contacts of a resolution's responsible agencies add notes, for their own
agency. Query counts do not grow with the lists."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from coordination.meetings.models import Body, Meeting, ProgressNote, Resolution
from portal.models import ReviewState
from tests import factories

pytestmark = [pytest.mark.django_db, pytest.mark.clock]  # "today", "overdue", "upcoming" depend on the hour

API = "/api/v1/coordination/"
TEHRAN = "Asia/Tehran"


def results(response) -> list[dict]:
    assert response.status_code == 200, response.content
    return response.json()["results"]


@pytest.fixture
def resolution(agency_a):
    body = factories.BodyFactory(slug="it-council")
    body.members.add(agency_a)
    return factories.ResolutionFactory(
        meeting=factories.MeetingFactory(body=body), due_on=factories.in_days(-1, TEHRAN), responsible=[agency_a]
    )


def test_bodies_meetings_and_resolutions_are_public(client, resolution, agency_a):
    assert [row["slug"] for row in results(client.get(f"{API}bodies/"))] == ["it-council"]
    body = client.get(f"{API}bodies/it-council/").json()
    assert body["members"] == ["agency-a"]
    meeting = results(client.get(f"{API}meetings/?body=it-council"))[0]
    assert (meeting["id"], meeting["body"], meeting["tz"]) == (resolution.meeting_id, "it-council", TEHRAN)
    assert meeting["starts_at"] == "2017-11-14T20:30:00+00:00"  # midnight in Tehran (UTC+03:30)
    assert meeting["attachments"] == []
    row = client.get(f"{API}resolutions/{resolution.pk}/").json()
    assert (row["responsible"], row["state"], row["overdue"], row["body"]) == (["agency-a"], "open", True, "it-council")
    assert [r["id"] for r in results(client.get(f"{API}resolutions/?overdue=true"))] == [resolution.pk]
    assert results(client.get(f"{API}resolutions/?overdue=false")) == []
    assert [r["id"] for r in results(client.get(f"{API}resolutions/?agency=agency-a&state=open"))] == [resolution.pk]


@pytest.mark.parametrize("who", ["anonymous", "contact", "admin"])
def test_bodies_meetings_and_resolutions_are_not_written_through_the_api(client, resolution, contact_a, wg_admin, who):
    if who == "contact":
        client.force_login(contact_a.user)
    elif who == "admin":
        client.force_login(wg_admin)
    before = (Body.objects.count(), Meeting.objects.count(), list(Resolution.objects.values_list("state", flat=True)))
    refused = 403 if who == "anonymous" else 405
    assert (
        client.post(f"{API}bodies/", {"slug": "x", "name": "x"}, content_type="application/json").status_code == refused
    )
    assert (
        client.patch(
            f"{API}resolutions/{resolution.pk}/", {"state": "done"}, content_type="application/json"
        ).status_code
        == refused
    )
    assert client.delete(f"{API}meetings/{resolution.meeting_id}/").status_code == refused
    after = (Body.objects.count(), Meeting.objects.count(), list(Resolution.objects.values_list("state", flat=True)))
    assert after == before


def test_draft_and_submitted_notes_are_seen_only_by_their_agency_and_the_working_group(
    client, resolution, agency_a, contact_a, contact_b, wg_admin
):
    published = factories.ProgressNoteFactory(resolution=resolution, agency=agency_a, published=True)
    draft = factories.ProgressNoteFactory(resolution=resolution, agency=agency_a)
    submitted = factories.ProgressNoteFactory(
        resolution=resolution, agency=agency_a, review_state=ReviewState.SUBMITTED
    )
    url = f"{API}progress-notes/"
    assert [row["id"] for row in results(client.get(url))] == [published.pk]
    assert client.get(f"{url}{draft.pk}/").status_code == 404
    client.force_login(contact_b.user)
    assert [row["id"] for row in results(client.get(url))] == [published.pk]
    assert client.get(f"{url}{submitted.pk}/").status_code == 404
    client.force_login(contact_a.user)
    assert {row["id"] for row in results(client.get(url))} == {published.pk, draft.pk, submitted.pk}
    client.force_login(wg_admin)
    assert {row["id"] for row in results(client.get(f"{url}?resolution={resolution.pk}"))} == {
        published.pk,
        draft.pk,
        submitted.pk,
    }


def test_a_responsible_agencys_contact_adds_a_draft_note_for_its_own_agency(client, resolution, contact_a, agency_a):
    client.force_login(contact_a.user)
    response = client.post(
        f"{API}progress-notes/",
        {"resolution": resolution.pk, "text_en": "Twelve universities connected.", "state": "published"},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    note = ProgressNote.objects.get()
    assert (note.agency, note.resolution, note.review_state, note.text_en) == (
        agency_a,
        resolution,
        ReviewState.DRAFT,  # the state is the working group's to set
        "Twelve universities connected.",
    )
    assert client.get(f"{API}progress-notes/{note.pk}/").json()["state"] == "draft"


def test_a_contact_of_another_agency_cannot_add_a_note(client, resolution, contact_b):
    client.force_login(contact_b.user)
    response = client.post(
        f"{API}progress-notes/",
        {"resolution": resolution.pk, "text_en": "Not ours."},
        content_type="application/json",
    )
    assert response.status_code == 403
    assert not ProgressNote.objects.exists()


def test_a_contact_cannot_report_for_another_agency(client, resolution, contact_a, agency_b):
    resolution.responsible.add(agency_b)
    client.force_login(contact_a.user)
    response = client.post(
        f"{API}progress-notes/",
        {"resolution": resolution.pk, "agency": "agency-b", "text_en": "For B."},
        content_type="application/json",
    )
    assert response.status_code == 403
    assert not ProgressNote.objects.exists()


def test_another_agency_cannot_change_a_note_and_an_empty_note_is_refused(
    client, resolution, agency_a, contact_a, contact_b
):
    draft = factories.ProgressNoteFactory(resolution=resolution, agency=agency_a)
    client.force_login(contact_b.user)
    response = client.patch(f"{API}progress-notes/{draft.pk}/", {"text_en": "B's"}, content_type="application/json")
    assert response.status_code == 404
    draft.refresh_from_db()
    assert draft.text_en == "Progress"
    client.force_login(contact_a.user)
    empty = client.post(f"{API}progress-notes/", {"resolution": resolution.pk}, content_type="application/json")
    assert empty.status_code == 400
    assert "text_en" in empty.json()
    assert ProgressNote.objects.count() == 1


def test_the_anonymous_cannot_write_notes(client, resolution):
    response = client.post(
        f"{API}progress-notes/", {"resolution": resolution.pk, "text_en": "x"}, content_type="application/json"
    )
    assert response.status_code == 403
    assert not ProgressNote.objects.exists()


def _grow(n, agency):
    for _ in range(n):
        body = factories.BodyFactory()
        body.members.add(agency)
        meeting = factories.MeetingFactory(body=body)
        meeting.attendees.add(agency)
        meeting.attachments.create(title="Minutes", file="meetings/2017/minutes.pdf")
        resolution = factories.ResolutionFactory(
            meeting=meeting, due_on=factories.in_days(5, TEHRAN), responsible=[agency]
        )
        factories.ProgressNoteFactory(resolution=resolution, agency=agency, published=True)


def test_list_query_counts_do_not_grow(client, agency_a):
    def counts():
        found = []
        for name in ("bodies", "meetings", "resolutions", "progress-notes"):
            with CaptureQueriesContext(connection) as ctx:
                assert client.get(f"{API}{name}/").status_code == 200
            found.append(len(ctx.captured_queries))
        return found

    _grow(2, agency_a)
    small = counts()
    _grow(10, agency_a)
    assert counts() == small
