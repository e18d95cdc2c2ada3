"""Circular letters' services and selectors: sending to a distribution list, acknowledging and answering, who sees
which circular, and the reply deadline in the registry with its reminders."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from coordination.circulars import selectors, services
from coordination.circulars.models import (
    CircularRecipient,
    CircularState,
    CircularVisibility,
    RecipientState,
)
from portal import alerts
from portal.alerts import outbox
from portal.models import AlertDelivery, Deadline, DeadlineKind, DeliveryState, MailKind, OutboxMail
from tests import factories

IST = "Europe/Istanbul"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    """Uploaded files go to the test's own directory."""
    settings.MEDIA_ROOT = tmp_path


PENDING, CANCELLED = DeliveryState.PENDING, DeliveryState.CANCELLED


@pytest.fixture
def addressees():
    """22 agencies, each with one confirmed contact in a language of its own turn; the first also has an unconfirmed
    and an inactive contact, who hear nothing."""
    languages = ["tr", "en", "ru", "ky", "fa", "az"]
    agencies = [factories.AgencyFactory() for _ in range(22)]
    contacts = [
        factories.ContactFactory(agency=agency, language=languages[n % 6], time_zone="Asia/Bishkek" if n % 2 else IST)
        for n, agency in enumerate(agencies)
    ]
    factories.ContactFactory(agency=agencies[0], confirmed_at=None)
    factories.ContactFactory(agency=agencies[0], is_active=False)
    return agencies, contacts


def reply_deadline(circular) -> Deadline:
    return Deadline.objects.get(kind=DeadlineKind.CIRCULAR_REPLY, object_id=circular.pk)


# --- Sending ----------------------------------------------------------------------------------------


def test_sending_copies_the_list_and_mails_each_confirmed_contact_in_their_language(addressees):
    agencies, contacts = addressees
    admin = factories.admin_user()
    dlist = factories.DistributionListFactory(agencies=agencies, name_en="Ministries and presidencies")
    circular = factories.CircularFactory(reference="E-2026/7", subject_en="WSIS Prizes 2026")

    assert services.send_circular(circular, admin, dlist) == 22

    circular.refresh_from_db()
    assert (circular.state, circular.sent_by, circular.distribution_list) == (CircularState.SENT, admin, dlist)
    assert circular.sent_at is not None and circular.distribution_name == dlist.name
    assert sorted(circular.recipients.values_list("agency_id", flat=True)) == sorted(a.pk for a in agencies)
    assert set(circular.recipients.values_list("state", flat=True)) == {RecipientState.PENDING}
    mails = {m.recipient: m for m in OutboxMail.objects.filter(kind=MailKind.CIRCULAR)}
    assert set(mails) == {c.email for c in contacts}
    for person in contacts:
        assert mails[person.email].language == person.language
        assert f"/{person.language}/coordination/circulars/{circular.pk}/" in mails[person.email].text
        assert "E-2026/7" in mails[person.email].subject
    # The reply deadline is addressed to every recipient agency.
    deadline = reply_deadline(circular)
    assert sorted(deadline.agencies.values_list("pk", flat=True)) == sorted(a.pk for a in agencies)
    assert deadline.due_at == circular.reply_due_at
    assert deadline.url == f"/coordination/circulars/{circular.pk}/"

    # Editing the list later does not rewrite who the circular went to.
    dlist.agencies.remove(agencies[0])
    assert circular.recipients.count() == 22


def test_a_mail_in_english_names_both_zones_and_in_turkish_the_subject_in_turkish(addressees):
    agencies, contacts = addressees
    circular = factories.sent_circular(agencies[:2], subject="Türkçe konu", subject_en="English subject")
    tr_mail = OutboxMail.objects.get(recipient=contacts[0].email)
    en_mail = OutboxMail.objects.get(recipient=contacts[1].email)
    assert "Türkçe konu" in tr_mail.subject and "English subject" in en_mail.subject
    assert "Asia/Bishkek" in en_mail.text and IST in en_mail.text  # the contact's zone and the circular's
    assert "Asia/Bishkek" not in tr_mail.text
    assert circular.is_sent


def test_sending_twice_or_to_nobody_is_refused_and_changes_nothing(addressees):
    agencies, _contacts = addressees
    circular = factories.sent_circular(agencies[:3])
    mails = OutboxMail.objects.count()
    with pytest.raises(ValidationError):
        services.send_circular(circular, None, factories.DistributionListFactory(agencies=agencies[3:5]))
    assert circular.recipients.count() == 3 and OutboxMail.objects.count() == mails

    empty = factories.CircularFactory()
    with pytest.raises(ValidationError):
        services.send_circular(empty, None, factories.DistributionListFactory())
    with pytest.raises(ValidationError):
        services.send_circular(empty, None)
    empty.refresh_from_db()
    assert empty.state == CircularState.DRAFT and not empty.recipients.exists()


def test_the_circulars_list_is_used_when_none_is_given_and_sending_starts_once(
    addressees, django_capture_on_commit_callbacks
):
    agencies, _contacts = addressees
    dlist = factories.DistributionListFactory(agencies=agencies[:4])
    circular = factories.CircularFactory(distribution_list=dlist)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        assert services.send_circular(circular, None) == 4
    assert OutboxMail.objects.count() == 4 and len(callbacks) == 1  # one start for the four mails


def test_the_circular_goes_out_through_a_real_smtp_server(addressees, smtp_server, django_capture_on_commit_callbacks):
    agencies, contacts = addressees
    with django_capture_on_commit_callbacks(execute=False):
        factories.sent_circular(agencies[:3], reference="E-2026/99")
    assert outbox.send_outbox().sent == 3
    received = {m.rcpt_tos[0]: m.message for m in smtp_server.messages}
    assert set(received) == {c.email for c in contacts[:3]}
    for person in contacts[:3]:
        assert received[person.email]["Content-Language"] == person.language
        assert "E-2026/99" in str(received[person.email]["Subject"])
    assert set(OutboxMail.objects.values_list("state", flat=True)) == {DeliveryState.SENT}


# --- Acknowledging and answering ----------------------------------------------------------------------


def test_a_contact_of_an_addressee_acknowledges_then_answers_on_time(addressees):
    agencies, contacts = addressees
    circular = factories.sent_circular(agencies[:2])
    row = selectors.recipient_for(contacts[0].user, circular)
    assert row.agency_id == agencies[0].pk and selectors.can_answer(contacts[0].user, row)

    services.acknowledge(row, contacts[0].user)
    row.refresh_from_db()
    assert (row.state, row.acknowledged_by) == (RecipientState.ACKNOWLEDGED, contacts[0].user)

    pdf = SimpleUploadedFile("list.pdf", factories.PDF, content_type="application/pdf")
    services.answer(row, contacts[0].user, "Two projects nominated.", attachments=[pdf])
    row.refresh_from_db()
    assert (row.state, row.answered_by, row.late) == (RecipientState.ANSWERED, contacts[0].user, False)
    assert row.answer == "Two projects nominated." and row.attachments.count() == 1


def test_a_late_answer_is_marked_late_and_nothing_to_report_is_a_state(addressees):
    agencies, contacts = addressees
    circular = factories.sent_circular(
        agencies[:2], reply_due_on=factories.in_days(-2, IST), dated_on=factories.in_days(-30, IST)
    )
    late_row = selectors.recipient_for(contacts[0].user, circular)
    services.answer(late_row, contacts[0].user, "Sorry for the delay.")
    late_row.refresh_from_db()
    assert late_row.late and late_row.state == RecipientState.ANSWERED

    row = selectors.recipient_for(contacts[1].user, circular)
    services.answer(row, contacts[1].user, "", nothing_to_report=True)
    row.refresh_from_db()
    assert row.state == RecipientState.NOTHING_TO_REPORT and row.answered_at is not None


def test_another_agencys_contact_cannot_acknowledge_or_answer(addressees):
    agencies, contacts = addressees
    circular = factories.sent_circular(agencies[:1])
    [row] = circular.recipients.all()
    outsider = contacts[5]
    assert selectors.recipient_for(outsider.user, circular) is None
    assert not selectors.can_answer(outsider.user, row)
    with pytest.raises(PermissionDenied):
        services.answer(row, outsider.user, "Not ours to say.")
    with pytest.raises(PermissionDenied):
        services.acknowledge(row, outsider.user)
    admin = factories.admin_user()  # sees every answer, answers for no agency
    assert not selectors.can_answer(admin, row)
    with pytest.raises(PermissionDenied):
        services.answer(row, admin, "On their behalf.")
    row.refresh_from_db()
    assert (row.state, row.answer, row.answered_at) == (RecipientState.PENDING, "", None)


def test_an_empty_answer_and_a_withdrawn_circular_are_refused(addressees):
    agencies, contacts = addressees
    circular = factories.sent_circular(agencies[:1])
    [row] = circular.recipients.all()
    with pytest.raises(ValidationError):
        services.answer(row, contacts[0].user, "   ")
    services.withdraw_circular(circular, None)
    row.refresh_from_db()
    assert not selectors.can_answer(contacts[0].user, row)
    with pytest.raises(PermissionDenied):
        services.answer(row, contacts[0].user, "Too late.")
    row.refresh_from_db()
    assert row.state == RecipientState.PENDING


def test_answering_names_only_the_agencys_own_applications_to_the_edition(addressees):
    agencies, contacts = addressees
    edition = factories.AwardEditionFactory()
    own = factories.AwardApplicationFactory(agency=agencies[0], edition=edition)
    other_agency = factories.AwardApplicationFactory(agency=agencies[1], edition=edition)
    other_edition = factories.AwardApplicationFactory(agency=agencies[0])
    circular = factories.sent_circular(agencies[:2], award_edition=edition)
    row = selectors.recipient_for(contacts[0].user, circular)
    for wrong in (other_agency, other_edition):
        with pytest.raises(ValidationError):
            services.answer(row, contacts[0].user, "", applications=[wrong])
    row.refresh_from_db()
    assert row.state == RecipientState.PENDING and not row.applications.exists()
    services.answer(row, contacts[0].user, "", applications=[own])
    assert list(row.applications.all()) == [own]
    assert CircularRecipient.objects.get(pk=row.pk).state == RecipientState.ANSWERED


def test_applications_are_refused_when_the_circular_is_about_no_edition(addressees):
    agencies, contacts = addressees
    application = factories.AwardApplicationFactory(agency=agencies[0])
    circular = factories.sent_circular(agencies[:1])
    [row] = circular.recipients.all()
    with pytest.raises(ValidationError):
        services.answer(row, contacts[0].user, "x", applications=[application])
    assert not row.applications.exists()


# --- Who sees what --------------------------------------------------------------------------------------


def test_visibility_of_public_private_and_draft_circulars(addressees):
    agencies, contacts = addressees
    sender = factories.ContactFactory()
    public = factories.sent_circular(agencies[:1], public=True)
    private = factories.sent_circular(agencies[:1], sender=sender.agency)
    draft = factories.CircularFactory(visibility=CircularVisibility.PUBLIC)
    admin = factories.admin_user()

    def seen(user):
        return set(selectors.visible_circulars(user).values_list("pk", flat=True))

    assert seen(None) == {public.pk}
    assert seen(contacts[0].user) == {public.pk, private.pk}  # addressee
    assert seen(contacts[1].user) == {public.pk}  # another agency
    assert seen(sender.user) == {public.pk, private.pk}  # the sender agency
    assert seen(admin) == {public.pk, private.pk, draft.pk}
    assert {r.circular_id for r in selectors.circulars_to_agency(agencies[0])} == {public.pk, private.pk}
    assert {r.circular_id for r in selectors.pending_answers(agencies[0])} == {public.pk, private.pk}
    assert not selectors.circulars_to_agency(agencies[1]).exists()


def test_contact_details_only_to_signed_in_contacts_and_admins(addressees):
    _agencies, contacts = addressees
    assert selectors.can_see_contact_details(contacts[0].user)
    assert selectors.can_see_contact_details(factories.admin_user())
    assert not selectors.can_see_contact_details(None)
    assert not selectors.can_see_contact_details(factories.UserFactory())


# --- The reply deadline and its reminders ----------------------------------------------------------------


def before_deadline(circular, days: int, hour: int = 9) -> dt.datetime:
    """`hour` o'clock in the circular's zone, `days` calendar days before its reply date."""
    day = circular.reply_due_on - dt.timedelta(days=days)
    return dt.datetime.combine(day, dt.time(hour), tzinfo=ZoneInfo(circular.tz))


def alerted(deadline, lead_days) -> set[int]:
    return set(
        AlertDelivery.objects.filter(deadline=deadline, lead_days=lead_days)
        .exclude(state=CANCELLED)
        .values_list("contact_id", flat=True)
    )


def test_answering_stops_that_agencys_reminders_while_the_others_get_theirs_at_7_and_1_days(addressees, settings):
    settings.SEND_ALERTS = True
    agencies, contacts = addressees
    circular = factories.sent_circular(agencies[:3], reply_due_on=factories.in_days(40, IST))
    deadline = reply_deadline(circular)
    first, second, third = contacts[:3]

    alerts.plan(before_deadline(circular, 7))
    assert alerted(deadline, 7) == {first.pk, second.pk, third.pk}

    row = selectors.recipient_for(first.user, circular)
    services.answer(row, first.user, "Done.")
    # The answering agency's unsent alert is cancelled at once and the deadline no longer names it.
    assert AlertDelivery.objects.get(deadline=deadline, contact=first).state == CANCELLED
    assert sorted(reply_deadline(circular).agencies.values_list("pk", flat=True)) == sorted(
        [agencies[1].pk, agencies[2].pk]
    )

    alerts.plan(before_deadline(circular, 1))
    assert alerted(deadline, 1) == {second.pk, third.pk}
    assert not AlertDelivery.objects.filter(deadline=deadline, contact=first).exclude(state=CANCELLED).exists()


def test_all_answered_leaves_the_deadline_without_an_audience(addressees):
    agencies, contacts = addressees
    circular = factories.sent_circular(agencies[:1], reply_due_on=factories.in_days(5, IST))
    services.answer(selectors.recipient_for(contacts[0].user, circular), contacts[0].user, "", nothing_to_report=True)
    deadline = reply_deadline(circular)
    assert deadline.withdrawn_at is None and not deadline.agencies.exists()
    alerts.plan(before_deadline(circular, 1))
    assert not AlertDelivery.objects.filter(deadline=deadline).exists()


def test_a_moved_reply_deadline_re_plans(addressees):
    agencies, contacts = addressees
    circular = factories.sent_circular(agencies[:1], reply_due_on=factories.in_days(40, IST))
    alerts.plan(before_deadline(circular, 7))
    [old] = AlertDelivery.objects.filter(deadline=reply_deadline(circular))
    moment = before_deadline(circular, 7)

    circular.reply_due_on += dt.timedelta(days=3)
    circular.save()
    deadline = reply_deadline(circular)
    assert deadline.due_at == circular.reply_due_at and deadline.sequence > 0
    alerts.plan(moment + dt.timedelta(hours=1))
    old.refresh_from_db()
    assert old.state == CANCELLED
    # Ten days ahead now: the 30-day window is the open one for the new date.
    [new] = AlertDelivery.objects.filter(deadline=deadline, state=PENDING)
    assert (new.contact_id, new.due_at, new.lead_days) == (contacts[0].pk, deadline.due_at, 30)


def test_a_withdrawn_circular_cancels_pending_alerts_and_its_deadline(addressees):
    agencies, _contacts = addressees
    circular = factories.sent_circular(agencies[:2], reply_due_on=factories.in_days(40, IST))
    alerts.plan(before_deadline(circular, 7))
    assert AlertDelivery.objects.filter(state=PENDING).count() == 2

    services.withdraw_circular(circular, None)
    assert reply_deadline(circular).withdrawn_at is not None
    assert set(AlertDelivery.objects.values_list("state", flat=True)) == {CANCELLED}
    alerts.plan(before_deadline(circular, 1))
    assert not AlertDelivery.objects.filter(state=PENDING).exists()
    with pytest.raises(ValidationError):
        services.withdraw_circular(circular, None)
