"""A school's template or stylesheet saved as ANSI (cp1252) instead of UTF-8.

Notepad on an older Windows does that. The school gets one Dutch sentence naming its
file and the line of the first bad byte, exit 2; never a UnicodeDecodeError traceback,
and never a broken process pool when the stylesheet is read in a build's workers.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from gereedschapskist.render import Renderer, TemplateProblem, builtin_template_dir

from .agendas import agenda, school_class

REPO = Path(__file__).resolve().parents[2]
AGENDA = REPO / "agendas" / "school-groep-3-8.yaml"
KMG = "import sys; from gereedschapskist.cli import main; sys.argv[0] = 'kmg'; main()"


def ansi_stylesheet(folder: Path) -> Path:
    folder.mkdir()
    path = folder / "print.css"
    path.write_bytes((builtin_template_dir() / "print.css").read_bytes() + b"\n\n/* \xe9\xe9n */\n")
    return path


def test_an_ansi_stylesheet_is_a_dutch_template_problem_with_file_and_line(tmp_path: Path) -> None:
    path = ansi_stylesheet(tmp_path / "s")
    lines = path.read_bytes().count(b"\n")
    with pytest.raises(TemplateProblem) as caught:
        Renderer([tmp_path / "s"]).guide_pdf(agenda(), school_class(2))
    problem = caught.value
    assert problem.path == path
    assert problem.line == lines
    assert "UTF-8" in problem.message and "sla het op als UTF-8" in problem.message
    assert "codec" not in str(problem)


def test_an_ansi_include_names_the_schools_file_not_the_builtin_one(tmp_path: Path) -> None:
    folder = tmp_path / "n1"
    folder.mkdir()
    bad = folder / "leidraad_tips.html.j2"
    bad.write_bytes(b"<section>\n<p>Caf\xe9 open</p>\n</section>\n")
    with pytest.raises(TemplateProblem) as caught:
        Renderer([folder]).guide_pdf(agenda(), school_class(2))
    problem = caught.value
    assert problem.path == bad
    assert problem.line == 2
    assert "sla het op als UTF-8" in problem.message
    assert "codec" not in str(problem) and "UnicodeDecodeError" not in str(problem)


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_kmg_build_with_an_ansi_stylesheet_says_so_in_dutch(tmp_path: Path, jobs: str) -> None:
    path = ansi_stylesheet(tmp_path / "s")
    classes = tmp_path / "klassen.csv"
    classes.write_text("Roepnaam;Achternaam;Groep\nSem;Visser;3\nZoë;Berg;4\n", encoding="utf-8")
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    result = subprocess.run(
        [sys.executable, "-c", KMG, "build", str(AGENDA), "--klassen", str(classes),
         "--sjablonen", str(tmp_path / "s"), "--uitvoer", str(tmp_path / "uit"), "--jobs", jobs],
        env=env, capture_output=True, text=True, encoding="utf-8", timeout=300,
    )  # fmt: skip
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr and "BrokenProcessPool" not in result.stderr
    assert f"{path}:" in result.stderr
    assert "sla het op als UTF-8" in result.stderr
