"""Tests for the class-list model: year groups from class names, pupil names and order, slugs."""

from __future__ import annotations

import pytest

from gereedschapskist.classes import Pupil, SchoolClass, parse_year_groups
from gereedschapskist.classes.model import base_slug, class_key, natural_key, unique_slugs


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("4/5", {4, 5}),
        ("groep 1-2", {1, 2}),
        ("Groep 1-2", {1, 2}),
        ("1/2", {1, 2}),
        ("5a", {5}),
        ("5B", {5}),
        ("Groep 8", {8}),
        ("groep8", {8}),
        ("3-4-5", {3, 4, 5}),
        ("1 t/m 3", {1, 2, 3}),
        ("1t/m3", {1, 2, 3}),
        ("6 tot en met 8", {6, 7, 8}),
        ("6–8", {6, 7, 8}),  # en dash, as Word and Excel autocorrect it
        ("groep 4 en 5", {4, 5}),
        ("4+5", {4, 5}),
        ("1/2a", {1, 2}),
        ("Kleuters", {1, 2}),
        ("kleutergroep Egels", {1, 2}),
        ("Groep 8 2025-2026", {8}),
    ],
)
def test_parse_year_groups(text: str, expected: set[int]) -> None:
    assert parse_year_groups(text) == frozenset(expected)


@pytest.mark.parametrize("text", ["", "De Egels", "10", "groep 0", "2025-2026", "Groep"])
def test_parse_year_groups_finds_nothing_outside_1_to_8(text: str) -> None:
    assert parse_year_groups(text) == frozenset()


def test_parse_year_groups_returns_frozenset() -> None:
    assert isinstance(parse_year_groups("4/5"), frozenset)


def test_pupil_naam_joins_parts_with_single_spaces_and_skips_empty_ones() -> None:
    assert Pupil("Zoë", "van der", "Berg").naam == "Zoë van der Berg"
    assert Pupil("Elif", "", "Çelik").naam == "Elif Çelik"
    assert Pupil("أحمد", "", "Haddad").naam == "أحمد Haddad"
    assert Pupil("Zoë van der Berg", "", "").naam == "Zoë van der Berg"


def test_pupil_sort_key_ignores_tussenvoegsel_case_and_accents() -> None:
    pupils = [
        Pupil("Noah", "de", "Vries"),
        Pupil("Zoë", "van der", "Berg"),
        Pupil("Mei", "", "Chen"),
        Pupil("Elif", "", "Çelik"),
        Pupil("Finn", "", "Bakker"),
        Pupil("Milan", "", "Đorđević"),
        Pupil("Levi", "van", "dijk"),
        Pupil("Renée", "", "Dekker"),
    ]
    ordered = [p.naam for p in sorted(pupils, key=lambda p: p.sort_key)]
    assert ordered == [
        "Finn Bakker",
        "Zoë van der Berg",  # under B, not under V
        "Elif Çelik",  # Ç sorts as C, before "Chen"
        "Mei Chen",
        "Renée Dekker",
        "Levi van dijk",  # lowercase does not send it after Z
        "Milan Đorđević",  # Đ sorts as D
        "Noah de Vries",
    ]


def test_pupil_sort_key_uses_roepnaam_after_achternaam() -> None:
    pupils = [Pupil("Yara", "", "Şahin"), Pupil("Ahmet", "", "Şahin"), Pupil("Sem", "", "Visser")]
    ordered = [p.naam for p in sorted(pupils, key=lambda p: p.sort_key)]
    assert ordered == ["Ahmet Şahin", "Yara Şahin", "Sem Visser"]


def test_pupil_and_class_are_frozen() -> None:
    pupil = Pupil("Zoë", "", "Berg")
    school_class = SchoolClass("5a", "groep-5a", frozenset({5}), "", (pupil,))
    with pytest.raises(AttributeError):
        pupil.roepnaam = "Anna"  # type: ignore[misc]
    with pytest.raises(AttributeError):
        school_class.naam = "6"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("naam", "slug"),
    [
        ("4/5", "groep-4-5"),
        ("Groep 1-2", "groep-1-2"),
        ("groep 1-2", "groep-1-2"),
        ("5a", "groep-5a"),
        ("Groep8", "groep-8"),
        ("Groep 5A", "groep-5a"),
        ("Kleutergroep Égels", "groep-kleutergroep-egels"),
        ("Đurđa 3", "groep-durda-3"),
        ("أحمد", "groep-zonder-naam"),
    ],
)
def test_base_slug(naam: str, slug: str) -> None:
    assert base_slug(naam) == slug


def test_unique_slugs_add_a_number_where_two_classes_would_share_a_folder() -> None:
    slugs = unique_slugs(["4/5", "4-5", "Groep 4/5", "5a"])
    assert slugs == ["groep-4-5", "groep-4-5-2", "groep-4-5-3", "groep-5a"]


def test_unique_slugs_skip_a_suffix_that_is_already_taken() -> None:
    # "4/5 2" slugs to "groep-4-5-2" itself; the second "4/5" must not reuse it.
    slugs = unique_slugs(["4/5", "4/5 2", "4-5"])
    assert len(set(slugs)) == 3
    assert all(slug.isascii() for slug in slugs)


def test_natural_key_orders_numbers_by_value_and_ignores_case() -> None:
    assert sorted(["Groep 10", "groep 2", "Groep 1"], key=natural_key) == ["Groep 1", "groep 2", "Groep 10"]
    assert sorted(["5B", "5a", "5"], key=natural_key) == ["5", "5a", "5B"]


def test_a_year_after_the_class_is_no_range_of_year_groups() -> None:
    # "Groep 4 - 2026" is groep 4 in 2026, not groep 4 up to 8
    assert parse_year_groups("Groep 4 - 2026") == frozenset({4})
    assert parse_year_groups("1-2025") == frozenset({1})
    assert parse_year_groups("groep 6-8") == frozenset({6, 7, 8})


@pytest.mark.parametrize(
    ("names", "same"),
    [
        (("3", "Groep 3", "groep3", "Gr. 3", " groep  3 "), True),
        (("8b", "Groep 8b", "8 B", "GROEP 8B"), True),
        (("Taalklas", "Groep Taalklas", "taalklas"), True),
        (("4/5", "4-5"), False),
        (("8a", "8b"), False),
        (("Groepen 3", "3"), False),
    ],
)
def test_class_key_ignores_case_spaces_and_the_word_groep(names: tuple[str, ...], same: bool) -> None:
    assert (len({class_key(naam) for naam in names}) == 1) is same


@pytest.mark.parametrize(
    ("naam", "label"),
    [("3", "groep 3"), ("Groep 1/2a", "Groep 1/2a"), ("groep 5", "groep 5"), ("Taalklas", "Taalklas")],
)
def test_label_says_groep_once(naam: str, label: str) -> None:
    assert SchoolClass(naam, "x", frozenset(), "", ()).label == label


def test_a_class_is_named_in_groepen_by_any_spelling() -> None:
    taalklas = SchoolClass("Taalklas", "groep-taalklas", frozenset(), "", ())
    assert taalklas.named_in(["taalklas"])
    assert taalklas.named_in(["Groep Taalklas"])
    assert not taalklas.named_in(["Taalklas 2"])
    assert not taalklas.named_in([])
