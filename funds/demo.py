"""Demo data of the funds area, on top of the core's demo (portal/demo.py).

The funders, programmes and the grant are sourced facts: each carries the address it comes from. The calls are
invented for the demo (next year, marked tentative and "demo" in their titles): none of them is a real call.
"""

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.utils import timezone, translation

from funds.models import CallState, Funder, FundingCall, FundingProgramme, Grant, Scope
from portal.demo import texts, upsert
from portal.models import ActionLine, Agency, Project, ReviewState, Theme

EU_MEMBER_STATES = [
    *("AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU"),
    *("IE", "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK"),
]

# slug → values
FUNDERS = {
    # Seed 004 and https://en.wikipedia.org/wiki/KOICA: founded on 1 April 1991 under the Ministry of Foreign
    # Affairs to carry out the Korean government's grant aid and technical cooperation programmes.
    "koica": {
        **texts("name", "Kore Uluslararası İşbirliği Ajansı", "Korea International Cooperation Agency"),
        **texts(
            "description",
            "Kore hükümetinin hibe yardımlarını ve teknik işbirliği programlarını yürüten kamu kurumu; 1 Nisan 1991'de "
            "Dışişleri Bakanlığına bağlı olarak kuruldu.",
            "The government agency that carries out Korea's grant aid and technical cooperation programmes, founded "
            "on 1 April 1991 under the Ministry of Foreign Affairs.",
        ),
        "acronym": "KOICA",
        "kind": Funder.Kind.BILATERAL,
        "country": "KR",
        "website": "https://www.koica.go.kr/",
    },
    # https://digital-strategy.ec.europa.eu/en/faqs/questions-and-answers-digital-europe-programme
    "european-union": {
        **texts("name", "Avrupa Birliği (Avrupa Komisyonu)", "European Union (European Commission)"),
        **texts(
            "description",
            "Avrupa Komisyonu, AB bütçesinden dijital dönüşüm ve yükseköğretim programlarını yürütür.",
            "The European Commission runs the EU budget's digital transformation and higher education programmes.",
        ),
        "acronym": "EU",
        "kind": Funder.Kind.EU,
        "country": "",
        "website": "https://commission.europa.eu/",
    },
    # http://www.worldbank.org/en/programs/digital-development-partnership
    "world-bank": {
        **texts("name", "Dünya Bankası", "World Bank"),
        **texts(
            "description",
            "Gelişmekte olan ülkelere kalkınma finansmanı sağlayan çok taraflı kuruluş.",
            "The multilateral institution that finances development in developing countries.",
        ),
        "acronym": "WB",
        "kind": Funder.Kind.MULTILATERAL,
        "country": "",
        "website": "https://www.worldbank.org/",
    },
    # https://tr.wikipedia.org/wiki/TİKA: founded on 27 January 1992, attached to the Ministry of Culture and
    # Tourism, organises Türkiye's development assistance through its programme coordination offices abroad.
    "tika": {
        **texts(
            "name", "Türk İşbirliği ve Koordinasyon Ajansı Başkanlığı", "Turkish Cooperation and Coordination Agency"
        ),
        **texts(
            "description",
            "Türkiye'nin yurt dışı kalkınma yardımlarını program koordinasyon ofisleri aracılığıyla düzenler; 27 Ocak "
            "1992'de kuruldu, Kültür ve Turizm Bakanlığına bağlıdır.",
            "Organises Türkiye's development assistance through its programme coordination offices abroad; founded "
            "on 27 January 1992, attached to the Ministry of Culture and Tourism.",
        ),
        "acronym": "TİKA",
        "kind": Funder.Kind.NATIONAL,
        "country": "TR",
        "website": "https://www.tika.gov.tr/",
    },
}

# slug → (funder slug, values, theme slugs, action line codes)
PROGRAMMES = {
    # https://en.wikipedia.org/wiki/KOICA (grant aid and technical cooperation); seed 004 and
    # http://ifg.cc/aktuelles/nachrichten/regionen/271-az-aserbaidschan-azerbaijan/43106-azerbaijans-communication-ministry-signs-grant-agreement-in-e-government-project.html
    # (the grant agreement is signed by the two governments: Korea's foreign ministry and the recipient ministry).
    "koica-grant-aid": (
        "koica",
        {
            **texts("name", "KOICA hibe projeleri", "KOICA grant aid projects"),
            **texts(
                "description",
                "Ortak ülkelerin kamu kurumlarına hibe yardımı ve teknik işbirliği: bilgi sistemleri, ekipman, Koreli "
                "uzmanlar ve kamu görevlilerinin Kore'de eğitimi.",
                "Grant aid and technical cooperation for partner countries' public institutions: information "
                "systems, equipment, Korean experts and training of officials in Korea.",
            ),
            **texts(
                "how_to_apply",
                "Ortak ülkenin hükümeti üzerinden: hibe anlaşması Kore hükümeti ile alıcı ülkenin hükümeti arasında "
                "imzalanır.",
                "Through the partner country's government: the grant arrangement is signed between the Korean "
                "government and the recipient's.",
            ),
            "scope": Scope.INTERNATIONAL,
            "eligible_agency_kinds": [],
            "eligible_countries": [],
            "currency": "USD",
            "website": "https://www.koica.go.kr/",
        },
        ["e-government", "digital-skills"],
        [],
    ),
    # https://digital-strategy.ec.europa.eu/en/faqs/questions-and-answers-digital-europe-programme: for businesses,
    # citizens and public administrations; supercomputing, AI, cybersecurity, advanced digital skills and the wide
    # use of digital technologies (semiconductors since September 2023); EUR 7.9 billion (2021 prices); EU member
    # states and associated countries. Türkiye takes part: its national contact points answer at
    # https://dijitalavrupa.sanayi.gov.tr/, whose FAQ gives the usual EU funding rate of 50 % of eligible costs
    # (each call's document sets its own).
    "digital-europe": (
        "european-union",
        {
            **texts("name", "Dijital Avrupa Programı (DIGITAL)", "Digital Europe Programme (DIGITAL)"),
            **texts(
                "description",
                "İşletmelere, vatandaşlara ve kamu yönetimlerine dijital teknolojiyi getiren AB programı: süper "
                "bilgisayarlar, yapay zekâ, siber güvenlik, ileri dijital beceriler ve dijital teknolojilerin "
                "yaygın kullanımı. Toplam bütçe 7,9 milyar avro (2021 fiyatlarıyla).",
                "The EU programme that brings digital technology to businesses, citizens and public "
                "administrations: supercomputing, artificial intelligence, cybersecurity, advanced digital skills "
                "and the wide use of digital technologies. Overall budget EUR 7.9 billion (2021 prices).",
            ),
            **texts(
                "how_to_apply",
                "Çağrılar AB Fonlama ve İhale Portalında yayımlanır; Türkiye'deki ulusal irtibat noktaları "
                "başvuru sahiplerine yol gösterir.",
                "Calls are published on the EU Funding & Tenders portal; the national contact points in Türkiye "
                "guide applicants.",
            ),
            "scope": Scope.INTERNATIONAL,
            "eligible_agency_kinds": [],
            "eligible_countries": sorted([*EU_MEMBER_STATES, "TR"]),
            "currency": "EUR",
            "co_financing_percent": Decimal("50.00"),
            "website": "https://digital-strategy.ec.europa.eu/en/activities/digital-programme",
        },
        ["e-government", "interoperability", "cybersecurity", "digital-skills"],
        ["C5", "C7.1"],
    ),
    # https://erasmus-plus.ec.europa.eu/opportunities/opportunities-for-organisations/cooperation-among-organisations-and-institutions/capacity-building-higher-education
    # and https://www.fundingprogrammesportal.gov.cy/en/call/capacity-building-in-higher-education-en-2025: three
    # strands, lump sums, projects of 24 or 36 months (strands 1 and 2), for higher education in third countries
    # not associated to the programme; Azerbaijan is one of them (Eastern Partnership, https://erasmusplus.am/about-programme/).
    # Only the demo agencies' countries the sources name are listed.
    "erasmus-cbhe": (
        "european-union",
        {
            **texts(
                "name",
                "Erasmus+ Yükseköğretimde Kapasite Geliştirme (CBHE)",
                "Erasmus+ Capacity Building in Higher Education (CBHE)",
            ),
            **texts(
                "description",
                "Programa bağlı olmayan üçüncü ülkelerde yükseköğretimin modernleşmesi için çok taraflı ortaklık "
                "projeleri; üç alt tür (işbirliğine erişim, dönüşüm ortaklıkları, yapısal reform), götürü tutarlı "
                "hibe, 24 veya 36 ay.",
                "Multilateral partnership projects that modernise higher education in third countries not associated "
                "to the programme; three strands (access to cooperation, partnerships for transformation, structural "
                "reform), lump-sum grants, 24 or 36 months.",
            ),
            **texts(
                "how_to_apply",
                "Yükseköğretim kurumlarından oluşan bir konsorsiyum, yıllık Erasmus+ çağrısına başvurur.",
                "A consortium of higher education institutions applies to the yearly Erasmus+ call.",
            ),
            "scope": Scope.INTERNATIONAL,
            "eligible_agency_kinds": ["university"],
            "eligible_countries": ["AZ"],
            "currency": "EUR",
            "website": "https://erasmus-plus.ec.europa.eu/opportunities/opportunities-for-organisations/"
            "cooperation-among-organisations-and-institutions/capacity-building-higher-education",
        },
        ["digital-skills", "e-education"],
        ["C4", "C7.3"],
    ),
    # http://www.worldbank.org/en/programs/digital-development-partnership: public and private partners support
    # developing countries in drawing up and carrying out digital development strategies and plans.
    "digital-development-partnership": (
        "world-bank",
        {
            **texts("name", "Dijital Kalkınma Ortaklığı (DDP)", "Digital Development Partnership (DDP)"),
            **texts(
                "description",
                "Kamu ve özel sektör ortaklarını bir araya getirerek gelişmekte olan ülkelerin dijital kalkınma "
                "stratejilerini ve planlarını hazırlamalarını ve uygulamalarını destekler.",
                "Brings public and private partners together to help developing countries draw up and carry out "
                "their digital development strategies and plans.",
            ),
            "scope": Scope.INTERNATIONAL,
            "eligible_agency_kinds": [],
            "eligible_countries": [],
            "currency": "USD",
            "website": "https://www.worldbank.org/en/programs/digital-development-partnership",
        },
        ["e-government", "broadband", "digital-inclusion"],
        ["C2", "C7.1"],
    ),
    # https://economy.gov.az/az/page/beynelxalq-elaqeler/beynelxalq-donorlar/turk-emekdasliq-ve-koordinasiya-agentliyi:
    # TİKA's Baku programme coordination office works since 1994; its projects are one-off, small-scale support
    # (agriculture, tourism, institutional infrastructure, economic, technical, social, cultural and health
    # fields) with Azerbaijan's state and non-state bodies.
    "tika-azerbaijan": (
        "tika",
        {
            **texts("name", "TİKA Azerbaycan projeleri", "TİKA projects in Azerbaijan"),
            **texts(
                "description",
                "TİKA Bakü Program Koordinasyon Ofisi (1994'ten beri) aracılığıyla Azerbaycan'ın kamu ve sivil "
                "kuruluşlarına tek seferlik, küçük ölçekli destekler: kurumsal altyapı, teknik, sosyal, kültürel ve "
                "sağlık alanları.",
                "One-off, small-scale support to Azerbaijan's state and non-state bodies through TİKA's Baku "
                "programme coordination office (since 1994): institutional infrastructure, technical, social, "
                "cultural and health fields.",
            ),
            **texts(
                "how_to_apply",
                "TİKA Bakü Program Koordinasyon Ofisi ile görüşülür.",
                "Through TİKA's programme coordination office in Baku.",
            ),
            "scope": Scope.INTERNATIONAL,
            "eligible_agency_kinds": [],
            "eligible_countries": ["AZ"],
            "website": "https://www.tika.gov.tr/",
        },
        [],
        [],
    ),
}

# Seed 004 (Azernews, 20 December 2013): the grant arrangement between the Korean and the Azerbaijani governments
# on the Establishment of Educational Center for e-Government in Azerbaijan was signed on 18 April 2013; a two-year
# project of USD 3.7 million carried out by KOICA.
KOICA_GRANT = {
    "funder": "koica",
    "programme": "koica-grant-aid",
    "agency": "mincom-az",
    "project": "e-government-education-centre-azerbaijan",
    "signed_on": dt.date(2013, 4, 18),
    "values": {
        "amount": Decimal("3700000.00"),
        "currency": "USD",
        "duration_months": 24,
        **texts(
            "purpose",
            "Azerbaycan E-Devlet Eğitim Merkezinin kurulması: kamu görevlilerinin eğitimi ve e-devleti "
            "kolaylaştıran çevrim içi eğitim hizmetleri için Eğitim Bilgi Sistemi; merkezi ve bölgesel e-devlet "
            "eğitim merkezlerine bilgi teknolojisi ekipmanı.",
            "Establishment of Educational Center for e-Government in Azerbaijan: an Education Information System "
            "to train government officials and provide online educational services that facilitate e-government, "
            "and information technology equipment for the central and regional e-government education centres.",
        ),
        "source_url": "https://www.azernews.az/business/62775.html",
        "review_state": ReviewState.PUBLISHED,
    },
}


def demo_calls(year: int) -> list[tuple[str, dict]]:
    """The demo calls of `year` (next year): (programme slug, values). Invented dates in the funder's zone; the
    EU's calls close at 17:00 Brussels time, as on the Funding & Tenders portal (see perin.pt's Digital Europe
    page: "17 May 2022 (17:00:00 Brussels local time)"), and earlier CBHE calls at 12:00 Brussels time
    (https://eacea.ec.europa.eu/erasmus-plus/funding/key-action-2-capacity-building-in-field-higher-education-2015_en)."""
    return [
        (
            "erasmus-cbhe",
            {
                **texts(
                    "title",
                    f"Erasmus+ CBHE {year} çağrısı (demo, tarihler tahminidir)",
                    f"Erasmus+ CBHE {year} call (demo, estimated dates)",
                ),
                "opens_on": dt.date(year - 1, 12, 1),
                "deadline": dt.date(year, 2, 11),
                "deadline_time": dt.time(12, 0),
                "tz": "Europe/Brussels",
                "url": "https://erasmus-plus.ec.europa.eu/opportunities/opportunities-for-organisations/"
                "cooperation-among-organisations-and-institutions/capacity-building-higher-education",
            },
        ),
        (
            "digital-europe",
            {
                **texts(
                    "title",
                    f"Dijital Avrupa {year}: birlikte çalışabilir dijital kamu hizmetleri (demo, tarihler tahminidir)",
                    f"Digital Europe {year}: interoperable digital public services (demo, estimated dates)",
                ),
                "opens_on": dt.date(year, 1, 20),
                "deadline": dt.date(year, 4, 22),
                "deadline_time": dt.time(17, 0),
                "tz": "Europe/Brussels",
                "url": "https://digital-strategy.ec.europa.eu/en/activities/digital-programme",
            },
        ),
        (
            "digital-europe",
            {
                **texts(
                    "title",
                    f"Dijital Avrupa {year}: siber güvenlik (demo, tarihler tahminidir)",
                    f"Digital Europe {year}: cybersecurity (demo, estimated dates)",
                ),
                "opens_on": dt.date(year, 5, 12),
                "deadline": dt.date(year, 9, 23),
                "deadline_time": dt.time(17, 0),
                "tz": "Europe/Brussels",
                "url": "https://digital-strategy.ec.europa.eu/en/activities/digital-programme",
            },
        ),
    ]


@transaction.atomic
def load() -> dict:
    """Create or update the demo funders, programmes, calls and the seed's grant; running it again changes
    nothing."""
    with translation.override("tr"):  # the bare translated fields are the Turkish ones
        funders = {slug: upsert(Funder, {"slug": slug}, values) for slug, values in FUNDERS.items()}
        programmes = {}
        for slug, (funder, values, themes, lines) in PROGRAMMES.items():
            programme = upsert(FundingProgramme, {"slug": slug}, {"funder": funders[funder], **values})
            programme.themes.set(Theme.objects.filter(slug__in=themes))
            programme.action_lines.set(ActionLine.objects.filter(code__in=lines))
            programmes[slug] = programme

        year = timezone.localdate().year + 1
        calls = []
        for programme, values in demo_calls(year):
            calls.append(
                upsert(
                    FundingCall,
                    {"programme": programmes[programme], "title_en": values["title_en"]},
                    {**values, "state": CallState.TENTATIVE},
                )
            )

        grant = KOICA_GRANT
        upsert(
            Grant,
            {
                "funder": funders[grant["funder"]],
                "agency": Agency.objects.get(slug=grant["agency"]),
                "signed_on": grant["signed_on"],
            },
            {
                "programme": programmes[grant["programme"]],
                "project": Project.objects.get(slug=grant["project"]),
                **grant["values"],
            },
        )
    return {"funders": len(funders), "funding programmes": len(programmes), "funding calls": len(calls), "grants": 1}
