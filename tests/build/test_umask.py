"""Under umask 000 (some shared school servers) nothing kmg build makes is world-writable."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest

from .test_pool import SCHOOL, class_list

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")


@pytest.fixture
def umask_000():
    before = os.umask(0)
    try:
        yield
    finally:
        os.umask(before)


def test_nothing_is_world_writable_under_umask_000(kmg, tmp_path: Path, umask_000) -> None:
    classes = class_list(tmp_path / "klassen.csv", 1, pupils=1)
    out = tmp_path / "school" / "out"
    result = kmg("build", SCHOOL, "--klassen", classes, "--uitvoer", out, "--processen", "1")
    assert result.exit_code == 0, result.output
    made = [tmp_path / "school", out, *out.rglob("*")]
    assert len(made) > 5 and out / ".kmg-build.lock" in made
    for path in made:
        mode = path.stat().st_mode
        assert not mode & stat.S_IWOTH, f"{path.relative_to(tmp_path)} is world-writable ({oct(mode)})"
        assert mode & stat.S_IROTH, f"{path.relative_to(tmp_path)} cannot be read by colleagues"


def test_a_strict_umask_is_kept(kmg, tmp_path: Path) -> None:
    before = os.umask(0o077)
    try:
        classes = class_list(tmp_path / "klassen.csv", 1, pupils=1)
        out = tmp_path / "out"
        result = kmg("build", SCHOOL, "--klassen", classes, "--uitvoer", out, "--processen", "1")
    finally:
        os.umask(before)
    assert result.exit_code == 0, result.output
    for path in [out, *out.rglob("*")]:
        assert not path.stat().st_mode & 0o077, path
