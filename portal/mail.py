"""Templated mail rendered in the recipient's language and sent by a Celery task after commit."""

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation


def render_mail(template: str, context: dict, language: str) -> tuple[str, str, str]:
    """Render `mail/<template>_subject.txt`, `.txt` and `.html` in `language`."""
    with translation.override(language):
        ctx = {"SITE_URL": settings.SITE_URL, "LANGUAGE_CODE": language, **context}
        subject = " ".join(render_to_string(f"mail/{template}_subject.txt", ctx).split())
        text = render_to_string(f"mail/{template}.txt", ctx)
        html = render_to_string(f"mail/{template}.html", ctx)
    return subject, text, html


def send_templated(template: str, context: dict, to: list[str], language: str) -> None:
    """Queue one mail to `to`, rendered now in `language`, sent once the transaction commits."""
    from portal.tasks import send_mail_task

    if not to:
        return
    subject, text, html = render_mail(template, context, language)
    transaction.on_commit(lambda: send_mail_task.delay(subject, text, html, list(to)))
