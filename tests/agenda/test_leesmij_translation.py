"""templates/LEESMIJ.md tells a school how to add a reviewed translation; its language table matches kmg."""

from __future__ import annotations

import re
from pathlib import Path

from gereedschapskist.agenda.languages import is_rtl, language_code

LEESMIJ = Path(__file__).resolve().parents[2] / "templates" / "LEESMIJ.md"


def _section() -> str:
    text = LEESMIJ.read_text(encoding="utf-8")
    return text[text.index("## Een eigen vertaling van de uitnodiging") :]


def test_the_section_names_what_a_school_needs() -> None:
    section = _section()
    for needed in (
        "uitnodiging.<taalcode>.html.j2",
        "uitnodiging.en.html.j2",
        'dir="rtl"',
        'lang="ar"',
        "--sjablonen",
        "nalezen",
        "Thuistaal",
    ):
        assert needed in section, needed


def test_the_language_table_agrees_with_language_code() -> None:
    rows = [line for line in _section().splitlines() if line.startswith("| ") and "`" in line]
    pairs = []
    for row in rows:
        cells = [cell.strip() for cell in row.strip("|").split("|")]
        for name, code in zip(cells[0::3], cells[1::3], strict=False):
            if code.startswith("`"):
                pairs.append((name, code.strip("`")))
    assert len(pairs) >= 12
    for names, code in pairs:
        for name in re.split(r",\s*", names):
            assert language_code(name) == code, (name, code)


def test_the_right_to_left_languages_named_are_right_to_left() -> None:
    paragraph = _section().split("### Talen die van rechts naar links gaan")[1].split("```")[0]
    for name in ("Arabisch", "Perzisch", "Farsi", "Dari", "Pasjtoe", "Urdu", "Sorani", "Hebreeuws"):
        assert name in paragraph
        assert is_rtl(language_code(name)), name
