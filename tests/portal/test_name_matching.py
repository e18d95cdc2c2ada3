"""The one normalised comparison of the importers (portal/imports/matching.py): acronyms of the table, plural and
possessive word forms, a year or edition around a programme's name, and the "did you mean" of a name that matches
nothing."""

import pytest

from portal.imports.matching import Index, loose, normal


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("UN Public Service Awards", "United Nations Public Service Awards"),
        ("U.N. Public Service Award", "United Nations Public Service Awards"),
        ("EU Prize", "European Union Prizes"),
        ("ITU Awards", "International Telecommunication Union Award"),
        ("WSIS Prize", "World Summit on the Information Society Prizes"),
        ("WSIS Ödülü", "WSIS Ödülleri"),
        ("wsis odul", "WSIS Ödülleri"),
        ("E-Government Categories", "e-government category"),
        ("Science & Technology Prize", "Science and Technology Prizes"),
    ],
)
def test_loose_forms_are_equal(one, other):
    assert loose(normal(one)) == loose(normal(other))


@pytest.mark.parametrize(
    "spelling", ["WSIS Prizes 2019", "2019 WSIS Prizes", "WSIS Prizes, 12th edition", "12. WSIS Prizes"]
)
def test_a_year_or_edition_is_left_out_only_with_editions(spelling):
    assert loose(normal(spelling), editions=True) == loose(normal("WSIS Prizes"))
    assert loose(normal(spelling)) != loose(normal("WSIS Prizes"))


def test_the_index_prefers_the_exact_name_and_refuses_what_is_ambiguous():
    index = Index(editions=True)
    index.add(normal("WSIS Prizes"), 1)
    index.add(normal("WSIS Prize"), 2)  # the exact name wins over the loose one
    index.add(normal("United Nations Public Service Awards"), 3)
    index.add(normal("UN Public Service Award"), 4)
    assert index.get(normal("WSIS Prizes")) == {1}
    assert index.get(normal("WSIS Prize")) == {2}
    assert index.get(normal("WSIS Prizes 2019")) == {1, 2}  # both loosely: ambiguous, the caller names both
    assert index.get(normal("U.N. Public Service Awards 2024")) == {3, 4}
    assert index.get(normal("Nobel Prize")) == set()


def test_aliases_one_a_line():
    index = Index()
    index.add_aliases("Turkish ICT Authority\n\n  ICTA  \n", 7)
    assert index.get(normal("turkish ict authority")) == index.get(normal("ICTA")) == {7}
    assert index.get("") == set()


def test_a_suggestion_for_a_close_name_none_for_a_far_one():
    index = Index(editions=True)
    index.add(normal("United Nations Public Service Awards"), 1)
    index.add(normal("WSIS Prizes"), 2)
    assert index.suggest(normal("UN Public Servise Awards")) == {1}
    assert index.suggest(normal("WSIS Prixes 2021")) == {2}
    assert index.suggest(normal("Nobel Prize in Physics")) == set()
    # Asked once per distinct name; a name added later is seen.
    assert normal("UN Public Servise Awards") in index.suggestions
    index.add(normal("Nobel Prizes in Physics"), 3)
    assert index.suggest(normal("Nobel Prize in Physic")) == {3}
