"""Celery tasks of the core: thin wrappers around sending."""

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMultiAlternatives


@shared_task(autoretry_for=(OSError,), retry_backoff=30, retry_backoff_max=1800, max_retries=8)
def send_mail_task(subject: str, text: str, html: str, to: list[str]) -> None:
    message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, to)
    message.attach_alternative(html, "text/html")
    message.send()
