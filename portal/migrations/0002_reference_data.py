"""WSIS action lines (Geneva Plan of Action, §C1–C11 with the eight C7 applications), the 17 SDGs
and a starting set of themes, with their titles in Turkish and English."""

from django.db import migrations

# (code, parent, English title, Turkish title)
ACTION_LINES = [
    ("C1", None, "The role of public governance authorities and all stakeholders in the promotion of ICTs for development",
     "Kamu yönetimi otoritelerinin ve tüm paydaşların kalkınma için BİT'in geliştirilmesindeki rolü"),
    ("C2", None, "Information and communication infrastructure", "Bilgi ve iletişim altyapısı"),
    ("C3", None, "Access to information and knowledge", "Bilgiye ve bilgi birikimine erişim"),
    ("C4", None, "Capacity building", "Kapasite geliştirme"),
    ("C5", None, "Building confidence and security in the use of ICTs", "BİT kullanımında güven ve güvenliğin sağlanması"),
    ("C6", None, "Enabling environment", "Elverişli ortam"),
    ("C7", None, "ICT applications: benefits in all aspects of life", "BİT uygulamaları: yaşamın her alanında faydalar"),
    ("C7.1", "C7", "ICT applications: E-government", "BİT uygulamaları: E-devlet"),
    ("C7.2", "C7", "ICT applications: E-business", "BİT uygulamaları: E-iş"),
    ("C7.3", "C7", "ICT applications: E-learning", "BİT uygulamaları: E-öğrenme"),
    ("C7.4", "C7", "ICT applications: E-health", "BİT uygulamaları: E-sağlık"),
    ("C7.5", "C7", "ICT applications: E-employment", "BİT uygulamaları: E-istihdam"),
    ("C7.6", "C7", "ICT applications: E-environment", "BİT uygulamaları: E-çevre"),
    ("C7.7", "C7", "ICT applications: E-agriculture", "BİT uygulamaları: E-tarım"),
    ("C7.8", "C7", "ICT applications: E-science", "BİT uygulamaları: E-bilim"),
    ("C8", None, "Cultural diversity and identity, linguistic diversity and local content",
     "Kültürel çeşitlilik ve kimlik, dilsel çeşitlilik ve yerel içerik"),
    ("C9", None, "Media", "Medya"),
    ("C10", None, "Ethical dimensions of the Information Society", "Bilgi toplumunun etik boyutları"),
    ("C11", None, "International and regional cooperation", "Uluslararası ve bölgesel işbirliği"),
]

# (number, English title, Turkish title): the goals' short titles as the UN and UNDP Türkiye publish them.
SDGS = [
    (1, "No poverty", "Yoksulluğa son"),
    (2, "Zero hunger", "Açlığa son"),
    (3, "Good health and well-being", "Sağlıklı ve kaliteli yaşam"),
    (4, "Quality education", "Nitelikli eğitim"),
    (5, "Gender equality", "Toplumsal cinsiyet eşitliği"),
    (6, "Clean water and sanitation", "Temiz su ve sanitasyon"),
    (7, "Affordable and clean energy", "Erişilebilir ve temiz enerji"),
    (8, "Decent work and economic growth", "İnsana yakışır iş ve ekonomik büyüme"),
    (9, "Industry, innovation and infrastructure", "Sanayi, yenilikçilik ve altyapı"),
    (10, "Reduced inequalities", "Eşitsizliklerin azaltılması"),
    (11, "Sustainable cities and communities", "Sürdürülebilir şehirler ve topluluklar"),
    (12, "Responsible consumption and production", "Sorumlu üretim ve tüketim"),
    (13, "Climate action", "İklim eylemi"),
    (14, "Life below water", "Sudaki yaşam"),
    (15, "Life on land", "Karasal yaşam"),
    (16, "Peace, justice and strong institutions", "Barış, adalet ve güçlü kurumlar"),
    (17, "Partnerships for the goals", "Amaçlar için ortaklıklar"),
]

# (slug, English, Turkish)
THEMES = [
    ("e-government", "E-government services", "E-devlet hizmetleri"),
    ("open-data", "Open data", "Açık veri"),
    ("interoperability", "Interoperability and data exchange", "Birlikte çalışabilirlik ve veri paylaşımı"),
    ("cybersecurity", "Cybersecurity", "Siber güvenlik"),
    ("digital-skills", "Digital skills and training", "Dijital beceriler ve eğitim"),
    ("digital-inclusion", "Digital inclusion and accessibility", "Dijital kapsayıcılık ve erişilebilirlik"),
    ("e-health", "Digital health", "Dijital sağlık"),
    ("e-education", "Education technology", "Eğitim teknolojileri"),
    ("smart-cities", "Smart cities", "Akıllı şehirler"),
    ("e-participation", "E-participation and open government", "E-katılım ve açık yönetim"),
    ("broadband", "Broadband and infrastructure", "Geniş bant ve altyapı"),
    ("research", "Research and science networks", "Araştırma ve bilim ağları"),
]


def load(apps, schema_editor):
    ActionLine = apps.get_model("portal", "ActionLine")
    SDG = apps.get_model("portal", "SDG")
    Theme = apps.get_model("portal", "Theme")
    by_code = {}
    for position, (code, parent, en, tr) in enumerate(ACTION_LINES, start=1):
        by_code[code], _ = ActionLine.objects.update_or_create(
            code=code,
            defaults={"title": tr, "title_tr": tr, "title_en": en, "parent": by_code.get(parent), "position": position},
        )
    for number, en, tr in SDGS:
        SDG.objects.update_or_create(number=number, defaults={"title": tr, "title_tr": tr, "title_en": en})
    for slug, en, tr in THEMES:
        Theme.objects.update_or_create(slug=slug, defaults={"title": tr, "title_tr": tr, "title_en": en})


class Migration(migrations.Migration):
    dependencies = [("portal", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
