"""Thumbnails of the gallery's files, made in the worker (`tasks.make_thumbnail_task`) after a file is saved and by
`manage.py make_thumbnails`: a PNG at most `SIZE` pixels on its longer side, of an image or of a PDF's first page,
stored in the media storage and served through the gallery's page (`views.thumbnail`) to those who see the item.

The work is bounded: at most `MAX_SOURCE_BYTES` of the file are read; an image with more than `MAX_PIXELS` pixels
is refused from its header, before it is decoded (a decompression bomb never reaches memory); a PDF is rendered
at the scale that makes its first page `SIZE` pixels wide or high, whatever size the page claims. A file that
cannot be read records no thumbnail, only the reason (`ThumbnailError`), and a warning in the log: never an error
page, never a failed task."""

from __future__ import annotations

import io
import logging
import warnings

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from guides.library.models import GuideAttachment
from guides.materials.models import AttachmentThumbnail, MaterialThumbnail, Thumbnail, ThumbnailError
from portal.models import PromoMaterial

log = logging.getLogger(__name__)

SIZE = 480  # pixels on the longer side
MAX_PIXELS = 40_000_000  # an image larger than this (e.g. 8000 × 5000) is refused before decoding
MAX_SOURCE_BYTES = 50 * 1024 * 1024  # never read more of a file than this
MAX_PDF_POINTS = 14_400  # the largest page the PDF format allows (200 inches)

# The gallery's sources: name → (model of the owner, its thumbnail model, the owner's field on it).
SOURCES = {
    "material": (PromoMaterial, MaterialThumbnail, "material"),
    "attachment": (GuideAttachment, AttachmentThumbnail, "attachment"),
}


class Refused(Exception):
    """No thumbnail can be made of this file; `code` is a `ThumbnailError`."""

    def __init__(self, code: str, detail: str = ""):
        super().__init__(detail or code)
        self.code = code


# --- Making the picture ------------------------------------------------------------------------------------


def _image(data: bytes):
    """The thumbnail of an image file, refused when its header announces more than MAX_PIXELS pixels."""
    from PIL import Image, UnidentifiedImageError

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))  # reads the header only
            width, height = image.size
            if width * height > MAX_PIXELS:
                raise Refused(ThumbnailError.TOO_LARGE, f"{width}×{height} pixels")
            image.draft("RGB", (SIZE, SIZE))  # JPEG: decode at a reduced scale
            image.thumbnail((SIZE, SIZE))
            return image.convert("RGBA" if image.mode in ("RGBA", "LA", "P") else "RGB")
    except (Image.DecompressionBombWarning, Image.DecompressionBombError) as exc:
        raise Refused(ThumbnailError.TOO_LARGE, str(exc)) from exc
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as exc:
        raise Refused(ThumbnailError.UNREADABLE, str(exc)) from exc


def _pdf(data: bytes):
    """The thumbnail of a PDF's first page, rendered at the scale that fits it in SIZE × SIZE pixels."""
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise Refused(ThumbnailError.UNREADABLE, str(exc)) from exc
    try:
        if len(pdf) == 0:
            raise Refused(ThumbnailError.UNREADABLE, "no page")
        page = pdf[0]
        try:
            width, height = page.get_size()
            if not (0 < width <= MAX_PDF_POINTS and 0 < height <= MAX_PDF_POINTS):
                raise Refused(ThumbnailError.UNREADABLE, f"page of {width}×{height} points")
            scale = SIZE / max(width, height)
            bitmap = page.render(scale=scale)
            try:
                return bitmap.to_pil().convert("RGB")
            finally:
                bitmap.close()
        finally:
            page.close()
    except pdfium.PdfiumError as exc:
        raise Refused(ThumbnailError.UNREADABLE, str(exc)) from exc
    finally:
        pdf.close()


def render(data: bytes) -> bytes:
    """A PNG thumbnail of the file's bytes (an image or a PDF), or `Refused`."""
    if data.lstrip()[:5] == b"%PDF-":
        picture = _pdf(data)
    elif data[:2] == b"PK" or data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise Refused(ThumbnailError.UNSUPPORTED, "office document")
    else:
        picture = _image(data)
    out = io.BytesIO()
    picture.save(out, format="PNG", optimize=True)
    return out.getvalue()


def _read(file_field) -> bytes:
    try:
        with file_field.open("rb") as handle:
            data = handle.read(MAX_SOURCE_BYTES + 1)
    except (FileNotFoundError, OSError) as exc:
        raise Refused(ThumbnailError.MISSING, str(exc)) from exc
    if len(data) > MAX_SOURCE_BYTES:
        raise Refused(ThumbnailError.TOO_LARGE, "file too large")
    return data


# --- Recording it -------------------------------------------------------------------------------------------


def _current(source: str, owner) -> Thumbnail | None:
    _model, thumb_model, field = SOURCES[source]
    return thumb_model.objects.filter(**{field: owner}).first()


def is_stale(thumb: Thumbnail | None, owner) -> bool:
    """Whether the owner's file has no thumbnail (nor a recorded failure) made from it."""
    if not owner.file:
        return thumb is not None
    return thumb is None or thumb.source != owner.file.name


def make(source: str, pk: int, *, force: bool = False) -> Thumbnail | None:
    """Make (or remake, when the file changed or `force`) the thumbnail of the `source` record `pk`. Returns the
    thumbnail row (with `error` set when none could be made), or None when the record or its file is gone."""
    model, thumb_model, field = SOURCES[source]
    owner = model.objects.filter(pk=pk).first()
    if owner is None:
        return None
    thumb = _current(source, owner)
    if not owner.file:
        if thumb is not None:  # a link now, not a file: nothing to show
            _drop_image(thumb)
            thumb.delete()
        return None
    if thumb is not None and not force and not is_stale(thumb, owner):
        return thumb
    name = owner.file.name
    png, error = None, ""
    try:
        png = render(_read(owner.file))
    except Refused as refusal:
        error = refusal.code
        log.warning("No thumbnail for %s %s (%s): %s", source, pk, name, refusal)
    except Exception:  # a library's unexpected failure on a hostile file: logged, never raised
        error = ThumbnailError.UNREADABLE
        log.exception("No thumbnail for %s %s (%s)", source, pk, name)
    return _store(thumb_model, field, owner, name, png, error)


@transaction.atomic
def _store(thumb_model, field, owner, name: str, png: bytes | None, error: str) -> Thumbnail:
    thumb, _created = thumb_model.objects.select_for_update().get_or_create(**{field: owner})
    _drop_image(thumb)
    thumb.source = name
    thumb.error = error
    thumb.made_at = timezone.now()
    thumb.width = thumb.height = 0
    if png is not None:
        from PIL import Image

        thumb.width, thumb.height = Image.open(io.BytesIO(png)).size
        thumb.image.save(f"{field}-{owner.pk}.png", ContentFile(png), save=False)
    thumb.save()
    return thumb


def _drop_image(thumb: Thumbnail) -> None:
    if thumb.image:
        thumb.image.delete(save=False)


def missing(source: str, *, force: bool = False):
    """The primary keys of the `source` records whose thumbnail is missing or stale (every one with a file when
    `force`)."""
    model = SOURCES[source][0]
    qs = model.objects.exclude(file="").select_related("thumbnail").order_by("pk")
    for owner in qs.iterator(chunk_size=200):
        thumb = getattr(owner, "thumbnail", None)
        if force or is_stale(thumb, owner):
            yield owner.pk
