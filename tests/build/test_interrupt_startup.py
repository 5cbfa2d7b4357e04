"""Ctrl-C while `kmg build` is still starting: one Dutch line and exit 130, from the main process and its children."""

from __future__ import annotations

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


def test_ctrl_c_before_any_handler_is_one_dutch_line() -> None:
    # Ctrl-C that arrives while kmg is still importing, before any command installed its handler.
    code = (
        "from gereedschapskist.cli import console, main\n"
        "def interrupted():\n"
        "    raise KeyboardInterrupt\n"
        "console.use_readable_fallback = interrupted\n"
        "main()\n"
    )
    result = subprocess.run([sys.executable, "-c", code, "check", str(SCHOOL)], capture_output=True, text=True)
    assert result.returncode == 130, result.stderr
    assert "Traceback" not in result.stderr
    assert [line for line in result.stderr.splitlines() if line.strip()] == [
        "kmg: afgebroken; er is niets half weggeschreven."
    ]


def sigint_ignored_or_blocked(pid: int) -> bool | None:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    fields = dict(line.split(":\t", 1) for line in status.splitlines() if ":\t" in line)
    bit = 1 << (signal.SIGINT - 1)
    return bool((int(fields["SigIgn"], 16) | int(fields["SigBlk"], 16)) & bit)


def workers_with(marker: str, but: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and int(entry.name) != but:
            try:
                # the forkserver and its workers, the spawned workers (not a compiler run by ctypes)
                if marker.encode() in (entry / "environ").read_bytes() and b"multiprocessing" in (
                    entry / "cmdline"
                ).read_bytes():
                    found.append(int(entry.name))
            except OSError:
                continue
    return found


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs /proc")
def test_children_never_see_ctrl_c_even_while_they_start(tmp_path: Path) -> None:
    """The forkserver and the workers import WeasyPrint for a second: Ctrl-C then gave their tracebacks."""
    classes = class_list(tmp_path / "klassen.csv", 2, pupils=1)
    marker = f"KMG_TEST_RUN={uuid.uuid4().hex}"
    env = {**os.environ, marker.split("=")[0]: marker.split("=")[1]}
    command = [sys.executable, "-c", "from gereedschapskist.cli import main; main()", "build", str(SCHOOL)]
    command += ["--klassen", str(classes), "--uitvoer", str(tmp_path / "out"), "--processen", "2"]
    build = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, start_new_session=True
    )
    seen: dict[int, bool] = {}
    try:
        deadline = time.monotonic() + 60
        while not seen and time.monotonic() < deadline and build.poll() is None:
            for pid in workers_with(marker, build.pid):
                state = sigint_ignored_or_blocked(pid)
                if state is not None:
                    seen.setdefault(pid, state)
            time.sleep(0.005)
        assert seen, "no worker process was started"
        # Ctrl-C to the whole group while the first child is just starting
        os.killpg(build.pid, signal.SIGINT)
        stdout, stderr = build.communicate(timeout=120)
    finally:
        if build.poll() is None:
            os.killpg(build.pid, signal.SIGKILL)
    assert all(seen.values()), f"a child could get Ctrl-C from its start: {seen}"
    assert build.returncode == 130, stderr
    assert "Traceback" not in stderr, stderr
    assert [line for line in stderr.splitlines() if line.strip()] == [
        "kmg stopt; de groepen die nu gemaakt worden, worden afgemaakt…",
        "kmg: afgebroken; er is niets half weggeschreven.",
    ]
