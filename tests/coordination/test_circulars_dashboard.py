"""A circular's dashboard: who may see it, counts that match its rows, the chart beside the table, the CSV and XLSX
of the recipients and their answers (formulas written as text), the "remind now" button, and constant queries."""

import csv
import io

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from coordination.circulars import dashboard
from coordination.circulars.models import CircularRecipient
from portal.models import MailKind, OutboxMail
from tests import factories
from tests.coordination.circular_world import answers_world
from tests.queries import LARGE, SMALL, count_queries

pytestmark = pytest.mark.clock  # late answers and overdue rows against the reply deadline


@pytest.fixture
def answers(db):
    return answers_world()


def client_of(user=None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def url(circular, name="circular_dashboard") -> str:
    return reverse(f"coordination:{name}", args=[circular.pk])


def test_the_sender_agency_and_admins_see_the_dashboard_others_are_refused(answers, wg_admin):
    circular = answers.circular  # addressees only
    outsider = factories.ContactFactory()
    assert client_of(answers.sender.user).get(url(circular)).status_code == 200
    assert client_of(wg_admin).get(url(circular)).status_code == 200
    anonymous = client_of().get(url(circular))
    assert anonymous.status_code == 302
    assert anonymous.url.startswith(reverse("accounts:login"))
    # An addressee sees the circular but not the others' answers; an outsider does not even see it.
    assert client_of(answers.pending.user).get(url(circular)).status_code == 403
    assert client_of(outsider.user).get(url(circular)).status_code == 404


def test_a_public_circular_is_still_refused_to_other_agencies():
    answers = answers_world(public=True)
    outsider = factories.ContactFactory()
    assert client_of(outsider.user).get(url(answers.circular)).status_code == 403
    assert client_of().get(url(answers.circular)).status_code == 302


def test_the_counts_match_the_rows(answers):
    response = client_of(answers.sender.user).get(url(answers.circular))
    counts = response.context["counts"]
    assert counts == dashboard.Counts(
        total=5, answered_on_time=1, answered_late=1, nothing_to_report=1, acknowledged=1, pending=1, overdue=2
    )
    assert counts.reply_rate == 60
    buckets = [line.bucket for line, _label in response.context["rows"]]
    assert sorted(buckets) == sorted(
        [
            dashboard.ANSWERED_ON_TIME,
            dashboard.NOTHING_TO_REPORT,
            dashboard.ANSWERED_LATE,
            dashboard.ACKNOWLEDGED,
            dashboard.PENDING,
        ]
    )
    for name, value in counts.by_bucket():
        assert buckets.count(name) == value
    overdue = {line.row.agency_id for line, _label in response.context["rows"] if line.overdue}
    assert overdue == {answers.acknowledged.agency_id, answers.pending.agency_id}
    html = response.content.decode()
    assert html.count("data-overdue ") + html.count("data-overdue>") == 2
    assert 'data-bucket="overdue"><th scope="row">' in html
    # The chart beside the table: one bar per bucket, with the bucket's count.
    assert [bar.value for bar in response.context["chart"].bars] == [1, 1, 1, 1, 1]
    assert 'data-chart="answers"' in html and 'data-figures="answers"' in html


def test_the_table_shows_who_acknowledged_and_answered(answers):
    answers.acknowledged.user.first_name, answers.acknowledged.user.last_name = "Aylin", "Demir"
    answers.acknowledged.user.save()
    response = client_of(answers.sender.user).get(url(answers.circular))
    html = response.content.decode()
    assert "Aylin Demir" in html
    assert "We nominate our e-Government Gateway." in html
    assert html.count("data-late") == 1


def test_the_csv_lists_every_recipient_with_formulas_as_text(answers):
    response = client_of(answers.sender.user).get(url(answers.circular) + "?format=csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    by_agency = {row["agency"]: row for row in rows}
    assert len(rows) == 5
    late = by_agency[answers.late.agency.slug]
    assert late["state"] == "answered" and late["late"] == "True"
    assert late["answer"] == '\'=HYPERLINK("https://evil.example")'
    assert by_agency[answers.nothing.agency.slug]["state"] == "nothing_to_report"
    assert by_agency[answers.pending.agency.slug]["overdue"] == "True"
    assert by_agency[answers.on_time.agency.slug]["overdue"] == "False"


def test_the_xlsx_holds_the_same_rows_and_never_a_formula(answers):
    response = client_of(answers.sender.user).get(url(answers.circular) + "?format=xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    header, body = rows[0], rows[1:]
    assert header[:3] == ("agency", "agency_name", "state")
    assert len(body) == 5
    answer_column = header.index("answer")
    late_row = next(row for row in body if row[0] == answers.late.agency.slug)
    assert late_row[answer_column] == '=HYPERLINK("https://evil.example")'
    cells = next(row for row in sheet.iter_rows(min_row=2) if row[0].value == answers.late.agency.slug)
    assert cells[answer_column].data_type == "s"  # a text, not a formula


def test_the_downloads_are_refused_like_the_page(answers):
    assert client_of(answers.pending.user).get(url(answers.circular) + "?format=csv").status_code == 403
    assert client_of(factories.ContactFactory().user).get(url(answers.circular) + "?format=xlsx").status_code == 404


def test_remind_now_reminds_those_who_have_not_answered_once_a_day(answers):
    client = client_of(answers.sender.user)
    response = client.post(url(answers.circular, "circular_remind"), follow=True)
    assert response.redirect_chain[-1][0] == url(answers.circular)
    assert [message.level_tag for message in response.context["messages"]] == ["success"]
    mails = OutboxMail.objects.filter(kind=MailKind.CIRCULAR_REMINDER)
    assert sorted(mails.values_list("recipient", flat=True)) == sorted(
        [answers.acknowledged.email, answers.pending.email]
    )
    reminded = CircularRecipient.objects.filter(circular=answers.circular, last_reminded_at__isnull=False)
    assert set(reminded.values_list("agency_id", flat=True)) == {
        answers.acknowledged.agency_id,
        answers.pending.agency_id,
    }
    # Again at once: nobody is reminded twice the same day.
    again = client.post(url(answers.circular, "circular_remind"), follow=True)
    assert [message.level_tag for message in again.context["messages"]] == ["info"]
    assert mails.count() == 2


def test_remind_now_is_refused_to_an_addressee_and_changes_nothing(answers):
    response = client_of(answers.pending.user).post(url(answers.circular, "circular_remind"))
    assert response.status_code == 403
    assert not OutboxMail.objects.filter(kind=MailKind.CIRCULAR_REMINDER).exists()
    assert not CircularRecipient.objects.filter(last_reminded_at__isnull=False).exists()
    assert client_of().post(url(answers.circular, "circular_remind")).status_code == 302
    assert client_of(answers.sender.user).get(url(answers.circular, "circular_remind")).status_code == 405
    assert not OutboxMail.objects.filter(kind=MailKind.CIRCULAR_REMINDER).exists()


def test_a_withdrawn_circular_has_no_reminder(answers):
    from coordination.circulars import services

    services.withdraw_circular(answers.circular, None)
    client = client_of(answers.sender.user)
    page = client.get(url(answers.circular))
    assert page.status_code == 200
    assert url(answers.circular, "circular_remind").encode() not in page.content
    response = client.post(url(answers.circular, "circular_remind"), follow=True)
    assert [message.level_tag for message in response.context["messages"]] == ["error"]
    assert not OutboxMail.objects.filter(kind=MailKind.CIRCULAR_REMINDER).exists()


def test_the_dashboard_runs_a_constant_number_of_queries(django_assert_max_num_queries):
    sender = factories.ContactFactory()
    client = client_of(sender.user)
    agencies = [factories.ContactFactory().agency for _ in range(LARGE)]
    small_circular = factories.sent_circular(agencies[:SMALL], sender=sender.agency)
    large_circular = factories.sent_circular(agencies, sender=sender.agency)
    for circular in (small_circular, large_circular):
        from coordination.circulars import services

        rows = list(circular.recipients.select_related("agency"))
        for row in rows[:2]:
            contact = row.agency.contacts.first()
            services.answer(row, contact.user, "Done.")
        services.acknowledge(rows[2], rows[2].agency.contacts.first().user)
    small, _response = count_queries(client, url(small_circular))
    with django_assert_max_num_queries(small):
        response = client.get(url(large_circular))
    assert response.status_code == 200
    assert response.context["counts"].total == LARGE
    small_csv, _response = count_queries(client, url(small_circular) + "?format=csv")
    with django_assert_max_num_queries(small_csv):
        assert client.get(url(large_circular) + "?format=csv").status_code == 200


def test_without_a_reply_deadline_nothing_is_overdue():
    sender = factories.ContactFactory()
    addressees = [factories.ContactFactory() for _ in range(2)]
    circular = factories.sent_circular(
        [contact.agency for contact in addressees], sender=sender.agency, reply_due_on=None
    )
    response = client_of(sender.user).get(url(circular))
    assert response.context["counts"] == dashboard.Counts(
        total=2, answered_on_time=0, answered_late=0, nothing_to_report=0, acknowledged=0, pending=2, overdue=0
    )
    assert response.context["due"] is None
