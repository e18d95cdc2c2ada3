"""Checks for uploaded files: extension, actual content and size, in one validator."""

from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

# Extension → the leading bytes a genuine file of that type starts with.
SIGNATURES = {
    ".pdf": (b"%PDF-",),
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".webp": (b"RIFF",),
}


def validate_upload(file) -> None:
    """Accept a PDF or an image whose content matches its extension and whose size is within the limit."""
    ext = Path(file.name).suffix.lower()
    if ext not in SIGNATURES:
        raise ValidationError(
            _("Upload a PDF, PNG, JPEG or WebP file; “%(ext)s” files are not accepted."),
            code="extension",
            params={"ext": ext or file.name},
        )
    if file.size > settings.UPLOAD_MAX_BYTES:
        raise ValidationError(
            _("The file is %(size)s; the limit is %(limit)s."),
            code="size",
            params={"size": filesizeformat(file.size), "limit": filesizeformat(settings.UPLOAD_MAX_BYTES)},
        )
    pos = file.tell() if hasattr(file, "tell") else 0
    file.seek(0)
    head = file.read(16)
    file.seek(pos)
    if not any(head.startswith(sig) for sig in SIGNATURES[ext]) or (ext == ".webp" and head[8:12] != b"WEBP"):
        raise ValidationError(
            _("The file's content is not a %(ext)s file."), code="content", params={"ext": ext.lstrip(".").upper()}
        )
