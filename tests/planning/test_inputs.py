"""planning.yaml (findings with line numbers, JSON Schema) and antwoorden.csv (codes, Excel's cp1252 save)."""

from __future__ import annotations

import json
import re
from datetime import date, time
from pathlib import Path

import pytest

from gereedschapskist.codes import household_codes
from gereedschapskist.errors import UserError
from gereedschapskist.planning.answers import read_answers
from gereedschapskist.planning.config import class_findings, load_planning, planning_schema

from .school import school

GOOD = """\
versie: 1
momenten:
  - naam: di 8 sep
    datum: 2026-09-08
    van: 15:00
    tot: "19.00"
    plaats: Lokaal van de groep
  - naam: wo 9 sep
    datum: 9-9-2026
    van: "13:00"
    tot: "16:00"
    groepen: [3, Taalklas]
klassen:
  3:
    momenten: [wo 9 sep]
    leerkracht: Juf A
wisseltijd: 5
pauze: {na: 120, minuten: 15}
reistijd: 15
taalhulp_extra: 10
"""


def test_a_good_planning_yaml_loads(tmp_path):
    path = tmp_path / "planning.yaml"
    path.write_text(GOOD, encoding="utf-8")
    loaded = load_planning(path)
    assert loaded.findings == []
    planning = loaded.raise_for_errors()
    first, second = planning.momenten
    assert (first.datum, first.van, first.tot, first.groepen) == (date(2026, 9, 8), time(15), time(19), None)
    assert second.datum == date(2026, 9, 9) and second.groepen == [3, "Taalklas"]
    assert planning.klassen["3"].momenten == ["wo 9 sep"] and planning.pauze.na == 120


def test_defaults():
    from gereedschapskist.planning.config import Planning

    planning = Planning.model_validate(
        {"momenten": [{"naam": "a", "datum": "2026-09-08", "van": "9:00", "tot": "12:00"}]}
    )
    assert (planning.wisseltijd, planning.reistijd, planning.taalhulp_extra) == (5, 15, 10)
    assert (planning.pauze.na, planning.pauze.minuten) == (120, 15)


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        (GOOD.replace("datum: 2026-09-08", "datum: 2026-09-31"), 4, "'2026-09-31' is geen datum"),
        (GOOD.replace('tot: "16:00"', 'tot: "12:00"'), 8, "ligt niet na 'van'"),
        (GOOD.replace("wisseltijd: 5", "wisseltijd: -5"), 17, "-5 kan niet"),
        (GOOD.replace("    plaats: Lokaal", "    plek: Lokaal"), 7, "'plek' is onbekend"),
        (GOOD.replace("naam: wo 9 sep", "naam: Di 8  sep"), 8, "staat er twee keer"),
        (GOOD.replace("reistijd: 15", "reistijd: kwartier"), 19, "hier hoort een heel getal"),
        (GOOD.replace("versie: 1", "versie: 2"), 1, "versie van het planningsformaat"),
        ("momenten: [\n", 2, ""),
    ],
)
def test_findings_name_the_line(tmp_path, text, line, words):
    path = tmp_path / "planning.yaml"
    path.write_text(text, encoding="utf-8")
    loaded = load_planning(path)
    assert loaded.findings, text
    assert loaded.findings[0].line == line
    assert words in loaded.findings[0].message
    with pytest.raises(UserError) as caught:
        loaded.raise_for_errors()
    assert f"planning.yaml:{line}:" in str(caught.value)


def test_class_and_moment_names_are_checked_against_the_class_list(tmp_path):
    path = tmp_path / "planning.yaml"
    path.write_text(GOOD.replace("  3:\n    momenten: [wo 9 sep]", "  4:\n    momenten: [wo 9 spe]"), encoding="utf-8")
    findings = class_findings(load_planning(path), ["3", "Taalklas"])
    assert [(f.line, f.message) for f in findings] == [
        (14, "De groep '4' staat niet in de klassenlijst."),
        (15, "Het moment 'wo 9 spe' bij groep '4' staat niet bij 'momenten'."),
    ]
    assert findings[1].hint == "Bedoelt u 'wo 9 sep'?"


def test_the_schema_describes_planning_yaml():
    schema = planning_schema()
    json.dumps(schema)
    assert schema["$schema"].startswith("https://json-schema.org/")
    assert {"momenten", "klassen", "wisseltijd", "pauze", "reistijd", "taalhulp_extra"} <= set(schema["properties"])
    assert schema["$defs"]["Moment"]["properties"]["van"]["type"] == "string"
    assert schema["additionalProperties"] is False


SECRET = bytes(range(32))


def answers_school():
    return school([("3", [3], "Juf A", ["a1", "a2"]), ("4", [4], "Juf B", ["b1"])], [("G1", ["a1", "b1"], 2)])


def test_answers_are_read_by_code_as_the_office_types_them(tmp_path):
    cl = answers_school()
    codes = household_codes(SECRET, cl.families)
    one, two = codes[("key-G1", 1)], codes[("key-G1", 2)]
    path = tmp_path / "antwoorden.csv"
    rows = [
        "code;klassen;kinderen;huishouden;komt;momenten_kan;momenten_niet;apart;taalhulp;onderwerpen",
        f"{one.lower()};3, 4;A1 Test, B1 Test;1;ouder 1;di 8 sep, wo 9 sep;;ja;;Zwemmen en lezen",
        f"{two.replace('-', '')};3, 4;A1 Test, B1 Test;2;;;Wo 9 Sep;nee;JA;Café",
        "",
    ]
    # Excel on a Dutch Windows: cp1252, no BOM
    path.write_bytes("\r\n".join(rows).encode("cp1252"))
    answers = read_answers(path, cl, SECRET, momenten=["di 8 sep", "wo 9 sep"])
    first, second = answers[("key-G1", 1)], answers[("key-G1", 2)]
    assert first.kan == {"di 8 sep", "wo 9 sep"} and first.apart and not first.taalhulp and first.code == one
    assert first.onderwerpen == "Zwemmen en lezen" and first.komt == "ouder 1"
    assert second.niet == {"wo 9 sep"} and second.taalhulp and second.onderwerpen == "Café"


@pytest.mark.parametrize(
    ("row", "words"),
    [
        ("XX-XXXX;;;1;;;;ja;;", "hoort bij geen huishouden"),
        ("{one};;;1;;vr 11 sep;;;;", "Het moment 'vr 11 sep' in de kolom 'momenten_kan' staat niet in planning.yaml"),
        ("{one};;;1;;;;misschien;;", "In de kolom 'apart' hoort ja of nee"),
        (";;;1;;;;ja;;", "geen code"),
    ],
)
def test_bad_answer_rows_name_the_line(tmp_path, row, words):
    cl = answers_school()
    one = household_codes(SECRET, cl.families)[("key-G1", 1)]
    path = tmp_path / "antwoorden.csv"
    header = "\ufeffcode;klassen;kinderen;huishouden;komt;momenten_kan;momenten_niet;apart;taalhulp;onderwerpen"
    path.write_text(header + "\n" + row.format(one=one) + "\n", encoding="utf-8")
    with pytest.raises(UserError) as caught:
        read_answers(path, cl, SECRET, momenten=["di 8 sep"])
    assert caught.value.line == 2 and words in caught.value.message
    assert "Test" not in caught.value.message


def test_answers_without_the_secret_say_what_to_do(tmp_path):
    path = tmp_path / "antwoorden.csv"
    path.write_text("code;komt\n", encoding="utf-8")
    with pytest.raises(UserError, match="kmg-sleutel"):
        read_answers(path, answers_school(), None)


def test_reading_planning_inputs_and_outputs_does_not_import_ortools():
    # `kmg check` and `kmg build --planning` use these modules; OR-Tools is for `kmg plan` only
    import subprocess
    import sys

    code = (
        "import sys\n"
        "import gereedschapskist.planning.config, gereedschapskist.planning.answers\n"
        "import gereedschapskist.planning.csvout, gereedschapskist.planning.model\n"
        "import gereedschapskist.planning.solve\n"
        "print('ortools' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


def test_moment_names_with_commas_are_read_as_the_office_types_them(tmp_path):
    # The slip shows the agenda's moments, which hold a comma and an en dash; the cell
    # separates moments with commas too, and the office types a plain hyphen.
    cl = answers_school()
    one = household_codes(SECRET, cl.families)[("key-G1", 1)]
    moments = ["dinsdag 8 september, 15.00–19.00", "woensdag 9 september, 12.30–16.00"]
    path = tmp_path / "antwoorden.csv"
    header = "code;klassen;kinderen;huishouden;komt;momenten_kan;momenten_niet;apart;taalhulp;onderwerpen"
    row = f"{one};3;A1;1;ja;Dinsdag 8 september 15.00-19.00, woensdag 9 september, 12.30–16.00;;;;"
    path.write_text(header + "\n" + row + "\n", encoding="utf-8")
    answers = read_answers(path, cl, SECRET, momenten=moments)
    assert answers[("key-G1", 1)].kan == set(moments)


def test_an_unknown_piece_next_to_a_moment_with_a_comma_is_named(tmp_path):
    cl = answers_school()
    one = household_codes(SECRET, cl.families)[("key-G1", 1)]
    path = tmp_path / "antwoorden.csv"
    header = "code;klassen;kinderen;huishouden;komt;momenten_kan;momenten_niet;apart;taalhulp;onderwerpen"
    row = f"{one};3;A1;1;ja;dinsdag 8 september, 15.00–19.00, vrijdag;;;;"
    path.write_text(header + "\n" + row + "\n", encoding="utf-8")
    with pytest.raises(UserError) as caught:
        read_answers(path, cl, SECRET, momenten=["dinsdag 8 september, 15.00–19.00"])
    assert caught.value.line == 2 and "Het moment 'vrijdag'" in caught.value.message


def test_hints_point_at_the_sample_planning_that_exists():
    from gereedschapskist.planning import config

    source = Path(config.__file__).read_text(encoding="utf-8")
    named = set(re.findall(r"agendas/[\w/.-]+\.yaml", source))
    repo = Path(__file__).resolve().parents[2]
    assert named and all((repo / name).is_file() for name in named)
