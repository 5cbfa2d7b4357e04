"""One plural helper and one clock formatter for rules, reports and documents (they had drifted into copies)."""

from __future__ import annotations

import ast
from pathlib import Path

from gereedschapskist import wording
from gereedschapskist.cli import build, report
from gereedschapskist.lint import text
from gereedschapskist.render import views

SRC = Path(__file__).resolve().parents[2] / "src" / "gereedschapskist"


def test_every_module_uses_the_one_plural_and_clock() -> None:
    assert text.aantal is wording.aantal
    assert report._count is wording.aantal and build._plural is wording.aantal
    assert views.clock is report.clock is wording.clock


def test_no_module_formats_a_clock_or_a_plural_of_its_own() -> None:
    copies = []
    for path in SRC.rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        if path.name == "wording.py":
            continue
        if ":02d}" in source or "if n == 1 else" in source:
            copies.append(path.relative_to(SRC).as_posix())
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.FunctionDef) and node.name in ("_plural", "_count", "clock", "aantal"):
                copies.append(f"{path.relative_to(SRC).as_posix()}:{node.name}")
    assert copies == []


def test_wording() -> None:
    assert wording.aantal(1, "groep", "groepen") == "1 groep"
    assert wording.aantal(0, "groep", "groepen") == "0 groepen"
    assert [wording.clock(m) for m in (0, 3, 60, 75)] == ["0:00", "0:03", "1:00", "1:15"]
