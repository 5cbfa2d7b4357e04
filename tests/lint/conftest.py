"""Helpers for the lint tests: write an agenda to a temporary file and run `check_file` on it.

Every test starts from one clean base agenda (`cases/base_agenda.yaml`) and changes a
little of it with `edit`, so a test shows only what matters for its rule. Each edit
insists that the text it changes is there, so a test can never silently check the
unchanged base.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

import pytest

from gereedschapskist.agenda.load import AgendaFile
from gereedschapskist.findings import Finding
from gereedschapskist.lint import check_file

CASES = Path(__file__).parent / "cases"
BASE = (CASES / "base_agenda.yaml").read_text(encoding="utf-8")
TOPIC_INDENT = "  - "


def edit(
    text: str,
    *,
    replace: Iterable[Sequence[str]] = (),
    drop_topics: Iterable[str] = (),
    drop_fields: Iterable[str] = (),
    extra_topics: int = 0,
    append: str = "",
) -> str:
    """Change an agenda text; every change must find what it changes.

    The order is fixed: drop topics, drop fields, replace, add topics, append. So a
    replacement can put back one field that `drop_fields` took out everywhere.
    """
    for title in drop_topics:
        text = _drop_block(text, f"{TOPIC_INDENT}titel: {title}\n", topic=True)
    for field in drop_fields:
        # A field of a topic: "    leerling: ..." plus any deeper-indented continuation (a list).
        needle = f"    {field}:"
        assert needle in text, f"no {field!r} in the agenda"
        while needle in text:
            text = _drop_block(text, needle, topic=False)
    for old, new in replace:
        assert text.count(old) == 1, f"expected exactly one {old!r} in the agenda, found {text.count(old)}"
        text = text.replace(old, new)
    if extra_topics:
        extra = "".join(
            f"{TOPIC_INDENT}titel: Extra onderwerp {i}\n    minuten: 1\n    samen: Vraag {i}?\n"
            for i in range(1, extra_topics + 1)
        )
        anchor = f"{TOPIC_INDENT}titel: Afronding\n"
        assert text.count(anchor) == 1, "extra_topics go before the Afronding topic, which is missing"
        text = text.replace(anchor, extra + anchor)
    if append:
        text = text.rstrip("\n") + "\n" + append.rstrip("\n") + "\n"
    return text


def _drop_block(text: str, needle: str, *, topic: bool) -> str:
    """Remove the line starting with `needle` and the lines that belong to it."""
    lines = text.splitlines(keepends=True)
    start = next((i for i, line in enumerate(lines) if line.startswith(needle)), None)
    assert start is not None, f"no line starting with {needle!r}"
    end = start + 1
    while end < len(lines):
        line = lines[end]
        depth = len(line) - len(line.lstrip(" "))
        # A topic ends at the next list item or top-level key; a field at the next line as
        # shallow as itself (its own list items are indented deeper).
        ends = line.startswith(TOPIC_INDENT) or depth == 0 if topic else depth <= 4
        if line.strip() and ends:
            break
        end += 1
    return "".join(lines[:start] + lines[end:])


def line_of(text: str, needle: str, nth: int = 1) -> int:
    """1-based line number of the `nth` line containing `needle`."""
    hits = [i for i, line in enumerate(text.splitlines(), start=1) if needle in line]
    assert len(hits) >= nth, f"{needle!r} occurs on {len(hits)} lines, wanted occurrence {nth}"
    return hits[nth - 1]


def column_of(text: str, line: int, word: str) -> int:
    """1-based column of `word` on `line`."""
    index = text.splitlines()[line - 1].find(word)
    assert index >= 0, f"{word!r} not on line {line}"
    return index + 1


class Lint:
    """Run `kmg check` on agenda text, the way a teacher's file would be checked."""

    base = BASE

    def __init__(self, tmp_path: Path) -> None:
        self.tmp_path = tmp_path
        self.count = 0

    def write(self, text: str) -> Path:
        self.count += 1
        path = self.tmp_path / f"agenda-{self.count}.yaml"
        path.write_text(text, encoding="utf-8")
        return path

    def run(self, text: str) -> AgendaFile:
        return check_file(self.write(text))

    def findings(self, text: str, code: str | None = None) -> list[Finding]:
        result = self.run(text)
        return [f for f in result.findings if code is None or f.code == code]

    def codes(self, text: str) -> list[str]:
        return [f.code for f in self.run(text).findings]

    edit = staticmethod(edit)
    line_of = staticmethod(line_of)
    column_of = staticmethod(column_of)


@pytest.fixture
def lint(tmp_path: Path) -> Lint:
    return Lint(tmp_path)
