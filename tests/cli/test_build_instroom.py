"""`kmg build --leerling`: instroom files never replace another pupil's, and every requested pupil is accounted for."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from gereedschapskist.batch import find_pupil
from gereedschapskist.classes import read_class_list
from gereedschapskist.errors import UserError

REPO = Path(__file__).resolve().parents[2]
SCHOOL = REPO / "agendas" / "school-groep-3-8.yaml"
HEADER = "Roepnaam;Tussenvoegsel;Achternaam;Groep;Leerkracht\n"


def write_list(tmp_path: Path, rows: str) -> Path:
    path = tmp_path / "klassen.csv"
    path.write_text(HEADER + rows, encoding="utf-8")
    return path


def build(kmg, classes: Path, out: Path, *names: str):
    args = ["build", SCHOOL, "--klassen", classes, "--uitvoer", out, "--processen", "1"]
    for name in names:
        args += ["--leerling", name]
    return kmg(*args)


def files(out: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in out.rglob("*.pdf")}


@pytest.mark.parametrize(
    ("first", "second"),
    [("أحمد", "محمد"), ("Zoë Berg", "Zoe Berg")],
)
def test_a_second_pupil_never_replaces_the_first_ones_instroom_files(
    kmg, tmp_path: Path, first: str, second: str
) -> None:
    rows = "".join(f"{name.split()[0]};;{(name.split() + ['Haddad'])[1]};3;Juf Anouk\n" for name in (first, second))
    classes, out = write_list(tmp_path, rows), tmp_path / "out"
    assert build(kmg, classes, out, first).exit_code == 0
    before = files(out)
    assert len(before) == 2
    result = build(kmg, classes, out, second)
    assert result.exit_code == 0, result.output
    after = files(out)
    assert {p: after.get(p) for p in before} == before, "the first pupil's files are untouched"
    assert len(after) == 4
    # the first pupil again: their own folder is made anew, nothing is added
    assert build(kmg, classes, out, first).exit_code == 0
    assert set(files(out)) == set(after)


def test_a_very_long_name_gets_a_short_folder_and_is_not_printed(kmg, tmp_path: Path) -> None:
    surname = "Vanderwaalsbroekhuizenkamp" * 12
    classes, out = write_list(tmp_path, f"Anna;;{surname};3;Juf Anouk\nBo;;Groot;3;Juf Anouk\n"), tmp_path / "out"
    result = build(kmg, classes, out, "Anna")
    assert result.exit_code == 0, result.output
    (folder,) = {p.parent for p in files(out)}
    assert folder.name.startswith(f"instroom-{date.today().isoformat()}-anna-")
    assert len(folder.name) <= 100
    assert "Vanderwaals" not in result.output


def test_a_pupil_whose_class_no_agenda_serves_is_named_and_exit_1(kmg, tmp_path: Path) -> None:
    classes, out = write_list(tmp_path, "Anna;;Klein;1/2;Juf A\nBo;;Groot;3;Juf B\n"), tmp_path / "out"
    result = build(kmg, classes, out, "Anna", "Bo")
    assert result.exit_code == 1, result.output
    lines = [line for line in result.output.splitlines() if "--leerling Anna" in line]
    assert len(lines) == 1 and "groep 1/2" in lines[0] and "geen" in lines[0] and "agenda" in lines[0]
    assert "Klein" not in result.output
    assert len(files(out)) == 2, "Bo's documents are made"


def test_the_summary_counts_every_instroom_pupil(kmg, tmp_path: Path) -> None:
    classes, out = write_list(tmp_path, "Anna;;Klein;3;Juf A\nBo;;Groot;3;Juf A\n"), tmp_path / "out"
    result = build(kmg, classes, out, "Anna", "Bo")
    assert result.exit_code == 0, result.output
    assert "Klaar: 1 groep, 2 leerlingen," in result.output


def test_a_name_without_accents_finds_the_pupil(tmp_path: Path) -> None:
    classes = read_class_list(write_list(tmp_path, "Zoë;van der;Berg;3;Juf A\nMehmet;;Çelik;4;Juf B\n"))
    assert find_pupil(classes, "zoe")[1].achternaam == "Berg"
    assert find_pupil(classes, "Zoe van der Berg")[1].achternaam == "Berg"
    assert find_pupil(classes, "mehmet celik")[1].roepnaam == "Mehmet"


def test_an_accent_free_name_that_fits_two_pupils_is_refused(tmp_path: Path) -> None:
    classes = read_class_list(write_list(tmp_path, "Zoë;;Berg;3;Juf A\nZoé;;Smit;4;Juf B\n"))
    with pytest.raises(UserError, match="meer dan één"):
        find_pupil(classes, "zoe")


def test_a_shrinking_class_under_two_agendas_is_reported_once(kmg, tmp_path: Path) -> None:
    agendas = [REPO / "agendas" / "kleuters-groep-1-2.yaml", REPO / "agendas" / "huisbezoek-groep-1.yaml"]
    out = tmp_path / "out"
    both = write_list(tmp_path, "Anna;;Klein;1;Juf A\nBo;;Groot;1;Juf A\n")
    assert kmg("build", *agendas, "--klassen", both, "--uitvoer", out, "--processen", "1").exit_code == 0
    one = write_list(tmp_path, "Anna;;Klein;1;Juf A\n")
    result = kmg("build", *agendas, "--klassen", one, "--uitvoer", out, "--processen", "1")
    assert result.exit_code == 0, result.output
    assert len([line for line in result.output.splitlines() if "vorige keer 2 leerlingen" in line]) == 1
