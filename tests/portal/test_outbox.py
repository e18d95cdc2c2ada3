"""The one mail path: every mail other than the alerts is an outbox row written in the transaction of its change,
sent after commit (in this process: the tests have no broker), retried, reaped and failed like the alerts. With
the SMTP server or the broker away, the pages answer as usual and the mails go out once they are back."""

import datetime as dt
import io
import logging
import re
from collections import Counter

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.utils import timezone, translation

from config.celery import app as celery_app
from portal.alerts import planning
from portal.alerts.outbox import send_outbox
from portal.mail import send_templated
from portal.models import Contact, DeliveryState, MailKind, OutboxMail, ReviewState
from tests import factories
from tests.smtp import SmtpServer, free_port, use_smtp

PENDING, SENDING, SENT, FAILED = DeliveryState.PENDING, DeliveryState.SENDING, DeliveryState.SENT, DeliveryState.FAILED


@pytest.fixture(autouse=True)
def _mail_settings(settings):
    settings.SEND_MAIL = True
    settings.ALERT_RETRY_BASE = 60.0
    settings.ALERT_RETRY_MAX = 3600.0
    settings.ALERT_MAX_ATTEMPTS = 12
    settings.ALERT_CLAIM_TIMEOUT = 600
    settings.ALERT_BATCH_SIZE = 200


def queue(kind=MailKind.CONTACT_APPROVED, to=("ayse@a.example",), language="tr", **context) -> list[OutboxMail]:
    """Mails queued as a service queues them, in a transaction of its own (sent at once if nothing captures it)."""
    contact = factories.ContactFactory.build(name="Ayşe Yılmaz", language=language)
    with transaction.atomic():
        send_templated(kind, {"contact": contact, "url": "https://portal.example/tr/", **context}, list(to), language)
    return list(OutboxMail.objects.order_by("pk"))


# --- Acceptance: SMTP away during the requests, a server started late -----------------------------------------


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_with_the_smtp_server_away_every_page_answers_and_the_mails_go_out_once_it_listens(settings, wg_admin):
    """Registering, confirming, approving a contact (admin action), publishing a project (admin action) and asking
    for a new password, each committed for real, with EMAIL_URL on a closed port; then an SMTP server listens and
    `send_alerts` sends every mail exactly once."""
    port = free_port()  # nobody listens there yet
    use_smtp(settings, port)
    settings.ALERT_RETRY_BASE = 0.0  # no wait before the next try here; the backoff has its own test
    agency = factories.AgencyFactory()  # no verified domain: the working group approves the contact
    visitor, admin = Client(), Client()
    admin.force_login(wg_admin)

    response = visitor.post(
        "/fa/accounts/register/",
        factories.registration_data(agency, email="farid@mail.example", language="fa", time_zone="Asia/Tehran"),
    )
    assert (response.status_code, response["Location"]) == (302, "/fa/accounts/register/done/")
    contact = Contact.objects.get(email="farid@mail.example")
    [confirmation] = OutboxMail.objects.all()
    assert (confirmation.kind, confirmation.recipient, confirmation.language) == ("confirm_email", contact.email, "fa")
    assert (confirmation.state, confirmation.attempts, confirmation.sent_at) == (PENDING, 0, None)
    assert "ConnectionRefusedError" in confirmation.last_error  # tried after the commit, and held back

    [link] = re.findall(re.escape(settings.SITE_URL) + r"(/fa/accounts/confirm/[^/\s]+/)", confirmation.text)
    assert visitor.get(link).status_code == 200  # the page where the owner of the mailbox chooses the password
    password = "a-long-unusual-passphrase-91"
    response = visitor.post(link, {"new_password1": password, "new_password2": password})
    assert response.status_code == 200
    assert "accounts/confirmed.html" in [t.name for t in response.templates]
    assert response.context["first_time"] is True

    response = admin.post("/admin/portal/contact/", {"action": "approve", "_selected_action": [contact.pk]})
    assert (response.status_code, response["Location"]) == (302, "/admin/portal/contact/")
    contact.refresh_from_db()
    assert contact.approved_at is not None

    project = factories.ProjectFactory(
        agency=agency, review_state=ReviewState.SUBMITTED, reported_by=contact.user, submitted_by=contact.user
    )
    response = admin.post("/admin/portal/project/", {"action": "publish", "_selected_action": [project.pk]})
    assert (response.status_code, response["Location"]) == (302, "/admin/portal/project/")
    project.refresh_from_db()
    assert project.review_state == ReviewState.PUBLISHED

    response = visitor.post("/fa/accounts/password-reset/", {"email": contact.email})
    assert (response.status_code, response["Location"]) == (302, "/fa/accounts/password-reset/sent/")

    queued = list(OutboxMail.objects.order_by("pk"))
    assert [(m.kind, m.recipient, m.language) for m in queued] == [
        ("confirm_email", contact.email, "fa"),
        ("approval_needed", wg_admin.email, "tr"),
        ("contact_approved", contact.email, "fa"),
        ("review_published", contact.email, "fa"),
        ("password_reset", contact.email, "fa"),
    ]
    assert {(m.state, m.sent_at) for m in queued} == {(PENDING, None)}

    server = SmtpServer(port=port).start()
    try:
        out = io.StringIO()
        call_command("send_alerts", stdout=out)
        assert "Sent 5 other mails, 0 failed, 0 deferred" in out.getvalue()
        received = server.messages
        assert Counter(r.message_id for r in received) == {m.message_id: 1 for m in queued}
        by_id = {r.message_id: r for r in received}
        for row in queued:
            got = by_id[row.message_id]
            assert got.rcpt_tos == [row.recipient]
            assert got.message["To"] == row.recipient
            assert got.message["Content-Language"] == row.language
            assert got.message["Auto-Submitted"] == "auto-generated"
            assert got.message["List-Unsubscribe"] is None  # nothing to leave: these are not alerts
            assert str(got.message["Subject"]) == row.subject
            assert got.message.get_body(("plain",)).get_content() == row.text.replace("\r\n", "\n")
            assert f'<html lang="{row.language}"' in got.message.get_body(("html",)).get_content()
        bodies = {row.kind: by_id[row.message_id].message.get_body(("plain",)).get_content() for row in queued}
        assert f"{settings.SITE_URL}{link}" in bodies["confirm_email"]
        assert f"/admin/portal/contact/{contact.pk}/change/" in bodies["approval_needed"]
        assert f"{settings.SITE_URL}/fa/accounts/login/" in bodies["contact_approved"]
        assert f"/fa/projects/{project.slug}/" in bodies["review_published"]
        assert re.search(
            re.escape(settings.SITE_URL) + r"/fa/accounts/password-reset/[^/\s]+/[^/\s]+/", bodies["password_reset"]
        )
        assert set(OutboxMail.objects.values_list("state", "attempts", "last_error")) == {(SENT, 1, "")}

        call_command("send_alerts", stdout=io.StringIO())  # again: nothing more
        assert len(server.messages) == 5
    finally:
        server.stop()


@pytest.fixture
def broker_away():
    """Celery as in a web process of the full stack (not eager), its broker a closed port."""
    conf = celery_app.conf
    saved = conf.task_always_eager, conf.broker_url
    conf.task_always_eager, conf.broker_url = False, f"redis://127.0.0.1:{free_port()}/0"
    yield
    conf.task_always_eager, conf.broker_url = saved


def test_with_the_broker_away_a_page_answers_and_the_mail_waits(
    client, broker_away, caplog, django_capture_on_commit_callbacks
):
    """A web process with a broker that does not answer: the page is the usual one, the mail stays pending for the
    beat's tick, the error is logged, and nothing waited for seconds on the broker."""
    agency = factories.AgencyFactory()
    started = timezone.now()
    with caplog.at_level(logging.ERROR, logger="portal.dispatch"), django_capture_on_commit_callbacks(execute=True):
        response = client.post("/tr/accounts/register/", factories.registration_data(agency))
    assert (response.status_code, response["Location"]) == (302, "/tr/accounts/register/done/")
    assert timezone.now() - started < dt.timedelta(seconds=5)
    [row] = OutboxMail.objects.all()
    assert (row.kind, row.state, row.attempts, row.last_error) == ("confirm_email", PENDING, 0, "")
    assert mail.outbox == []
    assert [r.getMessage() for r in caplog.records] == [
        "Could not start portal.tasks.send_outbox_task now; the next tick of the beat will do its work."
    ]


# --- The queue: one transaction, retries, failures, reaper -------------------------------------------------------


def test_a_mail_is_queued_in_the_changes_transaction_and_sent_only_once_it_commits(django_capture_on_commit_callbacks):
    contact = factories.ContactFactory.build(name="Ayşe", language="tr")
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError), transaction.atomic():
        send_templated("contact_approved", {"contact": contact, "url": "https://x.example/"}, ["a@a.example"], "tr")
        assert OutboxMail.objects.count() == 1
        raise RuntimeError("the change fails")
    assert OutboxMail.objects.count() == 0
    assert mail.outbox == []

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        queue(to=["a@a.example", "b@b.example"])
        assert mail.outbox == []  # not before the commit
    assert len(callbacks) == 1
    assert [m.to for m in mail.outbox] == [["a@a.example"], ["b@b.example"]]
    rows = list(OutboxMail.objects.order_by("pk"))
    assert [m.extra_headers["Message-ID"] for m in mail.outbox] == [row.message_id for row in rows]
    assert len({row.message_id for row in rows}) == 2
    assert {(row.state, row.attempts) for row in rows} == {(SENT, 1)}


def test_only_a_kind_of_mail_may_be_queued():
    with pytest.raises(ValueError, match="Unknown kind of mail 'newsletter'"), transaction.atomic():
        send_templated("newsletter", {}, ["a@a.example"], "tr")
    assert OutboxMail.objects.count() == 0


def test_transient_refusals_back_off_then_the_mail_goes_once(smtp_server, django_capture_on_commit_callbacks):
    smtp_server.refuse("451", at="rcpt")
    with django_capture_on_commit_callbacks(execute=False):
        [row] = queue()
    now = timezone.now()
    result = send_outbox(now)
    assert (result.sent, result.failed, result.deferred, result.retry_in) == (0, 0, 1, 60.0)
    row.refresh_from_db()
    assert (row.state, row.attempts, row.not_before) == (PENDING, 1, now + dt.timedelta(seconds=60))
    assert "451" in row.last_error and "Try again later" in row.last_error

    result = send_outbox(now + dt.timedelta(seconds=59))  # still waiting: not even tried
    assert (result.sent, result.deferred) == (0, 0)
    assert smtp_server.refused == 1
    result = send_outbox(now + dt.timedelta(seconds=60))  # refused again: the wait doubles
    assert (result.deferred, result.retry_in) == (1, 120.0)

    smtp_server.accept()
    assert send_outbox(now + dt.timedelta(seconds=179)).sent == 0
    assert send_outbox(now + dt.timedelta(seconds=180)).sent == 1
    [received] = smtp_server.messages
    row.refresh_from_db()
    assert (row.state, row.attempts, row.last_error) == (SENT, 3, "")
    assert received.message_id == row.message_id
    assert send_outbox(now + dt.timedelta(hours=1)).sent == 0
    assert len(smtp_server.messages) == 1


def test_a_permanent_refusal_fails_that_mail_and_the_batch_goes_on(smtp_server, django_capture_on_commit_callbacks):
    smtp_server.refuse("550", at="rcpt", addresses={"gone@b.example"})
    with django_capture_on_commit_callbacks(execute=False):
        queue(to=["a@a.example", "gone@b.example", "c@c.example"])
    result = send_outbox()
    assert (result.sent, result.failed, result.deferred) == (2, 1, 0)
    failed = OutboxMail.objects.get(recipient="gone@b.example")
    assert (failed.state, failed.attempts, failed.sent_at) == (FAILED, 1, None)
    assert "550" in failed.last_error and "Mailbox unavailable" in failed.last_error
    assert sorted(r.rcpt_tos[0] for r in smtp_server.messages) == ["a@a.example", "c@c.example"]
    assert smtp_server.connections == 1
    assert send_outbox(timezone.now() + dt.timedelta(days=1)).sent == 0  # a failed mail stays failed


def test_repeated_transient_refusals_give_up_after_the_maximum_attempts(
    smtp_server, settings, django_capture_on_commit_callbacks
):
    settings.ALERT_MAX_ATTEMPTS = 2
    smtp_server.refuse("451", at="data")
    with django_capture_on_commit_callbacks(execute=False):
        [row] = queue()
    moment = timezone.now()
    with translation.override("en"):
        send_outbox(moment)
        result = send_outbox(moment + dt.timedelta(seconds=60))
    row.refresh_from_db()
    assert (result.failed, row.state, row.attempts) == (1, FAILED, 2)
    assert row.last_error.startswith("gave up after 2 attempts: 451 ")
    assert smtp_server.messages == []


def test_a_mail_stuck_in_sending_is_reaped_and_sent(settings, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        stuck, busy = queue(to=["stuck@a.example", "busy@b.example"])
    now = timezone.now()
    timeout = dt.timedelta(seconds=settings.ALERT_CLAIM_TIMEOUT)
    OutboxMail.objects.filter(pk=stuck.pk).update(
        state=SENDING, claim="dead", claimed_at=now - timeout - dt.timedelta(seconds=1), attempts=1
    )
    OutboxMail.objects.filter(pk=busy.pk).update(
        state=SENDING, claim="busy", claimed_at=now - timeout + dt.timedelta(seconds=30), attempts=1
    )
    assert planning.plan(now).reaped == 1
    assert send_outbox(now).sent == 1
    assert [m.to for m in mail.outbox] == [["stuck@a.example"]]
    stuck.refresh_from_db()
    busy.refresh_from_db()
    assert (stuck.state, stuck.attempts, stuck.claim) == (SENT, 2, "")
    assert (busy.state, busy.claim) == (SENDING, "busy")


def test_the_mail_switch_holds_the_outbox_until_it_is_on_again(settings, django_capture_on_commit_callbacks):
    settings.SEND_MAIL = False
    with django_capture_on_commit_callbacks(execute=True):
        [row] = queue()
    assert mail.outbox == []
    assert OutboxMail.objects.get().state == PENDING
    out = io.StringIO()
    call_command("send_alerts", stdout=out)
    assert "Sent 0 other mails" in out.getvalue()
    assert "1 other mails wait to be sent." in out.getvalue()
    settings.SEND_MAIL = True
    call_command("send_alerts", stdout=io.StringIO())
    assert [m.extra_headers["Message-ID"] for m in mail.outbox] == [row.message_id]


def test_healthz_counts_the_outbox_in_the_backlog(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        queue(to=["a@a.example", "b@b.example"])
    assert client.get("/healthz").json()["pending_backlog"] == 2
    send_outbox()
    assert client.get("/healthz").json()["pending_backlog"] == 0


# --- The back-office -----------------------------------------------------------------------------------------------


def test_the_working_group_sees_the_outbox_and_sends_a_failed_mail_again(
    admin_client_wg, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        failed, sent = queue(to=["failed@a.example", "sent@b.example"])
    OutboxMail.objects.filter(pk=failed.pk).update(state=FAILED, attempts=12, last_error="550 no such mailbox")
    OutboxMail.objects.filter(pk=sent.pk).update(state=SENT, attempts=1, sent_at=timezone.now())

    page = admin_client_wg.get("/admin/portal/outboxmail/", {"q": "failed@"}).content.decode()
    assert "failed@a.example" in page and "sent@b.example" not in page
    page = admin_client_wg.get("/admin/portal/outboxmail/", {"state": "failed", "kind": "contact_approved"})
    assert list(page.context["cl"].result_list) == [failed]
    assert admin_client_wg.get(f"/admin/portal/outboxmail/{failed.pk}/change/").status_code == 200

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client_wg.post(
            "/admin/portal/outboxmail/", {"action": "send_again", "_selected_action": [failed.pk, sent.pk]}
        )
    assert response.status_code == 302
    failed.refresh_from_db()
    assert (failed.state, failed.attempts, failed.last_error) == (SENT, 1, "")
    assert [m.to for m in mail.outbox] == [["failed@a.example"]]
    assert OutboxMail.objects.get(pk=sent.pk).attempts == 1  # a sent mail is not sent again

    staff = get_user_model().objects.create_user("staff@portal.example", "staff@portal.example", "x", is_staff=True)
    client.force_login(staff)
    assert client.get("/admin/portal/outboxmail/").status_code == 403


def test_the_back_office_never_shows_the_link_of_a_password_reset(admin_client_wg, contact_a, agency_a, settings):
    Client().post("/en/accounts/password-reset/", {"email": contact_a.email})
    [reset] = OutboxMail.objects.filter(kind=MailKind.PASSWORD_RESET)
    [link] = re.findall(re.escape(settings.SITE_URL) + r"(/en/accounts/password-reset/[^/\s]+/[^/\s]+/)", reset.text)
    page = admin_client_wg.get(f"/admin/portal/outboxmail/{reset.pk}/change/")
    assert page.status_code == 200
    assert reset.subject in page.content.decode()
    assert link not in page.content.decode()
    # Nor the link of a registration: its page chooses the account's password.
    Client().post("/en/accounts/register/", factories.registration_data(agency_a, email="new@mail.example"))
    [confirmation] = OutboxMail.objects.filter(kind=MailKind.CONFIRMATION)
    [link] = re.findall(re.escape(settings.SITE_URL) + r"(/tr/accounts/confirm/[^/\s]+/)", confirmation.text)
    page = admin_client_wg.get(f"/admin/portal/outboxmail/{confirmation.pk}/change/")
    assert page.status_code == 200
    assert link not in page.content.decode()
    approved = queue()[-1]
    page = admin_client_wg.get(f"/admin/portal/outboxmail/{approved.pk}/change/").content.decode()
    assert "https://portal.example/tr/" in page  # other mails' text is shown
