"""Demo data of the private sector part, on top of the core's and the events area's demo.

Seed 000 names the private sector's possible contributions, public–private cooperation, the problems companies meet
and the incentives they need; it names no company, programme or amount. So every record here is made up and marked
"demo": three Turkish ICT companies, their contributions (a sponsorship of the WSIS Forum 2026 of the events demo,
an exhibition stand there, expertise to a published demo project), one problem (late payments in public
procurement) and two incentives described generically, not as any real programme.
"""

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import translation

from coordination.private_sector.models import (
    CompanyProfile,
    Contribution,
    ContributionKind,
    Incentive,
    Problem,
    ProblemCategory,
    ProblemStatus,
)
from events.models import Event
from portal.demo import texts, upsert
from portal.models import Agency, Project, ReviewState

# slug, name (tr), name (en), sector, size, description (tr, en)
COMPANIES = [
    (
        "ornek-bilisim-demo",
        "Örnek Bilişim A.Ş. (demo)",
        "Örnek Bilişim Inc. (demo)",
        "software",
        "medium",
        (
            "Demo şirket: e-devlet yazılımları geliştiren uydurma bir firma.",
            "Demo company: a made-up firm that builds e-government software.",
        ),
    ),
    (
        "deneme-telekom-demo",
        "Deneme Telekom A.Ş. (demo)",
        "Deneme Telekom Inc. (demo)",
        "telecom",
        "large",
        (
            "Demo şirket: uydurma bir telekomünikasyon operatörü.",
            "Demo company: a made-up telecommunications operator.",
        ),
    ),
    (
        "misal-siber-demo",
        "Misal Siber Güvenlik Ltd. Şti. (demo)",
        "Misal Cyber Security Ltd. (demo)",
        "cybersecurity",
        "small",
        (
            "Demo şirket: kamu kurumlarına siber güvenlik danışmanlığı veren uydurma bir firma.",
            "Demo company: a made-up firm that advises public agencies on cybersecurity.",
        ),
    ),
]
DEMO_PROJECT = "e-government-education-centre-azerbaijan"
DEMO_EVENT = "wsis-forum-2026"
PUBLISHED_AT = dt.datetime(2026, 2, 2, 10, 0, tzinfo=ZoneInfo("Europe/Istanbul"))
PUBLISHED = {"review_state": ReviewState.PUBLISHED, "published_at": PUBLISHED_AT}


def _companies() -> dict[str, Agency]:
    found = {}
    for slug, tr, en, sector, size, (about_tr, about_en) in COMPANIES:
        agency, _created = Agency.objects.update_or_create(
            slug=slug, defaults={"name": tr, "name_tr": tr, "name_en": en, "kind": "company", "country": "TR"}
        )
        upsert(
            CompanyProfile,
            {"agency": agency},
            {"sector": sector, "size": size, **texts("description", about_tr, about_en), "is_demo": True},
        )
        found[slug] = agency
    return found


def _contributions(companies: dict[str, Agency]) -> int:
    event = Event.objects.filter(slug=DEMO_EVENT).first()
    project = Project.objects.filter(slug=DEMO_PROJECT, review_state=ReviewState.PUBLISHED).first()
    rows = []
    if event is not None:
        rows += [
            (
                "deneme-telekom-demo",
                {"event": event, "kind": ContributionKind.SPONSORSHIP},
                {"year": 2026, "amount": Decimal("25000.00"), "currency": "EUR"},
                (
                    "Demo: forumdaki Türkiye oturumunun ikram giderlerine sponsorluk.",
                    "Demo: sponsorship of the catering of the Türkiye session at the forum.",
                ),
            ),
            (
                "ornek-bilisim-demo",
                {"event": event, "kind": ContributionKind.EXHIBITION_STAND},
                {"year": 2026, "amount": None, "currency": ""},
                (
                    "Demo: sergi alanında kamu projelerinin tanıtıldığı ortak stant.",
                    "Demo: a shared stand in the exhibition where public projects were shown.",
                ),
            ),
        ]
    if project is not None:
        rows.append(
            (
                "misal-siber-demo",
                {"project": project, "kind": ContributionKind.EXPERTISE},
                {"year": 2025, "amount": None, "currency": ""},
                (
                    "Demo: eğitim merkezinin siber güvenlik müfredatına uzman desteği.",
                    "Demo: expert advice on the education centre's cybersecurity curriculum.",
                ),
            )
        )
    for slug, lookup, values, (about_tr, about_en) in rows:
        upsert(
            Contribution,
            {"agency": companies[slug], **lookup},
            {**values, **texts("description", about_tr, about_en), **PUBLISHED, "is_demo": True},
        )
    return len(rows)


def _problem(companies: dict[str, Agency]) -> int:
    problem = upsert(
        Problem,
        {"agency": companies["ornek-bilisim-demo"], "category": ProblemCategory.PAYMENT_DELAYS, "is_demo": True},
        {
            "description": (
                "Demo: Kamu ihalesiyle teslim edilen yazılım işlerinin ödemeleri sözleşmedeki süreden aylarca sonra "
                "yapılıyor; küçük firmalar nakit sıkıntısına düşüyor. / Demo: payments for software delivered under "
                "public procurement arrive months after the contractual term; small firms run short of cash."
            ),
            "status": ProblemStatus.BEING_ADDRESSED,
            **PUBLISHED,
        },
    )
    problem.agencies_concerned.set(Agency.objects.filter(slug="hmb"))
    return 1


def _incentives() -> int:
    offers = [
        (
            "ticaret",
            ("Bilişim fuarları için ihracat desteği (demo)", "Export support for ICT fairs (demo)"),
            (
                "Demo: yurt dışındaki bilişim fuarlarına katılan şirketlerin stant ve seyahat giderlerinin bir "
                "kısmının karşılanması. Oranlar ve tavanlar burada uydurmadır; geçerli koşullar için kurumun "
                "duyurularına bakın.",
                "Demo: part of the stand and travel costs of companies exhibiting at ICT fairs abroad is covered. "
                "Rates and ceilings are not given here; see the agency's announcements for the conditions in force.",
            ),
            (
                "Demo: fuardan önce kurumun başvuru sistemi üzerinden başvurun.",
                "Demo: apply through the agency's application system before the fair.",
            ),
            ["software", "telecom", "hardware", "cybersecurity", "cloud"],
            True,
        ),
        (
            "sanayi",
            (
                "Kamu projeleri için Ar-Ge işbirliği desteği (demo)",
                "R&D cooperation support for public projects (demo)",
            ),
            (
                "Demo: bir kamu kurumunun ihtiyacına yönelik Ar-Ge projesi yürüten şirketlere proje bazlı destek. "
                "Bu kayıt örnektir ve belirli bir programı anlatmaz.",
                "Demo: project-based support for companies running R&D for a public agency's need. This record is an "
                "example and describes no particular programme.",
            ),
            (
                "Demo: kamu kurumuyla birlikte ortak başvuru yapılır.",
                "Demo: apply jointly with the public agency.",
            ),
            [],
            False,
        ),
    ]
    for slug, (title_tr, title_en), (about_tr, about_en), (apply_tr, apply_en), sectors, is_open in offers:
        upsert(
            Incentive,
            {"title_en": title_en, "is_demo": True},
            {
                **texts("title", title_tr, title_en),
                **texts("description", about_tr, about_en),
                **texts("how_to_apply", apply_tr, apply_en),
                "offered_by": Agency.objects.filter(slug=slug).first(),
                "eligible_sectors": sectors,
                "is_open": is_open,
            },
        )
    return len(offers)


@transaction.atomic
def load() -> dict:
    """Create or update the demo companies, their contributions, problem and the incentives; running it again
    changes nothing."""
    with translation.override("tr"):  # the bare translated fields are the Turkish ones
        companies = _companies()
        contributions = _contributions(companies)
        problems = _problem(companies)
        incentives = _incentives()
    return {
        "companies": len(companies),
        "contributions": contributions,
        "company problems": problems,
        "incentives": incentives,
    }
