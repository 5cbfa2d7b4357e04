"""Ctrl-C during `kmg build`, as an impatient user gives it: twice, quickly, to every process of the build."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from .test_pool import SCHOOL, class_list

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals and /proc")


def processes_with(marker: str) -> list[int]:
    """Processes (ours: the build, its forkserver and workers) whose environment holds `marker`."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if marker.encode() in (entry / "environ").read_bytes():
                    found.append(int(entry.name))
            except OSError:
                continue
    return found


@pytest.mark.skipif(not Path("/proc/self/environ").exists(), reason="needs /proc")
@pytest.mark.parametrize("jobs", ["2", "1"])
def test_ctrl_c_twice_stops_cleanly(tmp_path: Path, jobs: str) -> None:
    classes = class_list(tmp_path / "klassen.csv", 10, pupils=4)
    out = tmp_path / "out"
    marker = f"KMG_TEST_RUN={uuid.uuid4().hex}"
    env = {**os.environ, marker.split("=")[0]: marker.split("=")[1]}
    command = [sys.executable, "-c", "from gereedschapskist.cli import main; main()", "build", str(SCHOOL)]
    command += ["--klassen", str(classes), "--uitvoer", str(out), "--processen", jobs]
    build = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, start_new_session=True
    )
    try:
        first = build.stdout.readline()  # the first finished class: the build is in full swing
        assert "->" in first, build.stderr.read()
        # What a terminal does on Ctrl-C: SIGINT to every process of the foreground group.
        os.killpg(build.pid, signal.SIGINT)
        time.sleep(0.05)
        os.killpg(build.pid, signal.SIGINT)
        stdout, stderr = build.communicate(timeout=120)
    finally:
        if build.poll() is None:
            os.killpg(build.pid, signal.SIGKILL)
    assert build.returncode == 130, stderr
    assert "Traceback" not in stderr + stdout, stderr
    lines = [line for line in stderr.splitlines() if line.strip()]
    # at once: what happens now; at the end: that it stopped
    assert lines == ["kmg stopt; de groepen die nu gemaakt worden, worden afgemaakt…", lines[-1]], stderr
    assert "afgebroken" in lines[-1], stderr
    assert not [p for p in out.rglob("*") if p.name.endswith(".tmp")], "stray temporary files"

    # The cache names only files that are complete and exactly what was written.
    manifest = json.loads((out / ".kmg-cache.json").read_text(encoding="utf-8"))
    assert manifest, "the classes finished before Ctrl-C are remembered"
    for folder, entry in manifest.items():
        for name, digest in entry["files"].items():
            assert hashlib.sha256((out / folder / name).read_bytes()).hexdigest() == digest
    # ... and every class whose files were finished while stopping is remembered too
    finished = {p.parent.relative_to(out).as_posix() for p in out.rglob("gespreksformulieren.pdf")}
    assert finished == set(manifest), "work finished while stopping is remembered"

    # No worker or forkserver outlives the build (they may take a moment to notice).
    deadline = time.monotonic() + 30
    while processes_with(marker) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert processes_with(marker) == []

    # And the next build picks up where this one stopped.
    again = subprocess.run([*command[:-1], "2"], capture_output=True, text=True, timeout=300)
    assert again.returncode == 0, again.stderr
    assert f"{len(manifest)} groep" in again.stdout
    assert len(list(out.rglob("gespreksformulieren.pdf"))) == 10
