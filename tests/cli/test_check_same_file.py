"""One agenda named twice (another spelling, a symlink, a hard link): checked once, built once."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from gereedschapskist.agenda.load import refuse_repeated_files
from gereedschapskist.errors import UserError

REPO = Path(__file__).resolve().parents[2]
SCHOOL = REPO / "agendas" / "school-groep-3-8.yaml"


def second_name(tmp_path: Path, how: str) -> tuple[Path, Path]:
    first = tmp_path / "a.yaml"
    shutil.copy(SCHOOL, first)
    if how == "spelling":
        (tmp_path / "sub").mkdir()
        return first, tmp_path / "sub" / ".." / "a.yaml"
    second = tmp_path / "b.yaml"
    if how == "symlink":
        second.symlink_to(first)
    else:
        os.link(first, second)
    return first, second


@pytest.mark.parametrize("how", ["spelling", "symlink", "hardlink"])
def test_build_refuses_one_agenda_named_twice(tmp_path: Path, how: str) -> None:
    first, second = second_name(tmp_path, how)
    with pytest.raises(UserError):
        refuse_repeated_files([first, second])


def test_two_copies_are_two_agendas(tmp_path: Path) -> None:
    first = tmp_path / "a.yaml"
    second = tmp_path / "b.yaml"
    shutil.copy(SCHOOL, first)
    shutil.copy(SCHOOL, second)
    refuse_repeated_files([first, second])


@pytest.mark.parametrize("how", ["spelling", "symlink", "hardlink"])
def test_check_checks_one_agenda_named_twice_once(kmg, tmp_path: Path, how: str) -> None:
    first, second = second_name(tmp_path, how)
    result = kmg("check", first, second)
    assert result.exit_code == 0, result.output
    assert "1 agenda gecontroleerd" in result.output
    assert "hetzelfde bestand" in result.output
    assert f"kmg build {first} --klassen" in result.output
    assert str(second) not in result.output.split("Volgende stap")[-1]
