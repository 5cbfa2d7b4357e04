"""Atomic writes: an interrupted build never leaves a half-written PDF or a stray temporary file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from gereedschapskist.errors import UserError
from gereedschapskist.fileio import write_bytes_atomic


def test_writes_and_replaces(tmp_path: Path) -> None:
    target = tmp_path / "groep-5" / "leidraad.pdf"
    write_bytes_atomic(target, b"eerste")
    write_bytes_atomic(target, b"tweede")
    assert target.read_bytes() == b"tweede"
    assert [p.name for p in target.parent.iterdir()] == ["leidraad.pdf"]


def test_ctrl_c_keeps_the_old_file_and_leaves_no_temporary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "leidraad.pdf"
    target.write_bytes(b"oud en heel")

    def interrupted(src: str, dst: str) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_bytes_atomic(target, b"nieuw")
    assert target.read_bytes() == b"oud en heel"
    assert [p.name for p in tmp_path.iterdir()] == ["leidraad.pdf"]


def test_an_unwritable_folder_is_a_user_error(tmp_path: Path) -> None:
    blocker = tmp_path / "bestand"
    blocker.write_text("geen map", encoding="utf-8")
    with pytest.raises(UserError, match="map"):
        write_bytes_atomic(blocker / "leidraad.pdf", b"x")
