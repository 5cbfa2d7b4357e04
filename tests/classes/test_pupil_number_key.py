"""A pupil number keeps its key whether a format wrote it with leading zeros or as a number."""

from __future__ import annotations

from pathlib import Path

from gereedschapskist.classes import read_class_list


def _keys(tmp_path: Path, number: str) -> list[str]:
    path = tmp_path / f"lijst-{number}.csv"
    path.write_text(f"Roepnaam;Achternaam;Groep;Leerlingnummer\nNoor;Bakker;5;{number}\n", encoding="utf-8")
    return [pupil.sleutel for _, pupil in read_class_list(path).pupils()]


def test_leading_zeros_do_not_change_a_pupils_key(tmp_path: Path) -> None:
    assert _keys(tmp_path, "001001") == _keys(tmp_path, "1001")


def test_different_numbers_keep_different_keys(tmp_path: Path) -> None:
    assert _keys(tmp_path, "1001") != _keys(tmp_path, "1002")
