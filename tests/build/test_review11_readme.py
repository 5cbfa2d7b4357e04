"""Review of issue 11: the README's example row of antwoorden.csv must be one the planner reads."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from gereedschapskist.agenda.load import load_agenda
from gereedschapskist.invitations import ANSWER_COLUMNS
from gereedschapskist.planning.answers import _known_moments, _moment_key

ROOT = Path(__file__).resolve().parents[2]


def test_the_readme_example_row_names_moments_as_the_slips_print_them() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("### Uitnodigingen en antwoorden.csv", 1)[1]
    block = re.search(r"```text\n(.*?)```", section, re.S).group(1)
    header, row = list(csv.reader(io.StringIO(block), delimiter=";"))[:2]
    assert tuple(header) == ANSWER_COLUMNS
    example = dict(zip(header, row, strict=True))
    moments = {
        text
        for path in sorted(p for p in (ROOT / "agendas").glob("*.yaml") if p.name != "planning.yaml")
        for text in load_agenda(path).agenda.uitnodiging.momenten
    }
    known = {_moment_key(text): text for text in moments}
    for column in ("momenten_kan", "momenten_niet"):
        found, unknown = _known_moments(example[column], known)
        assert found and not unknown, (column, example[column], unknown)
    assert example["apart"] in ("ja", "nee") and example["taalhulp"] in ("ja", "nee")
