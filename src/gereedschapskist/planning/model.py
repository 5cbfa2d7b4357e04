"""The result of `kmg plan` that every presenter (CSV, ICS, PDF, `kmg build --planning`) uses.

No OR-Tools here: this module is imported by `kmg build --planning`, which must stay light.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time

from ..errors import EXIT_FINDINGS, UserError

# The lexicographic levels of the objective, in the order they are solved.
LEVELS = ("broertjes_zusjes", "wensen", "compact")


@dataclass(frozen=True)
class Conversation:
    """One planned conversation: one pupil (or one household of a pupil) with the class's teacher."""

    datum: date
    begin: time
    eind: time
    moment: str  # moment naam from planning.yaml
    klas: str  # SchoolClass.naam
    leerkracht: str
    leerlingen: tuple[str, ...]  # Pupil.sleutel of the pupils in this conversation (one, usually)
    gezin: str  # Family.id
    huishouden: int  # Household.nummer, 0 when the family has no household data
    code: str  # household code ("" when unknown)
    plaats: str  # moment's plaats, or the household address for a home visit
    huisbezoek: bool
    taalhulp: bool
    apart: bool
    onderwerpen: str  # what the family wrote on the slip ("" when none)


@dataclass(frozen=True)
class Schedule:
    """A complete schedule: every pupil placed, every hard rule kept."""

    conversations: tuple[Conversation, ...]  # sorted by datum, leerkracht, begin
    optimal: dict[str, bool] = field(default_factory=dict)  # level name (LEVELS) -> proven optimal
    # gesprekken, gezinnen_met_broers_zussen, naast_elkaar, wensen_gevraagd, wensen_gehonoreerd,
    # leegloop_minuten, seconden
    stats: dict[str, int | float] = field(default_factory=dict)


class PlanningImpossible(UserError):
    """No schedule exists; `messages` says why, per class, in Dutch with the arithmetic (exit code 1)."""

    exit_code = EXIT_FINDINGS

    def __init__(self, messages: list[str]) -> None:
        self.messages = list(messages)
        super().__init__("\n".join(self.messages) or "Er is geen planning mogelijk.")

    def __reduce__(self) -> tuple:
        return (PlanningImpossible, (self.messages,))


def sort_key(conversation: Conversation) -> tuple:
    """The order of planning.csv and `Schedule.conversations`: date, teacher, time (then class, pupils)."""
    c = conversation
    return (c.datum, c.leerkracht, c.begin, c.klas, c.leerlingen, c.huishouden)
