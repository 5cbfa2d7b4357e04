"""Workers stop when the main process is killed (kill -9, Task Manager's "End task")."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from .test_interrupt import processes_with
from .test_pool import SCHOOL, class_list

pytestmark = pytest.mark.skipif(
    sys.platform == "win32" or not Path("/proc/self/environ").exists(), reason="POSIX signals and /proc"
)


@pytest.mark.parametrize("method", ["forkserver", "spawn"])
def test_no_worker_outlives_a_killed_build(tmp_path: Path, method: str) -> None:
    classes = class_list(tmp_path / "klassen.csv", 8, pupils=2)
    marker = f"KMG_TEST_RUN={uuid.uuid4().hex}"
    env = {**os.environ, marker.split("=")[0]: marker.split("=")[1]}
    code = (
        "import sys; from gereedschapskist import batch\n"
        f"batch.start_method = lambda: {method!r}\n"
        "from gereedschapskist.cli import main; main()\n"
    )
    command = [sys.executable, "-c", code, "build", str(SCHOOL), "--klassen", str(classes)]
    command += ["--uitvoer", str(tmp_path / "out"), "--processen", "2"]
    build = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env)
    try:
        assert "->" in build.stdout.readline()  # the workers are busy
        os.kill(build.pid, signal.SIGKILL)
        build.wait(timeout=30)
        deadline = time.monotonic() + 30
        while processes_with(marker) and time.monotonic() < deadline:
            time.sleep(0.2)
        left = processes_with(marker)
    finally:
        for pid in processes_with(marker):
            os.kill(pid, signal.SIGKILL)
    assert left == [], "workers outlive the killed build"
