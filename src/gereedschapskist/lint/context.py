"""What a rule sees while it runs: the validated agenda, where its nodes stand, and its options.

A rule never builds a `Finding` by hand. `RuleContext.finding` fills in the file, the
position of the YAML node, the rule's code and level, and the seed's reason, so every
rule reports the same way and a rule module stays a few lines of logic.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from types import ModuleType
from typing import Any

from ..agenda.model import Agenda, Onderwerp
from ..agenda.yamlload import LoadedYaml, Path_
from ..findings import Finding

QUESTION_FIELDS: tuple[str, ...] = ("leerling", "ouder", "leerkracht", "samen")
# The invitation's texts in the order of the letter (for findings in a stable order).
INVITATION_TEXT_FIELDS: tuple[str, ...] = ("aanhef", "tekst", "huisbezoek", "momenten", "taalhulp", "contact")


def text_key(text: str) -> str:
    """What two texts share when they are "the same" for a reader: case and extra spaces do not count."""
    return " ".join(text.casefold().split())


@dataclass(frozen=True)
class TextNode:
    """One piece of free text a teacher wrote (a title or a question) and where it stands."""

    path: Path_
    text: str
    what: str  # Dutch description for messages, e.g. "de vraag voor de ouder"
    letter: bool = False  # a text of the invitation letter (a statement to parents, not a question)


@dataclass(frozen=True)
class RuleContext:
    """The agenda under check plus the rule that is running now (set by the runner)."""

    agenda: Agenda
    source: LoadedYaml
    display: str
    rule: ModuleType | None = None

    def for_rule(self, rule: ModuleType) -> RuleContext:
        return replace(self, rule=rule)

    def _rule(self) -> ModuleType:
        if self.rule is None:  # a programming error, never a user's
            raise RuntimeError("RuleContext has no current rule; use for_rule() first")
        return self.rule

    def option(self, name: str) -> Any:
        """The file's `controle:` value for `name`, or the rule's DEFAULT when it is not set.

        Controle keeps None for "not set" (and an empty list for `extra_woorden`), so a
        school only writes the thresholds it wants to change.
        """
        defaults: dict[str, Any] = self._rule().DEFAULT
        if name not in defaults:
            raise KeyError(f"{self._rule().ID} has no option {name!r}")
        value = getattr(self.agenda.settings, name, None)
        return defaults[name] if value is None else value

    def finding(self, path: Path_, message: str, hint: str, *, key: bool = False, column: int | None = None) -> Finding:
        """A finding of the current rule at the node of `path` (its key with key=True).

        `column` moves the caret along the node's first line, e.g. to a word in a question.
        """
        rule = self._rule()
        pos = self.source.position(path, key=key)
        return Finding(
            self.display,
            pos.line,
            column if column is not None else pos.column,
            rule.ID,
            rule.LEVEL,
            message,
            hint,
            rule.REASON,
        )

    # Helpers shared by several rules.

    @staticmethod
    def topic_path(index: int, field: str | None = None) -> Path_:
        return ("onderwerpen", index) if field is None else ("onderwerpen", index, field)

    def question_path(self, index: int, field: str, number: int) -> Path_:
        """The path of question `number` of a perspective, whether it was written as text or list.

        The model always keeps a list, but `ouder: Een vraag` has no item 0 in the YAML.
        """
        raw = self._raw_topic(index).get(field)
        base = self.topic_path(index, field)
        return (*base, number) if isinstance(raw, list) else base

    def _raw_topic(self, index: int) -> dict[str, Any]:
        data = self.source.data
        try:
            topic = data["onderwerpen"][index]
        except (KeyError, IndexError, TypeError):
            return {}
        return topic if isinstance(topic, dict) else {}

    def invitation_path(self, field: str, number: int | None = None) -> Path_:
        """The path of a text of `uitnodiging:`; item `number` of a list field, whether written as text or list."""
        base: Path_ = ("uitnodiging", field)
        raw = self._raw_invitation().get(field)
        return (*base, number) if number is not None and isinstance(raw, list) else base

    def _raw_invitation(self) -> dict[str, Any]:
        data = self.source.data
        section = data.get("uitnodiging") if isinstance(data, dict) else None
        return section if isinstance(section, dict) else {}

    def questions(self) -> Iterator[tuple[int, Onderwerp, str, int, str]]:
        """Every question as (topic index, topic, field, number within the field, text)."""
        for index, topic in enumerate(self.agenda.onderwerpen):
            for field in QUESTION_FIELDS:
                for number, text in enumerate(getattr(topic, field)):
                    yield index, topic, field, number, text

    def texts(self) -> Iterator[TextNode]:
        """All free text a reader of the documents will see: titles, questions and the letter texts the file writes."""
        if self.agenda.titel is not None:
            yield TextNode(("titel",), self.agenda.titel, "de titel van de agenda")
        for index, topic in enumerate(self.agenda.onderwerpen):
            yield TextNode(self.topic_path(index, "titel"), topic.titel, f"de titel van onderwerp {index + 1}")
            for field in QUESTION_FIELDS:
                label = "de gezamenlijke vraag" if field == "samen" else f"de vraag voor de {field}"
                for number, text in enumerate(getattr(topic, field)):
                    yield TextNode(self.question_path(index, field, number), text, f"{label} bij '{topic.titel}'")
        yield from self.invitation_texts()

    def invitation_texts(self) -> Iterator[TextNode]:
        """The texts of the invitation letter the file itself writes (kmg's own defaults are not checked)."""
        written = self._raw_invitation()
        invitation = self.agenda.uitnodiging
        singles = {
            "aanhef": "de aanhef van de uitnodiging",
            "contact": "het contact in de uitnodiging",
            "taalhulp": "de alinea over taalhulp in de uitnodiging",
            "huisbezoek": "de zin over het huisbezoek in de uitnodiging",
        }
        lists = {"tekst": "alinea {n} van de uitnodiging", "momenten": "moment {n} van de uitnodiging"}
        for field in INVITATION_TEXT_FIELDS:
            if field not in written:
                continue
            if field in singles:
                text = getattr(invitation, field)
                if text.strip():
                    yield TextNode(self.invitation_path(field), text, singles[field], letter=True)
            elif field in lists:
                for number, text in enumerate(getattr(invitation, field)):
                    what = lists[field].format(n=number + 1)
                    yield TextNode(self.invitation_path(field, number), text, what, letter=True)
