"""Prepare one load-smoke run in OUTDIR: the paths of the public mix, the admin changelist path, a session of a
working-group admin, and facts about the data and the machine for the report.

    .venv/bin/python bench/prepare.py OUTDIR      # on BENCH_DATABASE_URL, as bench/generate.py

Writes OUTDIR/public.paths (2,000 paths in a fixed shuffled order, drawn with the weights of MIX),
OUTDIR/admin.paths, OUTDIR/admin.cookie (the `Cookie:` header value) and OUTDIR/meta.json.
"""

import datetime as dt
import json
import os
import platform
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/portal_bench"
BENCH_ADMIN = "bench-admin@portal.example"
SEED = 2026
PATHS = 2_000

# What the 50 anonymous clients ask for, in parts of 100: every public list, detail and API list.
MIX = [
    ("home", 12),
    ("project list", 10),
    ("project list, page n", 4),
    ("project list, filtered", 14),
    ("project detail", 20),
    ("agency list", 10),
    ("agency profile", 10),
    ("API projects", 8),
    ("API agencies", 7),
    ("API reference lists", 5),
]
PROJECT_FILTERS = [
    "status=completed",
    "agency_kind=university",
    "country=AZ",
    "sdg=4",
    "action_line=C7.1",
    "action_line=C7",
    "year=2020",
    "agency_kind=local_government&status=ongoing",
    "agency={agency}",
]


def main() -> None:
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE_URL)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
    from django.contrib.sessions.backends.db import SessionStore
    from django.db.models import Count, Q

    from portal import services
    from portal.models import Agency, Project, ReviewState

    rng = random.Random(SEED)  # noqa: S311 (a reproducible choice of pages)
    published = Project.objects.filter(review_state=ReviewState.PUBLISHED)
    project_slugs = sorted(published.values_list("slug", flat=True))
    details = rng.sample(project_slugs, min(200, len(project_slugs)))
    with_projects = Agency.objects.annotate(
        n=Count("projects", filter=Q(projects__review_state=ReviewState.PUBLISHED))
    ).filter(n__gt=0)
    typical = sorted(with_projects.filter(n__lte=30).values_list("slug", flat=True))
    large = list(with_projects.order_by("-n", "slug").values_list("slug", flat=True)[:5])
    profiles = rng.sample(typical, min(25, len(typical))) + large
    filter_agencies = rng.sample(typical, min(5, len(typical)))

    def draw(kind: str) -> str:
        lang = "tr" if rng.random() < 0.8 else "en"
        if kind == "home":
            return f"/{lang}/"
        if kind == "project list":
            return f"/{lang}/projects/"
        if kind == "project list, page n":
            return f"/{lang}/projects/?page={rng.choice([2, 3, 10, 50])}"
        if kind == "project list, filtered":
            return f"/{lang}/projects/?" + rng.choice(PROJECT_FILTERS).format(agency=rng.choice(filter_agencies))
        if kind == "project detail":
            return f"/{lang}/projects/{rng.choice(details)}/"
        if kind == "agency list":
            return f"/{lang}/agencies/" + rng.choice(["", "", "", "?kind=university", "?page=2"])
        if kind == "agency profile":
            return f"/{lang}/agencies/{rng.choice(profiles)}/"
        if kind == "API projects":
            return "/api/v1/projects/" + rng.choice(["", "", "?page=2", "?lang=en", "?status=completed"])
        if kind == "API agencies":
            return "/api/v1/agencies/" + rng.choice(["", "", "?page=2", "?kind=university"])
        return rng.choice(["/api/v1/action-lines/", "/api/v1/sdgs/"])

    kinds, weights = zip(*MIX, strict=True)
    paths = [draw(kind) for kind in rng.choices(kinds, weights, k=PATHS)]
    (out / "public.paths").write_text("\n".join(paths) + "\n")
    (out / "admin.paths").write_text("/admin/portal/project/\n")

    # A working-group admin (staff, in the admin group, not a superuser) and a session of theirs.
    user, created = get_user_model().objects.get_or_create(
        username=BENCH_ADMIN, defaults={"email": BENCH_ADMIN, "is_staff": True, "first_name": "Bench"}
    )
    if created:
        user.set_unusable_password()
        user.save()
    user.groups.add(services.ensure_admin_group())
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "portal.auth.EmailBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.set_expiry(3600)
    session.create()
    (out / "admin.cookie").write_text(f"{settings.SESSION_COOKIE_NAME}={session.session_key}\n")

    load = os.getloadavg()
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if "model name" in line
        ),
        platform.processor(),
    )
    meta = {
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "cpus": os.cpu_count(),
        "cpu": cpu,
        "load": [round(x, 2) for x in load],
        "agencies": Agency.objects.count(),
        "projects": Project.objects.count(),
        "published": published.count(),
    }
    (out / "meta.json").write_text(json.dumps(meta, indent=1))
    print(
        f"Prepared {len(paths):,} paths ({len(set(paths))} distinct) over {meta['agencies']:,} agencies and "
        f"{meta['projects']:,} projects ({meta['published']:,} published); admin session for {BENCH_ADMIN}."
    )


if __name__ == "__main__":
    main()
