"""`kmg build` end to end through Typer's runner: real agendas, real class lists, real PDFs."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

REPO = Path(__file__).resolve().parents[2]
SCHOOL = REPO / "agendas" / "school-groep-3-8.yaml"
KLEUTERS = REPO / "agendas" / "kleuters-groep-1-2.yaml"

CSV = (
    "Roepnaam;Tussenvoegsel;Achternaam;Groep;Leerkracht\n"
    "Zoë;van der;Berg;4/5;Juf Anouk\n"
    "أحمد;;Haddad;4/5;Juf Anouk\n"
    "Mehmet;;Çelik;6;Meester Yusuf\n"
)


@pytest.fixture
def classes(tmp_path: Path) -> Path:
    path = tmp_path / "klassen.csv"
    path.write_text(CSV, encoding="utf-8")
    return path


def pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def test_build_writes_a_guide_and_forms_per_class(kmg, tmp_path: Path, classes: Path) -> None:
    out = tmp_path / "out"
    result = kmg("build", SCHOOL, "--klassen", classes, "--uitvoer", out, "--processen", "1")
    assert result.exit_code == 0, result.output
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*.pdf")) == [
        "groep-4-5/gespreksformulieren.pdf",
        "groep-4-5/leidraad.pdf",
        "groep-4-5/uitnodigingen.pdf",
        "groep-6/gespreksformulieren.pdf",
        "groep-6/leidraad.pdf",
        "groep-6/uitnodigingen.pdf",
    ]
    forms = pdf_text(out / "groep-4-5" / "gespreksformulieren.pdf")
    assert "Zoë van der Berg" in forms and "Haddad" in forms
    assert "Çelik" in pdf_text(out / "groep-6" / "gespreksformulieren.pdf")
    assert "Klaar: 2 groepen, 3 leerlingen" in result.output
    assert not list(out.rglob("*.tmp")), "no temporary files may be left behind"


def test_a_second_build_skips_unchanged_classes_and_gives_the_same_bytes(kmg, tmp_path: Path, classes: Path) -> None:
    out = tmp_path / "out"
    kmg("build", SCHOOL, "--klassen", classes, "--uitvoer", out, "--processen", "1")
    first = {p: p.read_bytes() for p in out.rglob("*.pdf")}
    again = kmg("build", SCHOOL, "--klassen", classes, "--uitvoer", out, "--processen", "1")
    assert "2 groepen zijn niet veranderd" in again.output
    # an edit to one class re-renders that class only, and gives what a clean build gives
    classes.write_text(CSV.replace("Mehmet", "Mustafa"), encoding="utf-8")
    edited = kmg("build", SCHOOL, "--klassen", classes, "--uitvoer", out, "--processen", "1")
    assert "1 groep is niet veranderd" in edited.output
    clean = tmp_path / "clean"
    clean.mkdir()  # the same secret: the same household codes on the letters
    (clean / ".kmg-sleutel").write_bytes((out / ".kmg-sleutel").read_bytes())
    kmg("build", SCHOOL, "--klassen", classes, "--uitvoer", clean, "--processen", "1")
    for path, data in first.items():
        rel = path.relative_to(out)
        assert (out / rel).read_bytes() == (clean / rel).read_bytes()
        if "groep-4-5" in rel.as_posix():
            assert (out / rel).read_bytes() == data


def test_parallel_build_gives_the_same_bytes_as_serial(kmg, tmp_path: Path, classes: Path) -> None:
    kmg("build", SCHOOL, "--klassen", classes, "--uitvoer", tmp_path / "a", "--processen", "1")
    (tmp_path / "b").mkdir()  # the same secret: the same household codes on the letters
    (tmp_path / "b" / ".kmg-sleutel").write_bytes((tmp_path / "a" / ".kmg-sleutel").read_bytes())
    result = kmg("build", SCHOOL, "--klassen", classes, "--uitvoer", tmp_path / "b", "--processen", "2")
    assert result.exit_code == 0, result.output
    for path in (tmp_path / "a").rglob("*.pdf"):
        assert path.read_bytes() == (tmp_path / "b" / path.relative_to(tmp_path / "a")).read_bytes()


def test_without_classes_one_guide_and_one_blank_form_per_agenda(kmg, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = kmg("build", SCHOOL, KLEUTERS, "--uitvoer", out, "--processen", "1")
    assert result.exit_code == 0, result.output
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*.pdf")) == [
        "kleuters-groep-1-2/gespreksformulieren.pdf",
        "kleuters-groep-1-2/leidraad.pdf",
        "school-groep-3-8/gespreksformulieren.pdf",
        "school-groep-3-8/leidraad.pdf",
    ]
    assert len(PdfReader(out / "school-groep-3-8" / "gespreksformulieren.pdf").pages) % 2 == 0


def test_errors_in_the_agenda_refuse_the_build(kmg, tmp_path: Path) -> None:
    bad = tmp_path / "agenda.yaml"
    bad.write_text(SCHOOL.read_text(encoding="utf-8").replace("duur: 25", "duur: 20"), encoding="utf-8")
    out = tmp_path / "out"
    result = kmg("build", bad, "--uitvoer", out)
    assert result.exit_code == 1
    assert "KMG101" in result.output and "niets gemaakt" in result.output
    assert not out.exists()


def test_warnings_are_shown_and_the_build_goes_on(kmg, tmp_path: Path) -> None:
    warn = tmp_path / "agenda.yaml"
    warn.write_text(
        SCHOOL.read_text(encoding="utf-8").replace("leerling_aanwezig: true", "leerling_aanwezig: false"),
        encoding="utf-8",
    )
    result = kmg("build", warn, "--uitvoer", tmp_path / "out", "--processen", "1")
    assert result.exit_code == 0
    assert "KMG111" in result.output
    assert (tmp_path / "out" / "agenda" / "leidraad.pdf").exists()


def test_a_class_no_agenda_serves_is_named(kmg, tmp_path: Path, classes: Path) -> None:
    result = kmg("build", KLEUTERS, "--klassen", classes, "--uitvoer", tmp_path / "out")
    assert result.exit_code == 1  # nothing at all to make
    assert "groep 4/5" in result.output and "groep 6" in result.output
    assert "geen enkele agenda" in result.output


def test_a_bad_class_list_is_one_dutch_sentence(kmg, tmp_path: Path) -> None:
    path = tmp_path / "klassen.csv"
    path.write_text("Voornaam;Woonplaats\nZoë;Utrecht\n", encoding="utf-8")
    result = kmg("build", SCHOOL, "--klassen", path, "--uitvoer", tmp_path / "out")
    assert result.exit_code == 2
    assert str(path) in result.output
    assert "Traceback" not in result.output


def test_a_missing_templates_folder_is_a_usage_error(kmg, tmp_path: Path) -> None:
    result = kmg("build", SCHOOL, "--templates", tmp_path / "nergens", "--uitvoer", tmp_path / "out")
    assert result.exit_code == 2
    assert "sjablonen" in result.output


def test_a_broken_school_template_names_file_and_line(kmg, tmp_path: Path) -> None:
    templates = tmp_path / "sjablonen"
    templates.mkdir()
    (templates / "leidraad.html.j2").write_text("<p>\n{{ agenda.school \n</p>", encoding="utf-8")
    result = kmg("build", SCHOOL, "--templates", templates, "--uitvoer", tmp_path / "out", "--processen", "1")
    assert result.exit_code == 2
    assert "leidraad.html.j2:3:" in result.output and "sjabloon" in result.output
    assert "Traceback" not in result.output


# --- what the summary counts ----------------------------------------------------------------

HUISBEZOEK = REPO / "agendas" / "huisbezoek-groep-1.yaml"


def test_a_class_under_two_agendas_is_counted_once(kmg, tmp_path: Path) -> None:
    path = tmp_path / "klassen.csv"
    path.write_text("Roepnaam;Achternaam;Groep\nZoë;Berg;1/2\nSem;Jansen;1/2\n", encoding="utf-8")
    result = kmg("build", KLEUTERS, HUISBEZOEK, "--klassen", path, "--uitvoer", tmp_path / "out", "--processen", "1")
    assert result.exit_code == 0, result.output
    # no Leerjaar: both pupils have the agenda for all of 1/2 (kleuters), so only it has forms
    assert [p.parent.name for p in (tmp_path / "out").rglob("gespreksformulieren.pdf")] == ["kleuters-groep-1-2"]
    assert len(list((tmp_path / "out").rglob("leidraad.pdf"))) == 2  # a guide per agenda
    assert "Klaar: 1 groep, 2 leerlingen," in result.output
    again = kmg("build", KLEUTERS, HUISBEZOEK, "--klassen", path, "--uitvoer", tmp_path / "out", "--processen", "1")
    assert "1 groep is niet veranderd" in again.output
    assert "Klaar: 1 groep, 2 leerlingen," in again.output


def test_without_a_class_list_the_summary_says_what_was_made(kmg, tmp_path: Path) -> None:
    result = kmg("build", SCHOOL, KLEUTERS, HUISBEZOEK, "--uitvoer", tmp_path / "out", "--processen", "1")
    assert result.exit_code == 0, result.output
    assert "Klaar: 3 agenda's, lege formulieren," in result.output
    assert "groepen" not in result.output and "leerlingen" not in result.output
    again = kmg("build", SCHOOL, KLEUTERS, HUISBEZOEK, "--uitvoer", tmp_path / "out", "--processen", "1")
    assert "3 agenda's zijn niet veranderd" in again.output


# --- instroom: a pupil who joins later ------------------------------------------------------


def test_leerling_writes_one_pupils_documents_apart_and_leaves_the_class_alone(
    kmg, tmp_path: Path, classes: Path
) -> None:
    out = tmp_path / "out"
    assert kmg("build", SCHOOL, "--klassen", classes, "--uitvoer", out, "--processen", "1").exit_code == 0
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    result = kmg(
        "build", SCHOOL, "--klassen", classes, "--uitvoer", out, "--processen", "1", "--leerling", "zoë VAN DER berg"
    )
    assert result.exit_code == 0, result.output
    assert {p: p.read_bytes() for p in before} == before, "the class's PDFs and cache are untouched"
    new = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file() and p not in before)
    day = date.today().isoformat()
    folder = f"groep-4-5/instroom-{day}-zoe-van-der-berg"
    assert new == [f"{folder}/.kmg-instroom", f"{folder}/gespreksformulieren.pdf", f"{folder}/leidraad.pdf"]
    assert "berg" not in (out / folder / ".kmg-instroom").read_text().lower(), "a hash, not the name"
    forms = pdf_text(out / folder / "gespreksformulieren.pdf")
    assert "Zoë van der Berg" in forms and "Haddad" not in forms
    assert "Klaar: 1 groep, 1 leerling," in result.output
    # the next normal build still finds every class unchanged
    again = kmg("build", SCHOOL, "--klassen", classes, "--uitvoer", out, "--processen", "1")
    assert "2 groepen zijn niet veranderd" in again.output


def test_leerling_by_a_unique_roepnaam_and_more_than_once(kmg, tmp_path: Path, classes: Path) -> None:
    out = tmp_path / "out"
    result = kmg(
        "build",
        SCHOOL,
        "--klassen",
        classes,
        "--uitvoer",
        out,
        "--processen",
        "1",
        "--leerling",
        "Mehmet",
        "--leerling",
        "أحمد",
    )
    assert result.exit_code == 0, result.output
    day = date.today().isoformat()
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*.pdf")) == [
        f"groep-4-5/instroom-{day}-haddad/gespreksformulieren.pdf",
        f"groep-4-5/instroom-{day}-haddad/leidraad.pdf",
        f"groep-6/instroom-{day}-mehmet-celik/gespreksformulieren.pdf",
        f"groep-6/instroom-{day}-mehmet-celik/leidraad.pdf",
    ]
    assert not (out / ".kmg-cache.json").exists()


@pytest.mark.parametrize(
    ("csv", "name", "says"),
    [
        (CSV, "Pietje Puk", "staat niet in de klassenlijst"),
        (CSV + "Zoë;;Jansen;6;Meester Yusuf\n", "Zoë", "meer dan één leerling"),
        (CSV + "Mehmet;;Çelik;4/5;Juf Anouk\n", "Mehmet Çelik", "meer dan eens"),
    ],
)
def test_an_unknown_or_ambiguous_leerling_names_no_other_pupil(
    kmg, tmp_path: Path, csv: str, name: str, says: str
) -> None:
    path = tmp_path / "klassen.csv"
    path.write_text(csv, encoding="utf-8")
    out = tmp_path / "out"
    result = kmg("build", SCHOOL, "--klassen", path, "--uitvoer", out, "--processen", "1", "--leerling", name)
    assert result.exit_code == 2
    assert says in result.output and f"'{name}'" in result.output
    others = {"Berg", "Haddad", "أحمد", "Jansen", "Çelik", "Mehmet", "Zoë"} - set(name.split())
    assert not [word for word in others if word in result.output]
    assert "Traceback" not in result.output
    assert not out.exists()


def test_leerling_needs_a_class_list(kmg, tmp_path: Path) -> None:
    result = kmg("build", SCHOOL, "--uitvoer", tmp_path / "out", "--leerling", "Zoë")
    assert result.exit_code == 2
    assert "--leerling" in result.output and "klassenlijst" in result.output


def test_a_build_that_shrinks_a_class_says_so(kmg, tmp_path: Path, classes: Path) -> None:
    out = tmp_path / "out"
    assert kmg("build", SCHOOL, "--klassen", classes, "--uitvoer", out, "--processen", "1").exit_code == 0
    one = tmp_path / "nieuw.csv"
    one.write_text(CSV.splitlines()[0] + "\n" + CSV.splitlines()[1] + "\n", encoding="utf-8")
    result = kmg("build", SCHOOL, "--klassen", one, "--uitvoer", out, "--processen", "1")
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.output.splitlines() if "vorige keer 2 leerlingen" in line]
    assert len(warnings) == 1 and "groep 4/5" in warnings[0] and "--leerling" in warnings[0]
    assert "Zoë" not in warnings[0]


# --- two builds into one folder ------------------------------------------------------------


def test_a_second_build_into_the_same_folder_waits_for_the_first(tmp_path: Path) -> None:
    from filelock import FileLock

    out = tmp_path / "out"
    out.mkdir()
    command = [sys.executable, "-c", "from gereedschapskist.cli import main; main()", "build", str(SCHOOL)]
    command += ["--uitvoer", str(out), "--processen", "1"]
    lock = FileLock(out / ".kmg-build.lock")
    with lock:  # a build that is busy in this folder
        second = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            said = second.stderr.readline()
            assert "andere kmg-opdracht (kmg build of kmg plan)" in said and str(out) in said
            assert second.poll() is None, "it waits instead of writing into the same folder"
            assert not list(out.rglob("*.pdf"))
        except BaseException:
            second.kill()
            raise
    stdout, stderr = second.communicate(timeout=300)
    assert second.returncode == 0, stderr
    assert "Klaar: 1 agenda, lege formulieren" in stdout
    assert len(list(out.rglob("*.pdf"))) == 2


def test_a_school_stylesheet_that_makes_weasyprint_stop_is_one_dutch_sentence(kmg, tmp_path: Path) -> None:
    # (found by a reviewer) `text-align-last: justify` on the names trips an assert inside
    # WeasyPrint (with the names' ellipsis), in every way kmg prints: the school got a traceback.
    templates = tmp_path / "sjablonen"
    templates.mkdir()
    builtin = (REPO / "templates" / "print.css").read_text(encoding="utf-8")
    (templates / "print.css").write_text(builtin + "\n.kind-naam { text-align-last: justify; }\n", encoding="utf-8")
    classes = REPO / "agendas" / "klassenlijst-voorbeeld.csv"
    out = tmp_path / "out"
    for processes in ("1", "2"):
        result = kmg(
            "build", SCHOOL, "--klassen", classes, "--sjablonen", templates, "--uitvoer", out, "--processen", processes
        )
        assert result.exit_code == 2, result.output
        assert "Traceback" not in result.output
        assert "uitnodigingen" in result.output and "print.css" in result.output
        assert "liep vast" in result.output
        assert not list(out.rglob("*.pdf"))  # nothing half made
