"""When kmg cannot remember what it made (the cache cannot be saved), it says so in one line."""

from __future__ import annotations

from pathlib import Path

from .test_pool import SCHOOL, class_list


def test_a_cache_that_cannot_be_saved_is_mentioned(kmg, tmp_path: Path) -> None:
    classes = class_list(tmp_path / "klassen.csv", 1, pupils=1)
    out = tmp_path / "out"
    (out / ".kmg-cache.json").mkdir(parents=True)
    result = kmg("build", SCHOOL, "--klassen", classes, "--uitvoer", out, "--processen", "1")
    assert result.exit_code == 0, result.output
    lines = [line for line in result.output.splitlines() if ".kmg-cache.json" in line]
    assert len(lines) == 1 and lines[0].startswith("Let op:"), result.output
    assert "Traceback" not in result.output
