"""kmg's output on a console or redirect that cannot show every character (Windows: cp1252, cp850).

Each command runs in a subprocess with PYTHONIOENCODING set, its output going to a pipe
or a file, as `kmg check > rapport.txt` does on a Dutch Windows laptop.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SCHOOL = REPO / "agendas" / "school-groep-3-8.yaml"
KMG = "import sys; sys.argv[0] = 'kmg'; from gereedschapskist.cli import main; main()"


def kmg(*args: object, encoding: str, cwd: Path, stdout: object = subprocess.PIPE) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONIOENCODING": encoding, "COLUMNS": "120"}
    env.pop("PYTHONUTF8", None)
    return subprocess.run(
        [sys.executable, "-c", KMG, *map(str, args)], stdout=stdout, stderr=subprocess.PIPE, env=env, cwd=cwd
    )


@pytest.mark.parametrize("encoding", ["cp1252", "cp850"])
def test_check_report_on_a_narrow_code_page(tmp_path: Path, encoding: str) -> None:
    done = kmg("check", SCHOOL, encoding=encoding, cwd=tmp_path)
    assert done.returncode == 0, done.stderr.decode(encoding, "replace")
    text = done.stdout.decode(encoding)  # strict: what was written is valid in the code page
    assert "v Geen opmerkingen: deze agenda is in balans." in text
    assert "1 agenda gecontroleerd" in text
    bar = next(line for line in text.splitlines() if "Afronding" in line and "min" in line)
    assert "#" in bar or "█" in bar  # cp850 can show the block itself; cp1252 gets '#'


@pytest.mark.parametrize("encoding", ["cp1252", "cp850"])
def test_check_report_redirected_to_a_file(tmp_path: Path, encoding: str) -> None:
    report = tmp_path / "rapport.txt"
    other = tmp_path / "twee.yaml"
    other.write_bytes(SCHOOL.read_bytes())
    with report.open("wb") as handle:
        done = kmg("check", SCHOOL, other, encoding=encoding, cwd=tmp_path, stdout=handle)
    assert done.returncode == 0, done.stderr.decode(encoding, "replace")
    text = report.read_bytes().decode(encoding).replace("’", "'")  # cp1252 has ’, cp850 has not
    assert "2 agenda's gecontroleerd: 0 fouten, 0 waarschuwingen." in text


def test_errors_with_unprintable_characters_in_a_path(tmp_path: Path) -> None:
    done = kmg("check", "Nguyễn-agenda.yaml", encoding="cp1252", cwd=tmp_path)
    assert done.returncode == 2
    assert "Nguyen-agenda.yaml: Dit bestand bestaat niet" in done.stderr.decode("cp1252")


def test_init_on_a_narrow_code_page(tmp_path: Path) -> None:
    done = kmg("init", "groep-ễ/agenda.yaml", "--school", "De Zonnebloem", encoding="cp850", cwd=tmp_path)
    assert done.returncode == 0, done.stderr.decode("cp850", "replace")
    text = done.stdout.decode("cp850")
    assert "Startagenda geschreven naar groep-e" in text
    assert (tmp_path / "groep-ễ" / "agenda.yaml").is_file()


def test_build_output_on_a_narrow_code_page(tmp_path: Path) -> None:
    classes = tmp_path / "klassen.csv"
    classes.write_text("Roepnaam;Achternaam;Groep\nZoë;Berg;4\n", encoding="utf-8")
    done = kmg("build", SCHOOL, "--klassen", classes, "--uitvoer", tmp_path / "out", "--processen", "1",
               encoding="cp850", cwd=tmp_path)
    assert done.returncode == 0, done.stderr.decode("cp850", "replace")
    text = done.stdout.decode("cp850")  # "pagina’s": cp850 has no ’
    assert "pagina's" in text and "Klaar: 1 groep, 1 leerling" in text
