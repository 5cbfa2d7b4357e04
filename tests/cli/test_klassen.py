"""`kmg klassen` (issue 10, point 4): what kmg read from a class list, as a Dutch table or as JSON."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

HEADER = (
    "Roepnaam;Achternaam;Groep;Leerkracht;BSN;Geboortedatum;Naam ouder/verzorger 1;E-mailadres ouder/verzorger 1;"
    "Straat;Huisnummer;Postcode;Woonplaats;E-mailadres ouder/verzorger 2;Straat ouder/verzorger 2;"
    "Huisnummer ouder/verzorger 2;Postcode ouder/verzorger 2;Woonplaats ouder/verzorger 2\n"
)
ROWS = (
    "Sem;Visser;3;Juf Anouk;1;01-02-2018;Anna Visser;anna@example.nl;Dorpsstraat;1;1234 AB;Ons Dorp;"
    "piet@example.nl;Kerkweg;7;5678 CD;Stad\n"
    "Lot;Visser;6;Meester Yusuf;2;03-04-2015;Anna Visser;anna@example.nl;Dorpsstraat;1;1234 AB;Ons Dorp;;;;;\n"
    "Bảo;Nguyễn;3;Juf Anouk;3;05-06-2018;;;;;;;;;;;\n"
    "Bảo;Nguyễn;3;Juf Anouk;3;05-06-2018;;;;;;;;;;;\n"
)


@pytest.fixture
def school(tmp_path: Path) -> Path:
    path = tmp_path / "klassenlijst.csv"
    path.write_text(HEADER + ROWS, encoding="utf-8")
    return path


def test_json_has_exactly_the_keys_of_the_issue(kmg, school: Path) -> None:
    result = kmg("klassen", school, "--formaat", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert list(data) == ["klassen", "gezinnen", "meldingen"]
    assert data["klassen"] == [
        {
            "naam": "3",
            "jaargroepen": [3],
            "leerkracht": "Juf Anouk",
            "leerlingen": [{"naam": "Bảo Nguyễn", "gezin": "G001"}, {"naam": "Sem Visser", "gezin": "G002"}],
        },
        {"naam": "6", "jaargroepen": [6], "leerkracht": "Meester Yusuf", "leerlingen": [
            {"naam": "Lot Visser", "gezin": "G002"}
        ]},
    ]
    assert data["gezinnen"] == [
        {"id": "G001", "leerlingen": ["Bảo Nguyễn"], "huishoudens": []},
        {
            "id": "G002",
            "leerlingen": ["Sem Visser", "Lot Visser"],
            "huishoudens": [
                {"ouders": ["Anna Visser"], "adres": "Dorpsstraat 1, 1234 AB Ons Dorp"},
                {"ouders": ["piet@example.nl"], "adres": "Kerkweg 7, 5678 CD Stad"},
            ],
        },
    ]
    assert [set(melding) for melding in data["meldingen"]] == [{"regel", "bericht"}] * 2
    [columns, merged] = data["meldingen"]
    assert columns["regel"] == 1 and '"BSN"' in columns["bericht"]
    assert merged["regel"] == 5 and "regel 5 (zelfde als regel 4)" in merged["bericht"]


def test_text_is_a_dutch_table_with_the_figures_and_every_warning(kmg, school: Path) -> None:
    result = kmg("klassen", school)
    assert result.exit_code == 0, result.output
    text = result.stdout
    for heading in ("Groep", "Jaargroepen", "Leerkracht", "Leerlingen"):
        assert heading in text
    assert "Meester Yusuf" in text
    assert "2 groepen, 3 leerlingen en 2 gezinnen." in text
    assert "Gezinnen met kinderen in meer dan één groep: 1" in text
    assert "Gezinnen die op twee adressen wonen: 1" in text
    assert "Leerlingen zonder gegevens van ouders: 1" in text
    assert "Meldingen (2)" in text
    assert "BSN" in text and "samengevoegd" in text


def test_a_guessed_family_is_counted_and_told(kmg, tmp_path: Path) -> None:
    path = tmp_path / "k.csv"
    rows = "Sem;Visser;3;1234 AB\nLot;Visser;6;1234 AB\n"
    path.write_text("Roepnaam;Achternaam;Groep;Postcode\n" + rows, encoding="utf-8")
    result = kmg("klassen", path)
    assert "Gezinnen die kmg heeft geraden (zelfde postcode en achternaam): 1" in result.stdout
    assert "1 gezin geraden" in result.stdout


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "bestaat niet"),
        ("Roepnaam;Achternaam\nSem;Visser\n", "kolom voor de groep"),
        ("Roepnaam;Achternaam;Groep\nSem;;\n", "zonder groep"),
    ],
)
def test_an_unreadable_class_list_exits_2_with_one_dutch_sentence(
    kmg, tmp_path: Path, content: str | None, message: str
) -> None:
    path = tmp_path / "klassen.csv"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    result = kmg("klassen", path, "--formaat", "json")
    assert result.exit_code == 2
    assert message in result.stderr
    assert result.stdout == ""
    assert "Sem" not in result.stderr and "Traceback" not in result.stderr


def test_an_unknown_format_is_refused_in_dutch(kmg, school: Path) -> None:
    result = kmg("klassen", school, "--formaat", "xml")
    assert result.exit_code == 2
    assert "Invalid" not in result.stderr


def test_help_is_dutch(kmg) -> None:
    result = kmg("klassen", "--help")
    assert result.exit_code == 0
    assert "klassenlijst" in result.stdout.lower() and "Usage" not in result.stdout


@pytest.mark.parametrize("fmt", ["tekst", "json"])
def test_a_cp1252_console_gets_no_crash_and_valid_output(school: Path, fmt: str) -> None:
    env = {**os.environ, "PYTHONIOENCODING": "cp1252", "COLUMNS": "120"}
    env.pop("PYTHONUTF8", None)
    done = subprocess.run(
        [sys.executable, "-c", "import sys; sys.argv[0] = 'kmg'; from gereedschapskist.cli import main; main()",
         "klassen", str(school), "--formaat", fmt],
        capture_output=True, env=env, check=False,
    )
    assert done.returncode == 0, done.stderr.decode("cp1252", "replace")
    text = done.stdout.decode("cp1252")  # strict: valid in the code page
    if fmt == "json":
        # escaped, not replaced: the name survives a console that cannot show it
        assert json.loads(text)["klassen"][0]["leerlingen"][0]["naam"] == "Bảo Nguyễn"
    else:
        assert "Bao Nguyen" not in text  # the table has no names, only the figures
        assert "2 groepen, 3 leerlingen en 2 gezinnen." in text
