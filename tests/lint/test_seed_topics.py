"""The topics that KMG103 and KMG108 suggest are the ones `kmg init` writes, named as the seed names them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from gereedschapskist.agenda.starter import SEED_TITLES, TOPICS, seed_titles, starter_agenda

SEED = next(Path("/work/shared/seed").glob("*.txt"), None)


def suggested(hint: str) -> list[str]:
    return re.findall(r"'([^']+)'", hint)


def init_titles() -> set[str]:
    return set(re.findall(r"^  - titel: (.+)$", starter_agenda(duration=60), re.MULTILINE))


def test_kmg108_suggests_topics_that_kmg_init_writes(lint) -> None:
    text = lint.edit(lint.base, drop_fields=["domeinen"])
    findings = lint.findings(text, "KMG108")
    assert len(findings) == 3
    for finding in findings:
        titles = [t for t in suggested(finding.hint) if t not in {"domeinen:", "thuis", "school", "buitenschools"}]
        assert titles, finding.hint
        assert set(titles) <= init_titles(), finding.hint


def test_kmg103_suggests_topics_that_kmg_init_writes(lint) -> None:
    text = lint.edit(
        lint.base,
        drop_topics=["Verwachtingen", "Dagroutine"],
        replace=[("duur: 25", "duur: 60")],
    )
    [finding] = lint.findings(text, "KMG103")
    titles = suggested(finding.hint)
    assert "Overgang volgend leerjaar" in titles
    assert set(titles) <= init_titles()


def test_the_starter_uses_the_seeds_name_for_the_transition_topic() -> None:
    assert "Overgang volgend leerjaar" in SEED_TITLES
    assert "Overgang naar dit leerjaar" not in starter_agenda()


@pytest.mark.skipif(SEED is None, reason="the seed text is not on this machine")
def test_every_starter_topic_is_a_row_of_the_seed_table() -> None:
    assert SEED is not None
    seed = " ".join(SEED.read_text(encoding="utf-8").split()).casefold()
    seed = seed.replace("- ", "")  # words broken over lines in the table: "verwachting- en"
    for title in SEED_TITLES:
        first_words = " ".join(title.casefold().split()[:2])
        assert first_words in seed, title


def test_a_hint_cannot_name_a_topic_outside_the_table() -> None:
    assert seed_titles("Dagroutine") == ("Dagroutine",)
    with pytest.raises(ValueError):
        seed_titles("Overgang naar dit leerjaar")


def test_starter_topics_are_agenda_topics() -> None:
    from gereedschapskist.agenda.model import Onderwerp

    assert all(isinstance(topic.onderwerp, Onderwerp) for topic in TOPICS)
    assert len(TOPICS) == 10
