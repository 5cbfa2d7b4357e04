"""`kmg plan` from the command line: options, findings, the summary, the files it writes (or does not)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from icalendar import Calendar
from pypdf import PdfReader

from gereedschapskist.cli.plan import summary_lines

from ..planning.sample_schedule import CLASS_LIST, SCHEDULE

REPO = Path(__file__).resolve().parents[2]
SCHOOL = REPO / "agendas" / "school-groep-3-8.yaml"  # groepen 3-8, 25 minutes

PLANNING = """\
versie: 1
momenten:
  - naam: di 8 sep
    datum: 2026-09-08
    van: "15:00"
    tot: "18:00"
    plaats: Lokaal van de groep
"""


@pytest.fixture
def school(monkeypatch: pytest.MonkeyPatch) -> None:
    """The sample school (two classes, three families) as the class list kmg reads."""
    import gereedschapskist.classes as classes

    monkeypatch.setattr(classes, "read_class_list", lambda path: CLASS_LIST)


def files(tmp_path: Path, planning: str = PLANNING) -> tuple[Path, Path]:
    listing = tmp_path / "klassen.csv"
    listing.write_text("Roepnaam;Achternaam;Groep\nNoor;Bakker;3\n", encoding="utf-8")
    moments = tmp_path / "planning.yaml"
    moments.write_text(planning, encoding="utf-8")
    return listing, moments


def written(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()) if folder.exists() else []


def test_check_and_build_never_import_ortools(tmp_path: Path) -> None:
    code = (
        "import sys; from typer.testing import CliRunner; from gereedschapskist.cli import app; "
        f"c = CliRunner().invoke(app, ['check', {str(SCHOOL)!r}]); "
        f"b = CliRunner().invoke(app, ['build', {str(SCHOOL)!r}, '--uitvoer', {str(tmp_path / 'out')!r}, '-j', '1']); "
        "print(c.exit_code, b.exit_code, 'ortools' in sys.modules, 'gereedschapskist.planning.solve' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["0", "0", "False", "False"]


def test_plan_and_build_planning_modules_import_neither_ortools_nor_weasyprint() -> None:
    code = (
        "import sys; import gereedschapskist.cli.plan, gereedschapskist.planning.forms, "
        "gereedschapskist.planning.csvout, gereedschapskist.planning.ics; "
        "print('ortools' in sys.modules, 'weasyprint' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False"]


def test_without_class_list_or_moments_it_says_what_is_missing(kmg, tmp_path: Path) -> None:
    listing, moments = files(tmp_path)
    result = kmg("plan", SCHOOL, "--momenten", moments, "--uitvoer", tmp_path / "out")
    assert result.exit_code == 2 and "--klassen" in result.output
    result = kmg("plan", SCHOOL, "--klassen", listing, "--uitvoer", tmp_path / "out")
    assert result.exit_code == 2 and "--momenten" in result.output
    assert written(tmp_path / "out") == []


def test_findings_in_planning_yaml_have_line_numbers_and_stop_the_plan(kmg, tmp_path: Path, school) -> None:
    listing, moments = files(tmp_path, PLANNING.replace('tot: "18:00"', 'tot: "18:00"\n    kleur: blauw'))
    result = kmg("plan", SCHOOL, "-k", listing, "-m", moments, "-o", tmp_path / "out")
    assert result.exit_code == 1
    assert f"{moments}:7:5:" in result.output and "kleur" in result.output and "Er is niets gepland" in result.output
    assert written(tmp_path / "out") == []


def test_schema_planning_prints_the_planning_schema(kmg) -> None:
    from gereedschapskist.planning.config import planning_schema

    result = kmg("schema", "--planning")
    assert result.exit_code == 0
    assert json.loads(result.output) == planning_schema()


def test_summary_says_what_was_planned_and_whether_it_is_proven() -> None:
    lines = summary_lines(SCHEDULE, classes=2, seconds=3.4)
    text = "\n".join(lines)
    assert lines[0] == "7 gesprekken gepland voor 2 groepen."
    assert "Broers en zussen na elkaar: 2 van 2 gezinnen." in text
    assert "gehonoreerd: 3 van 3." in text
    assert "40 minuten in totaal" in text
    assert "Rekentijd: 1.2 s" in text
    assert "Bewezen het beste voor: broers en zussen na elkaar, wensen." in text
    # compact days unproven is no sign of too little time: a large school is improved piece by piece
    assert "de tijd was op" not in text and "--tijd" not in text
    assert "Compacte dagen: zo goed als kmg kon vinden, niet bewezen het beste." in text
    timed_out = SCHEDULE.__class__(SCHEDULE.conversations, {**SCHEDULE.optimal, "wensen": False}, SCHEDULE.stats)
    text = "\n".join(summary_lines(timed_out, classes=2, seconds=1))
    assert "Niet bewezen het beste (de tijd was op): wensen. Meer tijd geven kan met --tijd." in text
    proven = SCHEDULE.__class__(SCHEDULE.conversations, {k: True for k in SCHEDULE.optimal}, SCHEDULE.stats)
    assert "Dit is bewezen de beste planning." in summary_lines(proven, classes=2, seconds=1)
    no_wishes = SCHEDULE.__class__(SCHEDULE.conversations, SCHEDULE.optimal, {**SCHEDULE.stats, "wensen_gevraagd": 0})
    assert "Wensen ('kan' op het strookje): geen gevraagd." in summary_lines(no_wishes, classes=2, seconds=1)


# --- with the solver -------------------------------------------------------------------------


def test_plan_writes_csv_rooster_calendar_and_letters_per_class(kmg, tmp_path: Path, school) -> None:
    listing, moments = files(tmp_path)
    out = tmp_path / "out"
    result = kmg("plan", SCHOOL, "--klassen", listing, "--momenten", moments, "--uitvoer", out, "--tijd", "10")
    assert result.exit_code == 0, result.output
    assert [name for name in written(out) if not name.startswith(".")] == [
        "groep-3/groep-3.ics",
        "groep-3/rooster.pdf",
        "groep-5a/bevestigingen.pdf",
        "groep-5a/groep-5a.ics",
        "groep-5a/rooster.pdf",
        "planning.csv",
    ]
    assert "Klaar: 5 gesprekken gepland voor 2 groepen." in result.output
    assert "Broers en zussen na elkaar: 2 van 2 gezinnen." in result.output
    assert "Rekentijd:" in result.output
    calendar = Calendar.from_ical((out / "groep-5a" / "groep-5a.ics").read_bytes())
    summaries = sorted(str(event["SUMMARY"]) for event in calendar.walk("VEVENT"))
    assert summaries == ["Gesprek Daan B.", "Gesprek Zoë B.", "Gesprek أحمد Y."]
    rooster = " ".join(page.extract_text() for page in PdfReader(out / "groep-3" / "rooster.pdf").pages)
    assert "Noor Bakker" in rooster and "Sem van den Berg" in rooster and "Lokaal van de groep" in rooster
    letters = PdfReader(out / "groep-5a" / "bevestigingen.pdf")
    starts = [n for n, page in enumerate(letters.pages, 1) if "Uw kennismakingsgesprek" in page.extract_text()]
    assert len(starts) == 4 and all(n % 2 == 1 for n in starts)  # Bakker x2 households, Van den Berg, Yılmaz
    csv_text = (out / "planning.csv").read_text(encoding="utf-8-sig")
    assert len([line for line in csv_text.splitlines() if line.strip()]) == 1 + 5


def test_the_same_input_gives_the_same_files(kmg, tmp_path: Path, school) -> None:
    listing, moments = files(tmp_path)
    for name in ("een", "twee"):
        assert kmg("plan", SCHOOL, "-k", listing, "-m", moments, "-o", tmp_path / name, "-t", "10").exit_code == 0
    for relative in ("planning.csv", "groep-3/rooster.pdf", "groep-5a/bevestigingen.pdf"):
        assert (tmp_path / "een" / relative).read_bytes() == (tmp_path / "twee" / relative).read_bytes(), relative


def test_no_schedule_possible_says_why_and_writes_nothing(kmg, tmp_path: Path, school) -> None:
    # three conversations of 25 minutes for groep 5a in half an hour
    listing, moments = files(tmp_path, PLANNING.replace('tot: "18:00"', 'tot: "15:30"'))
    out = tmp_path / "out"
    result = kmg("plan", SCHOOL, "-k", listing, "-m", moments, "-o", out)
    assert result.exit_code == 1
    assert "geen planning mogelijk" in result.output and "Er is niets weggeschreven." in result.output
    assert "5a" in result.output
    assert [name for name in written(out) if not name.startswith(".")] == []
    assert "Traceback" not in result.output


def test_english_aliases_work_like_kmg_build(kmg, tmp_path: Path, school) -> None:
    listing, moments = files(tmp_path, PLANNING.replace("versie: 1", "versie: 2"))
    result = kmg("plan", SCHOOL, "--classes", listing, "--momenten", moments, "--out", tmp_path / "out")
    assert result.exit_code == 1  # got as far as planning.yaml: the aliases were understood
    assert "Er is niets gepland" in result.output
