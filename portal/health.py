"""What /healthz reports: each service the portal uses (database, broker, cache, SMTP server) by name, the age of
the last alert planning run and the backlogs; `down` names what is wrong. Every check has a short timeout."""

import dataclasses
import datetime as dt
import smtplib

import redis
from django.conf import settings
from django.core.cache import caches
from django.db import DatabaseError, connection
from django.utils import timezone

from portal.alerts import outbox, sending
from portal.models import PlanningRun
from portal.ratelimit import CACHE_ERRORS

# The beat schedule plans every 5 minutes (migration 0006): three runs missed in a row is unhealthy.
PLANNING_INTERVAL = dt.timedelta(minutes=5)
PLANNING_MAX_AGE = 3 * PLANNING_INTERVAL
BROKER_TIMEOUT = 1  # seconds
SMTP_TIMEOUT = 1  # seconds; the cache's own timeouts are its backend's (config/settings.py)
SMTP_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
# A service's state is "ok", "not configured" (not used in this setup) or "error: <kind of error>".
FINE = ("ok", "not configured")


@dataclasses.dataclass
class Health:
    database: str
    broker: str
    cache: str = "ok"
    smtp: str = "not configured"
    last_planning_run: dt.datetime | None = None
    planning_age_seconds: int | None = None
    pending_backlog: int | None = None  # alerts and outbox mails due and not yet sent
    outbox_backlog: int | None = None  # of which outbox mails (confirmations, approvals, notices…)

    @property
    def down(self) -> list[str]:
        """What is wrong, by name: each service that fails, and "planning" when, with a broker (and so a beat),
        planning has not run for `PLANNING_MAX_AGE`. Without a broker alerts are planned by `send_alerts` when
        someone runs it: no beat to be late."""
        down = [name for name in ("database", "broker", "cache", "smtp") if getattr(self, name) not in FINE]
        if self.database == "ok" and self.broker == "ok":
            age = self.planning_age_seconds
            if age is None or age > PLANNING_MAX_AGE.total_seconds():
                down.append("planning")
        return down

    @property
    def healthy(self) -> bool:
        return not self.down

    def as_dict(self) -> dict:
        return {
            "status": "ok" if self.healthy else "unhealthy",
            "down": self.down,
            "database": self.database,
            "broker": self.broker,
            "cache": self.cache,
            "smtp": self.smtp,
            "last_planning_run": self.last_planning_run.isoformat() if self.last_planning_run else None,
            "planning_age_seconds": self.planning_age_seconds,
            "pending_backlog": self.pending_backlog,
            "outbox_backlog": self.outbox_backlog,
        }


def _error(exc: Exception) -> str:
    # The kind of error only: its message may name hosts, users or paths.
    return f"error: {type(exc).__name__}"


def check_database(database=connection) -> str:
    try:
        with database.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError as exc:
        return _error(exc)
    return "ok"


def check_broker(url: str) -> str:
    """Ping the Redis broker at `url` (at most `BROKER_TIMEOUT` seconds)."""
    if not url:
        return "not configured"
    try:
        client = redis.Redis.from_url(url, socket_connect_timeout=BROKER_TIMEOUT, socket_timeout=BROKER_TIMEOUT)
        try:
            client.ping()
        finally:
            client.close()
    except (redis.RedisError, OSError, ValueError) as exc:
        return _error(exc)
    return "ok"


def check_cache(alias: str = "default") -> str:
    """Read one key from the cache (the rate limits' counters; see `portal.ratelimit` for what happens without)."""
    try:
        caches[alias].get("healthz:probe")
    except CACHE_ERRORS as exc:
        return _error(exc)
    return "ok"


def check_smtp() -> str:
    """Connect to the SMTP server the portal sends through and say NOOP (at most `SMTP_TIMEOUT` seconds a step);
    "not configured" when mail goes elsewhere (the console, a file: the embedded mode)."""
    if settings.EMAIL_BACKEND != SMTP_BACKEND:
        return "not configured"
    client = smtplib.SMTP_SSL if settings.EMAIL_USE_SSL else smtplib.SMTP
    try:
        with client(settings.EMAIL_HOST, settings.EMAIL_PORT, timeout=SMTP_TIMEOUT) as server:
            server.noop()
    except (smtplib.SMTPException, OSError, ValueError) as exc:
        return _error(exc)
    return "ok"


def check(now: dt.datetime | None = None, database=connection) -> Health:
    """The report; `database` is the connection to try (the portal's own unless a test gives a broken one)."""
    now = now or timezone.now()
    health = Health(
        database=check_database(database),
        broker=check_broker(settings.CELERY_BROKER_URL),
        cache=check_cache(),
        smtp=check_smtp(),
    )
    if health.database != "ok":
        return health
    try:
        finished = PlanningRun.objects.order_by("-finished_at").values_list("finished_at", flat=True).first()
        health.outbox_backlog = outbox.backlog(now)
        health.pending_backlog = sending.backlog(now) + health.outbox_backlog
    except DatabaseError as exc:
        health.database = _error(exc)
        return health
    if finished is not None:
        health.last_planning_run = finished
        health.planning_age_seconds = max(int((now - finished).total_seconds()), 0)
    return health
