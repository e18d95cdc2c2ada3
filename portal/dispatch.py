"""Starting background work once a transaction commits, without ever making the request wait on the broker or fail
because of it: what could not be started now is done by the beat's next tick (or `send_alerts`)."""

import logging

from celery import current_app as app  # the project's app (config.celery), whichever process this is
from django.db import transaction

logger = logging.getLogger(__name__)

# Seconds that connecting to the broker and publishing may take on a request's path; no retries there.
BROKER_TIMEOUT = 1.0


def start(task, *, args=(), in_process=None) -> bool:
    """Queue `task` (a task, or a task's name) for a worker, or, without a broker (Celery eager: the embedded mode,
    the tests), run `in_process()` (the task itself when None) here. Never raises; returns whether it started."""
    name = task if isinstance(task, str) else task.name
    try:
        if app.conf.task_always_eager:
            if in_process is None:
                (app.tasks[name] if isinstance(task, str) else task).apply(args=args)
            else:
                in_process()
            return True
        connection = app.connection_for_write(
            connect_timeout=BROKER_TIMEOUT,
            transport_options={
                "max_retries": 0,  # kombu's default retries connecting for seconds before it gives up
                "socket_connect_timeout": BROKER_TIMEOUT,
                "socket_timeout": BROKER_TIMEOUT,
            },
        )
        with connection:
            app.send_task(name, args=args, connection=connection, retry=False)
    except Exception:
        # The change is committed: it must not become an error page. The work waits for the next tick.
        logger.exception("Could not start %s now; the next tick of the beat will do its work.", name)
        return False
    return True


def after_commit(task, *, args=(), in_process=None) -> None:
    """`start(task)` once the current transaction commits (at once outside a transaction)."""
    transaction.on_commit(lambda: start(task, args=args, in_process=in_process))
