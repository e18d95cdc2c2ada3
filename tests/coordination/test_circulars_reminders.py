"""The "remind now" service: one reminder per agency that has not answered, to each of its confirmed contacts in the
contact's language, at most once in 24 hours per agency; only for a sent circular, only by its sender agency's
contacts and the working group."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from coordination.circulars import services
from coordination.circulars.models import CircularRecipient
from coordination.circulars.reminders import remind_unanswered
from portal.models import MailKind, OutboxMail
from tests import factories
from tests.coordination.circular_world import answers_world

pytestmark = pytest.mark.clock


@pytest.fixture
def answers(db):
    # The acknowledged agency's contact reads Russian, the pending one's Persian.
    return answers_world(languages=("en", "tr", "az", "ru", "fa"))


def reminders():
    return OutboxMail.objects.filter(kind=MailKind.CIRCULAR_REMINDER)


def reminded_at(answers) -> dict[int, object]:
    return dict(
        CircularRecipient.objects.filter(circular=answers.circular).values_list("agency_id", "last_reminded_at")
    )


def test_each_agency_that_has_not_answered_is_reminded_in_its_contacts_languages(answers):
    second = factories.ContactFactory(agency=answers.pending.agency, language="ky")
    factories.ContactFactory(agency=answers.pending.agency, confirmed_at=None, approved_at=None)  # hears nothing
    now = timezone.now()
    assert remind_unanswered(answers.circular, answers.sender.user, now=now) == 2
    mails = {mail.recipient: mail for mail in reminders()}
    assert set(mails) == {answers.acknowledged.email, answers.pending.email, second.email}
    assert mails[answers.acknowledged.email].language == "ru"
    assert mails[answers.pending.email].language == "fa"
    assert mails[second.email].language == "ky"
    assert '<html lang="fa" dir="rtl">' in mails[answers.pending.email].html  # rendered in each one's language
    assert '<html lang="ky" dir="ltr">' in mails[second.email].html
    assert answers.circular.reference in mails[second.email].subject
    assert f"/ky/coordination/circulars/{answers.circular.pk}/" in mails[second.email].text
    assert reminded_at(answers) == {
        answers.on_time.agency_id: None,
        answers.nothing.agency_id: None,
        answers.late.agency_id: None,
        answers.acknowledged.agency_id: now,
        answers.pending.agency_id: now,
    }


def test_an_agency_is_reminded_at_most_once_a_day(answers):
    now = timezone.now()
    assert remind_unanswered(answers.circular, answers.sender.user, now=now) == 2
    assert remind_unanswered(answers.circular, answers.sender.user, now=now + dt.timedelta(hours=23)) == 0
    assert reminders().count() == 2
    # The acknowledged agency answers meanwhile: a day later only the pending one is reminded again.
    row = CircularRecipient.objects.get(circular=answers.circular, agency=answers.acknowledged.agency)
    services.answer(row, answers.acknowledged.user, "Done at last.")
    later = now + dt.timedelta(hours=24, minutes=1)
    assert remind_unanswered(answers.circular, answers.sender.user, now=later) == 1
    assert reminders().filter(recipient=answers.pending.email).count() == 2
    assert reminders().filter(recipient=answers.acknowledged.email).count() == 1
    assert reminded_at(answers)[answers.pending.agency_id] == later


def test_an_agency_without_a_contact_to_write_to_is_not_counted(answers):
    answers.pending.is_active = False
    answers.pending.save()
    assert remind_unanswered(answers.circular, answers.sender.user) == 1
    assert reminded_at(answers)[answers.pending.agency_id] is None
    assert list(reminders().values_list("recipient", flat=True)) == [answers.acknowledged.email]


def test_admins_may_remind_but_not_an_addressee_nor_an_outsider(answers, wg_admin):
    for user in (answers.pending.user, factories.ContactFactory().user, None):
        with pytest.raises(PermissionDenied):
            remind_unanswered(answers.circular, user)
    assert not reminders().exists()
    assert set(reminded_at(answers).values()) == {None}
    assert remind_unanswered(answers.circular, wg_admin) == 2


def test_a_withdrawn_or_draft_circular_is_not_reminded(answers, wg_admin):
    services.withdraw_circular(answers.circular, wg_admin)
    with pytest.raises(ValidationError):
        remind_unanswered(answers.circular, answers.sender.user)
    draft = factories.CircularFactory(sender=answers.sender.agency)
    with pytest.raises(ValidationError):
        remind_unanswered(draft, wg_admin)
    assert not reminders().exists()
    assert set(reminded_at(answers).values()) == {None}
