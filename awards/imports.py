"""The results inventory as a CSV file: `import_inventory award-results FILE` and `export_inventory award-results`,
through the one import mechanism (portal/imports.py).

Real inventories are typed by people from organisers' pages, so every reference is matched generously: a
programme by its name (any language), slug or acronym; a category by its code, its title, or both as the
organiser prints them ("C7 ICT applications: E-government", "Action Line C1 …", "AL C7. ICT applications:
E-health", "Category 10" — the tenth in the organiser's order); an agency by its acronym or name (any language).
Case, accents, punctuation and such wording noise are ignored, as are "UN" for "United Nations", singular or
plural, and a year or edition around a programme's name ("WSIS Prize 2019"); the other names curators keep on
programmes, categories and agencies (their `aliases`) match too. Only what is truly ambiguous or unknown is refused,
naming the candidates, or the known name closest to the one given ("did you mean").

Everything a row refers to is looked up in dictionaries built once when the import starts, so the file streams:
a row costs the queries of what it creates, and nothing for what already exists.
"""

from __future__ import annotations

import re
from collections import defaultdict

from django.db.models import Value
from django.db.models.functions import Coalesce
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from awards.models import YEAR_VALIDATORS, AwardCategory, AwardEdition, AwardProgramme, AwardResult, Outcome
from portal import imports
from portal.imports import NEW, Index, normal
from portal.imports import candidates as _candidates
from portal.imports import country as _country
from portal.imports import texts as _texts
from portal.imports import unique_slug as _unique_slug
from portal.languages import CODES

COLUMNS = ("programme", "edition_year", "category", "agency", "agency_country", "project", "outcome", "evidence_url")
# Wording organisers and people put before a category's code or number.
NOISE = re.compile(r"^(?:(?:wsis|prize|prizes|action|line|al|category|cat|no|nr|number)\s+)+")


def _quiet(text: str) -> str:
    """The normal form without leading noise words ("Action Line", "AL", "Category")."""
    return NOISE.sub("", normal(text) + " ").strip()


def _suggestions(names) -> str:
    """“A” or “A”, “B”: the names a "did you mean" proposes."""
    return ", ".join(f"“{name}”" for name in sorted(names))


def _edition_year(text: str) -> int:
    value = imports.year(text)
    for validator in YEAR_VALIDATORS:
        validator(value)
    return value


def _evidence(text: str) -> str:
    imports.web_address(text)
    if len(text) > AwardResult._meta.get_field("evidence_url").max_length:
        raise ValueError(_("This web address is too long."))
    return text


def _outcomes() -> dict[str, str]:
    """Each outcome by its value, its English label and its label in the active language ("honorable" too)."""
    names = {normal("honorable mention"): Outcome.HONOURABLE_MENTION}
    with translation.override("en"):
        english = {value: str(label) for value, label in Outcome.choices}
    for value, label in Outcome.choices:
        for name in (value, english[value], str(label)):
            names.setdefault(normal(name), value)
    return names


def _outcome(text: str, outcomes: dict[str, str]) -> str:
    try:
        return outcomes[normal(text)]
    except KeyError:
        raise ValueError(
            _("“%(value)s” is not an outcome; the outcomes are: %(outcomes)s.")
            % {"value": text, "outcomes": ", ".join(value for value, _label in Outcome.choices)}
        ) from None


class AwardResultImporter(imports.Importer):
    kind = "award-results"
    columns = COLUMNS
    flags = {
        "create-categories": gettext_lazy(
            "create the categories the file names that the programme does not have (e.g. UNPSA, whose categories "
            "change every call)"
        )
    }

    def __init__(self, **options):
        super().__init__(**options)
        self.create_categories = bool(options.get("create_categories"))
        self.outcomes = _outcomes()
        name_fields = [f"name_{code}" for code in CODES]
        title_fields = [f"title_{code}" for code in CODES]

        self.programmes = Index(editions=True)  # "WSIS Prizes 2019" is the programme: the year has its column
        self.programme_names: dict[int, str] = {}
        for values in AwardProgramme.objects.values("id", "slug", "acronym", "aliases", "name", *name_fields):
            for text in {values["slug"], values["acronym"], *_texts(values, "name")}:
                self.programmes.add(normal(text), values["id"])
            self.programmes.add_aliases(values["aliases"], values["id"])
            self.programme_names[values["id"]] = values["name_en"] or values["name"]

        # Per programme: exact codes (as exported), then every spelling of code and title.
        self.codes: dict[tuple[int, str], int] = {}
        self.categories: dict[int, Index] = defaultdict(Index)
        self.category_names: dict[int, str] = {}
        self.category_positions: dict[int, int] = defaultdict(int)
        lines = defaultdict(set)
        for category_id, code in AwardCategory.action_lines.through.objects.values_list(
            "awardcategory_id", "actionline__code"
        ):
            lines[category_id].add(code)
        for values in AwardCategory.objects.values(
            "id", "programme_id", "code", "position", "title", "aliases", *title_fields
        ):
            self._index_category(values, lines[values["id"]])

        self.editions = {
            (programme_id, year): pk
            for pk, programme_id, year in AwardEdition.objects.values_list("id", "programme_id", "year")
        }

        self.directory = imports.AgencyDirectory()

        # (edition, category or 0, agency, project or 0) → (result id, outcome, evidence)
        self.results = {
            (edition, category or 0, agency, project or 0): (pk, outcome, evidence)
            for pk, edition, category, agency, project, outcome, evidence in AwardResult.objects.values_list(
                "id", "edition_id", "category_id", "agency_id", "project_id", "outcome", "evidence_url"
            )
        }
        self.lines: dict[tuple, int] = {}  # the line each result of the file came from

    def _index_category(self, values: dict, lines: set[str] = frozenset()) -> None:
        pk, programme_id, code = values["id"], values["programme_id"], values["code"]
        index = self.categories[programme_id]
        self.codes[(programme_id, code.casefold())] = pk
        self.category_names[pk] = f"{code} {values.get('title_en') or values['title']}".strip()
        self.category_positions[programme_id] = max(self.category_positions[programme_id], values["position"])
        # "C7-E-government" is also known as "C7", and by the action line it maps to ("C7.1").
        codes = {code, code.split("-")[0], *lines}
        titles = set()
        for title in _texts(values, "title"):
            titles.add(title)
            if ":" in title:
                titles.add(title.rsplit(":", 1)[1])  # "ICT Applications: E-health" → "E-health"
        names = {normal(code) for code in codes} | {normal(title) for title in titles}
        names |= {normal(f"{code} {title}") for code in codes for title in titles}
        if values["position"]:
            names |= {str(values["position"])} | {normal(f"{values['position']} {title}") for title in titles}
        for name in names:
            index.add(name, pk)
        index.add_aliases(values.get("aliases", ""), pk)

    def key(self, row: imports.Row):
        return tuple(normal(row[column]) for column in COLUMNS[:6])

    def save(self, row: imports.Row) -> str:
        programme = row.value("programme", self._programme)
        year = row.value("edition_year", _edition_year)
        category = row.value("category", lambda text: self._category(programme, text), required=False)
        country = row.value("agency_country", _country, required=False)
        agency = row.value("agency", lambda text: self.directory.agency(text, country))
        outcome = row.value("outcome", lambda text: _outcome(text, self.outcomes))
        evidence = row.value("evidence_url", _evidence, required=False, default="")
        if agency == NEW and not row["agency_country"]:
            row.error(
                "agency_country",
                _("There is no agency “%(value)s”: give its country to add it.") % {"value": row["agency"]},
            )
        project = None
        if row["project"]:
            project = NEW if agency == NEW else row.value("project", lambda text: self.directory.project(agency, text))
        row.check()

        edition = self.editions.get((programme, year), NEW)
        key = (edition, category or 0, agency, project or 0)
        if NEW not in key and key in self.lines:
            # The same result under another spelling: the file's own lines are compared once resolved.
            raise imports.RowError("", _("This row repeats line %(line)s.") % {"line": self.lines[key]})

        # Every cell is valid: add what the row names and the inventory lacks.
        if category == NEW:
            category = self._create_category(programme, row["category"])
        if agency == NEW:
            agency = self.directory.create_agency(row["agency"], country)
        if project == NEW:
            project = self.directory.create_project(agency, row["project"])
        if edition == NEW:
            edition = self._create_edition(programme, year)
        key = (edition, category or 0, agency, project or 0)
        self.lines[key] = row.line
        existing = self.results.get(key)
        if existing is None:
            result = AwardResult.objects.create(
                edition_id=edition,
                category_id=category,
                agency_id=agency,
                project_id=project,
                outcome=outcome,
                evidence_url=evidence,
                imported=True,
                # The working group's own import: verified as it is entered (the command and the back-office are
                # theirs alone).
                verified_at=timezone.now(),
            )
            self.results[key] = (result.pk, outcome, evidence)
            return imports.CREATED
        pk, old_outcome, old_evidence = existing
        if (old_outcome, old_evidence) == (outcome, evidence):
            return imports.UNCHANGED
        now = timezone.now()
        AwardResult.objects.filter(pk=pk).update(
            outcome=outcome, evidence_url=evidence, updated_at=now, verified_at=Coalesce("verified_at", Value(now))
        )
        self.results[key] = (pk, outcome, evidence)
        return imports.UPDATED

    # --- Reading the cells: each returns an id, or raises ValueError naming the problem --------------------

    def _programme(self, text: str) -> int:
        found = self.programmes.get(normal(text))
        if len(found) == 1:
            return next(iter(found))
        if found:
            raise ValueError(
                _("“%(value)s” may be several programmes: %(candidates)s.")
                % {"value": text, "candidates": _candidates([self.programme_names[pk] for pk in found])}
            )
        near = self.programmes.suggest(normal(text))
        if near:
            raise ValueError(
                _("“%(value)s” is not a programme. Did you mean %(suggestions)s?")
                % {"value": text, "suggestions": _suggestions(self.programme_names[pk] for pk in near)}
            )
        raise ValueError(
            _("“%(value)s” is not a programme; the programmes are: %(programmes)s.")
            % {"value": text, "programmes": _candidates(self.programme_names.values())}
        )

    def _category(self, programme: int | None, text: str):
        """The category's id, "new" when it is unknown and may be created, else ValueError."""
        if programme is None:
            return None  # the programme's cell has the error
        exact = self.codes.get((programme, text.casefold()))
        if exact:
            return exact
        index = self.categories[programme]
        found = index.get(normal(text)) or index.get(_quiet(text))
        if len(found) == 1:
            return next(iter(found))
        if found:
            raise ValueError(
                _("“%(value)s” may be several categories: %(candidates)s.")
                % {"value": text, "candidates": _candidates([self.category_names[pk] for pk in found])}
            )
        if self.create_categories:
            return NEW
        near = index.suggest(normal(text))
        if near:
            raise ValueError(
                _(
                    "“%(value)s” is not a category of %(programme)s. Did you mean %(suggestions)s? Otherwise give "
                    "its code or title, or import with --create-categories to add it."
                )
                % {
                    "value": text,
                    "programme": self.programme_names[programme],
                    "suggestions": _suggestions(self.category_names[pk] for pk in near),
                }
            )
        raise ValueError(
            _(
                "“%(value)s” is not a category of %(programme)s; give its code or title, or import with "
                "--create-categories to add it."
            )
            % {"value": text, "programme": self.programme_names[programme]}
        )

    # --- Creating what is missing (only once the whole row is valid) ---------------------------------------

    def _create_category(self, programme: int, text: str) -> int:
        codes = {code for (pk, code) in self.codes if pk == programme}
        code = _unique_slug(text, codes, AwardCategory._meta.get_field("code").max_length)
        position = self.category_positions[programme] + 1
        title = text[: AwardCategory._meta.get_field("title").max_length]
        category = AwardCategory.objects.create(programme_id=programme, code=code, title_en=title, position=position)
        self._index_category(
            {"id": category.pk, "programme_id": programme, "code": code, "position": position, "title": title}
        )
        self.categories[programme].add(normal(text), category.pk)
        return category.pk

    def _create_edition(self, programme: int, year: int) -> int:
        edition = AwardEdition.objects.create(programme_id=programme, year=year)
        self.editions[(programme, year)] = edition.pk
        return edition.pk


class AwardResultExporter(imports.Exporter):
    """The inventory in the importer's columns, one row per result, so an exported file imports again unchanged.
    Only verified results: an agency's unverified claim would come back verified from the working group's import."""

    kind = "award-results"
    columns = COLUMNS

    def queryset(self):
        return (
            AwardResult.objects.filter(verified_at__isnull=False)
            .select_related("edition__programme", "category", "agency", "project")
            .order_by(
                "edition__programme__slug",
                "edition__year",
                "category__position",
                "category__code",
                "agency__slug",
                "pk",
            )
        )

    def rows(self, queryset):
        for result in queryset.iterator(chunk_size=2000):
            agency, project, category = result.agency, result.project, result.category
            yield (
                result.edition.programme.slug,
                result.edition.year,
                category.code if category else "",
                agency.name_en or agency.name,
                agency.country.code,
                (project.title_en or project.title) if project else "",
                result.outcome,
                result.evidence_url,
            )


imports.register(AwardResultImporter)
imports.register_exporter(AwardResultExporter)
