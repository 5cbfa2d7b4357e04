"""`kmg check` on characters that pass YAML but cannot be printed, and on agendas in other encodings."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SCHOOL = REPO / "agendas" / "school-groep-3-8.yaml"


def variant(tmp_path: Path, old: str, new: str, *, newline: str = "\n", encoding: str = "utf-8") -> Path:
    text = SCHOOL.read_text(encoding="utf-8")
    assert old in text
    text = text.replace(old, new, 1).replace("\n", newline)
    path = tmp_path / "agenda.yaml"
    path.write_bytes(text.encode(encoding))
    return path


def line_and_column(text: str, needle: str) -> tuple[int, int]:
    """Where `needle` starts, counting \\r\\n, \\r and \\n as line ends (as editors do)."""
    import re

    for number, line in enumerate(re.split(r"\r\n|\r|\n", text), start=1):
        if needle in line:
            return number, line.index(needle) + 1
    raise AssertionError(needle)


def findings(kmg, path: Path) -> list[dict]:
    result = kmg("check", path, "--formaat", "json")
    assert result.exit_code == 1, result.output
    return json.loads(result.stdout)


@pytest.mark.parametrize(
    ("escaped", "code"),
    [("\\u2028", "U+2028"), ("\\u2029", "U+2029"), ("\\ue000", "U+E000"), ("\\N", "U+0085"), ("\\L", "U+2028")],
)
def test_an_escaped_line_separator_or_private_character_fails_check(
    kmg, tmp_path: Path, escaped: str, code: str
) -> None:
    path = variant(tmp_path, "titel: Dagroutine", f'titel: "Dag{escaped}routine"')
    [finding] = findings(kmg, path)
    assert finding["code"] == "KMG002"
    assert code in finding["message"]
    line, column = line_and_column(path.read_text(encoding="utf-8"), escaped)
    assert (finding["line"], finding["column"]) == (line, column)


@pytest.mark.parametrize("char", ["\u200d", "\u200c"])
def test_zero_width_joiners_in_persian_text_are_fine(kmg, tmp_path: Path, char: str) -> None:
    path = variant(tmp_path, "titel: Dagroutine", f"titel: Dagroutine می{char}خواهم")
    result = kmg("check", path, "--formaat", "json")
    assert not [f for f in json.loads(result.stdout) if f["code"] in {"KMG001", "KMG002"}]


@pytest.mark.parametrize(("char", "code"), [("\u2028", "U+2028"), ("\x85", "U+0085"), ("\ue000", "U+E000")])
def test_a_raw_line_separator_or_private_character_is_named_at_its_place(
    kmg, tmp_path: Path, char: str, code: str
) -> None:
    path = variant(tmp_path, "titel: Dagroutine", f"titel: Dag{char}routine")
    [finding] = findings(kmg, path)
    assert finding["code"] == "KMG001"
    assert code in finding["message"]
    line, column = line_and_column(path.read_text(encoding="utf-8"), char)
    assert (finding["line"], finding["column"]) == (line, column)


def test_cr_only_line_ends_count_as_lines(kmg, tmp_path: Path) -> None:
    path = variant(tmp_path, "titel: Dagroutine", "titel: Dag\x0broutine", newline="\r")
    [finding] = findings(kmg, path)
    line, column = line_and_column(path.read_text(encoding="utf-8"), "\x0b")
    assert line > 1
    assert (finding["line"], finding["column"]) == (line, column)


def test_every_raw_character_is_reported(kmg, tmp_path: Path) -> None:
    path = variant(tmp_path, "titel: Dagroutine", "titel: Dag\x0brou\x0btine")
    text = SCHOOL.read_text(encoding="utf-8").replace("titel: Dagroutine", "titel: Dag\x0brou\x0btine", 1)
    text = text.replace("Introductie", "Intro\x07ductie", 1)
    path.write_text(text, encoding="utf-8")
    found = findings(kmg, path)
    assert [f["code"] for f in found] == ["KMG001"] * 3
    assert len({(f["line"], f["column"]) for f in found}) == 3


@pytest.mark.parametrize("char", ["\x0b", "\u2028", "\x85"])
def test_a_raw_character_finding_shows_the_line_without_the_character(kmg, tmp_path: Path, char: str) -> None:
    path = variant(tmp_path, "titel: Dagroutine", f"titel: Dag{char}routine")
    result = kmg("check", path)
    assert "| " in result.output and "titel: Dag\ufffdroutine" in result.output
    assert char not in result.output


def test_an_agenda_saved_as_utf16_with_bom_is_read(kmg, tmp_path: Path) -> None:
    path = variant(tmp_path, "titel: Dagroutine", "titel: Dagroutine", encoding="utf-16")
    result = kmg("check", path, "--formaat", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == []


def test_a_cp1252_agenda_names_the_column_of_the_bad_byte(kmg, tmp_path: Path) -> None:
    text = SCHOOL.read_text(encoding="utf-8")
    school_line = next(line for line in text.splitlines() if line.startswith("school:"))
    path = tmp_path / "agenda.yaml"
    path.write_bytes(text.replace(school_line, "school: OBS De Ëik", 1).encode("cp1252"))
    [finding] = findings(kmg, path)
    line, column = line_and_column(path.read_bytes().decode("cp1252"), "Ë")
    assert (finding["line"], finding["column"]) == (line, column)


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_an_agenda_saved_as_utf16_without_bom_is_read(kmg, tmp_path: Path, encoding: str) -> None:
    path = variant(tmp_path, "titel: Dagroutine", "titel: Dagroutine", encoding=encoding)
    result = kmg("check", path, "--formaat", "json")
    assert result.exit_code == 0, result.output


def test_binary_data_in_an_agenda_is_still_refused(kmg, tmp_path: Path) -> None:
    path = tmp_path / "agenda.yaml"
    path.write_bytes(b"versie: 1\n\x00\x01\x02\x03school: x\n")
    [finding] = findings(kmg, path)
    assert "binaire" in finding["message"]
