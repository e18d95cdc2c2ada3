"""Demo data of the events area, on top of the core's demo (portal/demo.py).

Sourced facts: the WSIS Forum 2026 (seed 002: ITU's annual multi-stakeholder forum of high-level panels, WSIS
action line meetings, thematic workshops and project exhibitions, 6–10 July 2026 in Geneva) and the kinds of events
the Soros Foundation–Kyrgyzstan Information Programme runs every year for NGOs (seed 001: Social Innovation Camp,
BarCamp, IT forums). Their next editions' dates are not in the sources: the demo invents them for next year, as
planned events (dates not confirmed, their deadlines tentative) with "demo" in their names. The participations in
the WSIS Forum 2026 are demo stories of the demo agencies, marked "demo" in their outcome.
"""

import datetime as dt

from django.db import transaction
from django.utils import timezone, translation

from events.models import Event, EventParticipation, EventStatus
from portal.demo import texts, upsert
from portal.models import ActionLine, Agency, Project, ReviewState, Theme

WSIS_MAIN_LINES = [f"C{n}" for n in range(1, 12)]
SOROS_KG = "Soros Foundation–Kyrgyzstan, Information Programme"


def wsis_forum_2026() -> tuple[dict, list[str], list[str]]:
    """(values, themes, action lines) of the WSIS Forum 2026, from seed 002."""
    return (
        {
            **texts("name", "WSIS Forumu 2026", "WSIS Forum 2026"),
            "kind": "forum",
            "organiser": "ITU",
            **texts(
                "description",
                "Dünya Bilgi Toplumu Zirvesi sonuçlarının uygulanmasını paylaşmak için ITU öncülüğünde her yıl "
                "düzenlenen çok paydaşlı platform: yüksek düzeyli paneller, WSIS eylem hatlarına özel toplantılar, "
                "tematik atölye çalışmaları ve yenilik ve proje sergileri. 2026 forumu, WSIS sürecinin 2035'e kadar "
                "uzatılmasının ardından yeni uygulama dönemini şekillendirmeye davet ediyor.",
                "The multi-stakeholder platform ITU leads every year to share how the outcomes of the World Summit on "
                "the Information Society are implemented: high-level panels, WSIS action line meetings, thematic "
                "workshops and innovation and project exhibitions. The 2026 forum invites everyone to shape the new "
                "implementation period after the WSIS process was extended to 2035.",
            ),
            **texts("city", "Cenevre", "Geneva"),
            **GENEVA,
            "country": "CH",
            "tz": "Europe/Zurich",
            "starts_on": dt.date(2026, 7, 6),
            "ends_on": dt.date(2026, 7, 10),
            "website": "https://www.itu.int/net4/wsis/forum/2026/",
            "languages": ["en"],
            "status": EventStatus.CONFIRMED,
            "source_url": "https://www.itu.int/net4/wsis/stocktaking/Prizes/2026",
        },
        ["e-government"],
        WSIS_MAIN_LINES,
    )


# The cities' names in the other languages, so a search in any of them finds their events.
GENEVA = {"city_ru": "Женева", "city_ky": "Женева", "city_fa": "ژنو", "city_az": "Cenevrə"}
BISHKEK = {"city_ru": "Бишкек", "city_ky": "Бишкек", "city_fa": "بیشکک", "city_az": "Bişkek"}


def demo_events(year: int) -> list[tuple[str, dict, list[str], list[str]]]:
    """The planned events of `year` (next year): (slug, values, themes, action lines). Invented dates in the
    place's zone, marked in the names."""
    return [
        (
            f"wsis-forum-{year}",
            {
                **texts(
                    "name",
                    f"WSIS Forumu {year} (demo, tarihler tahminidir)",
                    f"WSIS Forum {year} (demo, estimated dates)",
                ),
                "kind": "forum",
                "organiser": "ITU",
                **texts("city", "Cenevre", "Geneva"),
                **GENEVA,
                "country": "CH",
                "tz": "Europe/Zurich",
                "starts_on": dt.date(year, 7, 5),
                "ends_on": dt.date(year, 7, 9),
                "proposal_deadline": dt.date(year, 2, 15),
                "exhibition_deadline": dt.date(year, 3, 31),
                "registration_deadline": dt.date(year, 6, 15),
                "website": "https://www.itu.int/net4/wsis/forum/",
                "languages": ["en"],
                "support": ["fee_waiver"],
                **texts(
                    "support_details",
                    "Foruma katılım ücretsizdir; kayıt gereklidir.",
                    "Taking part in the forum is free of charge; registration is required.",
                ),
            },
            ["e-government"],
            WSIS_MAIN_LINES,
        ),
        (
            f"social-innovation-camp-bishkek-{year}",
            {
                **texts(
                    "name",
                    f"Social Innovation Camp Bişkek {year} (demo, tarihler tahminidir)",
                    f"Social Innovation Camp Bishkek {year} (demo, estimated dates)",
                ),
                "kind": "camp",
                "organiser": SOROS_KG,
                **texts(
                    "description",
                    "Sosyal sorunlara yeni bilgi teknolojileriyle çözüm arayan STK'lar, gençler, eğitimciler ve BİT "
                    "uzmanları için her yıl düzenlenen kamp.",
                    "The yearly camp where NGOs, young people, educators and ICT specialists look for solutions to "
                    "social problems with new information technologies.",
                ),
                **texts("city", "Bişkek", "Bishkek"),
                **BISHKEK,
                "country": "KG",
                "tz": "Asia/Bishkek",
                "starts_on": dt.date(year, 4, 16),
                "ends_on": dt.date(year, 4, 18),
                "proposal_deadline": dt.date(year, 3, 15),
                "website": "https://soros.kg/",
                "languages": ["ky", "ru"],
            },
            ["digital-inclusion", "e-participation"],
            ["C3", "C4"],
        ),
        (
            f"barcamp-bishkek-{year}",
            {
                **texts(
                    "name",
                    f"BarCamp Bişkek {year} (demo, tarihler tahminidir)",
                    f"BarCamp Bishkek {year} (demo, estimated dates)",
                ),
                "kind": "barcamp",
                "organiser": SOROS_KG,
                **texts("city", "Bişkek", "Bishkek"),
                **BISHKEK,
                "country": "KG",
                "tz": "Asia/Bishkek",
                "starts_on": dt.date(year, 5, 22),
                "ends_on": dt.date(year, 5, 23),
                "registration_deadline": dt.date(year, 5, 15),
                "website": "https://soros.kg/",
                "languages": ["ky", "ru"],
                "support": ["fee_waiver"],
            },
            ["open-data"],
            ["C3"],
        ),
        (
            f"it-forum-ngos-kyrgyzstan-{year}",
            {
                **texts(
                    "name",
                    f"STK'lar için BT forumu, Kırgızistan {year} (demo, tarihler tahminidir)",
                    f"IT forum for NGOs, Kyrgyzstan {year} (demo, estimated dates)",
                ),
                "kind": "forum",
                "organiser": SOROS_KG,
                "attendance": "hybrid",
                **texts("city", "Bişkek", "Bishkek"),
                **BISHKEK,
                "country": "KG",
                "tz": "Asia/Bishkek",
                "starts_on": dt.date(year, 10, 8),
                "ends_on": dt.date(year, 10, 9),
                "registration_deadline": dt.date(year, 9, 30),
                "website": "https://soros.kg/",
                "online_url": "https://soros.kg/",
                "languages": ["ky", "ru"],
            },
            ["digital-skills", "e-participation"],
            ["C4", "C8"],
        ),
    ]


# agency, project (or None), role, people, outcome (tr, en), lessons (tr, en)
WSIS_2026_PARTICIPATIONS = [
    (
        "btk",
        None,
        "panellist",
        2,
        (
            "Demo: WSIS Stocktaking koordinasyonu üzerine bir oturumda konuşuldu; üç bakanlıkla izleme toplantısı "
            "planlandı.",
            "Demo: spoke on a session on WSIS Stocktaking coordination; a follow-up meeting with three ministries "
            "was planned.",
        ),
        (
            "Projeleri forumdan önce WSIS Stocktaking veri tabanına kaydedin; oturum önerileri kayıttan çok önce "
            "kapanıyor.",
            "Register the projects in the WSIS Stocktaking database before the forum; session proposals close long "
            "before registration does.",
        ),
    ),
    (
        "msrt",
        "msrt-data-exchange-gateway",
        "exhibitor",
        3,
        (
            "Demo: veri paylaşım geçidi sergi alanında tanıtıldı; iki üniversiteyle iletişim kuruldu.",
            "Demo: the data exchange gateway was shown in the exhibition; two universities got in touch.",
        ),
        (
            "Tek sayfalık İngilizce özet ve kısa bir video getirin; sergi alanı başvurusu erken doluyor.",
            "Bring a one-page summary in English and a short video; exhibition space fills up early.",
        ),
    ),
    (
        "mincom-az",
        "e-government-education-centre-azerbaijan",
        "attendee",
        1,
        (
            "Demo: e-devlet eğitimi üzerine atölyelere katılındı.",
            "Demo: attended the workshops on e-government training.",
        ),
        (
            "Vize başvurusunu en az iki ay önce yapın.",
            "Apply for the visa at least two months ahead.",
        ),
    ),
]


def _with_topics(event: Event, themes: list[str], lines: list[str]) -> Event:
    event.themes.set(Theme.objects.filter(slug__in=themes))
    event.action_lines.set(ActionLine.objects.filter(code__in=lines))
    return event


@transaction.atomic
def load() -> dict:
    """Create or update the demo events and participations; running it again changes nothing."""
    with translation.override("tr"):  # the bare translated fields are the Turkish ones
        values, themes, lines = wsis_forum_2026()
        forum = _with_topics(upsert(Event, {"slug": "wsis-forum-2026"}, values), themes, lines)
        events = [forum]
        year = timezone.localdate().year + 1
        for slug, values, themes, lines in demo_events(year):
            event = upsert(Event, {"slug": slug}, {"status": EventStatus.PLANNED, **values})
            events.append(_with_topics(event, themes, lines))
        participations = 0
        for agency, project, role, people, outcome, lessons in WSIS_2026_PARTICIPATIONS:
            upsert(
                EventParticipation,
                {"event": forum, "agency": Agency.objects.get(slug=agency), "role": role},
                {
                    "project": Project.objects.get(slug=project) if project else None,
                    "people": people,
                    **texts("outcome", *outcome),
                    **texts("lessons", *lessons),
                    "review_state": ReviewState.PUBLISHED,
                },
            )
            participations += 1
    return {"events": len(events), "event participations": participations}
