"""Pieces the areas' search documents share: an agency's names and facets, a rendered Markdown field as plain text
in every language, a text made in every language, and "open until" read from the deadline registry (the latest of
a record's open deadlines, so the record stays "open" until its last one passes)."""

from collections.abc import Callable, Iterable

from django.db.models import DateTimeField, Model, OuterRef, QuerySet, Subquery
from django.utils import translation

from portal.deadline_selectors import open_deadlines
from portal.search.indexing import LANGUAGES, plain, texts


def acronym_and_names(record) -> list[str]:
    """A record's acronym and its name in every language (an agency, a funder, a programme, a body)."""
    return [record.acronym, *texts(record, "name").values()]


def country_code(record) -> str:
    """The ISO code of a record's country, "" when it has none."""
    return record.country.code if record.country else ""


def agency_names(agency) -> list[str]:
    """The agency's acronym and its name in every language (nothing for no agency)."""
    return [] if agency is None else acronym_and_names(agency)


def agency_facets(agency) -> dict:
    """The country (ISO code) and kind facets of a record that belongs to `agency`."""
    if agency is None:
        return {}
    return {"country": country_code(agency), "agency_kind": agency.kind}


def plain_texts(record, field: str) -> dict[str, str]:
    """A rendered (HTML) field as plain text in every language."""
    return {language: plain(html) for language, html in texts(record, field).items()}


def in_every_language(make: Callable[[], str]) -> dict[str, str]:
    """`make()` with each language active (a title composed of translated parts)."""
    made = {}
    for language in LANGUAGES:
        with translation.override(language):
            made[language] = str(make() or "")
    return made


def joined(*parts: dict[str, str], separator: str = "\n") -> dict[str, str]:
    """Texts by language joined language by language, the empty ones left out."""
    return {
        language: separator.join(part.get(language, "") for part in parts if part.get(language, "").strip())
        for language in LANGUAGES
    }


def open_until(model: type[Model], kinds: Iterable[str], pk_of: str | QuerySet = "pk") -> Subquery:
    """An annotation: the instant of the last open deadline of `kinds` of the `model` record whose key is the
    outer row's `pk_of` (a field name), or of any of the `model` records a subquery of keys gives (`pk_of` a
    queryset whose `OuterRef(OuterRef(…))` names the outer row: it is nested in the deadlines' query); NULL when
    none is open. Read when the record is indexed."""
    deadlines = open_deadlines(model, list(kinds))
    deadlines = (
        deadlines.filter(object_id__in=pk_of)
        if isinstance(pk_of, QuerySet)
        else deadlines.filter(object_id=OuterRef(pk_of))
    )
    return Subquery(deadlines.order_by("-due_at").values("due_at")[:1], output_field=DateTimeField())
