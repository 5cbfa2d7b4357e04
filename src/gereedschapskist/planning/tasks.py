"""What must be planned, before any solver: one task per conversation, with its length and allowed moments.

Light (no OR-Tools): the solver, the FCFS baseline of the bench, the infeasibility
explanation and the independent checker all start from `build_tasks`.

Decisions (documented in the README, "Planning"):
- One conversation per pupil, also for two siblings in one class (the teacher usually does
  them back to back, which the siblings wish asks for anyway). Separated parents who asked
  `apart` get one conversation per household for each child.
- The teacher is the class list's `leerkracht` text (or `klassen.<groep>.leerkracht` in
  planning.yaml); two classes with the same text (case and spaces ignored) are one person.
  A duo "Juf A en Juf B" is one person too: both hold the conversation together.
- The length is the `duur` of the agenda that serves the pupil (`serving.pupil_agenda`, the
  rule the letters follow too: in a class under two agendas, the one that holds the pupil's
  own year group), plus `taalhulp_extra` when the household brings someone for the
  language. Its setting decides home visit or school, and in such a class the pupil is
  planned only in the moments its agenda offers on the slip (when it names any).
- After a conversation the teacher needs `wisseltijd` (after a home visit: `reistijd`)
  before the next; a family likewise needs that time to walk to the next classroom, and
  after a school conversation it needs the `reistijd` (at least the `wisseltijd`) to get
  home before a home visit (`family_gap`). Two home visits of one family keep the
  `reistijd` between them too (the teacher's travel time: one rule, as before).
- Breaks: every moment is cut into blocks of at most `pauze.na` minutes with a fixed
  break of `pauze.minuten` between them (the same times for every teacher). Fixed windows
  keep the model small and fast; a teacher's conversations never run longer than `na`
  minutes without a break.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from ..classes.model import ClassList, Pupil, SchoolClass
from ..codes import household_codes, letter_households
from ..serving import pupil_agenda, serving_agendas
from .answers import Answer
from .config import Moment, Planning, moment_key

DAY = 24 * 60


@dataclass(frozen=True)
class Window:
    """A part of a moment between breaks, in absolute minutes (day index * 1440 + minutes)."""

    moment: int  # index in config.momenten
    start: int
    end: int
    last: bool  # the last block of its moment (ends at `tot`, not at a break)


@dataclass
class Task:
    """One conversation to place."""

    index: int
    klass: SchoolClass
    pupils: tuple[Pupil, ...]
    pupil_key: str  # unique within the school (sleutel, or class + position before families exist)
    family_id: str
    family_key: str
    households: tuple[int, ...]  # household numbers that attend (empty: no household data)
    huishouden: int  # for the output: the household of an `apart` conversation, else the first (0: none)
    code: str
    teacher: str  # normalised identity
    teacher_name: str
    duration: int
    gap: int  # wisseltijd, or reistijd after a home visit
    huisbezoek: bool
    taalhulp: bool
    apart: bool
    onderwerpen: str
    moments: tuple[int, ...]  # allowed moments after class, teacher availability and momenten_niet
    open_moments: tuple[int, ...]  # moments open to class and teacher (before momenten_niet)
    groups: tuple[tuple[str, int], ...]  # attendee groups: (family key, household) pairs
    plaats: str
    extra: int = 0  # the minutes of `duration` added for language support (taalhulp_extra)


@dataclass
class Problem:
    tasks: list[Task]
    moments: list[Moment]
    origin: date
    windows: dict[int, list[Window]]  # moment index -> blocks
    config: Planning
    # attendee group -> its tasks (a household, or a family without household data)
    groups: dict[tuple[str, int], list[int]]
    # households with `kan` wishes -> their tasks and wished moments
    wishes: dict[tuple[str, int], tuple[list[int], frozenset[int]]]
    unserved: list[SchoolClass]


def teacher_key(text: str) -> str:
    return " ".join(text.casefold().split())


def minutes(moment: Moment, origin: date) -> tuple[int, int]:
    base = (moment.datum - origin).days * DAY
    return base + moment.van.hour * 60 + moment.van.minute, base + moment.tot.hour * 60 + moment.tot.minute


def agenda_list(agendas: Sequence[Any]) -> list[Any]:
    """Agendas given as `Agenda` objects or as (path, Agenda) pairs, the way `kmg build` holds them."""
    return [a[1] if isinstance(a, tuple) else a for a in agendas]


def serving_agenda(klass: SchoolClass, agendas: Sequence[Any], pupil: Pupil | None = None) -> Any | None:
    """The agenda whose `duur`, setting and moments a pupil's conversation takes (`serving.pupil_agenda`).

    Without `pupil`: the agenda of a pupil of `klass` whose own year group is unknown; None
    when no agenda serves the class.
    """
    return pupil_agenda(klass, pupil, agendas)


def agenda_moments(agenda: Any, open_moments: tuple[int, ...], by_name: dict[str, int]) -> tuple[int, ...]:
    """Of a class's open moments, those the agenda offers on its slip (`uitnodiging.momenten`).

    For a class that several agendas serve: a pupil is planned in the moments of its own
    agenda. When the agenda names none of the open moments, all of them stay open.
    """
    section = getattr(agenda, "uitnodiging", None)
    offered = {by_name[moment_key(text)] for text in getattr(section, "momenten", ()) if moment_key(text) in by_name}
    chosen = tuple(i for i in open_moments if i in offered)
    return chosen or open_moments


def moment_open(moment: Moment, klass: SchoolClass) -> bool:
    if moment.groepen is None:
        return True
    names = [g for g in moment.groepen if isinstance(g, str)]
    years = {g for g in moment.groepen if isinstance(g, int)}
    return klass.named_in(names) or bool(klass.jaargroepen & years)


def break_windows(config: Planning, moment_index: int, origin: date) -> list[Window]:
    """The blocks of a moment between breaks.

    Moments that touch or overlap (less than a break apart, "15:00-17:00" and "17:00-19:00")
    are one stretch of time for a teacher, so the breaks are cut from the start of that
    stretch and a moment gets the parts of its stretch's blocks that lie inside it; a moment
    on its own is cut from its own start.
    """
    start, end = minutes(config.momenten[moment_index], origin)
    if config.pauze is None:
        return [Window(moment_index, start, end, True)]
    na, pause = config.pauze.na, config.pauze.minuten
    # the stretch of touching moments that holds this one
    spans = sorted(minutes(m, origin) for m in config.momenten)
    stretch: tuple[int, int] | None = None
    for span in spans:
        if stretch is not None and span[0] < stretch[1] + pause:
            stretch = (stretch[0], max(stretch[1], span[1]))
        else:
            if stretch is not None and stretch[0] <= start and end <= stretch[1]:
                break
            stretch = span
    assert stretch is not None and stretch[0] <= start and end <= stretch[1]
    blocks = []
    begin = stretch[0]
    while begin < end:
        low, high = max(begin, start), min(begin + na, end)
        if low < high:
            blocks.append(Window(moment_index, low, high, False))
        begin += na + pause
    if blocks:
        blocks[-1] = Window(moment_index, blocks[-1].start, blocks[-1].end, True)
    return blocks


def build_tasks(
    class_list: ClassList,
    agendas: Sequence[Any],
    config: Planning,
    answers: dict[tuple[str, int], Answer] | None,
    secret: bytes | None = None,
) -> Problem:
    from ..classes.model import class_key

    agendas = agenda_list(agendas)
    answers = answers or {}
    moments = list(config.momenten)
    origin = min(m.datum for m in moments)
    by_name = {moment_key(m.naam): i for i, m in enumerate(moments)}
    codes = household_codes(secret, class_list.families) if secret is not None else {}
    for (family_key, nummer), answer in answers.items():
        if answer.code:
            codes.setdefault((family_key, nummer), answer.code)
    settings = {class_key(name): klas for name, klas in config.klassen.items()}
    tasks: list[Task] = []
    unserved: list[SchoolClass] = []
    for klass in class_list:
        agenda = serving_agenda(klass, agendas)
        if agenda is None:
            if klass.leerlingen:
                unserved.append(klass)
            continue
        klas = settings.get(class_key(klass.naam))
        teacher_name = (klas.leerkracht if klas and klas.leerkracht else klass.leerkracht) or ""
        teacher = teacher_key(teacher_name) or f"\x00{klass.naam}"
        available = None
        if klas and klas.momenten is not None:
            available = {by_name[moment_key(n)] for n in klas.momenten if moment_key(n) in by_name}
        class_moments = tuple(
            i for i, m in enumerate(moments) if moment_open(m, klass) and (available is None or i in available)
        )
        several = len(serving_agendas(klass, agendas)) > 1
        for position, pupil in enumerate(klass.leerlingen):
            # a class under two agendas (1/2: home visit for groep 1, school for groep 2): the pupil's own
            agenda = pupil_agenda(klass, pupil, agendas) if several else agenda
            open_moments = agenda_moments(agenda, class_moments, by_name) if several else class_moments
            huisbezoek = str(agenda.setting) == "huisbezoek"
            family = class_list.family_of(pupil)
            pupil_key = pupil.sleutel or f"{klass.naam}\x1f{position}"
            family_key = family.sleutel if family else pupil_key
            # a family without parent data got one letter and one code, as household 1
            households = tuple(h.nummer for h in letter_households(family)) if family else ()
            replies = {n: answers.get((family_key, n)) for n in households}
            apart = len(households) == 2 and any(r is not None and r.apart for r in replies.values())
            parties = [(n,) for n in households] if apart else [households]
            for attending in parties:
                given = [replies[n] for n in attending if replies.get(n) is not None]
                niet = {by_name[moment_key(n)] for r in given for n in r.niet if moment_key(n) in by_name}
                taalhulp = any(r.taalhulp for r in given)
                onderwerpen = " / ".join(r.onderwerpen for r in given if r.onderwerpen)
                first = attending[0] if attending else 0
                address = ""
                if family and huisbezoek:
                    home = next((h for h in family.huishoudens if h.nummer == first), None)
                    address = str(home.adres) if home and home.adres else ""
                groups = tuple((family_key, n) for n in attending) or ((family_key, 0),)
                tasks.append(
                    Task(
                        index=len(tasks),
                        klass=klass,
                        pupils=(pupil,),
                        pupil_key=pupil_key,
                        family_id=family.id if family else pupil.gezin,
                        family_key=family_key,
                        households=attending,
                        huishouden=first,
                        code=codes.get((family_key, first), ""),
                        teacher=teacher,
                        teacher_name=teacher_name,
                        duration=agenda.duur + (config.taalhulp_extra if taalhulp else 0),
                        gap=config.reistijd if huisbezoek else config.wisseltijd,
                        huisbezoek=huisbezoek,
                        taalhulp=taalhulp,
                        apart=apart,
                        onderwerpen=onderwerpen,
                        moments=tuple(i for i in open_moments if i not in niet),
                        open_moments=open_moments,
                        groups=groups,
                        plaats=address or ("thuis" if huisbezoek else ""),
                        extra=config.taalhulp_extra if taalhulp else 0,
                    )
                )
    groups: dict[tuple[str, int], list[int]] = {}
    for task in tasks:
        for group in task.groups:
            groups.setdefault(group, []).append(task.index)
    wishes: dict[tuple[str, int], tuple[list[int], frozenset[int]]] = {}
    for key, answer in sorted(answers.items()):
        kan = frozenset(by_name[moment_key(n)] for n in answer.kan if moment_key(n) in by_name)
        members = groups.get(key, [])
        # a wish is about the conversations that can have one of its moments: a slip offers the moments
        # of all the family's agendas (home-visit days and school afternoons), and a home visit that
        # cannot be on a ticked school afternoon neither spoils nor counts for the wish
        fitting = [i for i in members if kan & set(tasks[i].moments)]
        if kan and members:
            wishes[key] = (fitting or members, kan)
    windows = {i: break_windows(config, i, origin) for i in range(len(moments))}
    return Problem(tasks, moments, origin, windows, config, groups, wishes, unserved)


def family_gap(before: Task, after: Task) -> int:
    """The minutes a family (household) needs between the end of `before` and the start of `after`.

    The gap after `before` (`wisseltijd`, after a home visit `reistijd`); before a home visit
    at least the `reistijd` too: from a school conversation the family must get home first.
    """
    return max(before.gap, after.gap) if after.huisbezoek else before.gap


def family_clash(task: Task, start: int, other: Task, other_start: int) -> bool:
    """Whether `task` at `start` and `other` at `other_start` leave their family too little time between them."""
    return start < other_start + other.duration + family_gap(other, task) and other_start < (
        start + task.duration + family_gap(task, other)
    )


def time_unit(problem: Problem) -> int:
    """The largest number of minutes that divides every length, gap and time (5, usually)."""
    unit = 0
    for task in problem.tasks:
        unit = math.gcd(unit, task.duration, task.gap)
    for windows in problem.windows.values():
        for window in windows:
            unit = math.gcd(unit, window.start, window.end)
    return unit or 1


def sibling_chains(problem: Problem) -> list[list[int]]:
    """The task sets that should be back to back: every attendee group with two or more conversations, once.

    A home visit is at home: it is back to back only with the group's other home visits, and its
    school conversations form a chain of their own (1/2 under two agendas: the youngest gets a
    home visit on another day, the others still come to school one after the other).
    """
    seen: set[tuple[int, ...]] = set()
    chains = []
    for members in problem.groups.values():
        for at_home in (False, True):
            key = tuple(sorted(i for i in members if problem.tasks[i].huisbezoek == at_home))
            if len(key) >= 2 and key not in seen:
                seen.add(key)
                chains.append(list(key))
    return chains
