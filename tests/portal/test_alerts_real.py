"""[real] Alerts on the real stack: Celery worker and beat processes on a dedicated Redis, an aiosmtpd SMTP
server in its own process, the test database on PostgreSQL. Planning is concurrent-safe; an alert arrives
exactly once, in its contact's language and zones; SMTP down, a worker killed with SIGKILL and Redis restarted
lose nothing (issue 4, Acceptance)."""

import datetime as dt
import email
import email.policy
import json
import re
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.utils import timezone

from portal import alerts
from portal.deadlines import DeadlineSpec, sync
from portal.models import AlertDelivery, DeadlineKind, DeliveryState, Subscription, Topic
from tests import factories
from tests.realstack import make_contacts, tick_every_second

pytest_plugins = ["tests.realstack"]  # the fixtures real_stack, redis_server, smtp_sink

pytestmark = [pytest.mark.realstack, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

SEND = "portal.tasks.send_alerts_task"
TICK = "portal.tasks.alerts_tick"
# Russian month names in the genitive, as in "5 марта 2026": written out here, not taken from Django.
RU_MONTHS = [
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
]


def calm_zone() -> str:
    """A zone where it is not near midnight now, so "k days ahead" cannot change while a test runs."""
    for zone in ("Europe/Zurich", "Asia/Bishkek", "America/New_York", "Asia/Tokyo"):
        if 2 <= timezone.now().astimezone(ZoneInfo(zone)).hour <= 21:
            return zone
    raise AssertionError("some zone is always far from midnight")


def due_in(days: int, zone: str) -> dt.date:
    """The date `days` calendar days from today in `zone` (a date-only deadline: 23:59 that day)."""
    return timezone.now().astimezone(ZoneInfo(zone)).date() + dt.timedelta(days=days)


def deadline(source, kind, due, zone, title="Deadline", **titles):
    [row] = sync(source, [DeadlineSpec(kind, due, zone, {"en": title, **titles}, url="/awards/")])
    return row


def sent_everything(count: int):
    return lambda: AlertDelivery.objects.filter(state=DeliveryState.SENT).count() == count


def assert_each_contact_has_one_sent_alert(contacts) -> list[str]:
    rows = list(AlertDelivery.objects.values_list("contact_id", "state", "message_id"))
    assert sorted(contact for contact, _state, _mid in rows) == sorted(c.pk for c in contacts)
    assert {state for _contact, state, _mid in rows} == {DeliveryState.SENT}
    return [mid for _contact, _state, mid in rows]


# --- Planning -----------------------------------------------------------------------------------

PLANNER = """
import json, os, sys, time
import django
django.setup()
from django.db import connection
from portal import alerts
ready, go = sys.argv[1:3]
connection.ensure_connection()
open(ready, "w").close()
give_up = time.monotonic() + 60
while not os.path.exists(go):
    if time.monotonic() > give_up:
        sys.exit("no start signal")
    time.sleep(0.001)
started = time.time()
result = alerts.plan()
print("RESULT " + json.dumps({"planned": result.planned, "started": started, "finished": time.time()}))
"""


def plan_in_two_processes(stack, tmp_path, round_name: str) -> list[dict]:
    """Start two planner processes, let both connect, then release them at the same instant."""
    go = tmp_path / f"{round_name}-go"
    ready = [tmp_path / f"{round_name}-ready-{n}" for n in (1, 2)]
    planners = [
        stack.run_python(PLANNER, str(r), str(go), name=f"planner-{round_name}-{n}") for n, r in enumerate(ready)
    ]
    stack.wait_for(lambda: all(r.exists() for r in ready), timeout=60, what="both planners to connect")
    go.touch()
    for planner in planners:
        planner.popen.wait(60)
        assert planner.popen.returncode == 0, planner.tail()
    return [json.loads(re.search(r"^RESULT (.*)$", p.log(), re.MULTILINE).group(1)) for p in planners]


def test_planning_from_two_processes_at_once_creates_each_alert_once(real_stack, tmp_path):
    agency = factories.AgencyFactory()
    ladder = make_contacts(agency, 150, prefix="ladder")  # 30, 7, 1 days; every topic
    narrow = make_contacts(agency, 100, prefix="narrow", leads=(14, 2), topics=[Topic.AWARDS, Topic.FUNDS])
    make_contacts(agency, 50, prefix="paused", paused=True)
    zone = calm_zone()
    kinds = [
        (DeadlineKind.AWARD_NOMINATION, 1),
        (DeadlineKind.FUND_CALL, 3),
        (DeadlineKind.EVENT_REGISTRATION, 10),
        (DeadlineKind.CIRCULAR_REPLY, 20),
        (DeadlineKind.RESOLUTION_DUE, 45),  # no lead time reaches it yet
    ]
    rows = sync(agency, [DeadlineSpec(kind, due_in(days, zone), zone, {"en": kind.label}) for kind, days in kinds])
    ahead = {row.pk: dict(kinds)[row.kind] for row in rows}
    topic = {row.pk: row.topic for row in rows}

    def lead(leads, days):  # the most urgent open window: the smallest lead time not below the days left
        return min((days_ahead for days_ahead in leads if days_ahead >= days), default=None)

    expected = set()
    for contacts, leads, topics in ((ladder, (30, 7, 1), Topic.values), (narrow, (14, 2), ["awards", "funds"])):
        for contact in contacts:
            for pk, days in ahead.items():
                if topic[pk] in topics and lead(leads, days) is not None:
                    expected.add((contact.pk, pk, lead(leads, days)))
    assert len(expected) == 150 * 4 + 100 * 2

    for attempt in range(3):
        a, b = runs = plan_in_two_processes(real_stack, tmp_path, f"first-{attempt}")
        if a["started"] < b["finished"] and b["started"] < a["finished"]:
            break
        AlertDelivery.objects.all().delete()  # a busy machine ran them one after the other: once more
    else:
        raise AssertionError(f"the two planning runs never overlapped: {runs}")
    assert a["planned"] + b["planned"] == len(expected)
    planned = set(AlertDelivery.objects.values_list("contact_id", "deadline_id", "lead_days"))
    assert AlertDelivery.objects.count() == len(planned) == len(expected)
    assert planned == expected
    assert set(AlertDelivery.objects.values_list("state", flat=True)) == {DeliveryState.PENDING}

    second = plan_in_two_processes(real_stack, tmp_path, "second")
    assert [run["planned"] for run in second] == [0, 0]
    assert AlertDelivery.objects.count() == len(expected)
    assert alerts.plan().planned == 0
    assert AlertDelivery.objects.count() == len(expected)


# --- End to end -----------------------------------------------------------------------------------


def test_end_to_end_one_mail_in_the_contacts_language_and_zones(real_stack):
    agency = factories.AgencyFactory()
    [contact] = make_contacts(agency, 1, prefix="aibek", language="ru", time_zone="Asia/Bishkek")
    make_contacts(agency, 1, prefix="funds-only", topics=[Topic.FUNDS])
    make_contacts(agency, 1, prefix="paused", paused=True)
    due_at = timezone.now().astimezone(ZoneInfo("Europe/Zurich")).replace(microsecond=0) + dt.timedelta(days=5)
    row = deadline(agency, DeadlineKind.AWARD_NOMINATION, due_at, "Europe/Zurich", "WSIS Prizes", ru="Премия ВВУИО")
    tick_every_second()
    real_stack.start_beat()
    real_stack.start_worker()

    sink = real_stack.sink
    real_stack.wait_for(lambda: sink.count() >= 1, timeout=60, what="the alert at the SMTP sink")
    real_stack.wait_for(
        lambda: AlertDelivery.objects.filter(state=DeliveryState.SENT).exists(), timeout=30, what="the sent mark"
    )
    # Everything runs again: more ticks plan and more sending tasks run, and nothing else is sent.
    ticks, sends = real_stack.succeeded(TICK), real_stack.succeeded(SEND)
    real_stack.wait_for(
        lambda: real_stack.succeeded(TICK) >= ticks + 3 and real_stack.succeeded(SEND) >= sends + 3,
        timeout=60,
        what="three more ticks and sending tasks",
    )
    [delivery] = AlertDelivery.objects.all()
    assert (delivery.contact_id, delivery.deadline_id, delivery.lead_days) == (contact.pk, row.pk, 7)
    assert (delivery.state, delivery.attempts) == (DeliveryState.SENT, 1)
    [received] = sink.messages()
    assert received["message_id"] == delivery.message_id
    assert received["rcpt_tos"] == [contact.email]

    mail = email.message_from_bytes(received["raw"], policy=email.policy.default)
    assert mail["To"] == contact.email
    assert mail["Content-Language"] == "ru"
    assert mail.get_content_type() == "multipart/alternative"
    text = mail.get_body(("plain",)).get_content()
    html = mail.get_body(("html",)).get_content()
    subject = str(mail["Subject"])
    assert "Премия ВВУИО" in subject
    for zone in ("Europe/Zurich", "Asia/Bishkek"):
        assert zone in subject
        assert zone in text
        assert zone in html
    zurich, bishkek = due_at, due_at.astimezone(ZoneInfo("Asia/Bishkek"))
    for local in (zurich, bishkek):
        assert f"{local.day} {RU_MONTHS[local.month - 1]} {local.year}" in text
        assert f"{local.hour}:{local.minute:02d}" in text
    assert "/ru/awards/" in text

    assert mail["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    unsubscribe_url = re.fullmatch(r"<(https?://\S+)>", mail["List-Unsubscribe"].strip()).group(1)
    assert unsubscribe_url in text
    path = urlsplit(unsubscribe_url).path
    assert path.startswith("/ru/")
    assert not Subscription.objects.get(contact=contact).is_paused
    # RFC 8058: the mail client POSTs "List-Unsubscribe=One-Click" to the address, without cookies or a form.
    response = Client(enforce_csrf_checks=True).post(path, {"List-Unsubscribe": "One-Click"})
    assert response.status_code < 400, response
    assert Subscription.objects.get(contact=contact).is_paused
    assert sink.count() == 1


# --- Faults -----------------------------------------------------------------------------------------


def test_smtp_server_down_then_up_delivers_every_alert(real_stack):
    agency = factories.AgencyFactory()
    contacts = make_contacts(agency, 50, prefix="down")
    zone = calm_zone()
    deadline(agency, DeadlineKind.FUND_CALL, due_in(3, zone), zone)
    sink = real_stack.sink
    sink.stop()
    tick_every_second()
    real_stack.start_beat()
    worker = real_stack.start_worker()

    retries = re.compile(re.escape(SEND) + r"\[[^\]]+\] retry: Retry in")
    real_stack.wait_for(
        lambda: (
            len(retries.findall(worker.log())) >= 3
            and AlertDelivery.objects.filter(state=DeliveryState.PENDING).exclude(last_error="").count() == 50
        ),
        timeout=60,
        what="three sending attempts refused by the stopped SMTP server",
    )
    assert "Connection refused" in AlertDelivery.objects.exclude(last_error="").first().last_error
    assert sink.count() == 0
    sink.start()
    real_stack.wait_for(sent_everything(50), timeout=60, what="all 50 alerts sent")

    message_ids = assert_each_contact_has_one_sent_alert(contacts)
    assert not AlertDelivery.objects.filter(state=DeliveryState.FAILED).exists()
    assert not AlertDelivery.objects.exclude(last_error="").exists()
    assert sink.message_ids() == dict.fromkeys(message_ids, 1)


def test_worker_killed_mid_batch_loses_nothing_and_repeats_at_most_one_mail_per_kill(real_stack):
    agency = factories.AgencyFactory()
    contacts = make_contacts(agency, 2000, prefix="kill")
    zone = calm_zone()
    deadline(agency, DeadlineKind.EVENT_REGISTRATION, due_in(2, zone), zone)
    sink = real_stack.sink
    tick_every_second()
    real_stack.start_beat()
    started = timezone.now()
    worker = real_stack.start_worker()

    kills = []
    for at_least in (325, 1025):  # mid-stream in a batch of 50, unless the batches shifted
        in_batch = AlertDelivery.objects.filter(state=DeliveryState.SENDING, claimed_at__gte=started)
        # Kill while this worker's batch still has at least 10 mails to go: mid-batch, mid-stream.
        real_stack.wait_for(
            lambda n=at_least, rows=in_batch: sink.count() >= n and rows.count() >= 10,
            timeout=90,
            what=f"{at_least} mails at the sink and a batch under way",
        )
        worker.kill()
        kills.append(sink.count())
        assert in_batch.exists(), "the worker was killed between two batches"
        started = timezone.now()
        worker = real_stack.start_worker()
    assert kills[-1] < 2000, f"the worker was killed after sending everything: {kills}"

    real_stack.wait_for(sent_everything(2000), timeout=120, what="all 2,000 alerts sent")
    message_ids = assert_each_contact_has_one_sent_alert(contacts)
    received = sink.message_ids()
    assert set(received) == set(message_ids), "lost or unexpected Message-IDs"
    repeated = sum(count - 1 for count in received.values())
    assert repeated <= len(kills), f"{repeated} repeated mails after {len(kills)} kills"
    assert not AlertDelivery.objects.filter(state=DeliveryState.FAILED).exists()


# Enough mail that sending is still under way when Redis comes back (about 600 a second here).
REDIS_ALERTS = 3000


def test_redis_restarted_mid_run_loses_nothing(real_stack):
    agency = factories.AgencyFactory()
    contacts = make_contacts(agency, REDIS_ALERTS, prefix="redis")
    zone = calm_zone()
    deadline(agency, DeadlineKind.CIRCULAR_REPLY, due_in(1, zone), zone)
    sink = real_stack.sink
    tick_every_second()
    real_stack.start_beat()
    # Each sending task hands over to a new one every second: those messages are lost with Redis's queue.
    worker = real_stack.start_worker(ALERT_SEND_TIME_BUDGET="1")

    real_stack.wait_for(lambda: sink.count() >= 50, timeout=60, what="50 mails at the sink")
    real_stack.redis.stop()
    real_stack.wait_for(
        lambda: "Connection to broker lost" in worker.log() or "Cannot connect to redis" in worker.log(),
        timeout=60,
        what="the worker to notice Redis is gone",
    )
    real_stack.redis.start()
    assert sink.count() < REDIS_ALERTS, "everything was sent before Redis came back: nothing left to test"

    real_stack.wait_for(sent_everything(REDIS_ALERTS), timeout=120, what="all alerts sent")
    message_ids = assert_each_contact_has_one_sent_alert(contacts)
    assert sink.message_ids() == dict.fromkeys(message_ids, 1)
    assert not AlertDelivery.objects.filter(state=DeliveryState.FAILED).exists()
