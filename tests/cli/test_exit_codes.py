"""Exit codes when the reader of kmg's output stops early, or when stderr cannot be written.

A closed pipe (`kmg check ... | head -1`) stops kmg quietly: 0 for help and schema, the code
of the findings for `check`. A stderr that cannot be written still ends with exit 2.
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

needs_dev_full = pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full on this system")
needs_pipes = pytest.mark.skipif(os.name == "nt", reason="a closed pipe behaves differently on Windows")


def kmg_into_closed_pipe(*args: object, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """Run kmg with stdout a pipe nobody reads any more, as `kmg ... | head -1` after head is done."""
    read, write = os.pipe()
    os.close(read)
    try:
        return subprocess.run(
            [sys.executable, "-c", KMG, *map(str, args)], stdout=write, stderr=subprocess.PIPE, text=True,
            encoding="utf-8", env={**os.environ, **(env or {})},
        )
    finally:
        os.close(write)


def _broken_agenda(tmp_path: Path) -> Path:
    path = tmp_path / "te-kort.yaml"
    path.write_text(SCHOOL.read_text(encoding="utf-8").replace("duur: 25", "duur: 5", 1), encoding="utf-8")
    return path


@needs_pipes
@pytest.mark.parametrize(
    ("args", "env"),
    [(["--help"], {}), (["build", "--help"], {}), (["--help"], {"TYPER_USE_RICH": "0"}), (["schema"], {})],
    ids=["help", "build-help", "plain-help", "schema"],
)
def test_a_closed_pipe_stops_quietly_with_0(args: list[str], env: dict[str, str]) -> None:
    done = kmg_into_closed_pipe(*args, env=env)
    assert (done.returncode, done.stderr) == (0, "")


@needs_pipes
def test_check_into_a_closed_pipe_keeps_the_code_of_its_findings(tmp_path: Path) -> None:
    clean = kmg_into_closed_pipe("check", SCHOOL, SCHOOL.with_name("kleuters-groep-1-2.yaml"))
    assert (clean.returncode, clean.stderr) == (0, "")
    broken = kmg_into_closed_pipe("check", SCHOOL, _broken_agenda(tmp_path))
    assert (broken.returncode, broken.stderr) == (1, "")
    as_json = kmg_into_closed_pipe("check", _broken_agenda(tmp_path), "--formaat", "json")
    assert (as_json.returncode, as_json.stderr) == (1, "")


@needs_dev_full
@pytest.mark.parametrize("args", [["check", "bestaat-niet.yaml"], ["build", "bestaat-niet.yaml"], ["init", "--x"]])
def test_a_stderr_that_cannot_be_written_still_exits_2(tmp_path: Path, args: list[str]) -> None:
    with open("/dev/full", "w") as full:
        done = subprocess.run([sys.executable, "-c", KMG, *args], stdout=subprocess.PIPE, stderr=full,
                              cwd=tmp_path)
    assert done.returncode == 2
    assert b"Traceback" not in done.stdout
