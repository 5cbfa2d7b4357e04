"""`kmg init` as a reviewer tried it: group sets in the title, group notations, paths, odd characters."""

from __future__ import annotations

from pathlib import Path

import pytest

from gereedschapskist.agenda.starter import parse_groups
from gereedschapskist.lint import check_file


@pytest.mark.parametrize(
    ("groepen", "title"),
    [
        ("1-2,8", "groep 1, 2 en 8"),
        ("1,3,5", "groep 1, 3 en 5"),
        ("3-8", "groep 3 t/m 8"),
        ("1-3,6", "groep 1 t/m 3 en 6"),
        ("4,5", "groep 4 en 5"),
        ("7", "groep 7"),
    ],
)
def test_the_title_describes_the_real_set_of_groups(kmg, tmp_path: Path, groepen: str, title: str) -> None:
    path = tmp_path / "agenda.yaml"
    result = kmg("init", path, "--groepen", groepen, "--school", "OBS De Regenboog")
    assert result.exit_code == 0, result.output
    assert f"titel: Kennismakingsgesprek {title} (op school)\n" in path.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("text", "groups"),
    [
        ("1/2", [1, 2]),
        ("3–8", [3, 4, 5, 6, 7, 8]),
        ("groep 3-8", [3, 4, 5, 6, 7, 8]),
        ("groepen 1 en 2", [1, 2]),
        ("3 tot en met 5", [3, 4, 5]),
        ("1-2, 5", [1, 2, 5]),
        ("4 5", [4, 5]),
    ],
)
def test_group_notations_people_write(text: str, groups: list[int]) -> None:
    assert parse_groups(text) == groups


def test_a_backwards_range_is_echoed_as_written() -> None:
    with pytest.raises(ValueError, match="'8 t/m 3'") as info:
        parse_groups("8 t/m 3")
    assert "3-8" in str(info.value)


@pytest.mark.parametrize("text", ["9", "0-3", "drie", "3-", "3,,x"])
def test_nonsense_groups_are_refused(text: str) -> None:
    with pytest.raises(ValueError):
        parse_groups(text)


def test_init_under_a_file_says_it_is_a_file(kmg, tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("x", encoding="utf-8")
    result = kmg("init", tmp_path / "a.yaml" / "b.yaml")
    assert result.exit_code == 2
    assert "bestaat al" not in result.output
    assert "geen map" in result.output


@pytest.mark.parametrize("name", ["", "sub"])
def test_init_on_a_folder_suggests_a_file_in_it(kmg, tmp_path: Path, monkeypatch, name: str) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "sub").mkdir()
    result = kmg("init", name)
    assert result.exit_code == 2
    assert "bestaat al" not in result.output
    assert "is een map" in result.output
    suggestion = str(Path(name) / "agenda.yaml") if name else "agenda.yaml"
    assert f"kmg init {suggestion}" in result.output


@pytest.mark.parametrize("school", ["OBS\u2028X", "OBS\nX", "OBS\x1bX", "OBS\ue000X"])
def test_init_refuses_characters_that_cannot_be_printed(kmg, tmp_path: Path, school: str) -> None:
    path = tmp_path / "agenda.yaml"
    result = kmg("init", path, "--school", school)
    assert result.exit_code == 2
    assert "--school" in result.output
    assert not path.exists()


def test_init_with_a_persian_school_name_passes_check(kmg, tmp_path: Path) -> None:
    path = tmp_path / "agenda.yaml"
    result = kmg("init", path, "--school", "مدرسه\u200cی ما")
    assert result.exit_code == 0, result.output
    assert not check_file(path).findings
