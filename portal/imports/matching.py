"""Matching what a row names with what the portal holds: names in any language, generously normalised."""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable

from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django_countries import countries

from portal.imports.reading import text as text_cell
from portal.languages import CODES, translated_fields

# --- Matching what a row names, generously ----------------------------------------------------------------
# Inventories are typed by people from funders' and organisers' pages: a reference is matched by any of its
# names in any language, ignoring case, accents, punctuation and spacing. Only what is truly ambiguous is
# refused, naming the candidates.

NEW = "new"  # a reference the inventory lacks, added once the row is valid


def normal(text: str) -> str:
    """Lower case, without accents or punctuation, words separated by one space: "AL C7. E-Health" → "al c7 e
    health". The Turkish dotless ı is an i, as people type one for the other."""
    text = unicodedata.normalize("NFKD", text.replace("ı", "i").replace("İ", "I"))
    text = "".join(char for char in text if not unicodedata.combining(char)).casefold()
    return " ".join(re.sub(r"[\W_]+", " ", text).split())


# Acronyms people write for the long names (and the long names for acronyms): both sides of a comparison are
# expanded, so "UN Public Service Awards" is "United Nations Public Service Awards". Normal forms.
EXPANSIONS = {
    "un": "united nations",
    "eu": "european union",
    "itu": "international telecommunication union",
    "wsis": "world summit on the information society",
}
# Word forms whose meaning is the same for matching: plurals and possessives (English, Turkish). Normal forms.
WORD_FORMS = {
    "odulu": "odul",
    "oduller": "odul",
    "odulleri": "odul",
    "yarismasi": "yarisma",
    "yarismalari": "yarisma",
    "kategorisi": "kategori",
    "kategorileri": "kategori",
}
# "and" as people also write it "&" (which the normal form drops): English, Turkish, French.
CONNECTIVES = {"and", "ve", "et"}
# A year or an edition before or after a programme's name: "WSIS Prizes 2019", "2019 WSIS Prizes", "WSIS Prizes,
# 12th edition", "12. WSIS Ödülleri". Normal forms (punctuation is already a space).
EDITION = re.compile(
    r"^(?:(?:19|20)\d\d|\d{1,3}(?: ?(?:st|nd|rd|th|inci|nci|uncu|ncu))?(?: edition)?)\s+"
    r"|\s+(?:(?:19|20)\d\d|\d{1,3}(?: ?(?:st|nd|rd|th))? edition|edition \d{1,3})$"
)
SUGGESTION_CUTOFF = 0.8


def _singular(word: str) -> str:
    """ "awards" → "award", "prizes" → "prize", "categories" → "category", "ödülleri" → "odul" (normal forms)."""
    if word in WORD_FORMS:
        return WORD_FORMS[word]
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def loose(key: str, editions: bool = False) -> str:
    """A normal form also blind to acronyms of the table, plural or possessive word forms, "and" (for "&") and, with
    `editions`, a leading or trailing year or edition: "u n public service awards 2024" → "united nation public
    service award"."""
    words = key.split()
    # "u n" (from "U.N.") is "un".
    joined, run = [], []
    for word in [*words, ""]:
        if len(word) == 1 and word.isalpha():
            run.append(word)
            continue
        if run:
            joined.append("".join(run) if len(run) > 1 else run[0])
            run = []
        if word:
            joined.append(word)
    text = " ".join(EXPANSIONS.get(word, word) for word in joined)
    if editions:
        previous = None
        while previous != text:
            previous, text = text, EDITION.sub("", text).strip()
    return " ".join(_singular(word) for word in text.split() if word not in CONNECTIVES)


class Index:
    """Normalised names → the ids they may mean (more than one: ambiguous); failing that, the same without spaces,
    so "W.S.I.S." is "WSIS" and "C 7" is "C7"; failing that, their `loose` forms ("UN" is "United Nations", "Award"
    is "Awards", and with `editions` "WSIS Prizes 2019" is "WSIS Prizes"). `suggest` finds the names close to one
    that matches nothing."""

    def __init__(self, editions: bool = False):
        self.editions = editions
        self.ids: dict[str, set[int]] = defaultdict(set)
        self.compact: dict[str, set[int]] = defaultdict(set)
        self.loose: dict[str, set[int]] = defaultdict(set)
        self.suggestions: dict[str, set[int]] = {}  # asked once per distinct name: a repeated row costs nothing

    def add(self, key: str, pk: int) -> None:
        if key:
            self.ids[key].add(pk)
            self.compact[key.replace(" ", "")].add(pk)
            self.loose[loose(key, self.editions)].add(pk)
            self.suggestions.clear()

    def add_aliases(self, aliases: str, pk: int) -> None:
        """A curator's other names, one a line."""
        for alias in aliases.splitlines():
            self.add(normal(alias), pk)

    def get(self, key: str) -> set[int]:
        return (
            self.ids.get(key)
            or self.compact.get(key.replace(" ", ""))
            or (self.loose.get(loose(key, self.editions), set()) if key else set())
        )

    def suggest(self, key: str) -> set[int]:
        """The ids of the known names closest to `key` (similar enough), for a "did you mean". It compares the key
        with each known name once (the names' count × their length), and once per distinct key."""
        if key not in self.suggestions:
            near = difflib.get_close_matches(loose(key, self.editions), self.loose.keys(), 1, SUGGESTION_CUTOFF)
            self.suggestions[key] = set(self.loose[near[0]]) if near else set()
        return self.suggestions[key]


def texts(values: dict, field: str) -> set[str]:
    """Every non-empty translation of a modeltranslation `field` in a `.values()` row (and the field itself)."""
    return {values[f"{field}_{code}"] for code in CODES if values.get(f"{field}_{code}")} | (
        {values[field]} if values.get(field) else set()
    )


def unique_slug(base: str, used: set[str], max_length: int) -> str:
    """A slug made of `base` that is not in `used` (and is added to it)."""
    base = (slugify(base) or "imported")[: max_length - 6].strip("-") or "imported"
    slug, n = base, 1
    while slug in used:
        n += 1
        slug = f"{base}-{n}"
    used.add(slug)
    return slug


def country(text: str) -> str:
    """A country by its ISO code (TR, TUR) or its English name."""
    code = countries.alpha2(text) if len(text) in (2, 3) else ""
    code = code or countries.by_name(text)
    if not code:
        raise ValueError(
            _("“%(value)s” is not a country: give its ISO code (e.g. TR) or its English name.") % {"value": text}
        )
    return code


def candidates(names: Iterable[str]) -> str:
    return "; ".join(sorted(names))


class AgencyDirectory:
    """Every agency and project by each of their names, built once when an import starts (a row costs the queries
    of what it creates, nothing for what exists). An agency is named by its slug, acronym or name in any language,
    narrowed by its country; a project by its slug or title, among the projects of the agency (its own and those
    it accepted to be a partner of). An unknown agency or project is NEW, added by `create_agency` / `create_project` once
    the row is valid, marked imported."""

    def __init__(self):
        from portal import selectors
        from portal.models import Agency, Project

        self.agencies = Index()
        self.agency_countries: dict[int, str] = {}
        self.agency_names: dict[int, str] = {}
        for values in Agency.objects.values(
            "id", "slug", "acronym", "aliases", "country", "name", *translated_fields("name")
        ):
            for text in {values["slug"], values["acronym"], *texts(values, "name")}:
                self.agencies.add(normal(text), values["id"])
            self.agencies.add_aliases(values["aliases"], values["id"])
            self.agency_countries[values["id"]] = values["country"]
            self.agency_names[values["id"]] = values["name_en"] or values["name"]
        self.agency_slugs = set(Agency.objects.values_list("slug", flat=True))

        self.projects: dict[int, Index] = defaultdict(Index)
        self.project_names: dict[int, str] = {}
        names = defaultdict(set)
        for values in Project.objects.values("id", "agency_id", "slug", "title", *translated_fields("title")):
            self.project_names[values["id"]] = values["title_en"] or values["title"]
            names[values["id"]] = {normal(text) for text in {values["slug"], *texts(values, "title")}}
            for name in names[values["id"]]:
                self.projects[values["agency_id"]].add(name, values["id"])
        for project_id, agency_id in selectors.accepted_partnerships().values_list("project_id", "agency_id"):
            for name in names[project_id]:
                self.projects[agency_id].add(name, project_id)
        del names
        self.project_slugs = set(Project.objects.values_list("slug", flat=True))

    def agency(self, text: str, country: str | None):
        """The agency's id, or NEW when there is none of that name (in that country): it will be added."""
        found = self.agencies.get(normal(text))
        if country:
            # "Ministry of Health" of another country is another agency.
            found = {pk for pk in found if self.agency_countries[pk] == country}
        if len(found) == 1:
            return next(iter(found))
        if found:
            raise ValueError(
                _("“%(value)s” may be several agencies: %(candidates)s; give the agency's country to choose.")
                % {
                    "value": text,
                    "candidates": candidates(f"{self.agency_names[pk]} ({self.agency_countries[pk]})" for pk in found),
                }
            )
        from portal.models import Agency

        text_cell(Agency._meta.get_field("name"))(text)  # a new agency's name must fit
        return NEW

    def project(self, agency: int, text: str):
        """The project's id among the agency's, or NEW."""
        found = self.projects[agency].get(normal(text))
        if len(found) == 1:
            return next(iter(found))
        if found:
            raise ValueError(
                _("“%(value)s” may be several projects of the agency: %(candidates)s.")
                % {"value": text, "candidates": candidates(self.project_names[pk] for pk in found)}
            )
        from portal.models import Project

        text_cell(Project._meta.get_field("title"))(text)  # a new project's title must fit
        return NEW

    def create_agency(self, text: str, country: str) -> int:
        from portal.models import Agency

        name = text[: Agency._meta.get_field("name").max_length]
        acronym = text if " " not in text and text.isupper() and len(text) <= 30 else ""
        agency = Agency.objects.create(
            name_en=name,
            acronym=acronym,
            slug=unique_slug(acronym or name, self.agency_slugs, Agency._meta.get_field("slug").max_length),
            kind=Agency.Kind.PUBLIC_AGENCY,
            country=country,
            imported=True,
        )
        self.agencies.add(normal(text), agency.pk)
        self.agency_countries[agency.pk] = country
        self.agency_names[agency.pk] = name
        return agency.pk

    def create_project(self, agency: int, text: str) -> int:
        """A published project of the agency (the inventory names it publicly), marked imported."""
        from portal.models import Project, ReviewState

        title = text[: Project._meta.get_field("title").max_length]
        project = Project.objects.create(
            agency_id=agency,
            title_en=title,
            slug=unique_slug(title, self.project_slugs, Project._meta.get_field("slug").max_length),
            review_state=ReviewState.PUBLISHED,
            published_at=timezone.now(),
            imported=True,
        )
        self.projects[agency].add(normal(text), project.pk)
        self.project_names[project.pk] = title
        return project.pk
