"""The one review workflow of every reported kind (projects, award applications, grants, event participations): sent
back with a comment or published from the admin and from the review queue, the contact told by mail in their
language; the queue itself (oldest first, counts per kind); how working-group admins hear of submissions."""

import datetime as dt
import re
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.utils import timezone, translation
from django.utils.translation import gettext

from awards.models import AwardApplication, AwardResult
from events.models import EventParticipation
from funds.models import Grant
from portal import reviews
from portal.models import OutboxMail, Project, PromoMaterial, ReviewerSettings, ReviewNotice, ReviewState
from portal.reviews import notices
from tests import factories
from tests.queries import LARGE, SMALL, count_queries

QUEUE = "/en/reviews/"


def make(kind: str, contact, *, state=ReviewState.SUBMITTED, submitted_at=None):
    """A record of `kind` the contact's agency reported and submitted (at `submitted_at`, now by default)."""
    agency = contact.agency
    review = {
        "review_state": state,
        "reported_by": contact.user,
        "submitted_by": contact.user if state != ReviewState.DRAFT else None,
        "submitted_at": (submitted_at or timezone.now()) if state != ReviewState.DRAFT else None,
    }
    if kind == "project":
        return factories.ProjectFactory(agency=agency, **review)
    if kind == "grant":
        return factories.GrantFactory(agency=agency, amount=Decimal("3700000"), purpose_en="Centre", **review)
    if kind == "participation":
        return factories.ParticipationFactory(
            event=factories.EventFactory(), agency=agency, role="exhibitor", lessons_en="Bring leaflets.", **review
        )
    if kind == "material":
        project = factories.ProjectFactory(agency=agency, published=True)
        return PromoMaterial.objects.create(
            project=project, agency=agency, kind="film", title="Film", url="https://video.example/f", **review
        )
    return factories.AwardApplicationFactory(agency=agency, state="won", **review)


KINDS = {
    "project": ("portal.project", "/admin/portal/project/"),
    "grant": ("funds.grant", "/admin/funds/grant/"),
    "participation": ("events.eventparticipation", "/admin/events/eventparticipation/"),
    "application": ("awards.awardapplication", "/admin/awards/awardapplication/"),
    "material": ("portal.promomaterial", "/admin/portal/promomaterial/"),
}
# The page where the contact changes the record, from the mail (under the contact's language).
EDIT = {
    "project": lambda record: f"/projects/{record.slug}/",
    "grant": lambda record: f"/funds/reports/{record.pk}/edit/",
    "participation": lambda record: f"/events/participations/{record.pk}/edit/",
    "application": lambda record: f"/awards/applications/{record.pk}/edit/",
    "material": lambda record: f"/projects/{record.project.slug}/",
}


def in_language(language: str, text: str) -> str:
    with translation.override(language):
        return gettext(text)


def mails(kind: str) -> list[OutboxMail]:
    return list(OutboxMail.objects.filter(kind=kind).order_by("pk"))


@pytest.fixture
def contact_fa(agency_a):
    return factories.ContactFactory(agency=agency_a, email="farid@a.example", language="fa", time_zone="Asia/Tehran")


# --- Sent back with a comment: the admin and the queue ----------------------------------------------------------


@pytest.mark.parametrize("kind", list(KINDS))
def test_every_kind_is_sent_back_from_the_admin_and_the_contact_reads_the_comment_in_their_language(
    kind, contact_fa, wg_admin, django_capture_on_commit_callbacks, mailoutbox
):
    record = make(kind, contact_fa)
    comment = "Add the signed agreement <and> the 2024 figures."
    admin = Client()
    admin.force_login(wg_admin)
    changelist = KINDS[kind][1]
    with django_capture_on_commit_callbacks(execute=True):
        response = admin.post(
            changelist, {"action": "request_changes", "_selected_action": [record.pk], "comment": comment}
        )
    assert (response.status_code, response["Location"]) == (302, changelist)
    record.refresh_from_db()
    assert (record.review_state, record.review_comment, record.published_at) == (
        ReviewState.CHANGES_REQUESTED,
        comment,
        None,
    )
    assert record.reviewed_at is not None
    [queued] = mails("review_changes_requested")
    assert (queued.recipient, queued.language) == (contact_fa.email, "fa")
    assert comment in queued.text
    assert in_language("fa", "Make the changes and submit it again:") in queued.text
    assert f"/fa{EDIT[kind](record)}" in queued.text
    assert "Add the signed agreement &lt;and&gt; the 2024 figures." in queued.html
    # Sent after the commit, to the contact alone.
    [sent] = mailoutbox
    assert (sent.to, sent.subject) == ([contact_fa.email], queued.subject)


@pytest.mark.parametrize("kind", list(KINDS))
def test_every_kind_is_sent_back_from_the_review_queue(kind, contact_fa, wg_admin, client):
    record = make(kind, contact_fa)
    client.force_login(wg_admin)
    key = KINDS[kind][0]
    page = client.get(f"{QUEUE}?kind={key}")
    assert [(w.kind.key, w.record.pk) for w in page.context["page"]] == [(key, record.pk)]
    response = client.post(
        f"{QUEUE}{key}/{record.pk}/send-back/", {"comment": "Name the project's partners.", "kind": key}
    )
    assert (response.status_code, response["Location"]) == (302, f"{QUEUE}?kind={key}")
    record.refresh_from_db()
    assert (record.review_state, record.review_comment) == (
        ReviewState.CHANGES_REQUESTED,
        "Name the project's partners.",
    )
    [queued] = mails("review_changes_requested")
    assert (queued.recipient, queued.language) == (contact_fa.email, "fa")
    assert "Name the project's partners." in queued.text
    # It left the queue.
    assert client.get(QUEUE).context["page"].paginator.count == 0


@pytest.mark.parametrize("kind", list(KINDS))
def test_every_kind_is_published_from_the_review_queue(kind, contact_a, wg_admin, client):
    record = make(kind, contact_a)
    client.force_login(wg_admin)
    key = KINDS[kind][0]
    response = client.post(f"{QUEUE}{key}/{record.pk}/publish/")
    assert (response.status_code, response["Location"]) == (302, QUEUE)
    record.refresh_from_db()
    assert record.review_state == ReviewState.PUBLISHED
    assert record.published_at is not None
    [queued] = mails("review_published")
    assert (queued.recipient, queued.language) == (contact_a.email, "tr")
    assert f"/tr{EDIT[kind](record)}" in queued.text
    if kind == "application":  # a won application's result is in the inventory now
        assert AwardResult.objects.get().project == record.project


def test_sending_back_without_a_comment_changes_nothing(contact_a, wg_admin, client):
    grant = make("grant", contact_a)
    client.force_login(wg_admin)
    response = client.post(f"{QUEUE}funds.grant/{grant.pk}/send-back/", {"comment": "   "}, follow=True)
    assert response.status_code == 200
    assert [m.level_tag for m in response.context["messages"]] == ["error"]
    grant.refresh_from_db()
    assert (grant.review_state, grant.review_comment) == (ReviewState.SUBMITTED, "")
    assert not OutboxMail.objects.exists()


def test_the_queue_answers_404_for_a_record_that_does_not_wait(contact_a, wg_admin, client):
    draft = make("grant", contact_a, state=ReviewState.DRAFT)
    client.force_login(wg_admin)
    assert client.post(f"{QUEUE}funds.grant/{draft.pk}/publish/").status_code == 404
    assert client.post(f"{QUEUE}no.such/{draft.pk}/publish/").status_code == 404
    draft.refresh_from_db()
    assert draft.review_state == ReviewState.DRAFT


def test_contacts_may_not_review(client_a, contact_b):
    grant = make("grant", contact_b)
    assert client_a.get(QUEUE).status_code == 403
    assert client_a.post(f"{QUEUE}funds.grant/{grant.pk}/publish/").status_code == 403
    with pytest.raises(PermissionDenied):
        reviews.request_changes(contact_b.user, grant, "Mine")
    grant.refresh_from_db()
    assert grant.review_state == ReviewState.SUBMITTED


# --- The contact's side after a send-back -------------------------------------------------------------------


def test_a_record_sent_back_keeps_its_comment_while_changed_and_is_submitted_again(contact_a, wg_admin, client_a):
    grant = make("grant", contact_a)
    reviews.request_changes(wg_admin, grant, "The amount is in KRW.")
    page = client_a.get(f"/tr/funds/reports/{grant.pk}/edit/")
    assert "The amount is in KRW." in page.content.decode()
    listed = client_a.get("/tr/funds/reports/").content.decode()
    assert re.search(r'data-review-state="changes_requested">[^<]*<div class="review-comment">', listed)
    grant.refresh_from_db()
    reviews.save_reported(contact_a.user, grant, {"currency": "KRW", "amount": Decimal("4000000000")})
    grant.refresh_from_db()
    assert grant.review_state == ReviewState.CHANGES_REQUESTED  # still to be submitted again
    response = client_a.post(f"/tr/funds/reports/{grant.pk}/submit/")
    assert response.status_code == 302
    grant.refresh_from_db()
    assert grant.review_state == ReviewState.SUBMITTED


def test_a_contacts_change_of_a_submitted_record_is_a_draft_again(contact_a):
    """(A change to a published record waits as a revision instead: tests/portal/test_revisions.py.)"""
    project = make("project", contact_a)
    project.title_en = "A new title"
    reviews.save_reported(contact_a.user, project)
    project.refresh_from_db()
    assert (project.review_state, project.title_en) == (ReviewState.DRAFT, "A new title")


# --- The queue ---------------------------------------------------------------------------------------------------


def test_the_queue_lists_every_kind_the_oldest_first_with_counts(contact_a, contact_b, wg_admin, client):
    now = timezone.now()
    oldest = make("participation", contact_b, submitted_at=now - dt.timedelta(days=9))
    middle = make("project", contact_a, submitted_at=now - dt.timedelta(days=3))
    newest = make("grant", contact_a, submitted_at=now - dt.timedelta(hours=1))
    make("grant", contact_a, state=ReviewState.DRAFT)
    make("application", contact_a, state=ReviewState.PUBLISHED)
    client.force_login(wg_admin)
    response = client.get(QUEUE)
    assert response.status_code == 200
    assert [w.record for w in response.context["page"]] == [oldest, middle, newest]
    counts = {c.kind.key: c.count for c in response.context["counts"]}
    assert {"awards.awardapplication", "portal.promomaterial"} <= counts.keys()
    # Every other kind (the coordination area's too) has none waiting.
    assert counts == {
        **dict.fromkeys(counts, 0),
        "portal.project": 1,
        "funds.grant": 1,
        "events.eventparticipation": 1,
    }
    body = response.content.decode()
    assert 'data-kind="funds.grant" data-count="1"' in body
    # The admin index counts them too.
    index = client.get("/admin/").content.decode()
    assert re.search(r'data-kind="portal.project" data-count="1"', index)
    assert re.search(r'data-kind="events.eventparticipation" data-count="1"', index)


def test_the_queue_runs_a_constant_number_of_queries(wg_admin, client):
    """However many records of however many kinds wait: one page of the queue, then the same with ten times more."""
    contacts = [factories.ContactFactory(agency=factories.AgencyFactory()) for _ in range(3)]
    client.force_login(wg_admin)
    counts = []
    for size in (SMALL, LARGE):
        for n in range(size):
            for kind in KINDS:
                make(kind, contacts[n % 3])
        queries, response = count_queries(client, QUEUE)
        assert response.context["page"].paginator.count == size * len(KINDS)
        counts.append(queries)
        for model in (Grant, EventParticipation, AwardApplication, Project, PromoMaterial):
            model.objects.filter(review_state=ReviewState.SUBMITTED).update(review_state=ReviewState.DRAFT)
    assert counts[0] == counts[1]


# --- How reviewers hear of submissions --------------------------------------------------------------------------


def test_each_reviewer_hears_of_each_submission_in_their_language(contact_a, wg_admin):
    other = factories.admin_user(email="second.admin@portal.example")
    ReviewerSettings.objects.create(user=other, notice=ReviewNotice.EACH, language="az")
    quiet = factories.admin_user(email="quiet.admin@portal.example")
    ReviewerSettings.objects.create(user=quiet, notice=ReviewNotice.NONE)
    grant = make("grant", contact_a, state=ReviewState.DRAFT)
    reviews.submit_reported(contact_a.user, grant)
    sent = {(m.recipient, m.language) for m in mails("review_submitted")}
    assert sent == {(wg_admin.email, "tr"), (other.email, "az")}
    [az] = [m for m in mails("review_submitted") if m.language == "az"]
    assert in_language("az", "Publish it or send it back with a comment in the review queue:") in az.text
    assert "/az/reviews/" in az.text


def test_the_daily_digest_goes_once_a_day_at_the_reviewers_hour_when_something_new_waits(contact_a, wg_admin):
    prefs = ReviewerSettings.objects.create(
        user=wg_admin, notice=ReviewNotice.DIGEST, language="en", time_zone="Asia/Baku", digest_hour=8
    )
    baku = ZoneInfo("Asia/Baku")
    # Days in the reviewer's zone, before this one: every instant of the test, submissions included, is in the past.
    today = timezone.now().astimezone(baku).date() - dt.timedelta(days=3)
    tomorrow = today + dt.timedelta(days=1)
    at = lambda day, hour: dt.datetime.combine(day, dt.time(hour, 30), tzinfo=baku)  # noqa: E731
    grant = make("grant", contact_a, state=ReviewState.DRAFT)
    reviews.submit_reported(contact_a.user, grant)
    assert mails("review_submitted") == []  # a digest reader is not told of each
    Grant.objects.filter(pk=grant.pk).update(submitted_at=at(today, 6))
    assert notices.send_digests(at(today, 7)) == 0  # before the hour, in the reviewer's zone
    assert notices.send_digests(at(today, 8)) == 1
    [digest] = mails("review_digest")
    assert (digest.recipient, digest.language) == (wg_admin.email, "en")
    grant.refresh_from_db()
    with translation.override("en"):
        assert str(grant) in digest.text
    assert notices.send_digests(at(today, 20)) == 0  # once a day
    assert notices.send_digests(at(tomorrow, 9)) == 0  # nothing new since
    make("participation", contact_a, submitted_at=at(tomorrow, 8))
    assert notices.send_digests(at(tomorrow, 9)) == 1
    prefs.refresh_from_db()
    assert prefs.last_digest_at == at(tomorrow, 9)


def test_the_reviewer_chooses_how_to_hear_of_submissions_on_the_queue_page(wg_admin, client):
    client.force_login(wg_admin)
    data = {"notice": "digest", "digest_hour": "7", "time_zone": "Asia/Bishkek", "language": "ky"}
    response = client.post("/en/reviews/settings/", data)
    assert (response.status_code, response["Location"]) == (302, QUEUE)
    prefs = ReviewerSettings.objects.get(user=wg_admin)
    assert (prefs.notice, prefs.digest_hour, prefs.time_zone, prefs.language) == ("digest", 7, "Asia/Bishkek", "ky")
    response = client.post("/en/reviews/settings/", {**data, "time_zone": "Mars/Olympus", "digest_hour": "25"})
    assert response.status_code == 200
    assert set(response.context["settings_form"].errors) == {"time_zone", "digest_hour"}
    prefs.refresh_from_db()
    assert (prefs.digest_hour, prefs.time_zone) == (7, "Asia/Bishkek")
