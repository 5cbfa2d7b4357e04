"""`kmg build` with a class list that has families: letters in the right class, the cache, antwoorden.csv.

The class list is read by a stand-in that returns the hand-made school of tests/render/families.py,
so that each test says exactly which families, households and birth dates it has.
"""

from __future__ import annotations

import dataclasses
import importlib.util
from pathlib import Path

import pytest
from pypdf import PdfReader

import gereedschapskist.classes as classes_module
from gereedschapskist.classes.model import ClassList

REPO = Path(__file__).resolve().parents[2]
SCHOOL = REPO / "agendas" / "school-groep-3-8.yaml"
KLEUTERS = REPO / "agendas" / "kleuters-groep-1-2.yaml"

_spec = importlib.util.spec_from_file_location("families", Path(__file__).parents[1] / "render" / "families.py")
families = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(families)


@pytest.fixture
def school(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    """`kmg build --klassen klassen.csv` reads the school that `current[0]` holds."""
    current = [families.school()]
    monkeypatch.setattr(classes_module, "read_class_list", lambda path: current[0])
    (tmp_path / "klassen.csv").write_text("Roepnaam;Achternaam;Groep\n", encoding="utf-8")
    return current


def build(kmg, tmp_path: Path, *extra: str):
    result = kmg(
        "build", SCHOOL, KLEUTERS, "--klassen", tmp_path / "klassen.csv", "--uitvoer", tmp_path / "out",
        "--processen", "1", *extra,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    return result


def letter_starts(path: Path) -> list[int]:
    pages = [page.extract_text() for page in PdfReader(path).pages]
    return [n for n, text in enumerate(pages, start=1) if "Uitnodiging voor een kennismakingsgesprek" in text]


def test_letters_go_to_the_class_of_the_oldest_child_and_the_cache_follows_siblings(kmg, tmp_path: Path, school):
    out = tmp_path / "out"
    first = build(kmg, tmp_path)
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("uitnodigingen.pdf")) == [
        "groep-3a/uitnodigingen.pdf",
        "groep-5a/uitnodigingen.pdf",
    ]  # groep 1/2 hands out no letter: Mila's goes through Zoë in 5a
    assert letter_starts(out / "groep-5a" / "uitnodigingen.pdf") == [1, 3, 5, 7]
    assert (out / "antwoorden.csv").exists() and (out / ".kmg-sleutel").exists()
    rows = (out / "antwoorden.csv").read_bytes().decode("utf-8-sig").splitlines()
    assert len(rows) == 6  # the header and five households, in the order the letters are handed out
    berg = ";1/2, 3a, 5a;Mila van der Berg, Daan van der Berg, Zoë van der Berg;1;;;;;;"
    assert any(row.endswith(berg) for row in rows)
    assert "bevat al antwoorden" not in first.output
    letters = (out / "groep-5a" / "uitnodigingen.pdf").read_bytes()

    again = build(kmg, tmp_path)
    assert "3 groepen zijn niet veranderd" in again.output

    # Daan (groep 3a) is renamed: his class and the class with his family's letter are made again
    current = school[0]
    daan = dataclasses.replace(current[1].leerlingen[0], roepnaam="Daniël")
    renamed = dataclasses.replace(current[1], leerlingen=(daan, *current[1].leerlingen[1:]))
    school[0] = ClassList((current[0], renamed, current[2]), (), current.families)
    edited = build(kmg, tmp_path)
    assert "1 groep is niet veranderd" in edited.output
    assert (out / "groep-5a" / "uitnodigingen.pdf").read_bytes() != letters
    assert "Daniël" in PdfReader(out / "groep-5a" / "uitnodigingen.pdf").pages[0].extract_text()


def test_answers_typed_in_are_kept_and_the_new_list_is_written_beside_them(kmg, tmp_path: Path, school) -> None:
    out = tmp_path / "out"
    build(kmg, tmp_path, "--documenten", "uitnodigingen")
    assert not list(out.rglob("leidraad.pdf"))
    answers = out / "antwoorden.csv"
    typed = answers.read_bytes().decode("utf-8-sig").replace(";1;;;;;;", ";1;beide;;;;;", 1)
    answers.write_bytes(typed.encode("cp1252"))
    before = answers.read_bytes()
    result = build(kmg, tmp_path, "--documenten", "uitnodigingen")
    assert answers.read_bytes() == before
    assert (out / "antwoorden-nieuw.csv").exists()
    assert "bevat al antwoorden" in result.output and "antwoorden-nieuw.csv" in result.output


def test_an_unknown_document_is_one_dutch_sentence(kmg, tmp_path: Path, school) -> None:
    result = kmg("build", SCHOOL, "--klassen", tmp_path / "klassen.csv", "--uitvoer", tmp_path / "out",
                 "--documenten", "leidraad,brief")  # fmt: skip
    assert result.exit_code == 2
    assert "'brief' ken ik niet" in result.output and "Traceback" not in result.output
    assert not (tmp_path / "out").exists()


def test_a_damaged_secret_is_not_replaced(kmg, tmp_path: Path, school) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / ".kmg-sleutel").write_text("kapot\n", encoding="ascii")
    result = kmg("build", SCHOOL, KLEUTERS, "--klassen", tmp_path / "klassen.csv", "--uitvoer", out,
                 "--documenten", "uitnodigingen")  # fmt: skip
    assert result.exit_code == 2 and "beschadigd" in result.output
    assert (out / ".kmg-sleutel").read_text(encoding="ascii") == "kapot\n"
    assert not (out / "antwoorden.csv").exists()


def test_letters_that_now_go_through_another_class_are_removed_from_the_old_one(kmg, tmp_path: Path, school) -> None:
    out = tmp_path / "out"
    school[0] = families.without_families(families.school())  # before: every pupil gets a letter in their class
    build(kmg, tmp_path, "--documenten", "uitnodigingen")
    assert (out / "groep-1-2" / "uitnodigingen.pdf").exists()
    school[0] = families.school()  # now Mila's letter goes through Zoë in 5a
    result = build(kmg, tmp_path, "--documenten", "uitnodigingen")
    assert not (out / "groep-1-2" / "uitnodigingen.pdf").exists()
    assert "groep 1/2 geeft nu geen uitnodigingen mee" in " ".join(result.output.split())
