"""Records found by what people call them: a name or title in any of the six languages, an acronym, or the slug of
the record's address, folded as search folds text (`portal.search.text.fold`). Each area registers the kinds its
filters and forms take (`register(Named(...))` in its `AppConfig.ready()`); the filters, the forms, the
autocomplete endpoint and the "did you mean" answers all call `resolve` and `suggest`, which only ever look among
the records the user may see.

On PostgreSQL the fold runs in the query (`translate`, `lower`, `unaccent`) and near misses are found with pg_trgm's
`word_similarity`; on SQLite (the embedded demo, a few hundred records) the visible records' names are folded in
Python and compared with difflib."""

import dataclasses
import difflib
from collections.abc import Callable

from django.db import connection
from django.db.models import F, Model, QuerySet, TextField, Value
from django.db.models.functions import Coalesce, Concat, Lower, Replace

from portal.languages import translated_fields
from portal.search.text import fold
from portal.search.text import words as _words

# A near miss: the best word-similarity of the typed text to one of the names (pg_trgm's scale, 0 to 1).
NEAR = 0.4
SEPARATOR = " | "

# Exact, then contains, then near: the strength of a match, best first.
SLUG, EXACT, CONTAINS, NEAR_MISS = 0, 1, 2, 3
CANDIDATES = 200  # of an indexed kind, the closest names ranked (a prefix of three letters fits thousands)


@dataclasses.dataclass(frozen=True)
class Named:
    """A kind of record that filters and forms take by name. `visible(user)`: the records `user` (or the public,
    for None) may see; `names`: translated fields (`name` → `name_tr`, `name_en`…); `others`: plain fields it is
    also known by (an acronym); `unknown`: the error when nothing fits, with `%(text)s` for what was typed."""

    kind: str
    model: type[Model]
    visible: Callable[..., QuerySet]
    names: tuple[str, ...]
    unknown: str
    others: tuple[str, ...] = ()
    slug: str = "slug"

    def columns(self) -> list[str]:
        return [*translated_fields(*self.names), *self.others]

    def label_of(self, record) -> str:
        """The record's name in the active language (with the content's fallback)."""
        return str(getattr(record, self.names[0]) or getattr(record, self.slug))


_KINDS: dict[str, Named] = {}


def register(named: Named) -> Named:
    if named.kind in _KINDS and _KINDS[named.kind].model is not named.model:
        raise ValueError(f"name kind {named.kind!r} is registered twice")
    _KINDS[named.kind] = named
    return named


def get(kind: str) -> Named:
    return _KINDS[kind]


def kinds() -> list[str]:
    return sorted(_KINDS)


@dataclasses.dataclass
class Found:
    """What a typed name names: `record` when exactly one record fits, otherwise the `candidates` it may mean:
    several equally good matches, or (`near`) near misses; none at all when nothing is close."""

    record: Model | None = None
    candidates: list = dataclasses.field(default_factory=list)
    near: bool = False


def resolve(kind: str, text: str, user=None, limit: int = 6) -> Found:
    """The one record of `kind` visible to `user` that `text` names: its slug, else the only record with exactly that
    name or acronym, else the only one whose name contains the text. Several records at the same strength, or only
    near misses, are candidates, never a choice made for the user."""
    named = get(kind)
    ranked = _ranked(named, text, user, limit)
    if not ranked:
        return Found()
    best = ranked[0][1]
    if best == SLUG:
        return Found(record=ranked[0][0])
    equal = [record for record, strength in ranked if strength == best]
    if best < NEAR_MISS and len(equal) == 1:
        return Found(record=equal[0])
    if best < NEAR_MISS:
        return Found(candidates=equal)
    return Found(candidates=[record for record, _strength in ranked], near=True)


def suggest(kind: str, text: str, user=None, limit: int = 8) -> list:
    """The records of `kind` visible to `user` whose names fit `text` best (for the autocomplete): exact names
    first, then those containing the text, then near misses."""
    return [record for record, _strength in _ranked(get(kind), text, user, limit, as_you_type=True)]


def _ranked(named: Named, text: str, user, limit: int, as_you_type: bool = False) -> list[tuple[Model, int]]:
    text = (text or "").replace("\x00", "").strip()[:200]
    folded = fold(text)
    if not folded:
        return []
    visible = named.visible(user).select_related(None).prefetch_related(None).order_by()
    if connection.vendor == "postgresql":
        plainly = _ranked_as_typed(named, visible, text, folded, limit, as_you_type)
        if plainly:
            return plainly
        return _ranked_in_postgres(named, visible, text, folded, limit, user)
    return _ranked_in_python(named, visible, text, folded, limit)


AS_TYPED = 50  # records whose names contain the text as typed, ranked here at most


def _ranked_as_typed(named: Named, visible: QuerySet, text: str, folded: str, limit: int, as_you_type: bool):
    """The cheap first answer: records whose slug is the text or whose name or acronym contains it as typed (case
    aside; one plain query), ranked with the fold in Python. None when that finds nothing (the folded and near
    matches are the full path's), or, to name one record, too many to be sure none is a better match."""
    from django.db.models import Q

    condition = Q(**{named.slug: text.lower()})
    for column in named.columns():
        condition |= Q(**{f"{column}__icontains": text})
    rows = list(visible.filter(condition).order_by(named.slug).values_list("pk", named.slug, *named.columns())[
        : AS_TYPED + 1])  # fmt: skip
    if not rows or (len(rows) > AS_TYPED and not as_you_type):
        return None
    scored = []
    for pk, slug, *values in rows[:AS_TYPED]:
        names = [fold(value) for value in values if value]
        if slug == text.lower():
            strength = SLUG
        elif folded in names:
            strength = EXACT
        elif any(folded in name for name in names):
            strength = CONTAINS
        else:
            continue
        scored.append((strength, slug, pk))
    if not scored:
        return None
    scored.sort()
    best = scored[:limit]
    records = named.model._default_manager.in_bulk([pk for *_rest, pk in best])
    return [(records[pk], strength) for strength, _slug, pk in best if pk in records]


# --- PostgreSQL: the same fold as portal.search.text.fold, written as SQL ------------------------------------------

_ARABIC_MARKS = "".join(chr(c) for c in range(0x064B, 0x0660)) + "\u0670"
_PERSIAN_DIGITS = "".join(chr(0x06F0 + d) for d in range(10)) + "".join(chr(0x0660 + d) for d in range(10))
# Before lowering: Persian and Arabic letters and digits made one, both Turkish i's; the characters after the last
# target (marks, ZWJ, tatweel, and after lowering the Cyrillic hard and soft signs) are dropped.
_FIRST = (
    "يىئكةۀأإآٱؤ\u200cİIı" + _PERSIAN_DIGITS + "\u200d\u0640" + _ARABIC_MARKS,
    "یییکههااااو iii" + "0123456789" * 2,
)
_SECOND = ("абвгғдежҗзийјкқлмнопрстуүұфхһҹыэәəøđłөъь", "abvggdejjziyykqlmnoprstuuufhhcieeeodlo")
_MULTI = (
    ("щ", "shch"),
    ("ё", "yo"),
    ("ң", "ng"),
    ("ц", "ts"),
    ("ч", "ch"),
    ("ш", "sh"),
    ("ю", "yu"),
    ("я", "ya"),
    ("ß", "ss"),
    ("æ", "ae"),
)


def _translate(expression, table):
    from django.db.models import Func

    return Func(expression, Value(table[0]), Value(table[1]), function="translate", output_field=TextField())


def _folded_sql(named: Named):
    """Every name of the record, folded, joined by SEPARATOR (and framed by it, so an exact name is a LIKE)."""
    from django.db.models import Func

    parts = []
    for column in named.columns():
        parts += [Coalesce(F(column), Value(""), output_field=TextField()), Value(SEPARATOR)]
    expression = Lower(_translate(Concat(Value(SEPARATOR), *parts, output_field=TextField()), _FIRST))
    expression = _translate(expression, _SECOND)
    for letter, latin in _MULTI:
        expression = Replace(expression, Value(letter), Value(latin))
    return Func(expression, function="unaccent", output_field=TextField())


def _indexed_rows(named: Named, visible: QuerySet, text: str, folded: str, user) -> tuple[str, tuple] | None:
    """For a kind search indexes, the candidates read from the index, whose names are already folded the same way
    and framed by SEPARATOR (the trigram index finds those containing the text or coming close): the visible
    indexed records, plus the visible ones the index does not hold (the user's own unpublished records, folded
    here) and the record whose slug was typed. None for the other kinds (short lists, folded whole)."""
    from django.conf import settings
    from django.contrib.contenttypes.models import ContentType
    from django.contrib.postgres.search import TrigramWordSimilarity
    from django.db.models import Func, Q

    from portal.models import SearchDocument, SearchEntry
    from portal.search import indexing, registry
    from portal.search.backends import word_similarity_threshold

    if not registry.sources_of(named.model):
        return None
    indexing.flush()
    content_type = ContentType.objects.get_for_model(named.model)
    word_similarity_threshold(NEAR)
    documents = SearchDocument.objects.filter(language=settings.LANGUAGE_CODE, entry__content_type=content_type)
    # The closest names first, from the trigram index alone (a separate query: joined with the visible records the
    # planner walks every record instead); at most CANDIDATES of them are ranked.
    close = list(
        documents.filter(Q(names__contains=folded) | Q(names__trigram_word_similar=folded))
        .annotate(closeness=TrigramWordSimilarity(folded, "names"))
        .order_by("-closeness", "entry_id")
        .values_list("entry__object_id", flat=True)[:CANDIDATES]
    )
    indexed = (
        documents.filter(entry__object_id__in=close)
        .filter(entry__object_id__in=visible.values("pk"))
        .annotate(
            record_pk=F("entry__object_id"),
            record_slug=Value(""),
            folded_names=Func(F("names"), function="unaccent", output_field=TextField()),  # as the typed text is
        )
        .values_list("record_pk", "record_slug", "folded_names")
    )
    # The index holds what the public may see; a signed-in user may also see records it does not (the own agency's
    # unpublished ones), folded here. The record whose slug was typed, always.
    others = Q(**{named.slug: text.lower()})
    if user is not None and user.is_authenticated:
        others |= ~Q(pk__in=SearchEntry.objects.filter(content_type=content_type).values("object_id"))
    rest = (
        visible.filter(others)
        .annotate(record_pk=F("pk"), record_slug=F(named.slug), folded_names=_folded_sql(named))
        .values_list("record_pk", "record_slug", "folded_names")
    )
    # Each side's columns read by their aliases: Django orders a values_list's columns its own way.
    columns = "record_pk, record_slug, folded_names"
    parts, params = [], []
    for rows in (indexed, rest) if close else (rest,):
        sql, rows_params = rows.query.sql_with_params()
        parts.append(f"SELECT {columns} FROM ({sql}) AS part{len(parts)}")  # noqa: S608
        params += rows_params
    return " UNION ALL ".join(parts), tuple(params)


def _ranked_in_postgres(named: Named, visible: QuerySet, text: str, folded: str, limit: int, user=None):
    """One query: each visible record's names folded once (a materialised CTE, not once per use of the
    expression), then ranked by strength and trigram word-similarity; the records read in a second query."""
    from django.db import connection

    indexed = _indexed_rows(named, visible, text, folded, user)
    if indexed is None:
        rows = visible.annotate(
            record_pk=F("pk"), record_slug=F(named.slug), folded_names=_folded_sql(named)
        ).values_list("record_pk", "record_slug", "folded_names")
        indexed = rows.query.sql_with_params()
    inner, params = indexed
    like = folded.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    # Only Django's own compiled SQL and integer constants are interpolated; every value is a parameter. The columns
    # are read by their aliases: Django orders a values_list's columns its own way.
    sql = f"""
        WITH candidate AS MATERIALIZED ({inner}),
        typed AS (SELECT unaccent(%s) AS text, unaccent(%s) AS pattern)
        SELECT pk, strength FROM (
            SELECT c.record_pk AS pk, c.record_slug AS slug,
                CASE WHEN c.record_slug = %s THEN {SLUG}
                     WHEN c.folded_names LIKE '%%' || %s || typed.pattern || %s || '%%' THEN {EXACT}
                     WHEN c.folded_names LIKE '%%' || typed.pattern || '%%' THEN {CONTAINS}
                     ELSE {NEAR_MISS} END AS strength,
                word_similarity(typed.text, c.folded_names) AS similarity
            FROM candidate AS c, typed
        ) AS ranked
        WHERE strength < {NEAR_MISS} OR similarity > %s
        ORDER BY strength, similarity DESC, slug, pk
        LIMIT %s
    """  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, folded, like, text.lower(), SEPARATOR, SEPARATOR, NEAR, limit])
        ranked = cursor.fetchall()
    if not ranked:
        return []
    best = {}
    for pk, strength in ranked:  # a record both in the index and typed by its slug: its best strength
        best.setdefault(pk, strength)
    records = named.model._default_manager.in_bulk(list(best))
    return [(records[pk], strength) for pk, strength in best.items() if pk in records]


# --- SQLite: the visible records' names folded in Python ----------------------------------------------------------


def _near(folded: str, name: str) -> float:
    """How close `folded` is to the closest run of words of `name` (difflib's ratio, 0 to 1)."""
    words = _words(name)
    size = max(1, len(_words(folded)))
    runs = [" ".join(words[i : i + size]) for i in range(max(1, len(words) - size + 1))] or [name]
    return max(difflib.SequenceMatcher(None, folded, run).ratio() for run in runs)


def _ranked_in_python(named: Named, visible: QuerySet, text: str, folded: str, limit: int):
    columns = named.columns()
    scored = []
    for pk, slug, *values in visible.values_list("pk", named.slug, *columns):
        names = [fold(value) for value in values if value]
        if slug == text.lower():
            strength, closeness = SLUG, 1.0
        elif folded in names:
            strength, closeness = EXACT, 1.0
        elif any(folded in name for name in names):
            strength, closeness = CONTAINS, max(_near(folded, name) for name in names)
        else:
            strength, closeness = NEAR_MISS, max((_near(folded, name) for name in names), default=0.0)
            if closeness < 0.75:
                continue
        scored.append((strength, -closeness, slug, pk))
    scored.sort()
    best = scored[:limit]
    records = named.model._default_manager.in_bulk([pk for *_rest, pk in best])
    return [(records[pk], strength) for strength, *_rest, pk in best]


def register_core() -> None:
    """The core's kinds: agencies, projects (published ones, plus the user's own agency's), themes."""
    from django.utils.translation import gettext_lazy as _

    from portal import selectors
    from portal.models import Agency, Project, Theme

    register(
        Named(
            "agency",
            Agency,
            lambda user=None: Agency.objects.all(),
            names=("name",),
            others=("acronym",),
            unknown=_("No agency is named “%(text)s”."),
        )
    )
    register(
        Named(
            "project",
            Project,
            lambda user=None: selectors.projects_visible_to(user),
            names=("title",),
            unknown=_("No project is named “%(text)s”."),
        )
    )
    register(
        Named(
            "theme",
            Theme,
            lambda user=None: Theme.objects.all(),
            names=("title",),
            unknown=_("No theme is named “%(text)s”."),
        )
    )
