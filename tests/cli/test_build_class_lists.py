"""`kmg build` with awkward class lists: what the reader merged, classes without a year group."""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SCHOOL = REPO / "agendas" / "school-groep-3-8.yaml"
KLEUTERS = REPO / "agendas" / "kleuters-groep-1-2.yaml"


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_merged_rows_and_spellings_are_reported_without_names(kmg, tmp_path: Path) -> None:
    classes = write(
        tmp_path,
        "klassen.csv",
        "Roepnaam;Achternaam;Groep\nSem;Visser;3\nZoë;Berg;Groep 3\nSem;Visser;3\n",
    )
    out = tmp_path / "out"
    result = kmg("build", SCHOOL, "--classes", classes, "--out", out, "--jobs", "1")
    assert result.exit_code == 0, result.output
    assert f"{classes}:4: 1 regel herhaalt een leerling" in result.output
    assert "regel 4 (zelfde als regel 2)" in result.output
    assert '"3" (regel 2) en "Groep 3" (regel 3) zijn één groep' in result.output
    assert [p.name for p in out.iterdir() if p.is_dir()] == ["groep-3"]
    warnings = [line for line in result.output.splitlines() if line.startswith("Let op")]
    assert warnings and not any(name in line for line in warnings for name in ("Sem", "Visser", "Zoë", "Berg"))


def test_a_class_without_year_group_is_a_warning_and_the_rest_is_printed(kmg, tmp_path: Path) -> None:
    classes = write(tmp_path, "klassen.csv", "Roepnaam;Achternaam;Groep\nSem;Visser;3\nZoë;Berg;Taalklas\n")
    out = tmp_path / "out"
    result = kmg("build", SCHOOL, "--classes", classes, "--out", out, "--jobs", "1")
    assert result.exit_code == 0, result.output
    assert "Let op: Taalklas heeft geen jaargroep" in result.output
    assert 'groepen: [3, 4, 5, 6, 7, 8, "Taalklas"]' in result.output
    assert (out / "groep-3" / "gespreksformulieren.pdf").exists()
    assert not (out / "groep-taalklas").exists()


def test_an_agenda_that_names_the_class_prints_it(kmg, tmp_path: Path) -> None:
    classes = write(tmp_path, "klassen.csv", "Roepnaam;Achternaam;Groep\nSem;Visser;3\nZoë;Berg;Taalklas\n")
    taal = write(
        tmp_path,
        "taalklas.yaml",
        SCHOOL.read_text(encoding="utf-8").replace("groepen: [3, 4, 5, 6, 7, 8]", 'groepen: [3, "Taalklas"]'),
    )
    out = tmp_path / "out"
    result = kmg("build", taal, "--classes", classes, "--out", out, "--jobs", "1")
    assert result.exit_code == 0, result.output
    assert "geen enkele agenda" not in result.output
    assert (out / "groep-taalklas" / "gespreksformulieren.pdf").exists()
    assert (out / "groep-3" / "gespreksformulieren.pdf").exists()


def test_the_word_groep_is_not_doubled(kmg, tmp_path: Path) -> None:
    classes = write(tmp_path, "klassen.csv", "Roepnaam;Achternaam;Groep\nSem;Visser;Groep 1/2a\nZoë;Berg;3\n")
    result = kmg("build", SCHOOL, "--classes", classes, "--out", tmp_path / "out", "--jobs", "1")
    assert "Let op: Groep 1/2a (jaargroep 1 en 2) valt onder geen enkele agenda" in result.output
    assert "groep Groep" not in result.output


def test_the_same_agenda_twice_is_named_as_such(kmg, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = kmg("build", SCHOOL, SCHOOL, "--out", out)
    assert result.exit_code == 2
    assert "staat twee keer in de opdracht" in result.output
    assert "namen die meer van elkaar verschillen" not in result.output
    assert not out.exists()
