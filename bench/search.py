"""Search benchmark (README, "Performance"): server time of the search page, the search API and name
autocomplete at national scale, side by side with a plain `icontains` query over the same fields.

    make bench-search            or          .venv/bin/python bench/search.py [--rounds N] [--rebuild-index]

Uses the load smoke's database (`bench/generate.py`: the demo, 10,000 agencies, 100,000 projects; BENCH_DATABASE_URL,
default postgres://postgres@127.0.0.1:5432/portal_bench), indexes its agencies and projects with the portal's own
indexer (`rebuild_search_index`, timed), and adds to the index 50,000 award results, 20,000 events and 5,000 guides
as generated search documents (titles, names and summaries in the six languages built like the generator's, facets
included; the area tables themselves are not filled: search reads only the index). Then each query of a fixed set
(broad and narrow, Turkish, English, Russian, Persian with Arabic letters, misspelt names, acronyms) is asked
`--rounds` times in the portal's process through the Django test client (middleware, view, template or serializer:
the server's time without the network), and the same words through `icontains` on the same documents (first 20
and the count). Prints p50/p95/p99 per kind of request and exits 1 when search misses p95 ≤ 50 ms or
autocomplete misses p95 ≤ 20 ms.
"""

import argparse
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/portal_bench"
SEARCH_TARGET_MS = 50
AUTOCOMPLETE_TARGET_MS = 20
GENERATED = {"award_result": 50_000, "event": 20_000, "guide": 5_000}
SEED = 2027

SEARCHES = [
    ("tr", "ödülleri"),
    ("tr", "e-Sağlık bilgi sistemi"),
    ("tr", "Akıllı Şehir Ankara"),
    ("tr", "BTK"),
    ("tr", "Cenevre"),
    ("tr", "Projesi"),
    ("tr", "Bilgi Teknolojileri"),
    ("tr", "siber guvenlik"),
    ("en", "Geneva"),
    ("en", "open data portal"),
    ("en", "WSIS Prizes winner"),
    ("en", "Telemedecine"),
    ("ru", "Женева"),
    ("ru", "проект"),
    ("fa", "الكترونيك"),
    ("fa", "طرح"),
    ("ky", "долбоору"),
    ("az", "layihesi"),
    ("en", "Ankra"),
    ("tr", "Soros"),
]
NAMES = ["Bil", "BTK", "Sağlık", "Ankara Büyükşehir", "Digital", "Soro", "Минист", "Bakü", "univ", "Kayseri Dijital"]

PLACES = [
    ("Cenevre", "Geneva", "Женева", "Женева", "ژنو", "Cenevrə"),
    ("Bakü", "Baku", "Баку", "Баку", "باکو", "Bakı"),
    ("Bişkek", "Bishkek", "Бишкек", "Бишкек", "بیشکک", "Bişkek"),
    ("Dubai", "Dubai", "Дубай", "Дубай", "دبی", "Dubay"),
    ("Barselona", "Barcelona", "Барселона", "Барселона", "بارسلون", "Barselona"),
    ("Tahran", "Tehran", "Тегеран", "Тегеран", "تهران", "Tehran"),
]
PROGRAMMES = [
    ("WSIS Ödülleri", "WSIS Prizes", "Премии ВВУИО", "WSIS сыйлыктары", "جوایز WSIS", "WSIS mükafatları"),
    (
        "BM Kamu Hizmeti Ödülleri",
        "UN Public Service Awards",
        "Премия ООН за государственную службу",
        "БУУнун мамлекеттик кызмат сыйлыгы",
        "جایزه خدمات عمومی سازمان ملل",
        "BMT Dövlət Xidməti Mükafatı",
    ),
    (
        "Avrupa e-Devlet Ödülleri",
        "European eGovernment Awards",
        "Европейская премия электронного правительства",
        "Европалык э-өкмөт сыйлыгы",
        "جایزه دولت الکترونیک اروپا",
        "Avropa e-Hökumət Mükafatı",
    ),
]
EVENTS = [
    ("Bilişim Fuarı", "ICT Fair", "Выставка ИКТ", "МКТ көргөзмөсү", "نمایشگاه فناوری اطلاعات", "İKT Sərgisi"),
    ("Dijital Dönüşüm Zirvesi", "Digital Transformation Summit", "Саммит цифровой трансформации",
     "Санариптик трансформация саммити", "اجلاس تحول دیجیتال", "Rəqəmsal Transformasiya Sammiti"),
    ("e-Devlet Çalıştayı", "e-Government Workshop", "Семинар по электронному правительству",
     "Э-өкмөт семинары", "کارگاه دولت الکترونیک", "E-hökumət seminarı"),
]  # fmt: skip
GUIDES = [
    ("Başvuru rehberi", "Application guide", "Руководство по заявке", "Арыз берүү колдонмосу", "راهنمای درخواست",
     "Müraciət bələdçisi"),
    ("İngilizce web sitesi kontrol listesi", "English website checklist", "Контрольный список англоязычного сайта",
     "Англисче сайттын текшерүү тизмеси", "چک‌لیست وب‌سایت انگلیسی", "İngilis dilli sayt üçün yoxlama siyahısı"),
    ("Tanıtım materyali hazırlama", "Preparing promotional material", "Подготовка рекламных материалов",
     "Жарнамалык материалдарды даярдоо", "تهیه مواد تبلیغاتی", "Tanıtım materiallarının hazırlanması"),
]  # fmt: skip
LANGUAGES = ("tr", "en", "ru", "ky", "fa", "az")


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def generated_documents(kind: str, count: int, rng: random.Random, start_id: int):
    """(object_id, titles by language, names, summaries by language, facets) for `count` generated records."""
    countries = ["TR", "TR", "TR", "AZ", "KG", "KZ", "IR", "UZ"]
    for n in range(count):
        year = 2006 + n % 20
        if kind == "award_result":
            programme = PROGRAMMES[n % len(PROGRAMMES)]
            place = ("Birincilik", "Winner", "Победитель", "Жеңүүчү", "برنده", "Qalib")
            titles = {lang: f"{programme[i]} {year} — {place[i]} — #{n}" for i, lang in enumerate(LANGUAGES)}
            names = [*programme, "WSIS" if n % 3 == 0 else "UNPSA"]
        elif kind == "event":
            event, city = EVENTS[n % len(EVENTS)], PLACES[n % len(PLACES)]
            titles = {lang: f"{event[i]} {city[i]} {year}" for i, lang in enumerate(LANGUAGES)}
            names = [*city, *event]
        else:
            guide = GUIDES[n % len(GUIDES)]
            titles = {lang: f"{guide[i]} ({year}, {n})" for i, lang in enumerate(LANGUAGES)}
            names = list(guide)
        summaries = {lang: f"{titles[lang]}. " * 3 for lang in LANGUAGES}
        facets = {"country": rng.choice(countries), "year": str(year), "sdg": str(rng.randint(1, 17))}
        yield start_id + n, titles, names, summaries, facets


def add_generated(rng: random.Random) -> dict[str, float]:
    from django.contrib.contenttypes.models import ContentType
    from django.db import transaction
    from django.utils import timezone

    from portal.models import SearchEntry, SearchFacet
    from portal.search import indexing, registry
    from portal.search.text import fold

    timings = {}
    for number, (kind, count) in enumerate(GENERATED.items()):
        started = time.monotonic()
        first_id = 10_000_000 * (number + 1)  # kinds without a source share a content type: ids apart
        source = registry.source(kind)
        content_type = ContentType.objects.get_for_model(source.model if source else SearchEntry)
        SearchEntry.objects.filter(kind=kind, object_id__gte=first_id).delete()
        now = timezone.now()
        with transaction.atomic():
            batch = list(generated_documents(kind, count, rng, first_id))
            for offset in range(0, len(batch), 2000):
                chunk = batch[offset : offset + 2000]
                entries = SearchEntry.objects.bulk_create(
                    [
                        SearchEntry(
                            content_type=content_type,
                            object_id=pk,
                            kind=kind,
                            first_indexed_at=now,
                            indexed_at=now,
                            open_until=now + timezone.timedelta(days=30) if pk % 10 == 0 else None,
                        )
                        for pk, *_rest in chunk
                    ]
                )
                rows, facets = [], []
                for entry, (_pk, titles, names, summaries, facet_values) in zip(entries, chunk, strict=True):
                    folded_names = " ".join(dict.fromkeys(fold(text) for text in (*titles.values(), *names)))
                    for language in LANGUAGES:
                        rows.append(
                            {
                                "entry_id": entry.pk,
                                "language": language,
                                "title": titles[language],
                                "url": f"/{language}/{kind}/{entry.object_id}/",
                                "summary": summaries[language],
                                "body": "",
                                "names": folded_names,
                                "folded": fold(titles[language]) + " " + folded_names,
                                "config": indexing.config(language),
                                "title_folded": fold(titles[language], language),
                                "summary_folded": fold(summaries[language], language),
                                "body_folded": "",
                            }
                        )
                    facets += [SearchFacet(entry=entry, facet=f, value=v) for f, v in facet_values.items()]
                for start in range(0, len(rows), 600):
                    indexing._insert_documents(rows[start : start + 600])
                SearchFacet.objects.bulk_create(facets, batch_size=5000)
        timings[kind] = time.monotonic() - started
    return timings


def time_requests(client, paths: list[str], rounds: int, headers=None) -> list[float]:
    samples = []
    for _round in range(rounds):
        for path in paths:
            started = time.perf_counter()
            response = client.get(path, **(headers or {}))
            samples.append((time.perf_counter() - started) * 1000)
            if response.status_code != 200:
                sys.exit(f"{path} answered {response.status_code}")
    return samples


def time_calls(function, arguments: list, rounds: int) -> list[float]:
    samples = []
    for _round in range(rounds):
        for argument in arguments:
            started = time.perf_counter()
            function(*argument)
            samples.append((time.perf_counter() - started) * 1000)
    return samples


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--rebuild-index", action="store_true", help="index projects and agencies again")
    args = parser.parse_args()
    url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE_URL)
    if "bench" not in url.rsplit("/", 1)[-1]:
        sys.exit("BENCH_DATABASE_URL must name a database whose name contains 'bench'")
    subprocess.run([sys.executable, str(ROOT / "bench" / "generate.py")], check=True)  # noqa: S603 (our own interpreter and script)
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from urllib.parse import urlencode

    from django.db import connection
    from django.db.models import Q
    from django.test import Client

    from portal import search
    from portal.models import Agency, Project, SearchDocument, SearchEntry
    from portal.search import indexing

    rng = random.Random(SEED)  # noqa: S311 (reproducible data, no secrets)
    published = Project.objects.filter(review_state="published").count()
    if args.rebuild_index or SearchEntry.objects.filter(kind="project").count() < published:
        started = time.monotonic()
        counts = indexing.rebuild(["project", "agency"])
        print(f"Indexed {counts} in {time.monotonic() - started:.1f} s")
    if SearchEntry.objects.filter(kind="event", object_id__gte=10_000_000).count() < GENERATED["event"]:
        timings = add_generated(rng)
        print("Generated documents: " + ", ".join(f"{GENERATED[k]:,} {k} in {v:.1f} s" for k, v in timings.items()))
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE portal_searchentry, portal_searchdocument, portal_searchfacet")
    print(
        f"Index: {SearchEntry.objects.count():,} entries, {SearchDocument.objects.count():,} documents "
        f"({Agency.objects.count():,} agencies, {published:,} published projects)"
    )

    client = Client()
    pages = [f"/{lang}/search/?{urlencode({'q': q})}" for lang, q in SEARCHES]
    apis = [f"/api/v1/search/?{urlencode({'q': q, 'lang': lang})}" for lang, q in SEARCHES]

    def plain(language, text):
        found = SearchDocument.objects.filter(language=language).filter(
            Q(title__icontains=text) | Q(names__icontains=text) | Q(summary__icontains=text) | Q(body__icontains=text)
        )
        list(found.order_by("entry_id")[:20])
        found.count()

    def plain_names(text):
        list(
            Agency.objects.filter(
                Q(acronym__icontains=text)
                | Q(name_tr__icontains=text)
                | Q(name_en__icontains=text)
                | Q(name_ru__icontains=text)
                | Q(name_ky__icontains=text)
                | Q(name_fa__icontains=text)
                | Q(name_az__icontains=text)
            ).order_by("slug")[:8]
        )

    rows = [
        ("search page", time_requests(client, pages, args.rounds), SEARCH_TARGET_MS),
        ("search API", time_requests(client, apis, args.rounds), SEARCH_TARGET_MS),
    ] if client.get(pages[0]).status_code == 200 else []  # fmt: skip
    rows += [
        ("search engine (search.run)", time_calls(
            lambda lang, q: search.run(search.Query.build(q, language=lang)), SEARCHES, args.rounds), SEARCH_TARGET_MS),
        ("plain icontains, same fields", time_calls(plain, SEARCHES, args.rounds), None),
        ("autocomplete (search.suggest)", time_calls(
            lambda q: search.suggest(q, kinds=["agency"], language="tr"), [(n,) for n in NAMES], args.rounds),
         AUTOCOMPLETE_TARGET_MS),
        ("plain icontains, agency names", time_calls(plain_names, [(n,) for n in NAMES], args.rounds), None),
    ]  # fmt: skip
    names_paths = [f"/api/v1/names/?{urlencode({'kind': 'agency', 'q': n})}" for n in NAMES]
    if client.get(names_paths[0]).status_code == 200:
        rows.insert(5, ("autocomplete API", time_requests(client, names_paths, args.rounds), AUTOCOMPLETE_TARGET_MS))

    failed = False
    print(f"\n{'request':34} {'n':>5} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'target':>8}")
    for name, samples, target in rows:
        p95 = percentile(samples, 0.95)
        mark = ""
        if target is not None:
            mark = f"≤ {target}" + (" ok" if p95 <= target else " MISSED")
            failed |= p95 > target
        print(
            f"{name:34} {len(samples):>5} {statistics.median(samples):>8.1f} {p95:>8.1f} "
            f"{percentile(samples, 0.99):>8.1f} {mark:>8}"
        )
    slowest = sorted(
        ((statistics.median(time_calls(lambda lang, q: search.run(search.Query.build(q, language=lang)),
                                       [(lang, q)], 3)), lang, q) for lang, q in SEARCHES), reverse=True)[:5]  # fmt: skip
    print("\nslowest searches (median of 3, ms): " + "; ".join(f"{q!r} ({lang}) {ms:.1f}" for ms, lang, q in slowest))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
