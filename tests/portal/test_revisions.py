"""Changes to published records (issue 14, finding 3): a contact's edit of a published project, grant, participation
or award application waits as a pending revision — the published version stays public, unchanged — until a
working-group admin accepts it (then it is public) or sends it back with a comment (the published version stays);
the contact hears of either by mail. Through the pages, the API and the back-office, on PostgreSQL."""

import datetime as dt
from decimal import Decimal

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from funds.models import Grant
from portal.models import OutboxMail, Project, ReviewState, Revision, RevisionState
from tests import factories
from tests.queries import LARGE, SMALL

QUEUE = "/en/reviews/"


def project_form(project, **changes) -> dict:
    """The project form as `project` stands, with `changes`."""
    data = {
        "title_tr": project.title_tr,
        "title_en": project.title_en,
        "summary_en": project.summary_en or "",
        "description_en": project.description_en or "",
        "start_year": project.start_year or "",
        "status": project.status,
        "sdgs": [sdg.pk for sdg in project.sdgs.all()],
        "action_lines": [line.pk for line in project.action_lines.all()],
    }
    return {**data, **changes}


@pytest.fixture
def published(agency_a, contact_a):
    return factories.ProjectFactory(
        agency=agency_a,
        slug="e-devlet",
        title_tr="e-Devlet Kapısı",
        title_en="e-Government Gateway",
        description_en="The published description.",
        published=True,
        reported_by=contact_a.user,
        sdgs=[16],
    )


def edit_as(client, user, project, **changes):
    client.force_login(user)
    return client.post(f"/en/projects/{project.slug}/edit/", project_form(project, **changes))


def pending(record) -> Revision:
    return Revision.objects.get(
        content_type=ContentType.objects.get_for_model(type(record)), object_id=record.pk, state=RevisionState.PENDING
    )


# --- A contact's edit waits; the public sees the published version -------------------------------------------------


def test_a_contacts_edit_of_a_published_project_waits_and_the_public_still_sees_the_old_text(
    client, contact_a, published
):
    response = edit_as(client, contact_a.user, published, title_en="Hijacked title", description_en="New words.")
    assert response.status_code == 302
    assert "Your changes are waiting for review by the working group." in [
        str(m) for m in response.wsgi_request._messages
    ]
    published.refresh_from_db()
    assert (published.review_state, published.title_en) == (ReviewState.PUBLISHED, "e-Government Gateway")
    revision = pending(published)
    assert revision.author == contact_a.user and revision.agency_id == published.agency_id
    assert revision.data == {"title_en": "Hijacked title", "description_en": "New words."}

    client.logout()
    page = client.get("/en/projects/e-devlet/").content.decode()
    assert "e-Government Gateway" in page and "Hijacked title" not in page and "New words." not in page
    api = client.get("/api/v1/projects/e-devlet/?lang=en").json()
    assert api["title"] == "e-Government Gateway" and api["revision_pending"] is None


def test_the_contact_sees_its_pending_changes_and_editing_again_updates_the_same_revision(client, contact_a, published):
    edit_as(client, contact_a.user, published, title_en="First try")
    first = pending(published)
    form = client.get("/en/projects/e-devlet/edit/").content.decode()
    assert "Your changes are waiting for review." in form
    assert 'value="First try"' in form  # the form shows the pending changes
    assert "Your changes are waiting for review." in client.get("/en/projects/e-devlet/").content.decode()
    my_agency = client.get("/en/accounts/my-agency/").content.decode()
    assert "Your changes waiting for review" in my_agency and f'data-revision="{first.pk}"' in my_agency

    edit_as(client, contact_a.user, published, title_en="Second try", sdgs=[])
    assert Revision.objects.count() == 1
    second = pending(published)
    assert second.pk == first.pk
    assert second.data == {"title_en": "Second try", "sdgs": []}
    # Back to the published values: nothing waits any more.
    edit_as(client, contact_a.user, published)
    assert not Revision.objects.exists()


def test_bad_input_is_refused_at_its_field_and_nothing_is_stored(client, contact_a, published):
    response = edit_as(client, contact_a.user, published, start_year="1800", end_year="1700", title_tr="", title_en="")
    assert response.status_code == 200
    assert response.context["form"].errors
    assert not Revision.objects.exists()


def test_an_admins_edit_applies_at_once(client, wg_admin, published):
    response = edit_as(client, wg_admin, published, title_en="Corrected by the working group")
    assert response.status_code == 302
    published.refresh_from_db()
    assert (published.title_en, published.review_state) == ("Corrected by the working group", ReviewState.PUBLISHED)
    assert not Revision.objects.exists()


def test_the_api_answers_202_with_the_published_version_and_the_flag(client, contact_a, published):
    client.force_login(contact_a.user)
    response = client.patch(
        "/api/v1/projects/e-devlet/?lang=en",
        {"title_en": "API title", "sdgs": [4, 16]},
        content_type="application/json",
    )
    assert response.status_code == 202, response.content
    body = response.json()
    assert (body["title"], body["moderation_state"], body["revision_pending"]) == (
        "e-Government Gateway",
        "published",
        True,
    )
    assert pending(published).data["title_en"] == "API title"
    # The record's own contact reads the flag on the list; bad input is a 400 and stores nothing new.
    listed = client.get("/api/v1/projects/?lang=en").json()["results"]
    assert [p["revision_pending"] for p in listed if p["slug"] == "e-devlet"] == [True]
    bad = client.patch("/api/v1/projects/e-devlet/", {"website": "not a url"}, content_type="application/json")
    assert bad.status_code == 400
    assert pending(published).data == {"title_en": "API title", "sdgs": [4, 16]}
    assert client.get("/api/v1/projects/e-devlet/?lang=en").json()["title"] == "e-Government Gateway"


def test_every_kind_waits_a_published_grant_through_the_api(client, contact_a, agency_a):
    grant = factories.GrantFactory(
        agency=agency_a, amount=Decimal("3700000"), purpose_en="Centre", published=True, reported_by=contact_a.user
    )
    client.force_login(contact_a.user)
    response = client.patch(f"/api/v1/funds/grants/{grant.pk}/", {"amount": "99"}, content_type="application/json")
    assert response.status_code == 202, response.content
    assert Decimal(response.json()["amount"]) == Decimal("3700000")
    grant.refresh_from_db()
    assert (grant.amount, grant.review_state) == (Decimal("3700000"), ReviewState.PUBLISHED)
    assert Decimal(pending(grant).data["amount"]) == Decimal("99")


def test_a_published_grant_edited_on_its_report_page_waits(client, contact_a, agency_a):
    grant = factories.GrantFactory(
        agency=agency_a,
        amount=Decimal("3700000"),
        signed_on=dt.date(2013, 4, 18),
        purpose_en="Centre",
        published=True,
        reported_by=contact_a.user,
    )
    client.force_login(contact_a.user)
    url = f"/en/funds/reports/{grant.pk}/edit/"
    response = client.post(url, factories.grant_report_data(grant, purpose_en="A new purpose"))
    assert response.status_code == 302
    grant.refresh_from_db()
    assert grant.purpose_en == "Centre"
    assert pending(grant).data == {"purpose_en": "A new purpose"}
    form = client.get(url).content.decode()
    assert "Your changes are waiting for review." in form and "A new purpose" in form


# --- The working group decides ------------------------------------------------------------------------------------


def test_the_queue_shows_the_difference_field_by_field_and_accepting_publishes_it(
    client, contact_a, wg_admin, published
):
    edit_as(client, contact_a.user, published, title_en="New title", sdgs=[4, 16])
    revision = pending(published)
    client.force_login(wg_admin)
    queue = client.get(QUEUE)
    body = queue.content.decode()
    assert f'data-revision="{revision.pk}"' in body
    assert 'data-kind="revisions" data-count="1"' in body
    [item] = [item for item in queue.context["page"] if hasattr(item, "revision")]
    changes = {change.label: (change.old, change.new, change.language) for change in item.changes}
    assert changes["Title (English)"] == ("e-Government Gateway", "New title", "en")
    old_sdgs, new_sdgs, _language = changes["SDGs"]
    assert "16" in old_sdgs and "4" not in old_sdgs and "4" in new_sdgs
    page = client.get(f"/en/reviews/revisions/{revision.pk}/")
    assert page.status_code == 200 and "New title" in page.content.decode()

    assert f'data-accept="{revision.pk}"' in body  # accepted from the queue, back to the same list
    response = client.post(f"/en/reviews/revisions/{revision.pk}/accept/", {"kind": "revisions", "page": "1"})
    assert response.status_code == 302 and response["Location"] == f"{QUEUE}?kind=revisions&page=1"
    published.refresh_from_db()
    assert (published.title_en, published.review_state) == ("New title", ReviewState.PUBLISHED)
    assert sorted(published.sdgs.values_list("number", flat=True)) == [4, 16]
    revision.refresh_from_db()
    assert (revision.state, revision.decided_by) == (RevisionState.ACCEPTED, wg_admin)
    [mail] = OutboxMail.objects.filter(kind="revision_accepted")
    assert mail.recipient == contact_a.email
    client.logout()
    assert "New title" in client.get("/en/projects/e-devlet/").content.decode()


def test_sending_back_keeps_the_published_version_and_tells_the_contact(client, contact_a, wg_admin, published):
    edit_as(client, contact_a.user, published, title_en="Unwanted title")
    revision = pending(published)
    client.force_login(wg_admin)
    refused = client.post(f"/en/reviews/revisions/{revision.pk}/send-back/", {"comment": ""})
    assert refused.status_code == 302
    assert pending(published) == revision  # without a comment nothing is decided
    client.post(f"/en/reviews/revisions/{revision.pk}/send-back/", {"comment": "Keep the official name."})
    published.refresh_from_db()
    assert published.title_en == "e-Government Gateway"
    revision.refresh_from_db()
    assert (revision.state, revision.comment) == (RevisionState.SENT_BACK, "Keep the official name.")
    [mail] = OutboxMail.objects.filter(kind="revision_sent_back")
    assert mail.recipient == contact_a.email and "Keep the official name." in mail.text
    client.force_login(contact_a.user)
    assert "Keep the official name." in client.get("/en/projects/e-devlet/edit/").content.decode()
    # Accepting a decided revision is refused.
    client.force_login(wg_admin)
    client.post(f"/en/reviews/revisions/{revision.pk}/accept/")
    published.refresh_from_db()
    assert published.title_en == "e-Government Gateway"


def test_another_agencys_contact_cannot_see_or_decide_the_revision(client, contact_a, contact_b, published):
    edit_as(client, contact_a.user, published, title_en="Pending title")
    revision = pending(published)
    client.force_login(contact_b.user)
    assert client.get(f"/en/reviews/revisions/{revision.pk}/").status_code == 404
    assert client.post(f"/en/reviews/revisions/{revision.pk}/accept/").status_code == 404
    assert client.post(f"/en/reviews/revisions/{revision.pk}/send-back/", {"comment": "x"}).status_code == 404
    assert client.get(QUEUE).status_code == 403
    assert client.get("/api/v1/projects/e-devlet/").json()["revision_pending"] is None
    # Its own contact sees it but may not accept it.
    client.force_login(contact_a.user)
    own = client.get(f"/en/reviews/revisions/{revision.pk}/")
    assert own.status_code == 200 and "data-accept" not in own.content.decode()
    assert client.post(f"/en/reviews/revisions/{revision.pk}/accept/").status_code == 403
    published.refresh_from_db()
    assert published.title_en == "e-Government Gateway"
    assert pending(published) == revision


def test_the_back_office_lists_shows_and_accepts_revisions(client, contact_a, wg_admin, published):
    edit_as(client, contact_a.user, published, title_en="Back-office title")
    revision = pending(published)
    client.force_login(wg_admin)
    listing = client.get("/admin/portal/revision/")
    assert listing.status_code == 200 and "e-Devlet Kapısı" in listing.content.decode()
    change = client.get(f"/admin/portal/revision/{revision.pk}/change/").content.decode()
    assert "Back-office title" in change and "<del>" in change
    response = client.post(
        "/admin/portal/revision/", {"action": "accept", "_selected_action": [revision.pk]}, follow=True
    )
    assert response.status_code == 200
    published.refresh_from_db()
    assert published.title_en == "Back-office title"
    assert OutboxMail.objects.filter(kind="revision_accepted", recipient=contact_a.email).exists()


def test_the_back_office_sends_back_with_a_comment(client, contact_a, wg_admin, published):
    edit_as(client, contact_a.user, published, title_en="Another title")
    revision = pending(published)
    client.force_login(wg_admin)
    data = {"action": "send_back", "_selected_action": [revision.pk]}
    asked = client.post("/admin/portal/revision/", data)
    assert asked.status_code == 200 and b"comment" in asked.content
    client.post("/admin/portal/revision/", {**data, "comment": "Not this way."})
    revision.refresh_from_db()
    assert (revision.state, revision.comment) == (RevisionState.SENT_BACK, "Not this way.")
    published.refresh_from_db()
    assert published.title_en == "e-Government Gateway"


def test_the_queue_of_revisions_runs_a_bounded_number_of_queries(client, wg_admin, django_assert_max_num_queries):
    contacts = [factories.ContactFactory(agency=factories.AgencyFactory()) for _ in range(3)]
    client.force_login(wg_admin)
    budget = None
    for size in (SMALL, LARGE):
        for n in range(size):
            contact = contacts[n % 3]
            project = factories.ProjectFactory(agency=contact.agency, published=True, sdgs=[n % 17 + 1])
            grant = factories.GrantFactory(agency=contact.agency, published=True, purpose_en="P")
            client.force_login(contact.user)
            client.post(f"/en/projects/{project.slug}/edit/", project_form(project, title_en=f"T{n}", sdgs=[3]))
            client.patch(f"/api/v1/funds/grants/{grant.pk}/", {"amount": "5"}, content_type="application/json")
        client.force_login(wg_admin)
        if budget is None:
            from django.db import connection
            from django.test.utils import CaptureQueriesContext

            with CaptureQueriesContext(connection) as ctx:
                response = client.get(f"{QUEUE}?kind=revisions")
            budget = len(ctx.captured_queries)
            assert response.context["page"].paginator.count == 2 * SMALL
        else:
            with django_assert_max_num_queries(budget):
                response = client.get(f"{QUEUE}?kind=revisions")
            assert response.context["page"].paginator.count == 2 * (SMALL + LARGE)
    assert Project.objects.filter(review_state=ReviewState.PUBLISHED).count() == SMALL + LARGE
    assert Grant.objects.count() == SMALL + LARGE


@pytest.mark.parametrize("kind", ["participation", "application"])
def test_the_other_kinds_wait_too_and_accepting_applies_through_their_service(
    client, contact_a, wg_admin, agency_a, kind
):
    review = {"review_state": ReviewState.PUBLISHED, "published_at": timezone.now(), "reported_by": contact_a.user}
    if kind == "participation":
        record = factories.ParticipationFactory(
            event=factories.EventFactory(), agency=agency_a, role="exhibitor", lessons_en="Old lesson.", **review
        )
        url, change, field = f"/api/v1/events/participations/{record.pk}/", {"lessons_en": "New lesson."}, "lessons_en"
    else:
        record = factories.AwardApplicationFactory(agency=agency_a, state="submitted", notes="Old note.", **review)
        url, change, field = f"/api/v1/awards/applications/{record.pk}/", {"notes": "New note."}, "notes"
    client.force_login(contact_a.user)
    assert client.patch(url, change, content_type="application/json").status_code == 202
    record.refresh_from_db()
    assert getattr(record, field).startswith("Old")
    revision = pending(record)
    client.force_login(wg_admin)
    assert client.post(f"/en/reviews/revisions/{revision.pk}/accept/").status_code == 302
    record.refresh_from_db()
    assert (getattr(record, field), record.review_state) == (change[field], ReviewState.PUBLISHED)


def test_reviewers_hear_of_a_new_change_once_and_the_back_office_index_counts_it(
    client, contact_a, wg_admin, published
):
    edit_as(client, contact_a.user, published, title_en="Once")
    edit_as(client, contact_a.user, published, title_en="Twice")  # the same revision, updated: no second mail
    assert list(OutboxMail.objects.filter(kind="review_submitted").values_list("recipient", flat=True)) == [
        wg_admin.email
    ]
    client.force_login(wg_admin)
    assert 'data-kind="revisions" data-count="1"' in client.get("/admin/").content.decode()
