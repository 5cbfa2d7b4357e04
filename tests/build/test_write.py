"""How output files are written: readable by colleagues, and a PDF held open by a viewer."""

from __future__ import annotations

import errno
import os
import stat
import sys
from pathlib import Path

import pytest

from gereedschapskist.errors import UserError
from gereedschapskist.fileio import write_bytes_atomic

REPO = Path(__file__).resolve().parents[2]
SCHOOL = REPO / "agendas" / "school-groep-3-8.yaml"


@pytest.fixture
def umask():
    """Set a umask for the test and restore the old one afterwards."""
    old = os.umask(0o022)
    try:
        yield os.umask
    finally:
        os.umask(old)


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permission bits")
@pytest.mark.parametrize(("mask", "mode"), [(0o022, 0o644), (0o027, 0o640), (0o077, 0o600), (0o000, 0o664)])
def test_written_files_follow_the_umask_and_are_never_world_writable(
    tmp_path: Path, umask, mask: int, mode: int
) -> None:
    umask(mask)
    target = tmp_path / "groep-5" / "leidraad.pdf"
    write_bytes_atomic(target, b"%PDF")
    assert stat.S_IMODE(target.stat().st_mode) == mode
    write_bytes_atomic(target, b"%PDF nieuw")  # replacing keeps the same rule
    assert stat.S_IMODE(target.stat().st_mode) == mode


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permission bits")
def test_built_pdfs_are_readable_by_colleagues(kmg, tmp_path: Path, umask) -> None:
    out = tmp_path / "out"
    result = kmg("build", SCHOOL, "--uitvoer", out, "--processen", "1")
    assert result.exit_code == 0, result.output
    pdfs = list(out.rglob("*.pdf"))
    assert pdfs
    assert {stat.S_IMODE(p.stat().st_mode) for p in pdfs} == {0o644}


def _locked_pdf(real_replace):
    """os.replace as Windows does it when a PDF viewer holds the target open."""

    def replace(src, dst):
        if str(dst).endswith(".pdf"):
            error = PermissionError(errno.EACCES, "Access is denied")
            error.winerror = 32  # ERROR_SHARING_VIOLATION
            raise error
        return real_replace(src, dst)

    return replace


def test_a_pdf_open_in_a_viewer_asks_to_close_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "groep-5" / "leidraad.pdf"
    write_bytes_atomic(target, b"oud")
    monkeypatch.setattr(os, "replace", _locked_pdf(os.replace))
    with pytest.raises(UserError) as caught:
        write_bytes_atomic(target, b"nieuw")
    message = caught.value.render()
    assert str(target) in message
    assert "sluit het PDF-bestand in uw PDF-lezer" in message
    assert "\n" not in message
    assert target.read_bytes() == b"oud"
    assert [p.name for p in target.parent.iterdir()] == ["leidraad.pdf"]


def test_build_says_which_pdf_to_close_and_exits_2(kmg, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    assert kmg("build", SCHOOL, "--uitvoer", out, "--processen", "1").exit_code == 0
    monkeypatch.setattr(os, "replace", _locked_pdf(os.replace))
    result = kmg("build", SCHOOL, "--uitvoer", out, "--processen", "1", "--opnieuw")
    assert result.exit_code == 2
    lines = [line for line in result.output.splitlines() if "PDF-lezer" in line]
    assert len(lines) == 1
    assert str(out / "school-groep-3-8" / "leidraad.pdf") in lines[0]
    assert "Traceback" not in result.output
    assert not list(out.rglob("*.tmp"))
