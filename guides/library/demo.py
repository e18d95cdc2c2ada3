"""Demo guides of the library, on top of the core's demo (portal/demo.py) and the awards demo.

Every text here is written for the portal (nothing is copied from a source), so every guide is marked demo. The
facts they rest on: the WSIS Prizes' eighteen categories, one per WSIS action line with C7 split in eight
(/work/shared/reference/wsis_prize_categories.csv); seed 000's tasks of the working group (roadmaps, a guide for each
award application, English websites, international portals, ePractice named); seed 001's Information programme of
the Soros Foundation–Kyrgyzstan (NGOs' web resources, open knowledge content such as the Kyrgyz Wikipedia, open
source software). Two guides have two versions, so their difference can be shown. Nothing here sends mail."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone, translation

from guides.library.models import Guide, GuideVersion
from portal.demo import upsert
from portal.markdown import render_markdown
from portal.models import Agency, ReviewState

# Other parts link these guides (the English-websites and portals reports).
ENGLISH_WEBSITE_GUIDE = "english-website-checklist"
PORTALS_GUIDE = "international-portals"
WSIS_GUIDE = "wsis-prizes-application-guide"
ROADMAP_GUIDE = "working-group-roadmap"
NGO_GUIDE = "ngo-open-knowledge-guide"

IST = ZoneInfo("Europe/Istanbul")
BISHKEK = ZoneInfo("Asia/Bishkek")

WSIS_CATEGORIES = """| No. | Action line | Category |
|---|---|---|
| 1 | C1 | The role of public governance authorities and all stakeholders in the promotion of ICTs for development |
| 2 | C2 | Information and communication infrastructure |
| 3 | C3 | Access to information and knowledge |
| 4 | C4 | Capacity building |
| 5 | C5 | Building confidence and security in use of ICTs |
| 6 | C6 | Enabling environment |
| 7 | C7 | ICT applications: e-government |
| 8 | C7 | ICT applications: e-business |
| 9 | C7 | ICT applications: e-learning |
| 10 | C7 | ICT applications: e-health |
| 11 | C7 | ICT applications: e-employment |
| 12 | C7 | ICT applications: e-environment |
| 13 | C7 | ICT applications: e-agriculture |
| 14 | C7 | ICT applications: e-science |
| 15 | C8 | Cultural diversity and identity, linguistic diversity and local content |
| 16 | C9 | Media |
| 17 | C10 | Ethical dimensions of the Information Society |
| 18 | C11 | International and regional cooperation |
"""

WSIS_V1 = f"""## Before you start

The WSIS Prizes reward projects that carry out the WSIS action lines. Each agency may nominate its own projects;
the working group helps and keeps the list of our country's nominations.

## Steps

1. Choose one project that is running and has results you can show.
2. Choose **one** category: the action line the project serves best.
3. Write the description in English (the working group can read a draft).
4. Submit the nomination on ITU's WSIS Stocktaking platform before the deadline.
5. Record the application on this portal, so the working group can follow it.

## Categories

{WSIS_CATEGORIES}
## What a good nomination has

- A clear problem and who had it.
- What the project changed, with figures.
- Who took part: partners, users, other agencies.
"""

WSIS_V2 = f"""## Before you start

The WSIS Prizes reward projects that carry out the WSIS action lines. Each agency may nominate its own projects;
the working group helps and keeps the list of our country's nominations. This version is written for the
WSIS Prizes 2027: check the edition's page for its dates.

## Steps

1. Choose one project that is running and has results you can show.
2. Choose **one** category: the action line the project serves best. A project nominated in an earlier year may be
   nominated again with new results.
3. Write the description in English; ask the working group to read your draft at least two weeks before the
   deadline.
4. Submit the nomination on ITU's WSIS Stocktaking platform before the deadline. Keep the confirmation e-mail.
5. Record the application on this portal, so the working group can follow it and the vote campaign can start.
6. When the public vote opens, share the link with your agency's staff and partners.

## Categories

{WSIS_CATEGORIES}
## What a good nomination has

- A clear problem and who had it.
- What the project changed, with figures (users, time saved, services moved online).
- Who took part: partners, users, other agencies.
- Why it can be repeated elsewhere.
- Links that work: the project's English page, a short film or a poster.
"""

ROADMAP = """## Why this roadmap

The working group coordinates what public agencies do together on the information society: award applications,
funds, fairs and events, English websites, international portals, promotional material, inter-ministry
coordination and the private sector. This roadmap says what it will do first.

## First quarter

- Publish a guide for each award application the agencies make.
- Collect the state of every agency's English website.

## Second quarter

- List our projects on the international portals.
- Share the agencies' posters, brochures and films.

## Every year

- Review every guide by its review-by date.
"""

CHECKLIST_V1 = """## The address

- The English pages have a stable address, linked from the home page of the main site.

## The content

- Who the agency is, what it does, how to reach it.
- The main services, in plain English.

## Keeping it current

- Name a person who updates the English pages.
"""

CHECKLIST_V2 = """## The address

- The English pages have a stable address, linked from the home page of the main site.
- The pages declare their language (`<html lang="en">`), so search engines and screen readers know it.

## The content

- Who the agency is, what it does, how to reach it.
- The main services, in plain English.
- The agency's projects, with a short English summary each.

## Keeping it current

- Name a person who updates the English pages.
- Check the pages at least twice a year; a page not changed for a year is shown as outdated in the report.
"""

PORTALS = """## Why list projects abroad

International portals make a public project known to other countries, to funders and to award juries.

## The portals

| Portal | What it accepts |
|---|---|
| WSIS Stocktaking (ITU) | Projects carrying out the WSIS action lines; also the door to the WSIS Prizes |
| Joinup (European Commission) | Interoperability solutions and open source software of public administrations |
| OECD Observatory of Public Sector Innovation | Case studies of public sector innovation |
| UN e-Government Knowledge Base | Country data and good practice in e-government |
| ePractice (European Commission) | **Closed**: a historical portal of e-government cases, now part of Joinup |

## How to list a project

1. Write a short English description (what, for whom, results).
2. Create an account on the portal with the agency's e-mail address.
3. Submit the project and record the listing on this portal.
"""

NGO_RU = """## Для кого это руководство

Для некоммерческих организаций, которые хотят делиться знаниями открыто: на своём сайте, в Википедии и под
свободными лицензиями.

## Сайт организации

- Короткий адрес и понятное меню.
- Новости и отчёты, которые можно найти через поиск.

## Открытое знание

- Публикуйте материалы под свободной лицензией, например CC BY-SA.
- Пишите статьи в Кыргызскую Википедию на темы, которые знаете лучше всех.

## Открытое программное обеспечение

- Выбирайте программы с открытым кодом, когда они решают задачу.
"""

NGO_KY = """## Бул колдонмо кимге арналган

Билимин ачык бөлүшкүсү келген коммерциялык эмес уюмдарга: өз сайтында, Википедияда жана эркин лицензиялар менен.

## Уюмдун сайты

- Кыска дарек жана түшүнүктүү меню.
- Издөө аркылуу табылган жаңылыктар жана отчеттор.

## Ачык билим

- Материалдарды эркин лицензия менен жарыялаңыз, мисалы CC BY-SA.
- Эң жакшы билген темаларыңыз боюнча Кыргыз Википедиясына макала жазыңыз.

## Ачык программалык камсыздоо

- Маселени чечсе, ачык коддуу программаларды тандаңыз.
"""


def _at(*args, tz=IST) -> dt.datetime:
    return dt.datetime(*args, tzinfo=tz)


def _edition(year: int):
    from awards.models import AwardEdition

    return AwardEdition.objects.filter(programme__slug="wsis-prizes", year=year).first()


def _guides() -> list[dict]:
    """Each guide: its facts, and its versions as (number, published at, texts, change note)."""
    edition = _edition(2027)
    return [
        {
            "slug": WSIS_GUIDE,
            "agency": "btk",
            "values": {
                "kind": "application_guide",
                "subtopics": ["awards"],
                "audience": ["agencies"],
                "award_programme": edition.programme if edition else None,
                "award_edition": edition,
            },
            "versions": [
                (
                    1,
                    _at(2026, 1, 12, 10, 0),
                    {
                        "title_tr": "WSIS Ödülleri başvuru rehberi",
                        "title_en": "WSIS Prizes: how to apply",
                        "summary_en": "The steps, the eighteen categories and what makes a good nomination.",
                        "body_en": WSIS_V1,
                    },
                    "First edition.",
                ),
                (
                    2,
                    _at(2026, 11, 2, 10, 0),
                    {
                        "title_tr": "WSIS Ödülleri başvuru rehberi",
                        "title_en": "WSIS Prizes: how to apply",
                        "summary_en": "The steps, the eighteen categories and what makes a good nomination, for 2027.",
                        "body_en": WSIS_V2,
                    },
                    "Updated for the WSIS Prizes 2027: drafts read two weeks ahead, the public vote, better links.",
                ),
            ],
        },
        {
            "slug": ROADMAP_GUIDE,
            "agency": "btk",
            "review_soon": True,
            "values": {"kind": "roadmap", "subtopics": ["coordination"], "audience": ["working_group"]},
            "versions": [
                (
                    1,
                    _at(2026, 2, 2, 9, 30),
                    {
                        "title_tr": "Çalışma grubunun yol haritası",
                        "title_en": "The working group's roadmap",
                        "summary_en": "What the working group does first, field by field.",
                        "body_en": ROADMAP,
                    },
                    "First edition.",
                ),
            ],
        },
        {
            "slug": ENGLISH_WEBSITE_GUIDE,
            "agency": "btk",
            "values": {"kind": "checklist", "subtopics": ["websites"], "audience": ["agencies"]},
            "versions": [
                (
                    1,
                    _at(2026, 3, 2, 11, 0),
                    {
                        "title_tr": "İngilizce web sitesi kontrol listesi",
                        "title_en": "English website checklist",
                        "summary_en": "What an agency's English website needs, and how to keep it current.",
                        "body_en": CHECKLIST_V1,
                    },
                    "First edition.",
                ),
                (
                    2,
                    _at(2026, 9, 7, 11, 0),
                    {
                        "title_tr": "İngilizce web sitesi kontrol listesi",
                        "title_en": "English website checklist",
                        "summary_en": "What an agency's English website needs, and how to keep it current.",
                        "body_en": CHECKLIST_V2,
                    },
                    "The page's declared language, projects in English, checks twice a year.",
                ),
            ],
        },
        {
            "slug": PORTALS_GUIDE,
            "agency": "btk",
            "values": {"kind": "guideline", "subtopics": ["portals"], "audience": ["agencies"]},
            "versions": [
                (
                    1,
                    _at(2026, 4, 6, 10, 0),
                    {
                        "title_tr": "Uluslararası portallarda proje listeleme",
                        "title_en": "Listing projects on international portals",
                        "summary_en": "Where public ICT projects get listed abroad, and how; ePractice is closed.",
                        "body_en": PORTALS,
                    },
                    "First edition.",
                ),
            ],
        },
        {
            "slug": NGO_GUIDE,
            "agency": "soros-kg",
            "tz": "Asia/Bishkek",
            "values": {"kind": "guideline", "subtopics": ["private_sector"], "audience": ["ngos"]},
            "versions": [
                (
                    1,
                    _at(2026, 5, 4, 10, 0, tz=BISHKEK),
                    {
                        "title_tr": "STK'lar için açık bilgi rehberi",
                        "title_en": "Open knowledge: a guide for NGOs",
                        "title_ru": "Открытое знание: руководство для НКО",
                        "title_ky": "Ачык билим: КЭУлар үчүн колдонмо",
                        "summary_ru": "Сайт, Википедия и свободные лицензии для некоммерческих организаций.",
                        "summary_ky": "Коммерциялык эмес уюмдар үчүн сайт, Википедия жана эркин лицензиялар.",
                        "body_ru": NGO_RU,
                        "body_ky": NGO_KY,
                    },
                    "First edition.",
                ),
            ],
        },
    ]


def _texts(texts: dict) -> dict:
    """Every translated field of a version, the languages not given empty."""
    from guides.library.services import CODES

    values = {f"{name}_{code}": "" for name in ("title", "summary", "body") for code in CODES}
    values.update(texts)
    return values


@transaction.atomic
def load() -> dict:
    """Create or update the demo guides and their versions; running it again changes nothing."""
    with translation.override("tr"):  # the bare translated fields are the Turkish ones
        return _load()


def _load() -> dict:
    loaded = {}
    agencies = {agency.slug: agency for agency in Agency.objects.filter(slug__in=["btk", "soros-kg"])}
    for spec in _guides():
        agency = agencies.get(spec["agency"])
        if agency is None:
            continue
        number, published_at, texts, note = spec["versions"][-1]
        tz = spec.get("tz", "Europe/Istanbul")
        existing = Guide.objects.filter(slug=spec["slug"]).first()
        if spec.get("review_soon"):
            review_by = (
                existing.review_by
                if existing and existing.review_by
                else (timezone.now().astimezone(ZoneInfo(tz)).date() + dt.timedelta(days=21))
            )
        else:
            review_by = dt.date(2027, published_at.month, 1)
        guide = upsert(
            Guide,
            {"slug": spec["slug"]},
            {
                "agency": agency,
                **spec["values"],
                **_texts(texts),
                "review_state": ReviewState.PUBLISHED,
                "published_at": published_at,
                "version": number,
                "review_by": review_by,
                "review_tz": tz,
                "demo": True,
            },
        )
        for number, published_at, texts, note in spec["versions"]:
            version_texts = _texts(texts)
            rendered = {
                key.replace("body_", "body_html_"): str(render_markdown(value))
                for key, value in version_texts.items()
                if key.startswith("body_")
            }
            notes = {"change_note_ru": note, "change_note_ky": note} if spec["agency"] == "soros-kg" else {}
            values = {**version_texts, **rendered, "change_note_en": note, **notes, "published_at": published_at}
            upsert(GuideVersion, {"guide": guide, "number": number}, values)
        loaded[spec["slug"]] = guide
    return {"guides": len(loaded)}
