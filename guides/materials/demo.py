"""Demo data of the materials part, on top of the core's demo projects (portal/demo.py), which have no promotional
materials of their own: every material, its details and its lessons here are made up for the demonstration (the
details are marked demo), on the three published demo projects — a brochure and a poster (pictures drawn here,
so the worker has real files to make thumbnails of) and a film link. Running it again changes nothing."""

import io

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from guides.materials.models import MaterialDetails
from portal.demo import upsert
from portal.models import Project, PromoMaterial, ReviewState

# (project slug, kind, title, file name or "", link or "", language, year, lessons by language)
MATERIALS = [
    (
        "e-government-education-centre-azerbaijan",
        "brochure",
        "e-Government Education Centre — course brochure (demo)",
        "egov-centre-brochure.png",
        "",
        "az",
        2014,
        {
            "en": "A two-sided brochure in Azerbaijani listing the courses and the regional centres. Officials kept "
            "it when the course dates were printed on the back; the next edition adds a QR code to the "
            "enrolment page and an English version for visiting delegations.",
            "tr": "Kursları ve bölge merkezlerini listeleyen Azerbaycanca çift yüzlü broşür. Kurs tarihleri "
            "arkasına basıldığında görevliler broşürü sakladı; bir sonraki baskıya kayıt sayfasının QR kodu "
            "ve ziyaretçi heyetler için İngilizce bir sürüm eklenecek.",
        },
    ),
    (
        "msrt-data-exchange-gateway",
        "poster",
        "Data exchange gateway — conference poster (demo)",
        "msrt-gateway-poster.png",
        "",
        "en",
        2024,
        {
            "en": "One diagram of the gateway and three numbers did more than the text: visitors at the stand "
            "asked about the numbers. Keep the poster readable from two metres.",
            "tr": "Geçidin tek bir şeması ve üç sayı, metinden daha çok işe yaradı: standı ziyaret edenler "
            "sayıları sordu. Afiş iki metreden okunabilmeli.",
        },
    ),
    (
        "soros-kg-information-programme",
        "film",
        "Open knowledge for NGOs — short film (demo)",
        "",
        "https://video.example.org/soros-kg-open-knowledge",
        "ky",
        2025,
        {
            "en": "A three-minute film with Kyrgyz speech and Russian subtitles reached more NGOs than the "
            "printed guide; subtitles were the most asked-for change.",
            "ru": "Трёхминутный фильм на кыргызском языке с русскими субтитрами охватил больше НКО, чем "
            "печатное руководство; чаще всего просили добавить субтитры.",
        },
    ),
]


def _picture(title: str, colour: tuple[int, int, int]) -> bytes:
    """A plain demo picture (a coloured page with a frame and the title), as PNG."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (600, 848), colour)
    draw = ImageDraw.Draw(image)
    draw.rectangle((30, 30, 570, 818), outline=(255, 255, 255), width=6)
    for line, text in enumerate(title.split(" — ")):
        draw.text((60, 80 + 40 * line), text, fill=(255, 255, 255))
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


COLOURS = [(0, 84, 147), (146, 39, 36), (32, 104, 64)]


@transaction.atomic
def load() -> dict[str, int]:
    projects = {p.slug: p for p in Project.objects.filter(slug__in=[row[0] for row in MATERIALS])}
    count = 0
    for index, (slug, kind, title, file_name, link, language, year, lessons) in enumerate(MATERIALS):
        project = projects.get(slug)
        if project is None:
            continue
        material = PromoMaterial.objects.filter(project=project, title=title).first()
        if material is None:
            material = PromoMaterial(
                project=project,
                agency_id=project.agency_id,
                kind=kind,
                title=title,
                url=link,
                review_state=ReviewState.PUBLISHED,
                published_at=project.published_at or timezone.now(),
            )
            if file_name:
                material.file.save(file_name, ContentFile(_picture(title, COLOURS[index % len(COLOURS)])), save=False)
            material.full_clean()  # reads the file (checked by content): closed again below
            material.save()
            if material.file:
                material.file.close()
        texts = {f"lessons_{code}": text for code, text in lessons.items()}
        upsert(
            MaterialDetails,
            {"material": material},
            {
                "agency_id": material.agency_id,
                "language": language,
                "year": year,
                **texts,
                "demo": True,
                "review_state": ReviewState.PUBLISHED,
                "published_at": material.published_at,
            },
        )
        count += 1
    return {"promotional materials with details": count}
