"""`language_code`: what class-list exports write as Thuistaal, turned into the code of a template."""

from __future__ import annotations

import pytest

from gereedschapskist.agenda.languages import is_rtl, known_codes, language_code


@pytest.mark.parametrize(
    ("thuistaal", "code"),
    [
        ("Engels", "en"),
        ("English", "en"),
        ("en", "en"),
        ("EN", "en"),
        ("ENG", "en"),
        ("en-GB", "en"),
        ("  engels  ", "en"),
        ("Arabisch", "ar"),
        ("arabisch", "ar"),
        ("Arabic", "ar"),
        ("العربية", "ar"),
        ("Arabisch (Marokko)", "ar"),
        ("Marokkaans-Arabisch", "ar"),
        ("ar-MA", "ar"),
        ("ara", "ar"),
        ("Turks", "tr"),
        ("Türkçe", "tr"),
        ("Turkce", "tr"),
        ("Pools", "pl"),
        ("Polski", "pl"),
        ("Oekraïens", "uk"),
        ("Oekraiens", "uk"),
        ("Українська", "uk"),
        ("Tigrinya", "ti"),
        ("Tigrinja", "ti"),
        ("ትግርኛ", "ti"),
        ("Somalisch", "so"),
        ("Farsi", "fa"),
        ("Perzisch", "fa"),
        ("Dari", "fa"),
        ("Koerdisch", "ku"),
        ("Sorani", "ckb"),
        ("Koerdisch (Sorani)", "ckb"),
        ("Engels (Nigeria)", "en"),
        ("Tamazight", "ber"),
        ("Berbers", "ber"),
        ("Papiaments", "pap"),
        ("Frans", "fr"),
        ("Français", "fr"),
        ("Spaans", "es"),
        ("Russisch", "ru"),
        ("Bulgaars", "bg"),
        ("Roemeens", "ro"),
        ("Chinees", "zh"),
        ("Nederlands", "nl"),
        ("NL", "nl"),
        ("nld", "nl"),
        # Two languages: the one a translation can help.
        ("Nederlands / Arabisch", "ar"),
        ("Turks en Nederlands", "tr"),
        ("Nederlands, Engels", "en"),
        ("Nederlands/Fries", "fy"),
        ("Nederlands en Nederlands", "nl"),
    ],
)
def test_what_exports_write(thuistaal: str, code: str) -> None:
    assert language_code(thuistaal) == code


@pytest.mark.parametrize("cell", ["", "   ", "Anders", "Onbekend", "Overig", "-", "Klingon", "xx", "ja", "nee", "12"])
def test_no_language_gives_none(cell: str) -> None:
    assert language_code(cell) is None


def test_not_a_string_gives_none() -> None:
    assert language_code(None) is None  # type: ignore[arg-type]


@pytest.mark.parametrize("code", ["ar", "fa", "he", "ur", "ps", "ckb", "ar-MA", "AR", "fa_IR"])
def test_right_to_left(code: str) -> None:
    assert is_rtl(code)


@pytest.mark.parametrize("code", ["nl", "en", "tr", "ti", "ku", "ber", "uk", "", None])
def test_left_to_right(code: str | None) -> None:
    assert not is_rtl(code)


def test_every_code_is_a_short_lower_case_code_usable_in_a_file_name() -> None:
    for code in known_codes():
        assert code.isascii() and code.isalpha() and code.islower() and 2 <= len(code) <= 3, code
    assert is_rtl(language_code("Arabisch")) and not is_rtl(language_code("Engels"))
