"""The progress-note report pages (the generic report pages of `portal.report_views`): a responsible agency's
contact reports a note on the resolution from its page's link and submits it; a contact of another agency is not
offered the resolution and saves nothing; the note shows on the resolution page only once published."""

import pytest

from coordination.meetings import services
from coordination.meetings.models import ProgressNote
from portal.models import ReviewState
from tests import factories

pytestmark = pytest.mark.django_db

CREATE = "/en/coordination/progress-notes/new/"


@pytest.fixture
def resolution(agency_a):
    return factories.ResolutionFactory(responsible=[agency_a])


def test_a_responsible_contact_reports_and_submits_a_note(client, resolution, contact_a, agency_a, wg_admin):
    client.force_login(contact_a.user)
    form = client.get(f"{CREATE}?resolution={resolution.pk}")
    assert form.status_code == 200
    assert form.context["form"].initial["resolution"] == resolution.pk
    response = client.post(CREATE, {"resolution": resolution.pk, "text_en": "Eight universities connected."})
    assert response.status_code == 302
    note = ProgressNote.objects.get()
    assert (note.agency, note.review_state) == (agency_a, ReviewState.DRAFT)
    assert client.post(f"/en/coordination/progress-notes/{note.pk}/submit/").status_code == 302
    note.refresh_from_db()
    assert note.review_state == ReviewState.SUBMITTED
    page = f"/en/coordination/resolutions/{resolution.pk}/"
    assert list(client.get(page).context["notes"]) == []
    services.publish_note(wg_admin, note)
    assert [n.pk for n in client.get(page).context["notes"]] == [note.pk]


def test_a_contact_of_another_agency_is_not_offered_the_resolution_and_saves_nothing(client, resolution, contact_b):
    client.force_login(contact_b.user)
    form = client.get(f"{CREATE}?resolution={resolution.pk}")
    assert list(form.context["form"].fields["resolution"].queryset) == []
    assert form.context["form"].initial.get("resolution") is None
    response = client.post(CREATE, {"resolution": resolution.pk, "text_en": "Not ours."})
    assert response.status_code == 200
    assert "resolution" in response.context["form"].errors
    assert not ProgressNote.objects.exists()


def test_the_service_refuses_a_non_responsible_agency(resolution, contact_b):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.save_note(contact_b.user, ProgressNote(), {"resolution": resolution, "text_en": "x"})
    assert not ProgressNote.objects.exists()


def test_a_note_of_a_done_resolution_is_no_longer_offered(client, resolution, contact_a):
    resolution.state = "done"
    resolution.save()
    client.force_login(contact_a.user)
    assert list(client.get(CREATE).context["form"].fields["resolution"].queryset) == []


def test_an_empty_form_shows_its_errors(client, resolution, contact_a):
    client.force_login(contact_a.user)
    response = client.post(CREATE, {})
    assert response.status_code == 200
    assert set(response.context["form"].errors) >= {"resolution"}
    response = client.post(CREATE, {"resolution": resolution.pk})
    assert response.status_code == 200
    assert "text_en" in response.context["form"].errors
    assert not ProgressNote.objects.exists()
