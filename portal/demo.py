"""Demo data of the core, from the seed documents: agencies on seed 002's distribution list and its
sender, the agencies named in the other seeds, demo contacts and projects, and an admin account."""

import datetime as dt
import os
from collections.abc import Callable
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.db import transaction

from portal import services
from portal.models import (
    SDG,
    ActionLine,
    Agency,
    AgencyDomain,
    Contact,
    PartnershipState,
    Project,
    ReviewState,
    Theme,
)

DEMO_ADMIN_EMAIL = "admin@portal.example"
DEMO_CONTACT_PASSWORD_ENV = "DEMO_CONTACT_PASSWORD"

# slug, kind, country, domain (verified), Turkish name, English name, other names {lang: name}, acronym
AGENCIES = [
    ("adalet", "ministry", "TR", "adalet.gov.tr", "Adalet Bakanlığı", "Ministry of Justice", {}, ""),
    (
        "aile",
        "ministry",
        "TR",
        "aile.gov.tr",
        "Aile ve Sosyal Hizmetler Bakanlığı",
        "Ministry of Family and Social Services",
        {},
        "",
    ),
    (
        "csgb",
        "ministry",
        "TR",
        "csgb.gov.tr",
        "Çalışma ve Sosyal Güvenlik Bakanlığı",
        "Ministry of Labour and Social Security",
        {},
        "ÇSGB",
    ),
    (
        "csb",
        "ministry",
        "TR",
        "csb.gov.tr",
        "Çevre, Şehircilik ve İklim Değişikliği Bakanlığı",
        "Ministry of Environment, Urbanisation and Climate Change",
        {},
        "ÇŞİDB",
    ),
    ("disisleri", "ministry", "TR", "mfa.gov.tr", "Dışişleri Bakanlığı", "Ministry of Foreign Affairs", {}, ""),
    (
        "enerji",
        "ministry",
        "TR",
        "enerji.gov.tr",
        "Enerji ve Tabii Kaynaklar Bakanlığı",
        "Ministry of Energy and Natural Resources",
        {},
        "ETKB",
    ),
    ("gsb", "ministry", "TR", "gsb.gov.tr", "Gençlik ve Spor Bakanlığı", "Ministry of Youth and Sports", {}, "GSB"),
    (
        "hmb",
        "ministry",
        "TR",
        "hmb.gov.tr",
        "Hazine ve Maliye Bakanlığı",
        "Ministry of Treasury and Finance",
        {},
        "HMB",
    ),
    ("icisleri", "ministry", "TR", "icisleri.gov.tr", "İçişleri Bakanlığı", "Ministry of Interior", {}, ""),
    ("ktb", "ministry", "TR", "ktb.gov.tr", "Kültür ve Turizm Bakanlığı", "Ministry of Culture and Tourism", {}, "KTB"),
    ("meb", "ministry", "TR", "meb.gov.tr", "Milli Eğitim Bakanlığı", "Ministry of National Education", {}, "MEB"),
    ("msb", "ministry", "TR", "msb.gov.tr", "Milli Savunma Bakanlığı", "Ministry of National Defence", {}, "MSB"),
    ("saglik", "ministry", "TR", "saglik.gov.tr", "Sağlık Bakanlığı", "Ministry of Health", {}, ""),
    (
        "sanayi",
        "ministry",
        "TR",
        "sanayi.gov.tr",
        "Sanayi ve Teknoloji Bakanlığı",
        "Ministry of Industry and Technology",
        {},
        "",
    ),
    (
        "tarimorman",
        "ministry",
        "TR",
        "tarimorman.gov.tr",
        "Tarım ve Orman Bakanlığı",
        "Ministry of Agriculture and Forestry",
        {},
        "",
    ),
    ("ticaret", "ministry", "TR", "ticaret.gov.tr", "Ticaret Bakanlığı", "Ministry of Trade", {}, ""),
    (
        "uab",
        "ministry",
        "TR",
        "uab.gov.tr",
        "Ulaştırma ve Altyapı Bakanlığı",
        "Ministry of Transport and Infrastructure",
        {},
        "UAB",
    ),
    ("siber-guvenlik", "presidency", "TR", "", "Siber Güvenlik Başkanlığı", "Cyber Security Directorate", {}, ""),
    (
        "sbb",
        "presidency",
        "TR",
        "sbb.gov.tr",
        "Strateji ve Bütçe Başkanlığı",
        "Presidency of Strategy and Budget",
        {},
        "SBB",
    ),
    (
        "yatirim-ofisi",
        "presidency",
        "TR",
        "invest.gov.tr",
        "Yatırım ve Finans Ofisi Başkanlığı",
        "Investment and Finance Office of the Presidency",
        {},
        "",
    ),
    ("iletisim", "presidency", "TR", "iletisim.gov.tr", "İletişim Başkanlığı", "Directorate of Communications", {}, ""),
    (
        "yok",
        "presidency",
        "TR",
        "yok.gov.tr",
        "Yükseköğretim Kurulu Başkanlığı",
        "Council of Higher Education",
        {},
        "YÖK",
    ),
    # The sender of the WSIS Prizes 2026 circular (seed 002).
    (
        "btk",
        "regulator",
        "TR",
        "btk.gov.tr",
        "Bilgi Teknolojileri ve İletişim Kurumu",
        "Information and Communication Technologies Authority",
        {},
        "BTK",
    ),
    # Seed 003.
    (
        "msrt",
        "ministry",
        "IR",
        "msrt.ir",
        "İran Bilim, Araştırma ve Teknoloji Bakanlığı",
        "Ministry of Science, Research and Technology of Iran",
        {"fa": "وزارت علوم، تحقیقات و فناوری"},
        "MSRT",
    ),
    # Seed 004.
    (
        "mincom-az",
        "ministry",
        "AZ",
        "mincom.gov.az",
        "Azerbaycan Haberleşme ve Bilgi Teknolojileri Bakanlığı",
        "Ministry of Communication and Information Technologies of Azerbaijan",
        {"az": "Azərbaycan Respublikası Rabitə və İnformasiya Texnologiyaları Nazirliyi"},
        "MCIT",
    ),
    (
        "koica",
        "public_agency",
        "KR",
        "koica.go.kr",
        "Kore Uluslararası İşbirliği Ajansı",
        "Korea International Cooperation Agency",
        {},
        "KOICA",
    ),
    # Seed 001.
    (
        "soros-kg",
        "ngo",
        "KG",
        "soros.kg",
        "Soros Vakfı–Kırgızistan",
        "Soros Foundation–Kyrgyzstan",
        {"ky": "Сорос-Кыргызстан фонду", "ru": "Фонд «Сорос-Кыргызстан»"},
        "",
    ),
]

# email, agency slug, name, title, language, time zone
CONTACTS = [
    ("ayse.yilmaz@btk.example", "btk", "Ayşe Yılmaz", "Bilişim Uzmanı", "tr", "Europe/Istanbul"),
    ("mehmet.kaya@meb.example", "meb", "Mehmet Kaya", "Daire Başkanı", "tr", "Europe/Istanbul"),
    ("reza.ahmadi@msrt.example", "msrt", "Reza Ahmadi", "IT coordinator", "fa", "Asia/Tehran"),
    ("aigul.osmonova@soros.example", "soros-kg", "Aigul Osmonova", "Program coordinator", "ky", "Asia/Bishkek"),
    ("elvin.mammadov@mincom.example", "mincom-az", "Elvin Mammadov", "E-government adviser", "az", "Asia/Baku"),
]

# slug, agency, partners, state, start, end, status, lines, sdgs, themes, titles {lang: (title, summary)}, website
PROJECTS = [
    (
        "e-government-education-centre-azerbaijan",
        "mincom-az",
        ["koica"],
        "published",
        2013,
        2015,
        "completed",
        ["C4", "C7.1"],
        [4, 16],
        ["digital-skills", "e-government"],
        {
            "en": (
                "Educational Center for e-Government in Azerbaijan",
                "An education information system and central and regional e-government education centres that train "
                "government officials, built with a two-year KOICA grant signed on 18 April 2013.",
            ),
            "tr": (
                "Azerbaycan E-Devlet Eğitim Merkezi",
                "Kamu görevlilerini eğiten eğitim bilgi sistemi ile merkezi ve bölgesel e-devlet eğitim merkezleri; "
                "18 Nisan 2013'te imzalanan iki yıllık KOICA hibesiyle kuruldu.",
            ),
            "az": (
                "Azərbaycanda Elektron Hökumət üzrə Təhsil Mərkəzi",
                "Dövlət qulluqçularının təlimi üçün təhsil informasiya sistemi və mərkəzi və regional elektron hökumət "
                "təhsil mərkəzləri.",
            ),
        },
        "",
    ),
    (
        "msrt-data-exchange-gateway",
        "msrt",
        [],
        "published",
        2017,
        None,
        "ongoing",
        ["C7.1", "C7.8", "C1"],
        [9, 16],
        ["interoperability", "e-government"],
        {
            "en": (
                "Data exchange gateway of the Ministry of Science",
                "The single point where the ministry, universities and research institutes exchange and consolidate data, "
                "connected to the national information exchange centre under the e-government development roadmap.",
            ),
            "tr": (
                "Bilim Bakanlığı veri paylaşım geçidi",
                "Bakanlık, üniversiteler ve araştırma kurumları arasında veri alışverişinin tek noktası; e-devlet yol haritası "
                "kapsamında ulusal bilgi paylaşım merkezine bağlıdır.",
            ),
            "fa": (
                "درگاه تبادل اطلاعات وزارت علوم",
                "محل تبادل و تجمیع داده‌ها در وزارت علوم و دانشگاه‌ها و موسسات آموزش عالی و پژوهشی، متصل به مرکز تبادل "
                "اطلاعات ملی.",
            ),
        },
        "https://www.msrt.ir",
    ),
    (
        "soros-kg-information-programme",
        "soros-kg",
        [],
        "published",
        2010,
        None,
        "ongoing",
        ["C3", "C4", "C8"],
        [4, 16, 17],
        ["digital-skills", "e-participation"],
        {
            "en": (
                "Information Programme: Social Innovation Camp, Barcamp and IT forums",
                "Builds the capacity of NGOs, human-rights and media organisations to use ICT and new media, and supports "
                "open knowledge content such as the Kyrgyz Wikipedia.",
            ),
            "tr": (
                "Bilgi Programı: Sosyal İnovasyon Kampı, Barcamp ve BT forumları",
                "Sivil toplum, insan hakları ve medya kuruluşlarının BİT ve yeni medya kullanma kapasitesini artırır; "
                "Kırgızca Vikipedi gibi açık bilgi içeriğini destekler.",
            ),
            "ky": (
                "Маалымат программасы: Social Innovation Camp, Баркэмп жана МТ-форумдар",
                "Өкмөттүк эмес уюмдардын маалымат-коммуникация технологияларын жана жаӊы медиа каражаттарын колдонуу "
                "потенциалын көтөрөт, Кыргыз Википедиясын өнүктүрүүнү колдойт.",
            ),
        },
        "https://soros.kg",
    ),
    (
        "btk-wsis-stocktaking-coordination",
        "btk",
        [],
        "submitted",
        2026,
        2026,
        "ongoing",
        ["C1", "C11"],
        [17],
        ["e-government"],
        {
            "tr": (
                "WSIS Stocktaking ulusal koordinasyonu",
                "Bakanlık ve başkanlıkların WSIS 2026 ödülleri adaylık başvurularının takibi ve bilgilendirilmesi.",
            ),
            "en": (
                "National coordination of WSIS Stocktaking",
                "Following and informing the ministries' and presidencies' nominations for the WSIS Prizes 2026.",
            ),
        },
        "https://www.btk.gov.tr",
    ),
    (
        "meb-english-website",
        "meb",
        [],
        "draft",
        2026,
        None,
        "planned",
        ["C3", "C7.3"],
        [4],
        ["e-education", "digital-inclusion"],
        {
            "tr": (
                "MEB İngilizce web sitesinin yenilenmesi",
                "Bakanlığın İngilizce web sitesinin güncel içerikle yenilenmesi.",
            )
        },
        "",
    ),
]


def _names(tr, en, other):
    return {"name": tr, "name_tr": tr, "name_en": en, **{f"name_{lang}": value for lang, value in other.items()}}


@transaction.atomic
def load(admin_password: str, contact_password: str) -> dict:
    """Create or update every demo record; running it again changes nothing."""
    services.ensure_admin_group()
    agencies = {}
    for slug, kind, country, domain, tr, en, other, acronym in AGENCIES:
        agency, _ = Agency.objects.update_or_create(
            slug=slug,
            defaults={
                **_names(tr, en, other),
                "kind": kind,
                "country": country,
                "acronym": acronym,
                "website": f"https://www.{domain}" if domain else "",
            },
        )
        if domain:
            AgencyDomain.objects.get_or_create(agency=agency, domain=domain)
        agencies[slug] = agency

    user_model = get_user_model()
    admin, created = user_model.objects.get_or_create(
        username=DEMO_ADMIN_EMAIL,
        defaults={"email": DEMO_ADMIN_EMAIL, "is_staff": True, "is_superuser": True, "first_name": "Admin"},
    )
    if created:
        admin.set_password(admin_password)
        admin.save()

    confirmed = dt.datetime(2026, 1, 5, 9, 0, tzinfo=ZoneInfo("Europe/Istanbul"))
    contacts = {}
    for email, slug, name, title, language, tz in CONTACTS:
        user, created = user_model.objects.get_or_create(username=email, defaults={"email": email, "first_name": name})
        if created:
            user.set_password(contact_password)
            user.save()
        contacts[slug], _ = Contact.objects.update_or_create(
            email=email,
            defaults={
                "user": user,
                "agency": agencies[slug],
                "name": name,
                "title": title,
                "language": language,
                "time_zone": tz,
                "confirmed_at": confirmed,
                "approved_at": confirmed,
                "is_active": True,
            },
        )

    published_at = dt.datetime(2026, 2, 1, 10, 0, tzinfo=ZoneInfo("Europe/Istanbul"))
    for slug, agency, partners, state, start, end, status, lines, sdgs, themes, texts, website in PROJECTS:
        fields = {}
        for lang, (title, summary) in texts.items():
            fields[f"title_{lang}"], fields[f"summary_{lang}"] = title, summary
        fields["title"], fields["summary"] = fields.get("title_tr", ""), fields.get("summary_tr", "")
        contact = contacts.get(agency)
        project, _ = Project.objects.update_or_create(
            slug=slug,
            defaults={
                **fields,
                "agency": agencies[agency],
                "start_year": start,
                "end_year": end,
                "status": status,
                "website": website,
                "review_state": state,
                "published_at": published_at if state == ReviewState.PUBLISHED else None,
                "submitted_at": published_at if state != ReviewState.DRAFT else None,
                "reported_by": contact.user if contact else None,
                "submitted_by": contact.user if contact and state != ReviewState.DRAFT else None,
            },
        )
        # The seeds' partners are the working group's facts: accepted.
        project.partner_agencies.set(
            [agencies[p] for p in partners], through_defaults={"state": PartnershipState.ACCEPTED}
        )
        project.action_lines.set(ActionLine.objects.filter(code__in=lines))
        project.sdgs.set(SDG.objects.filter(number__in=sdgs))
        project.themes.set(Theme.objects.filter(slug__in=themes))

    return {"agencies": len(agencies), "contacts": len(contacts), "projects": len(PROJECTS), "admin": DEMO_ADMIN_EMAIL}


def passwords() -> tuple[str, str]:
    return (
        os.environ.get("DEMO_ADMIN_PASSWORD", "demo-admin-2026"),
        os.environ.get(DEMO_CONTACT_PASSWORD_ENV, "demo-contact-2026"),
    )


# --- Shared by the areas' demo data ---------------------------------------------------------------------

# The areas' demo loaders, in the order they were registered (each area's AppConfig.ready(), in the order of
# INSTALLED_APPS: an area may rely on the core's demo records and on the areas before it). A loader creates or
# updates its records and returns what it holds, counted by name ("award editions": 3).
DemoLoader = Callable[[], dict[str, int]]
_LOADERS: list[DemoLoader] = []


def register_loader(loader: DemoLoader) -> DemoLoader:
    if loader not in _LOADERS:
        _LOADERS.append(loader)
    return loader


def area_loaders() -> list[DemoLoader]:
    return list(_LOADERS)


def texts(field: str, tr: str, en: str) -> dict:
    """A translated text in Turkish (the default column) and English."""
    return {field: tr, f"{field}_tr": tr, f"{field}_en": en}


def upsert(model, lookup: dict, values: dict):
    """The record of `lookup` with `values`, saved (and validated) only when something differs: running the demo
    again changes nothing, not even the update times or the deadlines."""
    record = model.objects.filter(**lookup).first()
    if record is None:
        record = model(**{**lookup, **values})
    elif all(getattr(record, field) == value for field, value in values.items()):
        return record
    else:
        for field, value in values.items():
            setattr(record, field, value)
    record.full_clean()
    record.save()
    return record
