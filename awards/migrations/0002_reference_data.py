"""The award programmes the working group follows, with their categories in Turkish and English: the WSIS Prizes
(ITU; 18 categories, one per WSIS action line with C7 split into its eight applications) and the United Nations
Public Service Awards (UN DESA; the categories of its 2026 call). English as the organisers publish it, Turkish
translated by the working group."""

from django.db import migrations

# slug, acronym, frequency, website, {field: (English, Turkish)}
PROGRAMMES = [
    (
        "wsis-prizes",
        "WSIS",
        "annual",
        # Each year's contest lives under https://www.itu.int/net4/wsis/stocktaking/Prizes/<year>: 2026 in ITU's
        # letter relayed by BTK (seed 002), 2021 and 2024 voting pages, 2025 project pages.
        "https://www.itu.int/net4/wsis/stocktaking/Prizes/",
        {
            "name": ("WSIS Prizes", "WSIS Ödülleri"),
            # Seed 002: "Uluslararası Telekomünikasyon Birliği (International Telecommunication Union-ITU)".
            "organiser": (
                "International Telecommunication Union (ITU)",
                "Uluslararası Telekomünikasyon Birliği (ITU)",
            ),
            # https://itu.int/net/pressoffice/press_releases/2011/38.aspx (18 prizes, part of WSIS Stocktaking);
            # https://technologytimes.ng/itu-to-announce-winners-of-2016-wsis-prizes-on-may-3/ (winners announced
            # at the WSIS Forum in Geneva, WSIS Champions from 2016); seed 002 (online voting, WSIS Forum).
            "description": (
                "An annual contest of ITU, part of the WSIS Stocktaking process, that recognises projects leveraging "
                "ICTs for sustainable development. Its 18 categories follow the WSIS action lines of the Geneva "
                "Plan of Action. Nominated projects go to an online vote; winners and champions are announced at "
                "the WSIS Forum.",
                "ITU'nun WSIS Stocktaking sürecinin parçası olan ve bilgi ve iletişim teknolojilerini sürdürülebilir "
                "kalkınma için kullanan projeleri ödüllendiren yıllık yarışması. 18 kategorisi Cenevre Eylem "
                "Planı'nın WSIS eylem alanlarını izler. Aday projeler çevrim içi oylamaya sunulur; kazananlar ve "
                "şampiyonlar WSIS Forumu'nda açıklanır.",
            ),
            # https://mediarightsagenda.org/?p=11244 (ITU's call for the WSIS Prizes 2019).
            "eligibility": (
                "Open to all stakeholders: governments, private sector, international and regional institutions, "
                "civil society and academia. Each entity may submit one project per category.",
                "Tüm paydaşlara açıktır: hükümetler, özel sektör, uluslararası ve bölgesel kuruluşlar, sivil toplum "
                "ve akademi. Her kuruluş her kategoride bir proje sunabilir.",
            ),
        },
    ),
    (
        "unpsa",
        "UNPSA",
        # Only the 2021 and 2026 calls are sourced here: no regular rhythm is claimed.
        "irregular",
        # https://publicadministration.desa.un.org/en/unpsa (formerly https://publicadministration.un.org/en/UNPSA)
        "https://publicadministration.desa.un.org/en/unpsa",
        {
            "name": ("United Nations Public Service Awards", "Birleşmiş Milletler Kamu Hizmeti Ödülleri"),
            "organiser": (
                "United Nations Department of Economic and Social Affairs (UN DESA)",
                "Birleşmiş Milletler Ekonomik ve Sosyal İşler Dairesi (UN DESA)",
            ),
            # https://unpog.org/page/sub3_1_view.asp?BoardID=0010&page=1&sn=729 ;
            # https://uclg-mewa.org/en/the-deadline-to-apply-for-the-united-nations-public-service-awards-2021-has-been-extended-to-24-november-2020/
            "description": (
                "The United Nations' award for public institutions. Its categories change from one call to the "
                "next; winners are recognised on United Nations Public Service Day, 23 June.",
                "Birleşmiş Milletler'in kamu kurumlarına verdiği ödül. Kategorileri her çağrıda değişir; kazananlar "
                "23 Haziran Birleşmiş Milletler Kamu Hizmeti Günü'nde ödüllendirilir.",
            ),
            "eligibility": ("", ""),
        },
    ),
]

# WSIS Prizes: code and English title as in ../shared/reference/wsis_prize_categories.csv, in ITU's order 1-18.
# Sources of the titles:
#   https://itu.int/net4/wsis/forum/2019/Agenda/ViewSession/135 (C1, C7 E-government, C11)
#   https://www.itu.int/net4/wsis/stocktaking/Prizes/2019/DetailsPopup/15440387785097099 (C2-C6, C7 E-business to
#   E-agriculture, C10)
#   https://studylib.net/doc/12896877/ (C7 E-science, C8, C9)
# (code, action line, English, Turkish): C1-C11 map to the line of the same code; the C7 categories to the C7
# sub-line of the same application (portal migration 0002: C7.1 E-government ... C7.8 E-science).
WSIS_CATEGORIES = [
    (
        "C1",
        "C1",
        "The role of public governance authorities and all stakeholders in the promotion of ICTs for development",
        "Kamu yönetimi otoritelerinin ve tüm paydaşların kalkınma için BİT'in geliştirilmesindeki rolü",
    ),
    ("C2", "C2", "Information and communication infrastructure", "Bilgi ve iletişim altyapısı"),
    ("C3", "C3", "Access to information and knowledge", "Bilgiye ve bilgi birikimine erişim"),
    ("C4", "C4", "Capacity building", "Kapasite geliştirme"),
    ("C5", "C5", "Building confidence and security in use of ICTs", "BİT kullanımında güven ve güvenliğin sağlanması"),
    ("C6", "C6", "Enabling environment", "Elverişli ortam"),
    ("C7-E-government", "C7.1", "ICT Applications: E-government", "BİT uygulamaları: E-devlet"),
    ("C7-E-business", "C7.2", "ICT Applications: E-business", "BİT uygulamaları: E-iş"),
    ("C7-E-learning", "C7.3", "ICT Applications: E-learning", "BİT uygulamaları: E-öğrenme"),
    ("C7-E-health", "C7.4", "ICT Applications: E-health", "BİT uygulamaları: E-sağlık"),
    ("C7-E-employment", "C7.5", "ICT Applications: E-employment", "BİT uygulamaları: E-istihdam"),
    ("C7-E-environment", "C7.6", "ICT Applications: E-environment", "BİT uygulamaları: E-çevre"),
    ("C7-E-agriculture", "C7.7", "ICT Applications: E-agriculture", "BİT uygulamaları: E-tarım"),
    ("C7-E-science", "C7.8", "ICT Applications: E-science", "BİT uygulamaları: E-bilim"),
    (
        "C8",
        "C8",
        "Cultural diversity and identity, linguistic diversity and local content",
        "Kültürel çeşitlilik ve kimlik, dilsel çeşitlilik ve yerel içerik",
    ),
    ("C9", "C9", "Media", "Medya"),
    ("C10", "C10", "Ethical dimensions of the Information Society", "Bilgi toplumunun etik boyutları"),
    ("C11", "C11", "International and regional cooperation", "Uluslararası ve bölgesel işbirliği"),
]

# UNPSA 2026 call (applications 17 February - 31 March 2025), categories numbered as in the call:
#   https://unpog.org/page/sub3_1_view.asp?BoardID=0010&page=1&sn=729
#   https://fundsforindividuals.fundsforngos.org/awards-and-prizes-and-challenges/call-for-entries-united-nations-public-service-awards/
# Codes carry the call's year, as the categories change from call to call. The SDGs are the working group's
# reading, for matching projects, not the organiser's: (code, SDG numbers, English, Turkish).
UNPSA_CATEGORIES = [
    (
        "2026-1",
        [10],
        "Delivering inclusive and equitable services to leave no one behind",
        "Kimseyi geride bırakmamak için kapsayıcı ve hakkaniyetli hizmet sunumu",
    ),
    ("2026-2", [5], "Gender-responsive public services", "Toplumsal cinsiyete duyarlı kamu hizmetleri"),
    (
        "2026-3",
        [16],
        "Transparent and accountable public institutions to achieve the SDGs",
        "Sürdürülebilir Kalkınma Amaçlarına ulaşmak için şeffaf ve hesap verebilir kamu kurumları",
    ),
    (
        "2026-4",
        [16],
        "Participation and public engagement for inclusive decision-making",
        "Kapsayıcı karar alma için katılım ve kamuoyunun katkısı",
    ),
]


def _translated(field, english, turkish):
    # The untranslated column holds the default language (Turkish), like the portal's reference data.
    return {field: turkish, f"{field}_tr": turkish, f"{field}_en": english}


def load(apps, schema_editor):
    AwardProgramme = apps.get_model("awards", "AwardProgramme")
    AwardCategory = apps.get_model("awards", "AwardCategory")
    ActionLine = apps.get_model("portal", "ActionLine")
    SDG = apps.get_model("portal", "SDG")

    programmes = {}
    for slug, acronym, frequency, website, texts in PROGRAMMES:
        values = {"acronym": acronym, "frequency": frequency, "website": website}
        for field, (english, turkish) in texts.items():
            values |= _translated(field, english, turkish)
        programmes[slug], _ = AwardProgramme.objects.update_or_create(slug=slug, defaults=values)

    for position, (code, line, english, turkish) in enumerate(WSIS_CATEGORIES, start=1):
        category, _ = AwardCategory.objects.update_or_create(
            programme=programmes["wsis-prizes"],
            code=code,
            defaults={"position": position, **_translated("title", english, turkish)},
        )
        category.action_lines.set([ActionLine.objects.get(code=line)])

    for position, (code, sdgs, english, turkish) in enumerate(UNPSA_CATEGORIES, start=1):
        category, _ = AwardCategory.objects.update_or_create(
            programme=programmes["unpsa"],
            code=code,
            defaults={"position": position, **_translated("title", english, turkish)},
        )
        category.sdgs.set(SDG.objects.filter(number__in=sdgs))


class Migration(migrations.Migration):
    dependencies = [("awards", "0001_programmes_editions_results"), ("portal", "0002_reference_data")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
