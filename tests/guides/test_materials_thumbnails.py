"""Thumbnails of the gallery's files: a real PNG and a real one-page PDF, made by the service, by the task run
eagerly, and through the on_commit path when a material or an attachment is saved; a broken file, a bomb-sized
image and an office document record no thumbnail (only the reason) and never raise; `make_thumbnails` builds the
missing ones."""

import io
import logging

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from PIL import Image

from guides.materials import tasks, thumbnails
from guides.materials.models import AttachmentThumbnail, MaterialThumbnail, ThumbnailError
from tests import factories


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def picture(thumb) -> Image.Image:
    with thumb.image.open("rb") as handle:
        image = Image.open(io.BytesIO(handle.read()))
        image.load()
    return image


def test_a_png_gets_a_png_thumbnail_no_larger_than_the_bound():
    material = factories.PromoMaterialFactory(file__data=factories.png_bytes(1200, 600, (10, 200, 10)))
    thumb = thumbnails.make("material", material.pk)
    assert thumb.error == "" and thumb.is_ready
    assert thumb.source == material.file.name
    image = picture(thumb)
    assert image.format == "PNG"
    assert (image.width, image.height) == (thumbnails.SIZE, thumbnails.SIZE // 2) == (thumb.width, thumb.height)
    assert image.convert("RGB").getpixel((5, 5)) == (10, 200, 10)


def test_the_first_page_of_a_pdf_gets_a_thumbnail():
    attachment = factories.GuideAttachmentFactory(
        kind="brochure", file=ContentFile(factories.pdf_bytes(), name="brochure.pdf")
    )
    result = tasks.make_thumbnail_task.apply(args=("attachment", attachment.pk)).get()  # the task, run eagerly
    assert result == "made"
    thumb = AttachmentThumbnail.objects.get(attachment=attachment)
    image = picture(thumb).convert("RGB")
    assert max(image.size) == thumbnails.SIZE
    assert image.height > image.width  # an A4 page, upright
    # The page's blue square (50..250 of 595 points from the bottom left) is drawn; the rest is white.
    x, y = int(100 * image.width / 595), image.height - int(100 * image.height / 842)
    assert image.getpixel((x, y)) == (0, 0, 255)
    assert image.getpixel((image.width - 5, 5)) == (255, 255, 255)


def test_a_broken_file_records_no_thumbnail_and_logs(caplog):
    material = factories.PromoMaterialFactory(file__data=b"%PDF-1.4 this is not a real pdf", file__filename="x.pdf")
    with caplog.at_level(logging.WARNING, logger="guides.materials.thumbnails"):
        thumb = thumbnails.make("material", material.pk)
    assert thumb.error == ThumbnailError.UNREADABLE
    assert not thumb.image and not thumb.is_ready
    assert "No thumbnail for material" in caplog.text
    garbage = factories.PromoMaterialFactory(file__data=b"\x00\x01 garbage", file__filename="x.png")
    assert thumbnails.make("material", garbage.pk).error == ThumbnailError.UNREADABLE


def test_a_bomb_sized_image_is_refused_from_its_header():
    """A 20000 × 20000 PNG of a few hundred kilobytes: never decoded."""
    material = factories.PromoMaterialFactory(file__data=factories.bomb_png(20_000, 20_000))
    with material.file.open("rb") as handle:
        assert len(handle.read()) < 2_000_000
    thumb = thumbnails.make("material", material.pk)
    assert thumb.error == ThumbnailError.TOO_LARGE and not thumb.image
    # Above our bound, below Pillow's own warning: still refused.
    large = factories.PromoMaterialFactory(file__data=factories.bomb_png(8_000, 6_000))
    assert thumbnails.make("material", large.pk).error == ThumbnailError.TOO_LARGE


def test_an_office_document_is_not_a_picture():
    attachment = factories.GuideAttachmentFactory(
        kind="presentation", file=ContentFile(b"PK\x03\x04rest of a zip", name="slides.pptx")
    )
    thumb = thumbnails.make("attachment", attachment.pk)
    assert thumb.error == ThumbnailError.UNSUPPORTED


def test_a_missing_file_records_why():
    material = factories.PromoMaterialFactory()
    material.file.storage.delete(material.file.name)
    assert thumbnails.make("material", material.pk).error == ThumbnailError.MISSING


def test_saving_a_file_makes_its_thumbnail_after_the_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        material = factories.PromoMaterialFactory()
    assert not MaterialThumbnail.objects.exists()  # nothing before the commit
    assert callbacks
    for callback in callbacks:
        callback()
    thumb = MaterialThumbnail.objects.get(material=material)
    assert thumb.is_ready and thumb.source == material.file.name

    # A new file: a new thumbnail from it; the old picture is removed from the storage.
    old_image = thumb.image.name
    with django_capture_on_commit_callbacks(execute=True):
        material.file.save("new.png", ContentFile(factories.png_bytes(30, 90)), save=True)
    thumb.refresh_from_db()
    assert thumb.source == material.file.name and (thumb.width, thumb.height) == (30, 90)
    assert not thumb.image.storage.exists(old_image) or thumb.image.name == old_image

    # An attachment of a guide, the same way.
    with django_capture_on_commit_callbacks(execute=True):
        attachment = factories.GuideAttachmentFactory(
            kind="poster", file=ContentFile(factories.png_bytes(), name="poster.png")
        )
    assert AttachmentThumbnail.objects.get(attachment=attachment).is_ready


def test_a_saved_thumbnail_is_not_remade_unless_forced():
    material = factories.PromoMaterialFactory()
    first = thumbnails.make("material", material.pk)
    again = thumbnails.make("material", material.pk)
    assert again.made_at == first.made_at
    forced = thumbnails.make("material", material.pk, force=True)
    assert forced.made_at > first.made_at


def test_a_link_has_no_thumbnail():
    material = factories.PromoMaterialFactory(kind="film", file=None, url="https://video.example/x")
    assert thumbnails.make("material", material.pk) is None
    assert not MaterialThumbnail.objects.exists()


def test_make_thumbnails_builds_the_missing_ones_only():
    made = factories.PromoMaterialFactory()
    thumbnails.make("material", made.pk)
    missing = factories.PromoMaterialFactory()
    broken = factories.PromoMaterialFactory(file__data=b"not an image")
    attachment = factories.GuideAttachmentFactory(kind="poster", file=ContentFile(factories.pdf_bytes(), name="p.pdf"))
    before = MaterialThumbnail.objects.get(material=made).made_at
    out = io.StringIO()
    call_command("make_thumbnails", stdout=out)
    assert "2 thumbnails made, 1 files without a thumbnail." in out.getvalue()
    assert MaterialThumbnail.objects.get(material=made).made_at == before
    assert MaterialThumbnail.objects.get(material=missing).is_ready
    assert MaterialThumbnail.objects.get(material=broken).error == ThumbnailError.UNREADABLE
    assert AttachmentThumbnail.objects.get(attachment=attachment).is_ready
    # Run again: nothing left to do, the broken one is not retried until its file changes.
    out = io.StringIO()
    call_command("make_thumbnails", stdout=out)
    assert "0 thumbnails made, 0 files without a thumbnail." in out.getvalue()


def test_with_the_broker_away_a_saved_file_stays_saved_and_make_thumbnails_catches_up(
    caplog, django_capture_on_commit_callbacks
):
    """Celery as in a web process of the full stack (not eager), its broker a closed port: saving the file neither
    fails nor waits, the failure is logged, and `make_thumbnails` makes the missing thumbnail later."""
    from config.celery import app as celery_app
    from tests.realstack import free_port

    conf = celery_app.conf
    saved = conf.task_always_eager, conf.broker_url
    conf.task_always_eager, conf.broker_url = False, f"redis://127.0.0.1:{free_port()}/0"
    try:
        with caplog.at_level(logging.ERROR, logger="portal.dispatch"), django_capture_on_commit_callbacks(execute=True):
            material = factories.PromoMaterialFactory()
    finally:
        conf.task_always_eager, conf.broker_url = saved
    assert material.pk and not MaterialThumbnail.objects.exists()
    assert any("make_thumbnail_task" in record.getMessage() for record in caplog.records)
    call_command("make_thumbnails", stdout=io.StringIO())
    assert MaterialThumbnail.objects.get(material=material).is_ready
