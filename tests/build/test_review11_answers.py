"""Review of issue 11: answers typed into antwoorden-nieuw.csv are never overwritten either."""

from __future__ import annotations

from pathlib import Path

from gereedschapskist.invitations import ANSWERS_FILE, NEW_ANSWERS_FILE, plan_letters, read_rows, write_answers

from ..render import families

SECRET = bytes(range(32))


def _letters() -> list:
    school = families.school()
    planned = plan_letters(school, {k.slug for k in school}, "oudste", SECRET)
    return [letter for klass in school for letter in planned.get(klass.slug, ())]


def _answer(path: Path, what: str) -> bytes:
    text = path.read_bytes().decode("utf-8-sig")
    answered = text.replace(";1;;;;;;\r\n", f";1;{what};;;;;\r\n", 1)
    assert answered != text
    path.write_bytes(answered.encode("cp1252"))  # saved from Excel on a Dutch Windows
    return path.read_bytes()


def test_answers_typed_into_the_new_list_are_kept_too(tmp_path: Path) -> None:
    letters = _letters()
    first, _ = write_answers(tmp_path, letters)
    old = _answer(first, "beide ouders")
    new, kept = write_answers(tmp_path, letters)
    assert kept and new == tmp_path / NEW_ANSWERS_FILE
    # the office went on typing in antwoorden-nieuw.csv, then built again
    typed = _answer(new, "moeder")
    written, kept = write_answers(tmp_path, letters)
    assert kept
    assert (tmp_path / ANSWERS_FILE).read_bytes() == old
    assert (tmp_path / NEW_ANSWERS_FILE).read_bytes() == typed
    assert written not in (tmp_path / ANSWERS_FILE, tmp_path / NEW_ANSWERS_FILE)
    assert written.parent == tmp_path and len(read_rows(written.read_bytes())) == len(letters)
    # and a list without answers of its own is simply replaced again next time
    again, _ = write_answers(tmp_path, letters)
    assert again == written


def test_a_name_excel_would_run_as_a_formula_is_written_as_text() -> None:
    """antwoorden.csv is opened in Excel: a cell starting with = + - @ would be a formula there."""
    import csv
    import dataclasses
    import io

    from gereedschapskist.classes.model import ClassList
    from gereedschapskist.invitations import answers_csv

    school = families.school()
    five = school[2]
    sem = dataclasses.replace(five.leerlingen[1], roepnaam='=HYPERLINK("http://x.example";"klik")', tussenvoegsel="")
    classes = (*school.classes[:2], dataclasses.replace(five, leerlingen=(five.leerlingen[0], sem, five.leerlingen[2])))
    hostile = ClassList(classes, (), school.families)
    planned = plan_letters(hostile, {k.slug for k in hostile}, "oudste", SECRET)
    letters = [letter for klass in hostile for letter in planned.get(klass.slug, ())]
    rows = list(csv.reader(io.StringIO(answers_csv(letters).lstrip("\ufeff")), delimiter=";"))
    cells = [cell for row in rows[1:] for cell in row]
    assert any("HYPERLINK" in cell for cell in cells)
    assert not any(cell[:1] in ("=", "+", "-", "@") for cell in cells)
    assert any(cell.startswith("'=HYPERLINK") for cell in cells)
