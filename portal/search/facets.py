"""The facets of a search as a reader sees them (the page's sidebar, the API's `facets` and `kinds`): each value with
its name in the active language (country names, agency kinds, "C7 E-government", "16. Peace, justice…"), looked up
in at most one query per reference table whatever the number of results."""

import dataclasses
from functools import cached_property

from django.utils.translation import gettext_lazy as _
from django_countries import countries

from portal.models import SDG, ActionLine, Agency
from portal.search import registry

# The facets' names, in the order the sidebar shows them (the engine's FACETS).
LEGENDS = {
    "country": _("Country"),
    "agency_kind": _("Kind of agency"),
    "action_line": _("WSIS action line"),
    "sdg": _("Sustainable Development Goal"),
    "year": _("Year"),
}


class Labels:
    """Names of facet values and kinds; each reference table is read once, and only when one of its values is
    named or checked."""

    @cached_property
    def action_lines(self) -> dict[str, str]:
        return {line.code: str(line) for line in ActionLine.objects.order_by("code")}

    @cached_property
    def sdgs(self) -> dict[str, str]:
        return {str(sdg.number): str(sdg) for sdg in SDG.objects.order_by("number")}

    @cached_property
    def kinds(self) -> dict[str, str]:
        return {kind: str(label) for kind, label in registry.kinds()}

    def action_line_choices(self) -> list[tuple[str, str]]:
        return list(self.action_lines.items())

    def label(self, facet: str, value: str) -> str:
        if facet == "country":
            return str(countries.name(value)) or value
        if facet == "agency_kind":
            return str(Agency.Kind(value).label) if value in Agency.Kind.values else value
        if facet == "action_line":
            return self.action_lines.get(value, value)
        if facet == "sdg":
            return self.sdgs.get(value, value)
        return value


@dataclasses.dataclass
class Option:
    value: str
    label: str
    count: int
    selected: bool


@dataclasses.dataclass
class Facet:
    name: str  # the query parameter
    legend: str
    options: list[Option]


def facets(results, labels: Labels) -> list[Facet]:
    """Every facet (FACETS' order) with its values among the results, each with its count; a checked value the
    results no longer hold is kept (count 0), so that it can be unchecked. A facet without values has no options."""
    chosen = results.query.facet_values
    groups = []
    for name, values in results.facets.items():
        options = [Option(v.value, labels.label(name, v.value), v.count, v.selected) for v in values]
        present = {option.value for option in options}
        options += [
            Option(value, labels.label(name, value), 0, True) for value in chosen.get(name, ()) if value not in present
        ]
        groups.append(Facet(name, str(LEGENDS.get(name, name)), options))
    return groups


def kinds(results, labels: Labels) -> list[Option]:
    """The kinds of records found, with their counts, in the registry's order (the chosen one kept at 0)."""
    options = [Option(v.value, labels.kinds.get(v.value, v.value), v.count, v.selected) for v in results.kinds]
    kind = results.query.kind
    if kind and kind not in {option.value for option in options}:
        options.append(Option(kind, labels.kinds.get(kind, kind), 0, True))
    return options
