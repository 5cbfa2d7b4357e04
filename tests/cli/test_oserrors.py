"""System errors inside Dutch sentences are Dutch too; a full disk under `>` is one line, exit 2."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path

import pytest

from gereedschapskist.errors import os_error_text

REPO = Path(__file__).resolve().parents[2]
SCHOOL = REPO / "agendas" / "school-groep-3-8.yaml"
KMG = "import sys; sys.argv[0] = 'kmg'; from gereedschapskist.cli import main; main()"
ENGLISH = ("No space left", "Permission denied", "Operation not permitted", "Read-only", "Traceback", "Error")

needs_dev_full = pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full on this system")


def kmg_into(stdout_path: str, *args: object) -> subprocess.CompletedProcess:
    with open(stdout_path, "w") as stdout:
        return subprocess.run(
            [sys.executable, "-c", KMG, *map(str, args)], stdout=stdout, stderr=subprocess.PIPE, text=True,
            encoding="utf-8",
        )


@needs_dev_full
@pytest.mark.parametrize(
    "args",
    [["schema"], ["check", SCHOOL], ["check", SCHOOL, "--formaat", "json"], ["--help"]],
    ids=["schema", "check", "check-json", "help"],
)
def test_a_full_disk_under_a_redirect_is_one_dutch_line(args: list[object]) -> None:
    done = kmg_into("/dev/full", *args)
    assert done.returncode == 2, done.stderr
    assert done.stderr.strip().splitlines() == ["kmg: de uitvoer kan niet geschreven worden (de schijf is vol)."]


@pytest.mark.parametrize("name", ["ENOSPC", "EACCES", "EPERM", "EROFS", "EIO", "EBUSY", "ENOENT", "EDQUOT"])
def test_common_errnos_are_dutch(name: str) -> None:
    code = getattr(errno, name, None)
    if code is None:
        pytest.skip(f"{name} does not exist on this system")
    text = os_error_text(OSError(code, os.strerror(code)))
    assert text and text != os.strerror(code)
    assert not any(word in text for word in ENGLISH)


def test_a_file_open_in_a_windows_program_gets_advice() -> None:
    error = OSError(errno.EACCES, "The process cannot access the file because it is being used by another process")
    error.winerror = 32
    assert "PDF-lezer" in os_error_text(error)


def test_an_unknown_errno_says_its_code_not_english() -> None:
    assert os_error_text(OSError(errno.EXDEV, os.strerror(errno.EXDEV))) == "systeemfout EXDEV"


@pytest.mark.skipif(not Path("/sys").is_dir() or os.access("/sys", os.W_OK) and os.getuid() != 0, reason="no /sys")
def test_a_refused_write_is_dutch_end_to_end(kmg) -> None:
    # /sys refuses new files, even to root: a real EACCES (or EROFS) from the system
    result = kmg("schema", "--uitvoer", "/sys/kmg-agenda.schema.json")
    assert result.exit_code == 2
    assert "/sys" in result.output and "(" in result.output
    assert not any(word in result.output for word in ENGLISH), result.output
