"""Reads of the library, scoped to the user: who sees which guide (`visible_guides`, the one rule), its versions and
files; the library's counts (published guides only, whoever asks); whether a guide may be out of date; the table of
contents of a body; the difference between two versions in one language."""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import html
import re
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils.html import escape, strip_tags
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import slugify

from guides.library.models import Guide, GuideAttachment, GuideKind, GuideVersion, Subtopic
from portal.models import ReviewState
from portal.selectors import active_contact, can_change, is_working_group_admin

CODES = tuple(code for code, _name in settings.LANGUAGES)


def _listed(qs: QuerySet) -> QuerySet:
    return qs.select_related("agency")


def published_guides() -> QuerySet:
    """What anyone sees: the published guides."""
    return _listed(Guide.objects.filter(review_state=ReviewState.PUBLISHED))


def visible_guides(user) -> QuerySet:
    """Guides `user` may see: published ones for everyone; an active contact also its own agency's drafts (and
    those submitted or sent back); working-group admins every guide."""
    qs = _listed(Guide.objects.all())
    if is_working_group_admin(user):
        return qs
    contact = active_contact(user)
    if contact is None:
        return qs.filter(review_state=ReviewState.PUBLISHED)
    return qs.filter(Q(review_state=ReviewState.PUBLISHED) | Q(agency_id=contact.agency_id))


def may_edit(user, guide: Guide) -> bool:
    """The one rule of changing a guide: its agency's active contacts and working-group admins."""
    return can_change(user, guide)


def visible_versions(user, guide: Guide) -> QuerySet:
    """The versions of `guide` (one the user sees), the latest first."""
    return GuideVersion.objects.filter(guide=guide).select_related("guide").order_by("-number")


def visible_attachments(user, guide: Guide) -> list[GuideAttachment]:
    """The files of a guide the user sees: those waiting for review only to those who may change the guide."""
    qs = GuideAttachment.objects.filter(guide=guide).order_by("pk")
    if not may_edit(user, guide):
        qs = qs.filter(pending=False)
    return list(qs)


def visible_attachment(user, slug: str, pk: int) -> GuideAttachment | None:
    """A guide's file if the user sees the guide (and the file is public, or the user may change the guide)."""
    guide = visible_guides(user).filter(slug=slug).first()
    if guide is None:
        return None
    found = GuideAttachment.objects.filter(guide=guide, pk=pk).first()
    if found is None or (found.pending and not may_edit(user, guide)):
        return None
    found.guide = guide
    return found


def attachments_visible_to(user) -> QuerySet:
    """Every file the user sees (the API's list): of guides the user sees, released or the user's own agency's."""
    qs = GuideAttachment.objects.filter(guide__in=visible_guides(user).values("pk"))
    if is_working_group_admin(user):
        return qs
    contact = active_contact(user)
    if contact is None:
        return qs.filter(pending=False)
    return qs.filter(Q(pending=False) | Q(guide__agency_id=contact.agency_id))


def versions_visible_to(user) -> QuerySet:
    """Every version of the guides the user sees (the API's list)."""
    return GuideVersion.objects.filter(guide__in=visible_guides(user).values("pk"))


# --- The library's counts ---------------------------------------------------------------------------------------


def counts(qs: QuerySet) -> dict[str, dict[str, int]]:
    """How many published guides of `qs` are under each sub-topic and of each kind (drafts never counted)."""
    rows = list(qs.filter(review_state=ReviewState.PUBLISHED).order_by().values_list("subtopics", "kind"))
    by_subtopic = dict.fromkeys(Subtopic.values, 0)
    by_kind = dict.fromkeys(GuideKind.values, 0)
    for subtopics, kind in rows:
        for code in subtopics:
            by_subtopic[code] = by_subtopic.get(code, 0) + 1
        by_kind[kind] = by_kind.get(kind, 0) + 1
    return {"subtopic": by_subtopic, "kind": by_kind, "total": len(rows)}


# --- Kept current ---------------------------------------------------------------------------------------------


def review_due_at(guide: Guide) -> dt.datetime | None:
    """The instant the guide is due for review: 23:59 of its review-by date in its own zone."""
    if guide.review_by is None:
        return None
    return dt.datetime.combine(guide.review_by, dt.time(23, 59), ZoneInfo(guide.review_tz))


def is_out_of_date(guide: Guide, now: dt.datetime) -> bool:
    """The guide's review-by date has passed (after 23:59 that day in its zone) and it was not reviewed since."""
    due_at = review_due_at(guide)
    return due_at is not None and now > due_at


# --- Reading a guide ------------------------------------------------------------------------------------------


def in_language(record, name: str, lang: str) -> tuple[str, str]:
    """The value of the translated field `name` in `lang`, falling back to English, Turkish, then any written one;
    with the language it is in."""
    for code in (lang, "en", "tr", *CODES):
        value = getattr(record, f"{name}_{code}", "") or ""
        if value.strip():
            return value, code
    return "", lang


@dataclasses.dataclass(frozen=True)
class Heading:
    level: int
    text: str
    anchor: str


_HEADING = re.compile(r"<(h[23])>(.*?)</\1>", re.DOTALL)


def table_of_contents(body_html: str) -> tuple[SafeString, list[Heading]]:
    """The sanitised `body_html` with an `id` on each h2 and h3 heading (a slug of its text, made unique within the
    body: the same text always gets the same anchor), and the headings in order. The ids are slugs (letters,
    digits, hyphens and underscores only), so nothing the author typed reaches the attribute unescaped."""
    headings: list[Heading] = []
    used: set[str] = set()

    def add_id(match: re.Match) -> str:
        tag, inner = match.group(1), match.group(2)
        text = html.unescape(strip_tags(inner)).strip()
        base = slugify(text, allow_unicode=True)[:60] or "section"
        anchor, n = base, 1
        while anchor in used:
            n += 1
            anchor = f"{base}-{n}"
        used.add(anchor)
        headings.append(Heading(int(tag[1]), text, anchor))
        return f'<{tag} id="{escape(anchor)}">{inner}</{tag}>'

    return mark_safe(_HEADING.sub(add_id, body_html or "")), headings  # noqa: S308 - ids are escaped slugs


# --- Differences between versions ----------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class DiffRow:
    """A line of the side-by-side view: `kind` is equal, insert, delete or replace; both sides escaped HTML."""

    kind: str
    old: SafeString
    new: SafeString
    old_number: int | None
    new_number: int | None


@dataclasses.dataclass(frozen=True)
class Difference:
    language: str
    inline: SafeString
    rows: list[DiffRow]
    changed: bool
    title_old: str
    title_new: str


_WORDS = re.compile(r"\s+|[^\s]+")


def _words(old: str, new: str) -> tuple[str, str, str]:
    """A changed line word by word: (inline HTML, old side, new side), every piece escaped."""
    a, b = _WORDS.findall(old), _WORDS.findall(new)
    inline, left, right = [], [], []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        before, after = escape("".join(a[i1:i2])), escape("".join(b[j1:j2]))
        if op == "equal":
            inline.append(before)
            left.append(before)
            right.append(after)
            continue
        if before:
            inline.append(f"<del>{before}</del>")
            left.append(f"<del>{before}</del>")
        if after:
            inline.append(f"<ins>{after}</ins>")
            right.append(f"<ins>{after}</ins>")
    return "".join(inline), "".join(left), "".join(right)


def difference(old_version: GuideVersion, new_version: GuideVersion, lang: str) -> Difference:
    """What changed from `old_version` to `new_version` in the body in `lang` (its Markdown, line by line, a changed
    line word by word): inline (`<ins>`/`<del>` in one text) and side by side. The texts are escaped: nothing of
    the Markdown is rendered here."""
    old = (getattr(old_version, f"body_{lang}", "") or "").splitlines()
    new = (getattr(new_version, f"body_{lang}", "") or "").splitlines()
    inline: list[str] = []
    rows: list[DiffRow] = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            for k, line in enumerate(old[i1:i2]):
                text = escape(line)
                inline.append(f"<span>{text}</span>")
                rows.append(DiffRow("equal", mark_safe(text), mark_safe(text), i1 + k + 1, j1 + k + 1))  # noqa: S308
            continue
        pairs = max(i2 - i1, j2 - j1)
        for k in range(pairs):
            a = old[i1 + k] if i1 + k < i2 else None
            b = new[j1 + k] if j1 + k < j2 else None
            if a is not None and b is not None:
                line, left, right = _words(a, b)
                inline.append(f"<span>{line}</span>")
                kind = "replace"
            elif a is not None:
                left, right = f"<del>{escape(a)}</del>", ""
                inline.append(f"<span><del>{escape(a)}</del></span>")
                kind = "delete"
            else:
                left, right = "", f"<ins>{escape(b)}</ins>"
                inline.append(f"<span><ins>{escape(b)}</ins></span>")
                kind = "insert"
            rows.append(
                DiffRow(
                    kind,
                    mark_safe(left),  # noqa: S308 - built from escaped pieces
                    mark_safe(right),  # noqa: S308
                    i1 + k + 1 if a is not None else None,
                    j1 + k + 1 if b is not None else None,
                )
            )
    return Difference(
        language=lang,
        inline=mark_safe("\n".join(inline)),  # noqa: S308 - built from escaped pieces
        rows=rows,
        changed=any(row.kind != "equal" for row in rows),
        title_old=getattr(old_version, f"title_{lang}", "") or "",
        title_new=getattr(new_version, f"title_{lang}", "") or "",
    )
