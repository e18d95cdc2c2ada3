"""Print the load smoke's table from one run's directory; exit 1 if any request failed.

    python3 bench/report.py var/bench

Reads the "BENCH …" lines wrk printed (public.wrk, admin.wrk), the gunicorn access log of each run
(public.access, admin.access: status, microseconds, path, ?query) and meta.json. Standard library only.
"""

import json
import re
import sys
from pathlib import Path

SCENARIOS = [
    ("public", "public pages and API (mix)"),
    ("admin", "admin changelist of Project"),
]
# Pages of the access log, in the order of the breakdown: (name, path pattern, query pattern).
PAGES = [
    ("home", r"^/[a-z]{2}/$", r""),
    ("project list", r"^/[a-z]{2}/projects/$", r"^$"),
    ("project list, page n", r"^/[a-z]{2}/projects/$", r"^page="),
    ("project list, filtered", r"^/[a-z]{2}/projects/$", r"."),
    ("project detail", r"^/[a-z]{2}/projects/[^/]+/$", r""),
    ("agency list", r"^/[a-z]{2}/agencies/$", r""),
    ("agency profile", r"^/[a-z]{2}/agencies/[^/]+/$", r""),
    ("API projects", r"^/api/v1/projects/$", r""),
    ("API agencies", r"^/api/v1/agencies/$", r""),
    ("API action lines, SDGs", r"^/api/v1/(action-lines|sdgs)/$", r""),
    ("admin changelist", r"^/admin/portal/project/$", r""),
]


def percentile(sorted_values: list[float], p: float) -> float:
    if not sorted_values:
        return 0.0
    k = min(len(sorted_values) - 1, max(0, round(p / 100 * len(sorted_values) + 0.5) - 1))
    return sorted_values[k]


def read_wrk(path: Path) -> dict | None:
    if not path.exists():
        return None
    for line in path.read_text().splitlines():
        if line.startswith("BENCH "):
            return {k: float(v) for k, v in (item.split("=") for item in line.split()[1:])}
    return None


def read_access(path: Path) -> dict[str, list]:
    """{page name: [sorted milliseconds, count of non-2xx/3xx]} from a gunicorn access log segment."""
    pages: dict[str, list] = {}
    if not path.exists():
        return pages
    for line in path.read_text().splitlines():
        parts = line.split(" ")
        if len(parts) < 4:
            continue
        status, micros, url, query = int(parts[0]), int(parts[1]), parts[2], parts[3][1:]
        name = next(
            (n for n, p, q in PAGES if re.search(p, url) and (not q or re.search(q, query))),
            "other",
        )
        entry = pages.setdefault(name, [[], 0])
        entry[0].append(micros / 1000)
        entry[1] += not 200 <= status < 400
    for entry in pages.values():
        entry[0].sort()
    return pages


def main() -> int:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "var/bench")
    meta = json.loads((out / "meta.json").read_text()) if (out / "meta.json").exists() else {}
    settings = json.loads((out / "settings.json").read_text()) if (out / "settings.json").exists() else {}
    print()
    print(
        f"Load smoke, {meta.get('date', '?')}: {settings.get('connections', '?')} connections, "
        f"{settings.get('duration', '?')} per scenario, gunicorn {settings.get('workers', '?')} sync workers, "
        f"PostgreSQL, DEBUG off"
    )
    print(
        f"Data: {meta.get('agencies', 0):,} agencies, {meta.get('projects', 0):,} projects "
        f"({meta.get('published', 0):,} published). Machine: {meta.get('cpus', '?')} CPUs ({meta.get('cpu', '?')}), "
        f"load average before the run {meta.get('load', '?')}."
    )
    print()
    header = f"| {'scenario':<32} | {'requests':>8} | {'req/s':>7} | {'p50 ms':>7} | {'p95 ms':>7} | {'p99 ms':>7} | {'errors':>6} |"
    print(header)
    print("|" + "|".join("-" * (len(cell)) for cell in header.split("|")[1:-1]) + "|")
    failed = False
    for key, label in SCENARIOS:
        result = read_wrk(out / f"{key}.wrk")
        if result is None:
            print(f"| {label:<32} | {'(no result: see ' + key + '.wrk)':>57} |")
            failed = True
            continue
        errors = int(result["errors"])
        failed |= errors > 0 or result["requests"] == 0
        # wrk leaves timed-out requests out of the latency figures: with nothing else they mean nothing.
        timed = result["requests"] > result["timeouts"]
        p50, p95, p99 = (f"{result[p]:>7.0f}" if timed else f"{'n/a':>7}" for p in ("p50", "p95", "p99"))
        print(
            f"| {label:<32} | {int(result['requests']):>8,} | {result['rps']:>7.1f} | {p50} | {p95} | {p99} "
            f"| {errors:>6} |"
        )
        if errors:
            print(
                f"    {label}: {int(result['http_errors'])} answers other than 2xx/3xx, "
                f"{int(result['socket_errors'])} socket errors ({int(result['timeouts'])} timeouts)"
            )
        if result.get("redirects"):
            print(f"    {label}: {int(result['redirects'])} redirects (counted as answers, not errors)")

    print()
    print("Server time per page during the runs (gunicorn access log: the time a worker spent on the request,")
    print("without the wait in the listen queue; latency above = wait + server time):")
    print()
    header = f"| {'page':<32} | {'requests':>8} | {'p50 ms':>7} | {'p95 ms':>7} | {'p99 ms':>7} | {'errors':>6} |"
    print(header)
    print("|" + "|".join("-" * (len(cell)) for cell in header.split("|")[1:-1]) + "|")
    pages: dict[str, list] = {}
    for key, _label in SCENARIOS:
        for name, (times, errors) in read_access(out / f"{key}.access").items():
            entry = pages.setdefault(name, [[], 0])
            entry[0].extend(times)
            entry[1] += errors
    for name in [n for n, _p, _q in PAGES] + ["other"]:
        if name not in pages:
            continue
        times, errors = sorted(pages[name][0]), pages[name][1]
        print(
            f"| {name:<32} | {len(times):>8,} | {percentile(times, 50):>7.1f} | {percentile(times, 95):>7.1f} | "
            f"{percentile(times, 99):>7.1f} | {errors:>6} |"
        )
    print()
    print("FAILED: some requests failed (see above)." if failed else "OK: 0 errors.")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
