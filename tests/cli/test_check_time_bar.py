"""The time bar of `kmg check` keeps within the terminal, for wide (CJK, emoji) titles and narrow terminals."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.cells import cell_len

REPO = Path(__file__).resolve().parents[2]
SCHOOL = REPO / "agendas" / "school-groep-3-8.yaml"


def bar_lines(output: str) -> list[str]:
    return [line for line in output.splitlines() if line.rstrip().endswith(" min") and ("█" in line or "·" in line)]


@pytest.mark.parametrize("columns", [40, 60, 80, 120])
@pytest.mark.parametrize("title", ["Dagroutine", "学校での一日の流れについて話し合う時間です" * 2, "Dag " + "🙂" * 22])
def test_every_time_bar_line_fits_the_terminal(kmg, tmp_path: Path, monkeypatch, columns: int, title: str) -> None:
    monkeypatch.setenv("COLUMNS", str(columns))
    path = tmp_path / "agenda.yaml"
    path.write_text(
        SCHOOL.read_text(encoding="utf-8").replace("titel: Dagroutine", f"titel: {title}", 1), encoding="utf-8"
    )
    result = kmg("check", path)
    lines = bar_lines(result.output)
    assert len(lines) > 5, result.output
    assert max(cell_len(line) for line in lines) <= columns, "\n".join(lines)
    # The bars line up: each starts at the same column.
    starts = {cell_len(line[: min(i for i in (line.find("█"), line.find("·")) if i >= 0)]) for line in lines}
    assert len(starts) == 1, "\n".join(lines)
