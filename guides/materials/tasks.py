"""Celery tasks of the materials part: thin wrappers around `thumbnails`."""

from celery import shared_task

from guides.materials import thumbnails


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
