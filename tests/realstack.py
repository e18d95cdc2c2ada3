"""The real stack of the [real] alert tests: a dedicated redis-server, the SMTP sink (tests/smtp_sink.py),
Celery workers and one beat, each its own process on free loopback ports, started and stopped by its PID.

A test module loads the fixtures with `pytest_plugins = ["tests.realstack"]` and marks its tests
`django_db(transaction=True, serialized_rollback=True)`, so the worker (connected to the same test database)
sees the rows the test commits. Every wait polls with a deadline and fails with the processes' log tails.

PYTEST_DONT_REWRITE: the test module imports helpers from here before pytest loads it as a plugin.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import importlib
import json
import os
import re
import signal
import socket
import sqlite3
import subprocess
import time
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection
from django.utils import timezone

from tests.smtp_sink import connect as sink_connect

REPO = Path(__file__).resolve().parent.parent
BIN = REPO / ".venv" / "bin"
PYTHON = BIN / "python"
CELERY = BIN / "celery"
HOST = "127.0.0.1"

# Small enough that retries, the reaper and the hand-over between sending tasks all happen within a test.
WORKER_SETTINGS = {
    "ALERT_RETRY_BASE": "0.5",
    "ALERT_RETRY_MAX": "2",
    "ALERT_CLAIM_TIMEOUT": "3",
    "ALERT_BATCH_SIZE": "50",
    "ALERT_SEND_TIME_BUDGET": "30",
}


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def wait_for(check: Callable[[], object], *, timeout: float, what: str, details: Callable[[], str] = lambda: ""):
    """Poll `check` until it returns something true; fail after `timeout` seconds saying what was awaited."""
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"Timed out after {timeout:g} s waiting for {what}.\n{details()}")
        time.sleep(0.05)


class Process:
    """A background process writing to its own log file; stopped (SIGTERM) or killed (SIGKILL) by its PID."""

    def __init__(self, name: str, argv: list[str], log_path: Path, env: dict | None = None):
        self.name = name
        self.log_path = log_path
        with open(log_path, "ab") as log:
            self.popen = subprocess.Popen(  # noqa: S603 (our own fixed command lines)
                argv, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT, env=env, cwd=REPO
            )

    @property
    def pid(self) -> int:
        return self.popen.pid

    @property
    def alive(self) -> bool:
        return self.popen.poll() is None

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def tail(self, lines: int = 30) -> str:
        text = "\n".join(self.log().splitlines()[-lines:])
        state = "running" if self.alive else f"exited with {self.popen.returncode}"
        return f"--- {self.name} (pid {self.pid}, {state}), last lines of {self.log_path}:\n{text}"

    def stop(self, timeout: float = 10) -> None:
        if self.alive:
            os.kill(self.pid, signal.SIGTERM)
            try:
                self.popen.wait(timeout)
                return
            except subprocess.TimeoutExpired:
                pass
        self.kill()

    def kill(self) -> None:
        if self.alive:
            os.kill(self.pid, signal.SIGKILL)
        self.popen.wait(10)


def _redis(port: int, *command: str) -> bytes | None:
    """One inline Redis command and the first line of its reply; None when nobody answers."""
    try:
        with socket.create_connection((HOST, port), timeout=2) as sock:
            sock.sendall(" ".join(command).encode() + b"\r\n")
            return sock.recv(256).split(b"\r\n", 1)[0]
    except OSError:
        return None


class RedisServer:
    """A redis-server of the test module's own, without persistence: a restart empties every queue."""

    def __init__(self, directory: Path):
        self.directory = directory
        self.port = free_port()
        self.process: Process | None = None

    @property
    def url(self) -> str:
        return f"redis://{HOST}:{self.port}/0"

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.alive

    def start(self) -> None:
        assert not self.running, "redis-server is already running"
        argv = ["redis-server", "--port", str(self.port), "--bind", HOST, "--save", "", "--appendonly", "no"]
        argv += ["--dir", str(self.directory), "--daemonize", "no"]
        self.process = Process("redis-server", argv, self.directory / "redis.log")
        wait_for(
            lambda: _redis(self.port, "PING") == b"+PONG",
            timeout=15,
            what=f"redis-server on port {self.port}",
            details=self.process.tail,
        )

    def stop(self) -> None:
        if self.process is not None:
            self.process.stop()

    def flushall(self) -> None:
        assert _redis(self.port, "FLUSHALL") == b"+OK"


class SmtpSink:
    """tests/smtp_sink.py in its own process; what it accepted is read from its SQLite file."""

    def __init__(self, directory: Path):
        self.directory = directory
        self.port = free_port()
        self.db_path = directory / "sink.sqlite3"
        self.process: Process | None = None
        sink_connect(str(self.db_path)).close()  # the schema, before the first start

    @property
    def url(self) -> str:
        return f"smtp://{HOST}:{self.port}"

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.alive

    def start(self) -> None:
        assert not self.running, "the SMTP sink is already running"
        argv = [str(PYTHON), str(REPO / "tests" / "smtp_sink.py"), "--port", str(self.port), "--db", str(self.db_path)]
        self.process = Process("smtp sink", argv, self.directory / "sink.log")
        wait_for(self._answers, timeout=15, what=f"the SMTP sink on port {self.port}", details=self.process.tail)

    def _answers(self) -> bool:
        try:
            with socket.create_connection((HOST, self.port), timeout=2) as sock:
                return sock.recv(64).startswith(b"220")
        except OSError:
            return False

    def stop(self) -> None:
        if self.process is not None:
            self.process.stop()

    def _query(self, sql: str, params=()) -> list[tuple]:
        with contextlib.closing(sqlite3.connect(self.db_path, timeout=30)) as db, db:
            return db.execute(sql, params).fetchall()

    def clear(self) -> None:
        self._query("DELETE FROM messages")

    def count(self) -> int:
        return self._query("SELECT count(*) FROM messages")[0][0]

    def message_ids(self) -> Counter:
        """How many times each Message-ID arrived."""
        return Counter(dict(self._query("SELECT message_id, count(*) FROM messages GROUP BY message_id")))

    def messages(self) -> list[dict]:
        rows = self._query("SELECT message_id, mail_from, rcpt_tos, raw FROM messages ORDER BY id")
        return [
            {"message_id": mid, "mail_from": sender, "rcpt_tos": json.loads(rcpts), "raw": bytes(raw)}
            for mid, sender, rcpts, raw in rows
        ]


SUCCEEDED = re.compile(r"Task (portal\.tasks\.\w+)\[[^\]]+\] succeeded")


class Stack:
    """One test's Celery processes on the module's Redis and SMTP sink; everything it started is stopped after."""

    def __init__(self, directory: Path, redis: RedisServer, sink: SmtpSink):
        self.directory = directory
        self.redis = redis
        self.sink = sink
        self.processes: list[Process] = []
        self.beat: Process | None = None

    def env(self, **overrides: str) -> dict:
        """The environment of a production-like process on the test database (never eager: a broker is set)."""
        db = connection.settings_dict
        auth = quote(db["USER"] or "postgres") + (f":{quote(db['PASSWORD'])}" if db.get("PASSWORD") else "")
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": os.environ.get("HOME", str(self.directory)),
            "LANG": "C.UTF-8",
            "PYTHONUNBUFFERED": "1",
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "DATABASE_URL": f"postgres://{auth}@{db['HOST'] or HOST}:{db['PORT'] or 5432}/{db['NAME']}",
            "CELERY_BROKER_URL": self.redis.url,
            "EMAIL_URL": self.sink.url,
            "SITE_URL": settings.SITE_URL,
            "SECRET_KEY": settings.SECRET_KEY,
            "DEBUG": "false",
            "LOG_LEVEL": "INFO",
            **WORKER_SETTINGS,
        }
        env.update(overrides)
        return env

    def details(self) -> str:
        parts = [p.tail() for p in self.processes]
        parts += [p.tail(10) for p in (self.redis.process, self.sink.process) if p is not None]
        return "\n".join(parts)

    def _start(self, name: str, argv: list[str], env: dict) -> Process:
        process = Process(name, argv, self.directory / f"{len(self.processes):02d}-{name}.log", env)
        self.processes.append(process)
        return process

    def start_worker(self, **env: str) -> Process:
        """A Celery worker, once it is ready. The solo pool sends in the worker's own process, so a SIGKILL of
        its PID kills the process in the middle of its batch (a prefork pool's children would live on)."""
        number = sum(p.name.startswith("worker") for p in self.processes) + 1
        argv = [str(CELERY), "-A", "config", "worker", "--pool=solo", "-l", "info", "-n", f"real{number}@localhost"]
        argv += ["--without-gossip", "--without-mingle", "--without-heartbeat"]
        worker = self._start(f"worker{number}", argv, self.env(**env))
        wait_for(
            lambda: " ready." in worker.log() or not worker.alive,
            timeout=60,
            what=f"Celery worker {number} to be ready",
            details=self.details,
        )
        assert worker.alive, f"the Celery worker exited while starting\n{self.details()}"
        return worker

    def start_beat(self, **env: str) -> Process:
        """The one beat of the test, on django-celery-beat's schedule in the test database."""
        assert self.beat is None or not self.beat.alive, "exactly one beat per test"
        argv = [str(CELERY), "-A", "config", "beat", "-l", "info"]
        argv += ["-S", "django_celery_beat.schedulers:DatabaseScheduler", "--max-interval", "1"]
        self.beat = self._start("beat", argv, self.env(**env))
        return self.beat

    def succeeded(self, task: str) -> int:
        """How many times `task` finished without error, over every worker of this test."""
        return sum(
            match.group(1) == task
            for p in self.processes
            if p.name.startswith("worker")
            for match in SUCCEEDED.finditer(p.log())
        )

    def run_python(self, code: str, *args: str, name: str = "python") -> Process:
        """A Django process on the test database (as a second planner would be)."""
        return self._start(name, [str(PYTHON), "-c", code, *args], self.env())

    def wait_for(self, check: Callable[[], object], *, timeout: float, what: str):
        return wait_for(check, timeout=timeout, what=what, details=self.details)

    def stop_all(self, timeout: float = 10) -> None:
        """SIGTERM to every process still running (a worker's warm shutdown), SIGKILL to those still there after."""
        running = [p for p in self.processes if p.alive]
        for process in running:
            os.kill(process.pid, signal.SIGTERM)
        deadline = time.monotonic() + timeout
        for process in running:
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.popen.wait(max(deadline - time.monotonic(), 0.1))
            process.kill()


def tick_every_second() -> None:
    """Make the migration's beat entry ("Plan and send deadline alerts", every 5 minutes) tick every second."""
    from django_celery_beat.models import IntervalSchedule, PeriodicTask

    migration = importlib.import_module("portal.migrations.0006_alert_schedule")
    every, _created = IntervalSchedule.objects.get_or_create(every=1, period=IntervalSchedule.SECONDS)
    PeriodicTask.objects.update_or_create(
        name=migration.TASK_NAME,
        defaults={"task": migration.TASK, "interval": every, "enabled": True, "last_run_at": None, "queue": None},
    )


def make_contacts(
    agency,
    count: int,
    *,
    prefix: str,
    language: str = "en",
    time_zone: str = "Europe/Istanbul",
    leads: Iterable[int] = (30, 7, 1),
    topics: Iterable[str] | None = None,
    paused: bool = False,
) -> list:
    """`count` confirmed, approved contacts of `agency` with their subscriptions, in three bulk inserts."""
    from portal.models import Contact, Subscription, SubscriptionLead, Topic

    now = timezone.now()
    yesterday = now - dt.timedelta(days=1)
    contacts = Contact.objects.bulk_create(
        [
            Contact(
                agency=agency,
                name=f"{prefix} {number}",
                email=f"{prefix}.{number}@real.example".lower(),
                language=language,
                time_zone=time_zone,
                confirmed_at=yesterday,
                approved_at=yesterday,
            )
            for number in range(count)
        ],
        batch_size=1000,
    )
    subscriptions = Subscription.objects.bulk_create(
        [
            Subscription(contact=contact, topics=list(topics or Topic.values), paused_at=now if paused else None)
            for contact in contacts
        ],
        batch_size=1000,
    )
    SubscriptionLead.objects.bulk_create(
        [SubscriptionLead(subscription=s, days=days) for s in subscriptions for days in leads], batch_size=2000
    )
    return contacts


# --- Fixtures -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def redis_server(tmp_path_factory):
    server = RedisServer(tmp_path_factory.mktemp("redis"))
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def smtp_sink(tmp_path_factory):
    sink = SmtpSink(tmp_path_factory.mktemp("smtp"))
    yield sink
    sink.stop()


@pytest.fixture
def real_stack(redis_server, smtp_sink, tmp_path, transactional_db):
    """An empty broker and sink (both running), and the test's own workers and beat, stopped afterwards."""
    if not redis_server.running:
        redis_server.start()
    redis_server.flushall()
    if not smtp_sink.running:
        smtp_sink.start()
    smtp_sink.clear()
    stack = Stack(tmp_path, redis_server, smtp_sink)
    try:
        yield stack
    finally:
        stack.stop_all()
