"""What /healthz reports: the database, the broker, the age of the last alert planning run and the backlog."""

import dataclasses
import datetime as dt

import redis
from django.conf import settings
from django.db import DatabaseError, connection
from django.utils import timezone

from portal.alerts import outbox, sending
from portal.models import PlanningRun

# The beat schedule plans every 5 minutes (migration 0006): three runs missed in a row is unhealthy.
PLANNING_INTERVAL = dt.timedelta(minutes=5)
PLANNING_MAX_AGE = 3 * PLANNING_INTERVAL
BROKER_TIMEOUT = 1  # seconds


@dataclasses.dataclass
class Health:
    database: str
    broker: str
    last_planning_run: dt.datetime | None
    planning_age_seconds: int | None
    pending_backlog: int | None

    @property
    def healthy(self) -> bool:
        """Unhealthy when the database or the configured broker fails, or, with a broker (and so a beat),
        when planning has not run for `PLANNING_MAX_AGE`. Without a broker alerts are planned by
        `send_alerts` when someone runs it: no beat to be late."""
        if self.database != "ok" or self.broker not in ("ok", "not configured"):
            return False
        if self.broker == "ok":
            return (
                self.planning_age_seconds is not None and self.planning_age_seconds <= PLANNING_MAX_AGE.total_seconds()
            )
        return True

    def as_dict(self) -> dict:
        return {
            "status": "ok" if self.healthy else "unhealthy",
            "database": self.database,
            "broker": self.broker,
            "last_planning_run": self.last_planning_run.isoformat() if self.last_planning_run else None,
            "planning_age_seconds": self.planning_age_seconds,
            "pending_backlog": self.pending_backlog,
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


def check(now: dt.datetime | None = None, database=connection) -> Health:
    """The report; `database` is the connection to try (the portal's own unless a test gives a broken one)."""
    now = now or timezone.now()
    health = Health(check_database(database), check_broker(settings.CELERY_BROKER_URL), None, None, None)
    if health.database != "ok":
        return health
    try:
        finished = PlanningRun.objects.order_by("-finished_at").values_list("finished_at", flat=True).first()
        health.pending_backlog = sending.backlog(now) + outbox.backlog(now)
    except DatabaseError as exc:
        health.database = _error(exc)
        return health
    if finished is not None:
        health.last_planning_run = finished
        health.planning_age_seconds = max(int((now - finished).total_seconds()), 0)
    return health
