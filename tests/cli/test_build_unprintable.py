"""A name no font can print does not stop the build: that name is left blank and listed (exit 1)."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

REPO = Path(__file__).resolve().parents[2]
SCHOOL = REPO / "agendas" / "school-groep-3-8.yaml"

# DejaVu Sans (the only font here) has no CJK ideographs.
CSV = (
    "Roepnaam;Tussenvoegsel;Achternaam;Groep;Leerkracht\n"
    "Zoë;van der;Berg;4/5;Juf Anouk\n"
    "Wei;;王;4/5;Juf Anouk\n"
    "Mehmet;;Çelik;6;Meester Yusuf\n"
)


def pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_an_unprintable_name_is_left_blank_and_listed(kmg, tmp_path: Path, jobs: str) -> None:
    classes = tmp_path / "klassen.csv"
    classes.write_text(CSV, encoding="utf-8")
    out = tmp_path / "out"
    result = kmg("build", SCHOOL, "--klassen", classes, "--uitvoer", out, "--processen", jobs)
    assert result.exit_code == 1, result.output
    forms = pdf_text(out / "groep-4-5" / "gespreksformulieren.pdf")
    assert "Zoë van der Berg" in forms
    assert "Wei" not in forms and "王" not in forms
    assert "Leerling:" in forms
    assert "Çelik" in pdf_text(out / "groep-6" / "gespreksformulieren.pdf")
    assert "Wei" not in pdf_text(out / "groep-4-5" / "leidraad.pdf")
    # The list at the end says class, place in the list and the characters.
    assert "groep 4/5, leerling 2 in de lijst: Wei 王 (tekens U+738B)" in result.output
    assert "Klaar: 2 groepen" in result.output
    # Built (and listed) again next time, not skipped as unchanged.
    again = kmg("build", SCHOOL, "--klassen", classes, "--uitvoer", out, "--processen", jobs)
    assert again.exit_code == 1, again.output
    assert "1 groep is niet veranderd" in again.output
    assert "leerling 2 in de lijst" in again.output


def test_an_unprintable_teachers_name_stops_the_build_and_names_the_class(kmg, tmp_path: Path) -> None:
    classes = tmp_path / "klassen.csv"
    classes.write_text(CSV.replace("Juf Anouk", "Juf 王"), encoding="utf-8")
    result = kmg("build", SCHOOL, "--klassen", classes, "--uitvoer", tmp_path / "out", "--processen", "1")
    assert result.exit_code == 2, result.output
    assert "leidraad van groep 4/5" in result.output
    assert "U+738B" in result.output
    assert "Traceback" not in result.output
