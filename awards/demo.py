"""Demo data of the awards area, on top of the core's demo (portal/demo.py).

The editions are the seeds' and the sources' facts. The results and applications are invented for the demo
agencies and projects, and say so in their notes: none of them is a real nomination or prize.
"""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from awards import services
from awards.models import AwardApplication, AwardCategory, AwardEdition, AwardProgramme, AwardResult
from portal.models import Agency, Project

DEMO_NOTE = {
    "tr": "Demo kaydı: gerçek bir sonuç değildir.",
    "en": "Demo record: not a real result.",
}
DEMO_APPLICATION_NOTE = "Demo kaydı / demo record."

# programme, year, values. WSIS Prizes 2026 (seed 002, ITU's letter relayed by BTK): nominations until 15 March
# 2026 at https://www.itu.int/net4/wsis/stocktaking/Prizes/2026, the WSIS Forum 2026 in Geneva on 6-10 July 2026.
# The seed gives no day for the prize ceremony: the forum's first day stands in for it.
# UNPSA 2026 (https://unpog.org/page/sub3_1_view.asp?BoardID=0010&page=1&sn=729): applications from 17 February
# to 31 March 2025. The call names no time zone: UN DESA's, New York, is assumed.
EDITIONS = [
    (
        "wsis-prizes",
        2026,
        {
            "nomination_deadline": dt.date(2026, 3, 15),
            "tz": "Europe/Zurich",
            "ceremony_on": dt.date(2026, 7, 6),
            "ceremony_place": "WSIS Forumu 2026, Cenevre",
            "ceremony_place_tr": "WSIS Forumu 2026, Cenevre",
            "ceremony_place_en": "WSIS Forum 2026, Geneva",
            "url": "https://www.itu.int/net4/wsis/stocktaking/Prizes/2026",
            "tentative": False,
        },
    ),
    (
        "unpsa",
        2026,
        {
            "nomination_opens": dt.date(2025, 2, 17),
            "nomination_deadline": dt.date(2025, 3, 31),
            "tz": "America/New_York",
            "url": "https://publicadministration.desa.un.org/en/unpsa",
            "tentative": False,
        },
    ),
]

# agency, project, category code, outcome (all in the WSIS Prizes 2026)
RESULTS = [
    ("mincom-az", "e-government-education-centre-azerbaijan", "C7-E-government", "nominee"),
    ("msrt", "msrt-data-exchange-gateway", "C7-E-science", "finalist"),
    ("soros-kg", "soros-kg-information-programme", "C8", "champion"),
    ("soros-kg", "soros-kg-information-programme", "C4", "nominee"),
]

# agency, project, year, category code, state, submitted on, decided on (all to the WSIS Prizes)
APPLICATIONS = [
    ("mincom-az", "e-government-education-centre-azerbaijan", 2026, "C7-E-government", "submitted", (2026, 3, 2), None),
    ("msrt", "msrt-data-exchange-gateway", 2026, "C7-E-science", "shortlisted", (2026, 3, 9), None),
    ("soros-kg", "soros-kg-information-programme", 2026, "C8", "won", (2026, 3, 12), (2026, 6, 1)),
    ("btk", "btk-wsis-stocktaking-coordination", 2026, "C11", "not_selected", (2026, 3, 14), (2026, 5, 20)),
    ("meb", "meb-english-website", 2027, "C7-E-learning", "planned", None, None),
]


def _date(parts):
    return dt.date(*parts) if parts else None


@transaction.atomic
def load() -> dict:
    """Create or update the demo editions, results and applications; running it again changes nothing."""
    editions = {}
    for slug, year, values in EDITIONS:
        programme = AwardProgramme.objects.get(slug=slug)
        edition = AwardEdition.objects.filter(programme=programme, year=year).first()
        if edition is None or any(getattr(edition, field) != value for field, value in values.items()):
            edition, _ = AwardEdition.objects.update_or_create(programme=programme, year=year, defaults=values)
        editions[slug, year] = edition

    wsis_2026 = editions["wsis-prizes", 2026]
    wsis_2027 = AwardEdition.objects.filter(programme=wsis_2026.programme, year=2027).first()
    if wsis_2027 is None:
        wsis_2027 = services.propose_next_edition(wsis_2026)
    editions["wsis-prizes", 2027] = wsis_2027

    categories = {c.code: c for c in AwardCategory.objects.filter(programme=wsis_2026.programme)}
    agencies = {a.slug: a for a in Agency.objects.filter(slug__in={row[0] for row in RESULTS + APPLICATIONS})}
    projects = {p.slug: p for p in Project.objects.filter(slug__in={row[1] for row in RESULTS + APPLICATIONS})}

    for agency, project, code, outcome in RESULTS:
        result = {
            "outcome": outcome,
            "notes": DEMO_NOTE["tr"],
            "notes_tr": DEMO_NOTE["tr"],
            "notes_en": DEMO_NOTE["en"],
        }
        AwardResult.objects.update_or_create(
            edition=wsis_2026,
            category=categories[code],
            agency=agencies[agency],
            project=projects[project],
            defaults=result,
            # The working group's own demo results: verified once, when they are entered.
            create_defaults={**result, "verified_at": timezone.now()},
        )

    for agency, project, year, code, state, submitted, decided in APPLICATIONS:
        AwardApplication.objects.update_or_create(
            edition=editions["wsis-prizes", year],
            category=categories[code],
            project=projects[project],
            defaults={
                "agency": agencies[agency],
                "state": state,
                "submitted_on": _date(submitted),
                "decided_on": _date(decided),
                "notes": DEMO_APPLICATION_NOTE,
            },
        )

    return {"award editions": len(editions), "award results": len(RESULTS), "award applications": len(APPLICATIONS)}
