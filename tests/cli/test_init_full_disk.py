"""`kmg init` on a full disk leaves nothing half-written behind."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest


@pytest.fixture
def full_disk(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every file kmg opens by descriptor fails on write, as on a full disk."""
    real_fdopen = os.fdopen

    class Full:
        def __init__(self, handle) -> None:
            self.handle = handle

        def __enter__(self) -> Full:
            return self

        def __exit__(self, *exc: object) -> None:
            self.handle.close()

        def write(self, text: str) -> int:
            raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fdopen", lambda fd, *a, **k: Full(real_fdopen(fd, *a, **k)))


@pytest.mark.parametrize("example", [(), ("--voorbeeld", "school-groep-3-8")], ids=["start", "voorbeeld"])
def test_a_full_disk_leaves_no_empty_agenda(kmg, tmp_path: Path, full_disk: None, example: tuple[str, ...]) -> None:
    agenda = tmp_path / "agenda.yaml"
    result = kmg("init", agenda, *example)
    assert result.exit_code == 2, result.output
    assert "de schijf is vol" in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_after_a_full_disk_init_works_again(kmg, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    agenda = tmp_path / "agenda.yaml"
    real_fdopen = os.fdopen
    monkeypatch.setattr(os, "fdopen", lambda *a, **k: (_ for _ in ()).throw(OSError(errno.ENOSPC, "full")))
    assert kmg("init", agenda).exit_code == 2
    monkeypatch.setattr(os, "fdopen", real_fdopen)
    assert kmg("init", agenda).exit_code == 0
    assert "onderwerpen:" in agenda.read_text(encoding="utf-8")


def test_a_full_disk_after_the_example_agenda_names_the_class_list(
    kmg, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from gereedschapskist.cli import init

    create = init._create_exclusive

    def full_after_the_agenda(path: Path, text: str) -> None:
        if path.suffix == ".csv":
            raise OSError(errno.ENOSPC, "No space left on device")
        create(path, text)

    monkeypatch.setattr(init, "_create_exclusive", full_after_the_agenda)
    result = kmg("init", "--voorbeeld", "school-groep-3-8", tmp_path / "agenda.yaml")
    assert result.exit_code == 2
    assert f"{tmp_path / 'klassenlijst-voorbeeld.csv'}: het bestand kan niet geschreven worden (de schijf is vol)" in (
        result.output
    )
    assert "is wel geschreven" in result.output
