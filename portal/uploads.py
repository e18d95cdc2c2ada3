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


# Office Open XML documents are ZIP archives whose `[Content_Types].xml` names the main part of their kind.
OFFICE_MAIN_PARTS = {
    ".docx": "word/document.xml",
    ".xlsx": "xl/workbook.xml",
    ".pptx": "ppt/presentation.xml",
}


def validate_document(file) -> None:
    """Accept what `validate_upload` accepts, and Word, Excel and PowerPoint documents (.docx, .xlsx, .pptx) whose
    content is such a document (a ZIP archive holding the kind's main part), within the size limit."""
    import zipfile

    ext = Path(file.name).suffix.lower()
    if ext not in OFFICE_MAIN_PARTS:
        if ext not in SIGNATURES:
            raise ValidationError(
                _("Upload a PDF, Word, Excel, PowerPoint, PNG, JPEG or WebP file; “%(ext)s” files are not accepted."),
                code="extension",
                params={"ext": ext or file.name},
            )
        return validate_upload(file)
    if file.size > settings.UPLOAD_MAX_BYTES:
        raise ValidationError(
            _("The file is %(size)s; the limit is %(limit)s."),
            code="size",
            params={"size": filesizeformat(file.size), "limit": filesizeformat(settings.UPLOAD_MAX_BYTES)},
        )
    pos = file.tell() if hasattr(file, "tell") else 0
    try:
        file.seek(0)
        with zipfile.ZipFile(file) as archive:
            names = set(archive.namelist())
        genuine = "[Content_Types].xml" in names and OFFICE_MAIN_PARTS[ext] in names
    except (zipfile.BadZipFile, OSError, ValueError):
        genuine = False
    finally:
        file.seek(pos)
    if not genuine:
        raise ValidationError(
            _("The file's content is not a %(ext)s file."), code="content", params={"ext": ext.lstrip(".").upper()}
        )
