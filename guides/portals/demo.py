"""Demo data of the portals part, on top of the core's demo projects and the library's guides.

The portals are real and described only by what is well known of them: who runs them, their addresses and what
kind of entries they hold (seed 002 gives WSIS Stocktaking's address and what it collects; seed 000 names
ePractice, listed here as closed and historical: its year of closing is left empty for want of a source). How to get
listed is written for the portal in general terms, not copied. The listings of the demo projects are made up and
marked demo; they carry no entry address, so none points at a page that does not exist.
"""

import datetime as dt
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import translation

from guides.portals.models import InternationalPortal, PortalListing, PortalStatus
from portal.demo import texts, upsert
from portal.models import Project, ReviewState

GUIDE_SLUG = "international-portals"
PUBLISHED_AT = dt.datetime(2026, 3, 2, 10, 0, tzinfo=ZoneInfo("Europe/Istanbul"))

# slug, acronym, owner, url, status, name (tr, en), accepts (tr, en), how to get listed (tr, en)
PORTALS = [
    (
        "wsis-stocktaking",
        "WSIS",
        "ITU",
        "https://www.itu.int/net4/wsis/stocktaking",
        PortalStatus.ACTIVE,
        ("WSIS Stocktaking", "WSIS Stocktaking"),
        (
            "Hükümetlerin, uluslararası kuruluşların, özel sektörün, sivil toplumun ve akademinin WSIS eylem "
            "alanlarındaki proje ve faaliyetleri; girdiler yıllık WSIS Stocktaking raporlarında yayımlanır.",
            "Projects and activities of governments, international organisations, the private sector, civil society "
            "and academia under the WSIS action lines; the entries are published in the yearly WSIS Stocktaking "
            "reports.",
        ),
        (
            "1. Portalda kurumunuz adına bir hesap açın.\n2. Projeyi ilgili WSIS eylem alanlarıyla birlikte girin.\n"
            "3. WSIS Ödülleri adaylıkları da aynı portal üzerinden yapılır.",
            "1. Open an account for your agency on the portal.\n2. Enter the project with the WSIS action lines it "
            "serves.\n3. Nominations for the WSIS Prizes are made through the same portal.",
        ),
    ),
    (
        "joinup",
        "Joinup",
        "European Commission",
        "https://joinup.ec.europa.eu",
        PortalStatus.ACTIVE,
        ("Interoperable Europe / Joinup", "Interoperable Europe / Joinup"),
        (
            "Birlikte çalışabilirlik çözümleri, açık kaynak yazılımlar ve kamu kurumlarının dijital kamu hizmetleri "
            "üzerine örnek çalışmalar.",
            "Interoperability solutions, open-source software and case studies of public administrations' digital "
            "public services.",
        ),
        (
            "Bir kullanıcı hesabı açın, çözümü ya da örnek çalışmayı ilgili topluluğa önerin; platformun "
            "moderatörleri yayımlamadan önce inceler.",
            "Open a user account and propose the solution or case study to the relevant collection; the platform's "
            "moderators review it before it is published.",
        ),
    ),
    (
        "oecd-opsi",
        "OPSI",
        "OECD",
        "https://oecd-opsi.org",
        PortalStatus.ACTIVE,
        (
            "OECD Kamu Sektörü İnovasyon Gözlemevi (OPSI)",
            "OECD Observatory of Public Sector Innovation (OPSI)",
        ),
        (
            "Kamu sektöründe yenilikçi uygulamaların örnek olay kütüphanesi.",
            "A case study library of innovations in the public sector.",
        ),
        (
            "Yeniliği, sonuçlarını ve edinilen dersleri anlatan bir örnek olay formu doldurun.",
            "Fill in a case study form describing the innovation, its results and the lessons learned.",
        ),
    ),
    (
        "un-egov-kb",
        "UN DESA",
        "UN DESA",
        "https://publicadministration.un.org/egovkb",
        PortalStatus.ACTIVE,
        ("BM e-Devlet Bilgi Tabanı", "UN e-Government Knowledge Base"),
        (
            "BM E-Devlet Araştırması'nın verileri ve ülke profilleri.",
            "The data and country profiles of the UN E-Government Survey.",
        ),
        (
            "Ülkeler araştırmaya ulusal odak noktaları aracılığıyla katkı verir; kurumunuzun bilgisini ulusal odak "
            "noktasına iletin.",
            "Countries contribute to the survey through their national focal points; send your agency's information "
            "to the national focal point.",
        ),
    ),
    (
        "epractice",
        "ePractice",
        "European Commission",
        "http://www.epractice.eu",
        PortalStatus.CLOSED,
        ("ePractice", "ePractice"),
        (
            "E-devlet, e-katılım ve e-sağlık alanlarında iyi uygulama örnekleri (tarihsel).",
            "Good-practice cases in e-government, e-inclusion and e-health (historical).",
        ),
        (
            "Portal artık giriş kabul etmiyor; Çalışma Grubu'nun kuruluş belgesinde örnek olarak anılır.",
            "The portal no longer takes entries; the working group's founding document names it as an example.",
        ),
    ),
]

# project slug, portal slug, review state, listed on, note (tr, en)
LISTINGS = [
    (
        "e-government-education-centre-azerbaijan",
        "wsis-stocktaking",
        ReviewState.PUBLISHED,
        dt.date(2016, 2, 15),
        ("Demo kayıt.", "Demo listing."),
    ),
    (
        "msrt-data-exchange-gateway",
        "oecd-opsi",
        ReviewState.PUBLISHED,
        dt.date(2025, 9, 1),
        ("Demo kayıt.", "Demo listing."),
    ),
    (
        "msrt-data-exchange-gateway",
        "wsis-stocktaking",
        ReviewState.SUBMITTED,
        dt.date(2026, 1, 20),
        ("Demo kayıt: Çalışma Grubu'nun incelemesini bekliyor.", "Demo listing: waiting for the working group."),
    ),
    (
        "btk-wsis-stocktaking-coordination",
        "wsis-stocktaking",
        ReviewState.SUBMITTED,
        None,
        ("Demo kayıt: proje henüz yayımlanmadı.", "Demo listing: the project is not published yet."),
    ),
]


def _portals() -> dict[str, InternationalPortal]:
    from guides.library.models import Guide

    guide = Guide.objects.filter(slug=GUIDE_SLUG).first()
    found = {}
    for position, (slug, acronym, owner, url, status, names, accepts, how) in enumerate(PORTALS, start=1):
        found[slug] = upsert(
            InternationalPortal,
            {"slug": slug},
            {
                **texts("name", *names),
                **texts("accepts", *accepts),
                **texts("how_to_list", *how),
                "acronym": acronym,
                "owner": owner,
                "url": url,
                "status": status,
                "closed_year": None,
                "guide": guide,
                "position": position,
                "demo": False,
            },
        )
    return found


def _listings(portals: dict[str, InternationalPortal]) -> int:
    count = 0
    for project_slug, portal_slug, state, listed_on, note in LISTINGS:
        project = Project.objects.filter(slug=project_slug).first()
        if project is None:
            continue
        published = state == ReviewState.PUBLISHED
        upsert(
            PortalListing,
            {"portal": portals[portal_slug], "project": project},
            {
                "agency": project.agency,
                "listed_on": listed_on,
                **texts("note", *note),
                "review_state": state,
                "submitted_at": PUBLISHED_AT,
                "published_at": PUBLISHED_AT if published else None,
                "demo": True,
            },
        )
        count += 1
    return count


@transaction.atomic
def load() -> dict:
    """Create or update the portals and the demo projects' listings; running it again changes nothing."""
    with translation.override("tr"):  # the bare translated fields are the Turkish ones
        portals = _portals()
        listings = _listings(portals)
    return {"international portals": len(portals), "portal listings": listings}
