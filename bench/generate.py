"""Benchmark data: the demo data plus 10,000 agencies and 100,000 projects, in a PostgreSQL database of its own.

    .venv/bin/python bench/generate.py [--rebuild]      # BENCH_DATABASE_URL, default below

The database is BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/portal_bench), never DATABASE_URL,
so a configured development or production database is not filled by accident; its name must contain "bench".

Creates the database when it is missing, migrates it, loads the demo data (`manage.py load_demo`) and adds
the generated records with COPY, in one transaction, then runs VACUUM ANALYZE. Safe to repeat: a database
already at size is only migrated. `--rebuild` drops the database and starts again. The records are realistic, not random noise: agencies of every kind in nine
countries, projects titled in Turkish and English (some only in one, some also in Azerbaijani, Kyrgyz,
Russian or Persian), most published, with WSIS action lines, SDGs, themes, partner agencies, contacts,
portal listings and links to promotional material. The same seed gives the same data.
"""

import argparse
import datetime as dt
import io
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/portal_bench"
SEED = 2026

# (country, share of agencies, places as (Turkish, English), extra title language)
COUNTRIES = [
    (
        "TR",
        70,
        [
            ("Ankara", "Ankara"),
            ("İstanbul", "Istanbul"),
            ("İzmir", "Izmir"),
            ("Bursa", "Bursa"),
            ("Antalya", "Antalya"),
            ("Konya", "Konya"),
            ("Kayseri", "Kayseri"),
            ("Trabzon", "Trabzon"),
            ("Erzurum", "Erzurum"),
            ("Gaziantep", "Gaziantep"),
            ("Diyarbakır", "Diyarbakir"),
            ("Samsun", "Samsun"),
            ("Eskişehir", "Eskisehir"),
            ("Mersin", "Mersin"),
            ("Van", "Van"),
            ("Sakarya", "Sakarya"),
            ("Denizli", "Denizli"),
            ("Malatya", "Malatya"),
            ("Edirne", "Edirne"),
            ("Çanakkale", "Canakkale"),
        ],
        None,
    ),
    ("AZ", 8, [("Bakü", "Baku"), ("Gence", "Ganja"), ("Sumgayıt", "Sumgait"), ("Şeki", "Shaki")], "az"),
    ("KG", 5, [("Bişkek", "Bishkek"), ("Oş", "Osh"), ("Karakol", "Karakol"), ("Celalabad", "Jalal-Abad")], "ky"),
    ("KZ", 5, [("Astana", "Astana"), ("Almatı", "Almaty"), ("Şımkent", "Shymkent"), ("Türkistan", "Turkistan")], "ru"),
    ("UZ", 4, [("Taşkent", "Tashkent"), ("Semerkant", "Samarkand"), ("Buhara", "Bukhara"), ("Hive", "Khiva")], "ru"),
    ("IR", 3, [("Tahran", "Tehran"), ("İsfahan", "Isfahan"), ("Tebriz", "Tabriz"), ("Şiraz", "Shiraz")], "fa"),
    ("KR", 2, [("Seul", "Seoul"), ("Busan", "Busan")], None),
    ("DE", 2, [("Berlin", "Berlin"), ("Bonn", "Bonn")], None),
    ("CH", 1, [("Cenevre", "Geneva")], None),
]
TIME_ZONES = {
    "TR": "Europe/Istanbul",
    "AZ": "Asia/Baku",
    "KG": "Asia/Bishkek",
    "KZ": "Asia/Almaty",
    "UZ": "Asia/Tashkent",
    "IR": "Asia/Tehran",
    "KR": "Asia/Seoul",
    "DE": "Europe/Berlin",
    "CH": "Europe/Zurich",
}
LANGUAGE_OF = {"TR": "tr", "AZ": "az", "KG": "ky", "KZ": "ru", "UZ": "ru", "IR": "fa"}

# kind, share, (Turkish pattern, English pattern) on the place name; {topic} for general directorates
AGENCY_KINDS = [
    ("local_government", 35, [("{p} Belediyesi", "{p} Municipality"), ("{p} İl Özel İdaresi", "{p} Province")]),
    (
        "university",
        15,
        [("{p} Üniversitesi", "{p} University"), ("{p} Teknik Üniversitesi", "{p} Technical University")],
    ),
    (
        "public_agency",
        20,
        [
            ("{p} Kalkınma Ajansı", "{p} Development Agency"),
            ("{p} {t} Müdürlüğü", "{p} Directorate of {t}"),
            ("{p} İl Sağlık Müdürlüğü", "{p} Provincial Health Directorate"),
        ],
    ),
    ("ngo", 12, [("{p} Bilişim Derneği", "{p} Informatics Association"), ("{p} Kent Konseyi", "{p} City Council")]),
    ("company", 8, [("{p} Teknopark A.Ş.", "{p} Technopark Inc."), ("{p} Yazılım A.Ş.", "{p} Software Inc.")]),
    ("ministry", 3, [("{p} {t} Bakanlığı", "{p} Ministry of {t}")]),
    ("presidency", 1, [("{p} {t} Başkanlığı", "{p} Presidency of {t}")]),
    ("regulator", 2, [("{p} {t} Kurumu", "{p} {t} Authority")]),
    ("international", 4, [("{p} {t} Bölge Ofisi", "{p} Regional Office for {t}")]),
]
AGENCY_TOPICS = [
    ("Dijital Dönüşüm", "Digital Transformation"),
    ("Bilgi Teknolojileri", "Information Technologies"),
    ("Eğitim", "Education"),
    ("Sağlık", "Health"),
    ("Tarım", "Agriculture"),
    ("Ulaştırma", "Transport"),
    ("Enerji", "Energy"),
    ("Çevre", "Environment"),
]

# Project titles: place + topic + artefact, in Turkish and English.
PROJECT_TOPICS = [
    ("e-Sağlık", "e-Health", ["C7.4"], [3]),
    ("Akıllı Şehir", "Smart City", ["C7.1", "C2"], [11, 9]),
    ("Açık Veri", "Open Data", ["C3", "C7.1"], [16, 9]),
    ("e-Belediye", "e-Municipality", ["C7.1"], [11, 16]),
    ("Dijital Okuryazarlık", "Digital Literacy", ["C4", "C3"], [4]),
    ("Siber Güvenlik", "Cyber Security", ["C5"], [16, 9]),
    ("Tarım Bilgi", "Agricultural Information", ["C7.7"], [2, 15]),
    ("Afet Yönetimi", "Disaster Management", ["C7.6", "C1"], [11, 13]),
    ("Coğrafi Bilgi", "Geographic Information", ["C7.6", "C3"], [11, 15]),
    ("e-İmza", "e-Signature", ["C5", "C7.2"], [16]),
    ("Uzaktan Eğitim", "Distance Learning", ["C7.3", "C4"], [4]),
    ("Akıllı Ulaşım", "Intelligent Transport", ["C7.1", "C2"], [9, 11]),
    ("e-Katılım", "e-Participation", ["C1", "C7.1"], [16, 17]),
    ("Elektronik Belge Yönetimi", "Electronic Document Management", ["C7.1"], [16]),
    ("Su Yönetimi", "Water Management", ["C7.6"], [6]),
    ("Enerji Verimliliği", "Energy Efficiency", ["C7.6"], [7, 13]),
    ("Engelsiz Erişim", "Accessible Services", ["C3", "C10"], [10]),
    ("Dijital Arşiv", "Digital Archive", ["C8", "C3"], [4, 16]),
    ("Tele-tıp", "Telemedicine", ["C7.4"], [3]),
    ("e-İstihdam", "e-Employment", ["C7.5"], [8]),
    ("Bilimsel Veri", "Research Data", ["C7.8", "C3"], [9]),
    ("Kadın Girişimciliği", "Women's Entrepreneurship", ["C7.2", "C4"], [5, 8]),
    ("Yerel Medya", "Local Media", ["C9", "C8"], [16]),
    ("Bölgesel İşbirliği", "Regional Cooperation", ["C11", "C6"], [17]),
]
ARTEFACTS = [
    ("Bilgi Sistemi", "Information System"),
    ("Portalı", "Portal"),
    ("Mobil Uygulaması", "Mobile Application"),
    ("Platformu", "Platform"),
    ("Projesi", "Project"),
    ("Veri Merkezi", "Data Centre"),
    ("Eğitim Programı", "Training Programme"),
    ("Hizmet Merkezi", "Service Centre"),
    ("Pilot Uygulaması", "Pilot"),
]
OTHER_TITLE = {  # a third language for some projects of agencies in these countries
    "az": "{p}: {t} layihəsi",
    "ky": "{p}: {t} долбоору",
    "ru": "{p}: проект «{t}»",
    "fa": "{p}: طرح {t}",
}
FIRST_NAMES = [
    "Ayşe",
    "Mehmet",
    "Zeynep",
    "Ahmet",
    "Elif",
    "Mustafa",
    "Fatma",
    "Emre",
    "Aigul",
    "Elvin",
    "Reza",
    "Dana",
]
LAST_NAMES = ["Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Öztürk", "Aydın", "Mammadov", "Osmonova", "Ahmadi"]
JOB_TITLES = ["Bilişim Uzmanı", "Daire Başkanı", "IT coordinator", "Proje Yöneticisi", "E-government adviser"]
LISTING_PORTALS = ["wsis_stocktaking", "joinup", "oecd_opsi", "un_egov", "other"]
MATERIAL_KINDS = ["poster", "brochure", "film", "presentation", "other"]


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--agencies", type=int, default=10_000, help="generated agencies (default 10,000)")
    parser.add_argument("--projects", type=int, default=100_000, help="generated projects (default 100,000)")
    parser.add_argument("--contacts", type=int, default=3_000, help="generated contacts (default 3,000)")
    parser.add_argument("--rebuild", action="store_true", help="drop and recreate the benchmark database first")
    return parser.parse_args()


def ensure_database(url: str, rebuild: bool) -> None:
    """Create the database named in `url` if it is missing (drop it first with `rebuild`)."""
    import environ
    import psycopg
    from psycopg import sql

    config = environ.Env.db_url_config(url)
    if config["ENGINE"] != "django.db.backends.postgresql":
        sys.exit(f"bench/generate.py needs a PostgreSQL DATABASE_URL, not {url}")
    name = config["NAME"]
    if "bench" not in name:
        sys.exit(f"The benchmark database's name must contain 'bench' (it may be dropped and refilled), not {name!r}")
    params = {
        "dbname": "postgres",
        "host": config.get("HOST") or None,
        "port": config.get("PORT") or None,
        "user": config.get("USER") or None,
        "password": config.get("PASSWORD") or None,
    }
    with psycopg.connect(autocommit=True, **{k: v for k, v in params.items() if v}) as conn:
        if rebuild:
            print(f"Dropping database {name} …", flush=True)
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
            print(f"Created database {name}.", flush=True)


def copy_rows(cursor, model_or_table, columns: list[str], rows) -> int:
    """COPY rows (tuples in the order of `columns`) into the table of a model or a table name."""
    from psycopg import sql

    table = model_or_table if isinstance(model_or_table, str) else model_or_table._meta.db_table
    statement = sql.SQL("COPY {} ({}) FROM STDIN").format(
        sql.Identifier(table), sql.SQL(", ").join(sql.Identifier(c) for c in columns)
    )
    count = 0
    with cursor.cursor.copy(statement) as copy:
        for row in rows:
            copy.write_row(row)
            count += 1
    return count


def model_rows(model, records: list[dict]) -> tuple[list[str], list[tuple]]:
    """Columns and value tuples for every concrete field of `model`; a field a record leaves out gets its
    default, NULL when nullable, or the empty string, so a new column with a default does not break this.
    The primary key is left to the database unless the records give it."""
    from django.db.models import NOT_PROVIDED

    given = records[0] if records else {}
    fields = [f for f in model._meta.concrete_fields if not (f.primary_key and f.attname not in given)]
    fallback = []
    for field in fields:
        if field.has_default():
            fallback.append(field.get_default())
        elif field.db_default is not NOT_PROVIDED or field.null:
            fallback.append(None)
        else:
            fallback.append("")
    columns = [f.column for f in fields]
    names = [f.attname for f in fields]
    rows = [tuple(r.get(n, d) for n, d in zip(names, fallback, strict=True)) for r in records]
    return columns, rows


def next_id(cursor, table: str) -> int:
    cursor.execute(f"SELECT COALESCE(MAX(id), 0) + 1 FROM {table}")  # noqa: S608 (a model's table name)
    return cursor.fetchone()[0]


def reset_sequence(cursor, table: str) -> None:
    cursor.execute(
        f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT MAX(id) FROM {table}))"  # noqa: S608
    )


def slugify_ascii(text: str) -> str:
    from django.utils.text import slugify

    return slugify(text.translate(str.maketrans("ıİşŞğĞəƏ", "iIsSgGeE")))


def weighted(rng, options):
    """Pick from (value, weight) pairs."""
    values, weights = zip(*options, strict=True)
    return rng.choices(values, weights)[0]


def generate(n_agencies: int, n_projects: int, n_contacts: int) -> dict:
    from django.db import connection, transaction

    from portal.models import (
        SDG,
        ActionLine,
        Agency,
        AgencyDomain,
        Contact,
        Project,
        ProjectListing,
        ProjectPartner,
        PromoMaterial,
        Theme,
    )

    rng = random.Random(SEED)  # noqa: S311 (reproducible data, no secrets)
    now = dt.datetime(2026, 11, 1, 9, 0, tzinfo=dt.UTC)
    counts = {}
    with transaction.atomic(), connection.cursor() as cursor:
        # --- Agencies -------------------------------------------------------------------------------
        demo = list(Agency.objects.values_list("id", "kind"))
        first = next_id(cursor, Agency._meta.db_table)
        heads = [pk for pk, kind in demo if kind in ("ministry", "presidency")]
        agencies, domains, country_of, names_of = [], [], {}, {}
        for n in range(n_agencies):
            pk = first + n
            country, _share, places, _lang = weighted(rng, [(c, c[1]) for c in COUNTRIES])
            code = country
            place_tr, place_en = rng.choice(places)
            kind, _share, patterns = weighted(rng, [(k, k[1]) for k in AGENCY_KINDS])
            topic_tr, topic_en = rng.choice(AGENCY_TOPICS)
            pattern_tr, pattern_en = rng.choice(patterns)
            name_tr = pattern_tr.format(p=place_tr, t=topic_tr)
            name_en = pattern_en.format(p=place_en, t=topic_en)
            slug = f"{slugify_ascii(name_en)[:70]}-{n + 1}"
            state = weighted(rng, [("none", 50), ("outdated", 20), ("current", 30)])
            parent = None
            if kind not in ("ministry", "presidency", "international") and rng.random() < 0.3:
                parent = rng.choice(heads)
            elif kind in ("ministry", "presidency"):
                heads.append(pk)
            host = slug[:55].rstrip("-")  # a DNS label has at most 63 characters
            website = f"https://www.{host}.example"
            agencies.append(
                {
                    "id": pk,
                    "name": name_tr,
                    "name_tr": name_tr,
                    "name_en": name_en,
                    "acronym": "".join(w[0] for w in name_en.split() if w[0].isupper())[:8]
                    if rng.random() < 0.4
                    else "",
                    "slug": slug,
                    "kind": kind,
                    "country": code,
                    "parent_id": parent,
                    "website": website,
                    "english_website_url": f"{website}/en/" if state != "none" else "",
                    "english_website_state": state,
                    "english_website_checked_on": (now - dt.timedelta(days=rng.randint(1, 900))).date()
                    if state != "none"
                    else None,
                    "description": "",
                    "description_tr": f"{name_tr}, {place_tr} merkezli bir kamu kurumudur."
                    if rng.random() < 0.3
                    else None,
                    "created_at": now - dt.timedelta(days=rng.randint(30, 3000)),
                    "updated_at": now,
                }
            )
            if rng.random() < 0.4:
                domains.append({"agency_id": pk, "domain": f"{host}.gov.example"})
            country_of[pk] = code
            names_of[pk] = (name_tr, name_en, place_tr, place_en)
        counts["agencies"] = copy_rows(cursor, Agency, *model_rows(Agency, agencies))
        counts["agency domains"] = copy_rows(cursor, AgencyDomain, *model_rows(AgencyDomain, domains))
        reset_sequence(cursor, Agency._meta.db_table)
        del agencies, domains

        # --- Contacts -------------------------------------------------------------------------------
        bench_ids = list(range(first, first + n_agencies))
        first_contact = next_id(cursor, Contact._meta.db_table)
        contacts = []
        for n in range(n_contacts):
            pk = first_contact + n
            agency = rng.choice(bench_ids)
            given, family = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
            confirmed = now - dt.timedelta(days=rng.randint(1, 1500))
            contacts.append(
                {
                    "id": pk,
                    "agency_id": agency,
                    "name": f"{given} {family}",
                    "title": rng.choice(JOB_TITLES),
                    "email": f"{slugify_ascii(given)}.{slugify_ascii(family)}.{n + 1}@agency-{agency}.example",
                    "language": LANGUAGE_OF.get(country_of[agency], "en"),
                    "time_zone": TIME_ZONES[country_of[agency]],
                    "confirmed_at": confirmed,
                    "approved_at": confirmed + dt.timedelta(hours=rng.randint(1, 72)) if rng.random() < 0.9 else None,
                    "is_active": rng.random() < 0.95,
                    "created_at": confirmed - dt.timedelta(minutes=rng.randint(5, 600)),
                }
            )
        counts["contacts"] = copy_rows(cursor, Contact, *model_rows(Contact, contacts))
        reset_sequence(cursor, Contact._meta.db_table)
        del contacts

        # --- Projects -------------------------------------------------------------------------------
        # Owners: about 8 % go to the 27 demo agencies (the ministries and big agencies have hundreds),
        # the rest to the generated agencies, skewed so a few have a hundred and most have a handful.
        demo_ids = [pk for pk, _kind in demo]
        owners = demo_ids + bench_ids
        skew = [1 / (rank + 20) ** 0.7 for rank in range(len(bench_ids))]
        weights = [0.08 / len(demo_ids)] * len(demo_ids) + [0.92 * w / sum(skew) for w in skew]
        owner_of = rng.choices(owners, weights, k=n_projects)
        partner_pool = rng.choices(owners, weights, k=n_projects)

        lines = dict(ActionLine.objects.values_list("code", "id"))
        sdgs = dict(SDG.objects.values_list("number", "id"))
        themes = list(Theme.objects.values_list("id", flat=True))
        demo_names = {pk: (tr, en or tr) for pk, tr, en in Agency.objects.values_list("id", "name_tr", "name_en")}
        demo_country = dict(Agency.objects.filter(id__in=demo_ids).values_list("id", "country"))
        first_project = next_id(cursor, Project._meta.db_table)
        projects, project_lines, project_sdgs, project_themes, partners = [], [], [], [], []
        listings, materials, published_ids = [], [], []
        for n in range(n_projects):
            pk = first_project + n
            agency = owner_of[n]
            country = country_of.get(agency) or str(demo_country.get(agency, "TR"))
            if agency in names_of:
                agency_tr, agency_en, place_tr, place_en = names_of[agency]
            else:
                agency_tr, agency_en = demo_names[agency]
                place_tr, place_en = "Türkiye", "Türkiye"
            topic_tr, topic_en, topic_lines, topic_sdgs = rng.choice(PROJECT_TOPICS)
            art_tr, art_en = rng.choice(ARTEFACTS)
            title_tr = f"{place_tr} {topic_tr} {art_tr}"
            title_en = f"{place_en} {topic_en} {art_en}"
            status = weighted(rng, [("ongoing", 45), ("completed", 35), ("planned", 12), ("discontinued", 8)])
            start = None if rng.random() < 0.03 else min(2000 + int(rng.triangular(0, 27, 24)), 2026)
            end = None
            if start and status == "completed":
                end = min(start + rng.randint(0, 4), 2026)
            elif start and status == "discontinued":
                end = start + rng.randint(0, 2)
            elif start and status == "planned":
                start = rng.choice([2026, 2027])
            summary_tr = (
                f"{agency_tr} tarafından yürütülen proje, {topic_tr.lower()} alanında vatandaşlara ve kurumlara "
                f"hizmet sunar{f'; {start} yılında başladı' if start else ''}."
            )
            summary_en = (
                f"Run by {agency_en}, the project brings {topic_en.lower()} services to citizens and institutions"
                f"{f' since {start}' if start else ''}."
            )
            description_tr = (
                f"{summary_tr}\n\nProje kapsamında {art_tr.lower()} kuruldu, personel eğitildi ve hizmetler "
                "e-Devlet Kapısı ile bütünleştirildi. Sonuçlar yıllık raporlarda yayımlanmaktadır."
            )
            description_en = (
                f"{summary_en}\n\nThe project set up the {art_en.lower()}, trained the staff and connected the "
                "services to the national e-government gateway. Results are published in the annual reports."
            )
            languages = weighted(rng, [("both", 70), ("tr", 20), ("en", 10)])
            record = {
                "id": pk,
                "agency_id": agency,
                "slug": f"{slugify_ascii(title_en)[:80]}-{n + 1}",
                "start_year": start,
                "end_year": end,
                "status": status,
                "description": "",
            }
            if languages in ("both", "tr"):
                record.update(title_tr=title_tr, summary_tr=summary_tr, description_tr=description_tr)
            if languages in ("both", "en"):
                record.update(title_en=title_en, summary_en=summary_en, description_en=description_en)
            extra = LANGUAGE_OF.get(country)
            if extra in OTHER_TITLE and extra != "tr" and rng.random() < 0.5:
                record[f"title_{extra}"] = OTHER_TITLE[extra].format(p=place_en, t=topic_en)
            record["title"] = record.get("title_tr") or record["title_en"]
            record["summary"] = record.get("summary_tr") or record["summary_en"]
            if rng.random() < 0.4:
                record["website"] = f"https://projects.example/{record['slug']}/"
            if rng.random() < 0.15:
                record["english_page_url"] = f"https://projects.example/en/{record['slug']}/"
            state = weighted(rng, [("published", 85), ("submitted", 6), ("draft", 6), ("changes_requested", 3)])
            created = now - dt.timedelta(days=rng.randint(20, 3900), minutes=rng.randint(0, 1440))
            record.update(review_state=state, created_at=created, updated_at=created)
            # Who reported and submitted a project are user accounts, which the generated contacts do not have:
            # the pages measured here never show them.
            if state != "draft":
                submitted = created + dt.timedelta(days=rng.randint(0, 10), minutes=rng.randint(0, 600))
                record.update(submitted_at=submitted, updated_at=submitted)
            if state == "published":
                published = record["submitted_at"] + dt.timedelta(days=rng.randint(0, 14), minutes=rng.randint(1, 600))
                record.update(published_at=min(published, now), updated_at=min(published, now))
                published_ids.append(pk)
            if state == "changes_requested":
                record["review_comment"] = "Lütfen İngilizce özeti ve proje web sitesini ekleyin."
            projects.append(record)

            chosen = set(rng.sample(topic_lines, k=min(len(topic_lines), rng.randint(1, 2))))
            if rng.random() < 0.3:
                chosen.add(rng.choice(list(lines)))
            project_lines.extend((pk, lines[code]) for code in chosen)
            goals = set(rng.sample(topic_sdgs, k=rng.randint(0, len(topic_sdgs))))
            if rng.random() < 0.3:
                goals.add(rng.choice(list(sdgs)))
            project_sdgs.extend((pk, sdgs[number]) for number in goals)
            project_themes.extend((pk, theme) for theme in rng.sample(themes, k=rng.choice([0, 1, 1, 2])))
            if rng.random() < 0.25:
                mates = {partner_pool[(n + k * 7919) % n_projects] for k in range(rng.randint(1, 3))} - {agency}
                partners.extend((pk, mate, "accepted", created, created) for mate in mates)
            if state == "published" and rng.random() < 0.05:
                portal = rng.choice(LISTING_PORTALS)
                listings.append(
                    {
                        "project_id": pk,
                        "portal": portal,
                        "url": f"https://{portal.replace('_', '-')}.example/practices/{pk}",
                        "listed_on": (now - dt.timedelta(days=rng.randint(1, 1500))).date(),
                    }
                )
            if state == "published" and rng.random() < 0.03:
                kind = rng.choice(MATERIAL_KINDS)
                materials.append(
                    {
                        "project_id": pk,
                        "kind": kind,
                        "title": f"{title_en} ({kind})",
                        "file": "",
                        "url": f"https://video.example/{pk}",
                        "agency_id": agency,
                        "review_state": "published",
                        "published_at": created,
                        "created_at": created,
                        "updated_at": created,
                    }
                )
        counts["projects"] = copy_rows(cursor, Project, *model_rows(Project, projects))
        reset_sequence(cursor, Project._meta.db_table)
        del projects
        through = Project.action_lines.through
        counts["project action lines"] = copy_rows(cursor, through, ["project_id", "actionline_id"], project_lines)
        counts["project SDGs"] = copy_rows(cursor, Project.sdgs.through, ["project_id", "sdg_id"], project_sdgs)
        counts["project themes"] = copy_rows(cursor, Project.themes.through, ["project_id", "theme_id"], project_themes)
        counts["partner agencies"] = copy_rows(
            cursor, ProjectPartner, ["project_id", "agency_id", "state", "proposed_at", "decided_at"], partners
        )
        counts["portal listings"] = copy_rows(cursor, ProjectListing, *model_rows(ProjectListing, listings))
        counts["promotional links"] = copy_rows(cursor, PromoMaterial, *model_rows(PromoMaterial, materials))
        counts["published projects"] = len(published_ids)
    return counts


def main() -> None:
    args = parse_args()
    url = os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE_URL)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    sys.path.insert(0, str(ROOT))
    started = time.monotonic()
    ensure_database(url, args.rebuild)

    import django
    from django.core.management import call_command

    django.setup()
    from django.db import connection

    from portal.models import Agency, Project

    call_command("migrate", "--noinput", verbosity=0)
    if Project.objects.count() >= args.projects and Agency.objects.count() >= args.agencies:
        print(
            f"Benchmark data already there: {Agency.objects.count():,} agencies, {Project.objects.count():,} projects "
            f"(bench/generate.py --rebuild starts again). Checked in {time.monotonic() - started:.1f} s."
        )
        return
    if Project.objects.count() > 100:
        sys.exit(f"{Project.objects.count():,} projects but not {args.projects:,}: run bench/generate.py --rebuild")
    call_command("load_demo", verbosity=0, stdout=io.StringIO())
    prepared = time.monotonic()
    counts = generate(args.agencies, args.projects, args.contacts)
    generated = time.monotonic()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    done = time.monotonic()
    print("Generated " + ", ".join(f"{value:,} {name}" for name, value in counts.items()))
    print(
        f"Benchmark data ready: {Agency.objects.count():,} agencies, {Project.objects.count():,} projects in "
        f"{done - started:.1f} s (database, migrations and demo data {prepared - started:.1f} s, generated "
        f"records {generated - prepared:.1f} s, VACUUM ANALYZE {done - generated:.1f} s)."
    )


if __name__ == "__main__":
    main()
