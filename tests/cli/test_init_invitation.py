"""`kmg init` shows the `uitnodiging:` section commented out: clean as written, clean once switched on."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from gereedschapskist.agenda.starter import starter_agenda
from gereedschapskist.lint import check_file
from gereedschapskist.wording import DAGEN


def _uncomment(text: str) -> str:
    # What the starter's comment asks: remove '# ' before the block's lines.
    lines = text.splitlines()
    start = lines.index("# uitnodiging:")
    return "\n".join([*lines[:start], *(line[2:] for line in lines[start:])]) + "\n"


@pytest.mark.parametrize(
    ("setting", "year"), [("school", "2026-2027"), ("huisbezoek", "2026-2027"), ("school", "2031-2032")]
)
def test_the_commented_invitation_passes_check_once_switched_on(tmp_path: Path, setting: str, year: str) -> None:
    text = starter_agenda(setting=setting, school="OBS De Regenboog", school_year=year)
    plain = tmp_path / "plain.yaml"
    plain.write_text(text, encoding="utf-8")
    checked = check_file(plain)
    assert checked.findings == [] and checked.agenda.uitnodiging.gegeven is False

    switched_on = tmp_path / "uitnodiging.yaml"
    switched_on.write_text(_uncomment(text), encoding="utf-8")
    checked = check_file(switched_on)
    assert checked.findings == [], checked.findings
    invitation = checked.agenda.uitnodiging
    assert invitation.gegeven is True
    first = int(year[:4])
    assert invitation.antwoord_voor.year == first and invitation.antwoord_voor.month == 9
    assert invitation.via == "oudste"
    assert len(invitation.momenten) == 2
    for moment in invitation.momenten:
        # The weekday printed is the real one of that date in that school year.
        weekday, day, month = re.match(r"(\w+) (\d+) (\w+),", moment).groups()
        assert month == "september"
        assert DAGEN[date(first, 9, int(day)).weekday()] == weekday
        assert date(first, 9, int(day)) > invitation.antwoord_voor


def test_kmg_init_writes_the_block(kmg, tmp_path: Path) -> None:
    path = tmp_path / "agenda.yaml"
    assert kmg("init", path, "--school", "OBS De Regenboog").exit_code == 0
    text = path.read_text(encoding="utf-8")
    assert "# uitnodiging:" in text and "#   momenten:" in text
    assert check_file(path).findings == []
