"""Celery tasks of the materials part: thin wrappers around `thumbnails`."""

from celery import shared_task

from guides.materials import thumbnails
from portal import dispatch


@shared_task(acks_late=True, ignore_result=True)
def make_thumbnail_task(source: str, pk: int, force: bool = False) -> str:
    """Make the thumbnail of a gallery item's file (`source`: "material" or "attachment"); a file that cannot be
    read records the reason, never an error."""
    if source not in thumbnails.SOURCES:
        return "unknown source"
    thumb = thumbnails.make(source, int(pk), force=bool(force))
    if thumb is None:
        return "no file"
    return thumb.error or "made"


def enqueue(source: str, pk: int, *, force: bool = False) -> None:
    """Ask the worker for the record's thumbnail (a new one when `force`) once the transaction that saved its file
    commits; a broker that is down never fails the saved change (`make_thumbnails` builds what was missed)."""
    dispatch.after_commit(make_thumbnail_task, args=(source, pk, force))
