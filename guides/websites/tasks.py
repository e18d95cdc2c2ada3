"""Celery tasks of the websites part: thin wrappers around the checker's services. The weekly run is the beat entry
of guides/migrations/0003_website_check_schedule.py; the on-demand run is started by the admin's "check now"."""

from celery import shared_task

from guides.websites import services


@shared_task(acks_late=True, ignore_result=True)
def check_english_websites() -> dict:
    """Check every agency's English-website address (weekly)."""
    return services.check_all()


@shared_task(acks_late=True, ignore_result=True)
def check_requested_websites() -> dict:
    """Check the agencies a working-group admin asked to check now."""
    return services.check_requested()
