"""A bad SOURCE_DATE_EPOCH in the environment: one Dutch sentence from kmg build, never fontTools' traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SCHOOL = REPO / "agendas" / "school-groep-3-8.yaml"
KMG = "import sys; from gereedschapskist.cli import main; sys.argv[0] = 'kmg'; main()"


@pytest.mark.parametrize("value", ["gisteren", "1.5", "-1"])
def test_kmg_build_with_a_bad_source_date_epoch_says_so_before_it_renders(tmp_path: Path, value: str) -> None:
    env = {**os.environ, "SOURCE_DATE_EPOCH": value, "PYTHONIOENCODING": "utf-8"}
    result = subprocess.run(
        [sys.executable, "-c", KMG, "build", str(SCHOOL), "--uitvoer", str(tmp_path / "uit"), "--processen", "1"],
        env=env, capture_output=True, text=True, encoding="utf-8", timeout=300,
    )  # fmt: skip
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert "SOURCE_DATE_EPOCH moet een geheel aantal seconden sinds 1970 zijn" in result.stderr
    assert not list(tmp_path.rglob("*.pdf"))


def test_a_second_command_waiting_for_the_lock_names_itself(tmp_path: Path, kmg) -> None:
    from filelock import FileLock

    from gereedschapskist.cli.build import LOCK_FILE

    out = tmp_path / "uit"
    out.mkdir()
    moments = tmp_path / "planning.yaml"
    moments.write_text(
        'versie: 1\nmomenten:\n  - {naam: di, datum: 2026-09-08, van: "15:00", tot: "18:00"}\n', encoding="utf-8"
    )
    classes = tmp_path / "klassen.csv"
    classes.write_text("Roepnaam;Achternaam;Groep\nSem;Visser;3\n", encoding="utf-8")
    lock = FileLock(out / LOCK_FILE)
    lock.acquire()
    code = (
        "import sys, threading, time\n"
        "from gereedschapskist.cli import main\n"
        "sys.argv = ['kmg', 'plan', sys.argv[1], '--klassen', sys.argv[2], '--momenten', sys.argv[3],"
        " '--uitvoer', sys.argv[4], '--tijd', '5']\n"
        "main()\n"
    )
    process = subprocess.Popen(
        [sys.executable, "-c", code, str(SCHOOL), str(classes), str(moments), str(out)],
        stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True, encoding="utf-8",
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )  # fmt: skip
    try:
        line = process.stderr.readline()
    finally:
        lock.release()
    process.wait(timeout=120)
    assert "er loopt al een andere kmg-opdracht" in line, line
    assert process.returncode == 0
