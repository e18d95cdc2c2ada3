"""Factories of the guides' materials part: real files to make thumbnails of (a PNG drawn with Pillow, a one-page
PDF written by hand), projects' promotional materials and the details their agency wrote."""

import io
import zlib

import factory
from django.utils import timezone

from guides.materials.models import MaterialDetails
from portal.models import PromoMaterial, ReviewState
from tests.factories.portal import ProjectFactory


def png_bytes(width: int = 64, height: int = 48, colour=(200, 30, 30), mode: str = "RGB") -> bytes:
    """A real PNG of `width` × `height` pixels, filled with `colour`."""
    from PIL import Image

    image = Image.new(mode, (width, height), colour if mode != "1" else 1)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def bomb_png(width: int, height: int) -> bytes:
    """A small PNG whose header announces `width` × `height` pixels, written without ever holding the image: one
    grey byte a pixel, the rows compressed as they are streamed (a decompression bomb of a few kilobytes)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return len(data).to_bytes(4, "big") + body + zlib.crc32(body).to_bytes(4, "big")

    header = width.to_bytes(4, "big") + height.to_bytes(4, "big") + bytes([8, 0, 0, 0, 0])
    compressor = zlib.compressobj(9)
    row = b"\x00" + b"\x00" * width
    data = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", data) + chunk(b"IEND", b"")


def pdf_bytes(width: int = 595, height: int = 842) -> bytes:
    """A real one-page PDF (`width` × `height` points) with a filled blue square on its page, written with a
    correct cross-reference table."""
    content = b"0 0 1 rg 50 50 200 200 re f"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] /Contents 4 0 R /Resources << >> >>" % (width, height),
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


class PromoMaterialFactory(factory.django.DjangoModelFactory):
    """A published poster (a real PNG) on a published project, unless told."""

    class Meta:
        model = PromoMaterial

    project = factory.SubFactory(ProjectFactory, published=True)
    agency = factory.SelfAttribute("project.agency")
    kind = "poster"
    title = factory.Sequence(lambda n: f"Poster {n}")
    file = factory.django.FileField(filename="poster.png", data=factory.LazyFunction(png_bytes))
    review_state = ReviewState.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)


class MaterialDetailsFactory(factory.django.DjangoModelFactory):
    """Published details of a material (its agency's), in English, unless told."""

    class Meta:
        model = MaterialDetails

    material = factory.SubFactory(PromoMaterialFactory)
    agency = factory.SelfAttribute("material.agency")
    language = "en"
    year = 2024
    lessons_en = "Keep it short."
    review_state = ReviewState.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)
