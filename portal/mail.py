"""The one path of mail: a mail is rendered in its recipient's language and queued in the outbox, in the
transaction of the change that causes it; once that commits, the worker sends it (or this process, in the
embedded mode). No request talks to the SMTP server or waits on the broker; what cannot go now goes later."""

from django.db import transaction

from portal import dispatch
from portal.alerts import outbox
from portal.alerts.rendering import render_mail

__all__ = ["render_mail", "send_again", "send_templated", "send_templated_each"]

# Seconds an SMTP operation may take when this process sends right after its commit (no broker).
IN_PROCESS_SMTP_TIMEOUT = 10
# The worker's task that sends the outbox (portal.tasks), started by its name: the tasks need the mail, not the
# other way round.
SEND_OUTBOX_TASK = "portal.tasks.send_outbox_task"


def _send_after_commit(ids: list[int]) -> None:
    dispatch.after_commit(
        SEND_OUTBOX_TASK, in_process=lambda: outbox.send_outbox(ids=ids, timeout=IN_PROCESS_SMTP_TIMEOUT)
    )


def send_templated(template: str, context: dict, to: list[str], language: str) -> None:
    """Queue one mail to each address of `to`, rendered now from `mail/<template>…` in `language`, sent once the
    current transaction commits. Call it inside the transaction of the change the mail tells of; `template` is
    a `MailKind`."""
    if not to:
        return
    template = outbox.mail_kind(template)
    subject, text, html = render_mail(template, context, language)
    with transaction.atomic():
        ids = outbox.queue_mail(template, to, language, subject, text, html)
        _send_after_commit(ids)


def send_templated_each(template: str, mails) -> int:
    """Queue many mails of one kind at once, each `(context, to, language)` rendered in its own language, and start
    sending them once the current transaction commits: one start for all (a circular to every contact of 22
    agencies), not one per mail. Returns how many were queued."""
    template = outbox.mail_kind(template)
    ids: list[int] = []
    with transaction.atomic():
        for context, to, language in mails:
            if to:
                subject, text, html = render_mail(template, context, language)
                ids += outbox.queue_mail(template, to, language, subject, text, html)
        if ids:
            _send_after_commit(ids)
    return len(ids)


@transaction.atomic
def send_again(mails) -> int:
    """Put failed outbox mails back in line and send them once this commits (the admin's "send again")."""
    done = outbox.send_again(mails)
    if done:
        _send_after_commit([mail.pk for mail in mails])
    return done
