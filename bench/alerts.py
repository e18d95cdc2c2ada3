"""Alert benchmark (README, "Performance"): planning 100,000 contacts × 20 deadlines on PostgreSQL, next to a
bare INSERT … SELECT of the same rows, and sending 5,000 alerts to a local SMTP server, next to raw smtplib.

    make bench-alerts          or          .venv/bin/python bench/alerts.py [--rebuild] [--profile]

The database is BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/portal_bench_alerts), never
DATABASE_URL; its name must contain "bench" (bench/generate.py's rule). Settings: portal.settings, DEBUG off,
mail through Django's SMTP backend to an aiosmtpd server on a free loopback port (bench/smtp_sink.py, a
process of its own that counts what arrives, stopped by its PID at the end).

Data (COPY in one transaction, kept between runs; `--rebuild` drops the database first): 100,000
confirmed and approved contacts in six languages and eight time zones, each with a subscription to every
topic, lead times 30, 7 and 1 days, each alert at once; 20 open deadlines (`portal.deadlines.sync` on 20
agencies, moved on every run to 1–29 days from now) so that every (contact, deadline) has exactly one
window open: 2,000,000 deliveries.

Planning, `--rounds` times (default 3), VACUUM ANALYZE and CHECKPOINT before each timed step:
  1. `portal.alerts.planning.plan(now)` on an empty delivery table (must plan 2,000,000 rows);
  2. `plan(now)` again (must plan 0: the idempotent re-run every beat does);
  3. the table emptied, then one bare INSERT … SELECT of the same rows from portal_contact CROSS JOIN
     portal_deadline (same columns, same unique constraint and indexes); its rows must equal plan()'s.
Sending: 5,000 pending alerts (the first 5,000 contacts × the deadline 5 days ahead), then
  1. `portal.alerts.sending.send_due(now)` in this process (default batch size, one SMTP connection a batch);
  2. raw `smtplib.SMTP.sendmail` of 5,000 pre-built messages of the same size (text and HTML) over one
     connection to the same server.
The SMTP server's count must show every mail exactly once. Prints one report (also var/bench/alerts/report.txt);
exits 1 when a check fails. The targets (planning ≤ 2 × the bare insert, sending ≥ 50 % of raw smtplib) are
printed next to the figures; missing them is not an error (the machine's other work moves the figures).
`--profile` writes cProfile statistics of plan() and send_due() to var/bench/alerts/ and prints the top.
"""

import argparse
import cProfile
import datetime as dt
import json
import os
import platform
import pstats
import random
import secrets
import signal
import smtplib
import socket
import statistics
import subprocess
import sys
import time
from email.message import EmailMessage
from email.policy import SMTP as SMTP_POLICY
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "var" / "bench" / "alerts"
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/portal_bench_alerts"
SEED = 2026
DOMAIN = "bench-alerts.example"

# language, time zone, weight: contacts across the portal's languages and the zones of its countries
PEOPLE = [
    ("tr", "Europe/Istanbul", 50),
    ("en", "Europe/Zurich", 10),
    ("en", "Europe/Berlin", 5),
    ("az", "Asia/Baku", 8),
    ("ru", "Asia/Almaty", 8),
    ("ky", "Asia/Bishkek", 7),
    ("fa", "Asia/Tehran", 7),
    ("en", "Asia/Seoul", 5),
]
FIRST = ["Ayşe", "Mehmet", "Zeynep", "Ahmet", "Elif", "Mustafa", "Aigul", "Elvin", "Reza", "Dana", "Anna", "Jonas"]
LAST = ["Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Mammadov", "Osmonova", "Ahmadi", "Müller", "Kim"]
# kind, zone, days ahead (1–29: every contact has exactly one window open with leads 30/7/1), date only
DEADLINES = [
    ("award.nomination", "Europe/Zurich", 5, True),
    ("fund.call", "Europe/Brussels", 12, False),
    ("event.registration", "Europe/Istanbul", 3, True),
    ("event.proposal", "America/New_York", 20, False),
    ("event.exhibition", "Asia/Tokyo", 9, True),
    ("circular.reply", "Europe/Istanbul", 2, True),
    ("resolution.due", "Europe/Istanbul", 25, True),
    ("guide.review", "Europe/Istanbul", 14, False),
    ("award.voting", "Europe/Zurich", 27, False),
    ("award.ceremony", "Asia/Dubai", 29, False),
    ("fund.call_opens", "Europe/Brussels", 6, True),
    ("award.nomination_opens", "Europe/Zurich", 16, True),
    ("fund.call", "Asia/Baku", 4, True),
    ("event.registration", "Asia/Almaty", 11, False),
    ("event.proposal", "Europe/Vienna", 18, True),
    ("circular.reply", "Europe/Istanbul", 8, True),
    ("resolution.due", "Europe/Istanbul", 22, True),
    ("event.exhibition", "Asia/Shanghai", 7, False),
    ("fund.call", "Europe/Paris", 24, True),
    ("award.nomination", "America/Montreal", 13, False),
]
SEND_DEADLINE_DAYS = 5  # the deadline whose alerts are sent: "5 days left", window of 7 days


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--contacts", type=int, default=100_000, help="contacts (default 100,000)")
    parser.add_argument("--send", type=int, default=5_000, help="alerts sent (default 5,000)")
    parser.add_argument("--rounds", type=int, default=3, help="timed rounds of planning (default 3)")
    parser.add_argument("--rebuild", action="store_true", help="drop and recreate the benchmark database first")
    parser.add_argument("--profile", action="store_true", help="cProfile plan() and send_due(); print the top")
    parser.add_argument("--skip-planning", action="store_true", help="only the sending part")
    return parser.parse_args()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_sink(port: int) -> subprocess.Popen:
    """bench/smtp_sink.py on `port`, its own process; returns once it listens."""
    sink = subprocess.Popen(  # noqa: S603 (our own interpreter and script)
        [sys.executable, str(ROOT / "bench" / "smtp_sink.py"), str(port), str(OUT / "smtp.json")],
        stdout=subprocess.PIPE,
        text=True,
    )
    if sink.stdout.readline().strip() != "ready":
        sink.kill()
        sys.exit("The SMTP sink did not start (bench/smtp_sink.py).")
    return sink


def stop_sink(sink: subprocess.Popen) -> dict:
    os.kill(sink.pid, signal.SIGTERM)
    sink.wait(timeout=30)
    return json.loads((OUT / "smtp.json").read_text())


def sql(statement: str, params=None):
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(statement, params)
        return cursor.fetchall() if cursor.description else cursor.rowcount


def settle() -> None:
    """Fresh statistics and no dirty pages left to write: each timed step starts from the same state."""
    sql("VACUUM ANALYZE")
    sql("CHECKPOINT")


def timed(function):
    started = time.perf_counter()
    result = function()
    return time.perf_counter() - started, result


# --- Data -------------------------------------------------------------------------------------------


def fill(n_contacts: int, now: dt.datetime) -> None:
    """Contacts, subscriptions and lead times (COPY, once), and the 20 deadlines (moved to `now` on every run)."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection, transaction
    from generate import copy_rows, model_rows, reset_sequence

    from portal.deadlines import DeadlineSpec, sync
    from portal.models import Agency, AlertDelivery, Contact, Deadline, Subscription, SubscriptionLead, Topic

    agencies = list(Agency.objects.filter(slug__startswith="bench-alerts-").order_by("slug"))
    if len(agencies) < len(DEADLINES):
        with transaction.atomic():
            agencies = [
                Agency.objects.get_or_create(
                    slug=f"bench-alerts-{i:02d}",
                    defaults={"name": f"Bench Ajansı {i}", "kind": "public_agency", "country": "TR"},
                )[0]
                for i in range(len(DEADLINES))
            ]
    have = Contact.objects.filter(email__endswith=f"@{DOMAIN}").count()
    if have != n_contacts or Subscription.objects.count() != have or SubscriptionLead.objects.count() != 3 * have:
        started = time.perf_counter()
        rng = random.Random(SEED)  # noqa: S311 (reproducible data, no secrets)
        tables = ", ".join(m._meta.db_table for m in (AlertDelivery, SubscriptionLead, Subscription, Contact))
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"TRUNCATE {tables} RESTART IDENTITY CASCADE")
            contacts, subscriptions, leads = [], [], []
            languages, zones, weights = zip(*[(lang, tz, w) for lang, tz, w in PEOPLE], strict=True)
            for pk in range(1, n_contacts + 1):
                who = rng.choices(range(len(PEOPLE)), weights)[0]
                contacts.append(
                    {
                        "id": pk,
                        "agency_id": agencies[pk % len(agencies)].pk,
                        "name": f"{rng.choice(FIRST)} {rng.choice(LAST)}",
                        "email": f"contact{pk}@{DOMAIN}",
                        "language": languages[who],
                        "time_zone": zones[who],
                        "confirmed_at": now - dt.timedelta(days=30),
                        "approved_at": now - dt.timedelta(days=29),
                        "is_active": True,
                        "created_at": now - dt.timedelta(days=30),
                    }
                )
                subscriptions.append(
                    {
                        "id": pk,
                        "contact_id": pk,
                        "topics": ",".join(Topic.values),
                        "delivery": "immediate",
                        "digest_hour": 8,
                        "calendar_token": secrets.token_urlsafe(24),
                        "created_at": now - dt.timedelta(days=30),
                        "updated_at": now - dt.timedelta(days=30),
                    }
                )
                leads.extend({"subscription_id": pk, "days": days} for days in (30, 7, 1))
            for model, records in ((Contact, contacts), (Subscription, subscriptions), (SubscriptionLead, leads)):
                columns, rows = model_rows(model, records)
                copy_rows(cursor, model, columns, rows)
            reset_sequence(cursor, Contact._meta.db_table)
            reset_sequence(cursor, Subscription._meta.db_table)
        print(f"Generated {n_contacts:,} contacts with subscriptions in {time.perf_counter() - started:.1f} s.")
    # The deadlines, relative to now: sync() creates them the first time and moves them afterwards.
    today = now.date()
    with transaction.atomic():
        for agency, (kind, tz, days, date_only) in zip(agencies, DEADLINES, strict=False):
            day = today + dt.timedelta(days=days)
            due = day if date_only else dt.datetime.combine(day, dt.time(17, 0), tzinfo=dt.UTC)
            titles = {"tr": f"{agency.name}: son tarih", "en": f"{agency.name}: deadline"}
            sync(agency, [DeadlineSpec(kind, due, tz, titles, url="/deadlines/")])
    ours = Deadline.objects.filter(content_type=ContentType.objects.get_for_model(Agency), withdrawn_at__isnull=True)
    Deadline.objects.exclude(pk__in=ours.values("pk")).filter(withdrawn_at__isnull=True).update(withdrawn_at=now)


# --- Planning -----------------------------------------------------------------------------------------


def lead_of(deadline, now: dt.datetime) -> int:
    """The lead time every contact gets for `deadline` now (leads 30, 7, 1: the smallest whose window is open)."""
    from portal.moments import days_before

    threshold = days_before(deadline.due_at, deadline.tz, now)
    return min(lead for lead in (30, 7, 1) if lead >= threshold)


def bare_insert_sql(deadlines, now: dt.datetime) -> tuple[str, dict]:
    """The same rows as plan(), in one INSERT … SELECT over contacts × deadlines, without any of its logic."""
    from portal.models import AlertDelivery, Contact, Deadline

    leads = ", ".join(f"({d.pk}, {lead_of(d, now)})" for d in deadlines)
    return (
        f"""
        INSERT INTO {AlertDelivery._meta.db_table}
            (contact_id, deadline_id, lead_days, due_at, state, attempts, last_error, planned_at, claim, message_id)
        SELECT c.id, d.id, l.lead, d.due_at, 'pending', 0, '', %(now)s, '', ''
        FROM {Contact._meta.db_table} c
        CROSS JOIN {Deadline._meta.db_table} d
        JOIN (VALUES {leads}) l (deadline_id, lead) ON l.deadline_id = d.id
        """,  # noqa: S608 (table names from the models, numbers from the database)
        {"now": now},
    )


def fingerprint() -> tuple[int, int]:
    """(rows, checksum) of the deliveries' identity: equal for the same set of rows."""
    from portal.models import AlertDelivery

    table = AlertDelivery._meta.db_table
    columns = "contact_id, deadline_id, lead_days, extract(epoch FROM due_at), state, planned_at"
    statement = f"SELECT count(*), coalesce(sum(hashtext(concat_ws(':', {columns}))::bigint), 0) FROM {table}"  # noqa: S608
    return tuple(sql(statement)[0])


def truncate_deliveries() -> None:
    from portal.models import AlertDelivery

    sql(f"TRUNCATE {AlertDelivery._meta.db_table}")


def profiled(name: str, function, enabled: bool):
    if not enabled:
        return timed(function)
    profiler = cProfile.Profile()
    started = time.perf_counter()
    result = profiler.runcall(function)
    elapsed = time.perf_counter() - started
    path = OUT / f"{name}.prof"
    profiler.dump_stats(path)
    print(f"\n-- cProfile of {name} ({elapsed:.2f} s, {path.relative_to(ROOT)}), by cumulative time")
    pstats.Stats(str(path)).sort_stats("cumulative").print_stats(30)
    return elapsed, result


def bench_planning(now: dt.datetime, rounds: int, expected: int, profile: bool) -> dict:
    from portal.alerts.planning import plan, upcoming_for_planning

    deadlines = list(upcoming_for_planning(now))
    statement, params = bare_insert_sql(deadlines, now)
    times = {"plan": [], "replan": [], "bare": []}
    for number in range(1, rounds + 1):
        truncate_deliveries()
        settle()
        elapsed, result = profiled("plan", lambda: plan(now), profile and number == 1)
        check(result.planned == expected, f"plan() planned {result.planned:,} rows, not {expected:,}")
        times["plan"].append(elapsed)
        planned = fingerprint()
        settle()
        elapsed, again = timed(lambda: plan(now))
        check(again.planned == 0, f"plan() again planned {again.planned:,} rows, not 0")
        times["replan"].append(elapsed)
        truncate_deliveries()
        settle()
        elapsed, rows = timed(lambda: sql(statement, params))
        check(rows == expected, f"the bare insert added {rows:,} rows, not {expected:,}")
        check(fingerprint() == planned, "the bare insert's rows differ from plan()'s")
        times["bare"].append(elapsed)
        print(
            f"  round {number}: plan() {times['plan'][-1]:.2f} s, again {times['replan'][-1]:.2f} s, "
            f"bare INSERT … SELECT {times['bare'][-1]:.2f} s",
            flush=True,
        )
    truncate_deliveries()
    return times


# --- Sending ------------------------------------------------------------------------------------------


def pending_alerts(now: dt.datetime, count: int):
    """`count` pending alerts: the first contacts × the deadline SEND_DEADLINE_DAYS ahead (lead 7)."""
    from portal.alerts.planning import plan_deadline, upcoming_for_planning
    from portal.models import AlertDelivery, Contact
    from portal.moments import days_before

    deadline = next(d for d in upcoming_for_planning(now) if days_before(d.due_at, d.tz, now) == SEND_DEADLINE_DAYS)
    truncate_deliveries()
    plan_deadline(deadline, now)  # every contact, then keep the first `count`
    last = Contact.objects.order_by("pk").values_list("pk", flat=True)[count - 1]
    AlertDelivery.objects.filter(contact_id__gt=last).delete()
    settle()
    return deadline


def raw_messages(now: dt.datetime, count: int) -> list[tuple[str, str, bytes]]:
    """`count` ready messages for smtplib, each as big as an alert: the text and HTML of real alerts (one per
    language), the same headers, another recipient and Message-ID each."""
    from django.conf import settings

    from portal.alerts.rendering import render_alert
    from portal.models import AlertDelivery

    samples = {}
    for row in AlertDelivery.objects.select_related("deadline", "contact__subscription").order_by("pk"):
        samples.setdefault(row.contact.language, render_alert(row, now))
        if len(samples) == len({lang for lang, _tz, _w in PEOPLE}):
            break
    alerts = list(samples.values())
    messages = []
    for i in range(count):
        alert = alerts[i % len(alerts)]
        message = EmailMessage(policy=SMTP_POLICY)
        message["Subject"] = alert.subject
        message["From"] = settings.DEFAULT_FROM_EMAIL
        message["To"] = f"raw{i}@{DOMAIN}"
        message["Message-ID"] = f"<raw.{i}@{DOMAIN}>"
        for header in ("List-Unsubscribe", "List-Unsubscribe-Post", "Auto-Submitted", "Content-Language"):
            message[header] = alert.extra_headers[header]
        message.set_content(alert.body)
        message.add_alternative(alert.alternatives[0][0], subtype="html")
        messages.append((settings.DEFAULT_FROM_EMAIL, f"raw{i}@{DOMAIN}", message.as_bytes()))
    return messages


def send_raw(port: int, messages) -> int:
    with smtplib.SMTP("127.0.0.1", port) as smtp:
        for sender, recipient, data in messages:
            smtp.sendmail(sender, [recipient], data)
    return len(messages)


def bench_sending(now: dt.datetime, count: int, port: int, profile: bool) -> dict:
    from portal.alerts.rendering import render_alert
    from portal.alerts.sending import send_due
    from portal.models import AlertDelivery, DeliveryState

    deadline = pending_alerts(now, count)
    messages = raw_messages(now, count)
    # Warm up as a long-running worker is: templates compiled, every language's catalogue loaded.
    for row in AlertDelivery.objects.select_related("deadline", "contact__subscription").order_by("pk")[:50]:
        render_alert(row, now)
    settle()
    elapsed, result = profiled("send_due", lambda: send_due(now), profile)
    sent = AlertDelivery.objects.filter(state=DeliveryState.SENT).count()
    check(result.sent == count and sent == count, f"send_due() sent {result.sent:,} ({sent:,} marked), not {count:,}")
    raw_elapsed, raw_sent = timed(lambda: send_raw(port, messages))
    return {
        "deadline": deadline,
        "django": elapsed,
        "raw": raw_elapsed,
        "raw_sent": raw_sent,
        "parts": breakdown(now, min(count, 1_000)),
    }


def breakdown(now: dt.datetime, count: int) -> dict:
    """Milliseconds a mail costs in each step of send_due(), each step timed alone over `count` sent alerts:
    rendering one mail alone (no grouping) and building its MIME bytes with Django's EmailMessage (what
    send_due() avoids), and the statement that marks a row sent (what it pays per mail)."""
    from portal.alerts.queue import mark_sent, relaxed_commits
    from portal.alerts.rendering import render_alert
    from portal.models import AlertDelivery, DeliveryState

    rows = list(
        AlertDelivery.objects.filter(state=DeliveryState.SENT)
        .select_related("deadline", "contact__subscription")
        .order_by("pk")[:count]
    )
    per_mail = {}
    elapsed, messages = timed(lambda: [render_alert(row, now) for row in rows])
    per_mail["render_alert() alone (send_due renders once per group)"] = elapsed
    elapsed, _ = timed(lambda: [m.message().as_bytes(linesep="\r\n") for m in messages])
    per_mail["MIME bytes by Django's EmailMessage (send_due writes them)"] = elapsed
    token = "bench"  # noqa: S105 (a claim's name, not a secret)
    AlertDelivery.objects.filter(pk__in=[r.pk for r in rows]).update(state=DeliveryState.SENDING, claim=token)

    def marks():
        with relaxed_commits():
            for row, message in zip(rows, messages, strict=True):
                mark_sent(AlertDelivery, row.pk, token, message.extra_headers["Message-ID"])

    per_mail["mark sent (one statement, committed)"], _ = timed(marks)
    return {name: seconds * 1_000 / len(rows) for name, seconds in per_mail.items()}


# --- Report -------------------------------------------------------------------------------------------

FAILURES = []


def check(condition: bool, message: str) -> None:
    if not condition:
        FAILURES.append(message)
        print(f"  CHECK FAILED: {message}", flush=True)


def machine() -> str:
    version = sql("SHOW server_version")[0][0]
    buffers = sql("SHOW shared_buffers")[0][0]
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if "model name" in line
        ),
        platform.processor(),
    )
    load = os.getloadavg()[0]
    return (
        f"{os.cpu_count()} CPUs ({cpu}), PostgreSQL {version} ({buffers} shared buffers), "
        f"Python {platform.python_version()}; load average {load:.1f} before the run"
    )


def report(args, now, facts, planning, sending, smtp) -> str:
    lines = [f"Alert benchmark, {now:%Y-%m-%d %H:%M} UTC: {facts}", ""]
    if planning:
        best = {k: min(v) for k, v in planning.items()}
        median = {k: statistics.median(v) for k, v in planning.items()}
        rows = args.contacts * len(DEADLINES)
        lines += [
            f"Planning {args.contacts:,} contacts × {len(DEADLINES)} deadlines = {rows:,} deliveries, "
            f"{args.rounds} rounds",
            "",
            "| step                                   |  best s | median s | rows/s (best) |",
            "|----------------------------------------|--------:|---------:|--------------:|",
        ]
        names = {
            "plan": "plan(now), empty table",
            "bare": "bare INSERT … SELECT, same rows",
            "replan": "plan(now) again (plans 0)",
        }
        for key in ("plan", "bare", "replan"):
            rate = f"{rows / best[key]:,.0f}" if key != "replan" else "–"
            lines.append(f"| {names[key]:<38} | {best[key]:7.2f} | {median[key]:8.2f} | {rate:>13} |")
        ratio = median["plan"] / median["bare"]
        lines += [
            "",
            f"plan() ÷ bare insert (medians): {ratio:.2f} × — target ≤ 2 ×: {'met' if ratio <= 2 else 'MISSED'}",
            "",
        ]
    if sending:
        count = args.send
        django_rate = count / sending["django"]
        raw_rate = sending["raw_sent"] / sending["raw"]
        alert_ids = smtp["message_ids"].get("alert", [0, 0])
        raw_ids = smtp["message_ids"].get("raw", [0, 0])
        size = smtp["bytes"] / max(smtp["messages"], 1)
        lines += [
            f"Sending {count:,} alerts to aiosmtpd on loopback (a process of its own); mean message {size:,.0f} bytes",
            "",
            "| sender                                        |  time s | mails/s |",
            "|-----------------------------------------------|--------:|--------:|",
            f"| send_due(now): claim, render, send, mark sent | {sending['django']:7.2f} | {django_rate:7.0f} |",
            f"| raw smtplib, pre-built mails, one connection  | {sending['raw']:7.2f} | {raw_rate:7.0f} |",
            "",
            f"send_due() ÷ raw smtplib: {django_rate / raw_rate:.0%} — target ≥ 50 %: "
            f"{'met' if django_rate >= raw_rate / 2 else 'MISSED'}",
            f"At the SMTP server: {alert_ids[0]:,} alerts ({alert_ids[1]:,} distinct Message-IDs), "
            f"{raw_ids[0]:,} raw mails ({raw_ids[1]:,} distinct).",
            "",
            "Where a mail's time goes (each step timed alone over the first 1,000 alerts, ms a mail):",
            "",
        ]
        lines += [f"  {name:<44} {ms:6.2f}" for name, ms in sending["parts"].items()]
        lines += [
            f"  {'SMTP transaction (raw smtplib, above)':<44} {sending['raw'] * 1_000 / sending['raw_sent']:6.2f}",
            f"  {'send_due() in all':<44} {sending['django'] * 1_000 / count:6.2f}",
        ]
    return "\n".join(lines)


def main() -> None:
    args = parse_args()
    url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE_URL)
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "bench"))
    from generate import ensure_database

    OUT.mkdir(parents=True, exist_ok=True)
    ensure_database(url, args.rebuild)
    port = free_port()
    sink = start_sink(port)
    smtp = {}
    try:
        os.environ.update(
            {
                "DATABASE_URL": url,
                "DJANGO_SETTINGS_MODULE": "config.settings",
                "PRODUCTION": "false",
                "DEBUG": "false",
                "LOG_LEVEL": "WARNING",
                "SEND_ALERTS": "true",
                "CELERY_BROKER_URL": "",
                "EMAIL_URL": f"smtp://127.0.0.1:{port}",
            }
        )
        import django
        from django.core.management import call_command

        django.setup()
        from django.utils import timezone

        call_command("migrate", "--noinput", verbosity=0)
        now = timezone.now().replace(microsecond=0)
        facts = machine()
        started = time.perf_counter()
        fill(args.contacts, now)
        print(f"Data ready in {time.perf_counter() - started:.1f} s; {facts}.", flush=True)
        planning = None
        if not args.skip_planning:
            print("Planning …", flush=True)
            planning = bench_planning(now, args.rounds, args.contacts * len(DEADLINES), args.profile)
        print("Sending …", flush=True)
        sending = bench_sending(now, args.send, port, args.profile)
    finally:
        smtp = stop_sink(sink)
    check(smtp["message_ids"].get("alert") == [args.send, args.send], f"alerts at the SMTP server: {smtp}")
    check(smtp["message_ids"].get("raw") == [args.send, args.send], f"raw mails at the SMTP server: {smtp}")
    text = report(args, now, facts, planning, sending, smtp)
    (OUT / "report.txt").write_text(text + "\n")
    print("\n" + text)
    if FAILURES:
        print("\nChecks failed:\n  " + "\n  ".join(FAILURES), file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
