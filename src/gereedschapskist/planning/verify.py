"""An independent check of a schedule against the hard rules, and its quality figures.

`check_schedule` starts from the inputs (class list, agendas, planning.yaml, answers) and
the finished conversations only, not from the solver's model, so a bug in the model shows
up here. `kmg plan` refuses to present a schedule it flags; the bench uses it to count the
violations of the first-come-first-served baseline; the tests use it on every case.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from ..classes.model import ClassList, class_key
from ..codes import letter_households
from .answers import Answer
from .config import Planning, moment_key
from .model import Conversation
from .tasks import Problem, agenda_list, moment_open, serving_agenda, teacher_key


def _minutes(conversation: Conversation, which: str) -> int:
    value = getattr(conversation, which)
    return conversation.datum.toordinal() * 1440 + value.hour * 60 + value.minute


def check_schedule(
    conversations: Sequence[Conversation],
    class_list: ClassList,
    agendas: Sequence[Any],
    config: Planning,
    answers: dict[tuple[str, int], Answer] | None,
) -> list[str]:
    """Every broken hard rule, as a short English line (for tests and the bench); empty when none."""
    answers = answers or {}
    agendas = agenda_list(agendas)
    problems: list[str] = []
    settings = {class_key(k): v for k, v in config.klassen.items()}
    classes = {klass.naam: klass for klass in class_list}
    families = {f.id: f for f in class_list.families}
    # 1. every pupil exactly once, or once per household when the parents asked `apart`
    expected: dict[tuple[str, str, int], int] = {}
    for klass, pupil in class_list.pupils():
        if serving_agenda(klass, agendas) is None:
            continue
        family = class_list.family_of(pupil)
        numbers = [h.nummer for h in letter_households(family)] if family else []
        apart = len(numbers) == 2 and any(
            answers.get((family.sleutel, n)) is not None and answers[(family.sleutel, n)].apart for n in numbers
        )
        for n in numbers if apart else [numbers[0] if numbers else 0]:
            key = (klass.naam, pupil.sleutel, n)
            expected[key] = expected.get(key, 0) + 1
    got: dict[tuple[str, str, int], int] = defaultdict(int)
    for c in conversations:
        for sleutel in c.leerlingen:
            got[(c.klas, sleutel, c.huishouden)] += 1
    for key in sorted(set(expected) | set(got)):
        if expected.get(key, 0) != got.get(key, 0):
            problems.append(
                f"pupil {key[1]!r} of class {key[0]!r} (household {key[2]}): "
                f"{got.get(key, 0)} conversations, expected {expected.get(key, 0)}"
            )
    # 2. inside an open moment, the right length, momenten_niet kept
    for c in conversations:
        moment = config.moment(c.moment)
        klass = classes.get(c.klas)
        if moment is None or klass is None:
            problems.append(f"conversation in unknown moment {c.moment!r} or class {c.klas!r}")
            continue
        klas = settings.get(class_key(klass.naam))
        if not moment_open(moment, klass) or (
            klas and klas.momenten is not None and moment_key(moment.naam) not in {moment_key(n) for n in klas.momenten}
        ):
            problems.append(f"class {c.klas!r} has a conversation in moment {c.moment!r} that is not open to it")
        if c.datum != moment.datum or c.begin < moment.van or c.eind > moment.tot:
            problems.append(f"class {c.klas!r}: conversation at {c.datum} {c.begin}-{c.eind} outside {moment.naam!r}")
        pupil = next((p for p in klass.leerlingen if p.sleutel in c.leerlingen), None)
        agenda = serving_agenda(klass, agendas, pupil)  # the pupil's own (a class under two agendas)
        family = families.get(c.gezin)
        attending = _attending(c, family)
        replies = [answers[(family.sleutel, n)] for n in attending if family and (family.sleutel, n) in answers]
        taalhulp = any(r.taalhulp for r in replies)
        length = agenda.duur + (config.taalhulp_extra if taalhulp else 0)
        actual = _minutes(c, "eind") - _minutes(c, "begin")
        if actual != length:
            problems.append(f"class {c.klas!r}: conversation of {actual} min, expected {length}")
        for reply in replies:
            if moment_key(c.moment) in {moment_key(n) for n in reply.niet}:
                problems.append(f"household {reply.code}: planned in {c.moment!r}, which it cannot attend")
    # 3. a teacher: one at a time, with the change-over time (travel time after a home visit)
    teachers: dict[str, list[Conversation]] = defaultdict(list)
    for c in conversations:
        teachers[teacher_key(c.leerkracht) or f"\x00{c.klas}"].append(c)
    for items in teachers.values():
        problems.extend(_gaps(items, config, f"teacher of {items[0].klas!r}"))
        problems.extend(_breaks(items, config, f"teacher of {items[0].klas!r}"))
    # 4. a household (or family) is in one place at a time, with time to walk between rooms, and
    #    the travel time to get home from school before a home visit (and after one, as for a teacher)
    people: dict[tuple[str, int], list[Conversation]] = defaultdict(list)
    for c in conversations:
        if not c.gezin:
            continue  # a class list without families: each pupil is on their own
        for n in _attending(c, families.get(c.gezin)) or [0]:
            people[(c.gezin, n)].append(c)
    for (gezin, n), items in people.items():
        same_teacher = len({teacher_key(c.leerkracht) for c in items}) == 1
        mixed = len({c.huisbezoek for c in items}) > 1  # the teacher's rule does not cover school -> home
        if not same_teacher or mixed:
            problems.extend(_gaps(items, config, f"family {gezin} household {n}", family=True))
    return problems


def _attending(c: Conversation, family: Any) -> list[int]:
    if family is None:
        return []
    if c.apart:
        return [c.huishouden]
    return [h.nummer for h in letter_households(family)]


def _gaps(items: list[Conversation], config: Planning, who: str, family: bool = False) -> list[str]:
    """Consecutive conversations: the wisseltijd between them, the reistijd after a home visit; for a
    family (`family`) also the reistijd from a school conversation to a home visit (to get home first;
    at least the wisseltijd). Two home visits of one family keep the reistijd, as for the teacher."""
    problems = []
    ordered = sorted(items, key=lambda c: (_minutes(c, "begin"), _minutes(c, "eind")))
    for before, after in zip(ordered, ordered[1:], strict=False):
        gap = config.reistijd if before.huisbezoek else config.wisseltijd
        if family and after.huisbezoek:
            gap = max(gap, config.reistijd)
        if _minutes(after, "begin") < _minutes(before, "eind") + gap:
            problems.append(
                f"{who}: {before.datum} {before.begin}-{before.eind} and {after.begin}-{after.eind} "
                f"overlap or leave less than {gap} min"
            )
    return problems


def _breaks(items: list[Conversation], config: Planning, who: str) -> list[str]:
    """At most `pauze.na` minutes of conversations before a gap of at least `pauze.minuten`."""
    if config.pauze is None:
        return []
    problems = []
    ordered = sorted(items, key=lambda c: _minutes(c, "begin"))
    run = 0
    previous_end = None
    for c in ordered:
        begin, end = _minutes(c, "begin"), _minutes(c, "eind")
        if previous_end is None or begin - previous_end >= config.pauze.minuten:
            run = 0
        run += end - begin
        if run > config.pauze.na:
            problems.append(f"{who}: {run} min of conversations without a break at {c.datum} {c.begin}")
            run = 0
        previous_end = end
    return problems


def idle_minutes(conversations: Sequence[Conversation], config: Planning) -> int:
    """Minutes a teacher waits between two conversations of one moment, beyond change-over time and breaks."""
    by: dict[tuple[str, str], list[Conversation]] = defaultdict(list)
    for c in conversations:
        by[(teacher_key(c.leerkracht) or c.klas, c.moment)].append(c)
    pause = config.pauze.minuten if config.pauze else 10**6
    total = 0
    for items in by.values():
        ordered = sorted(items, key=lambda c: _minutes(c, "begin"))
        for before, after in zip(ordered, ordered[1:], strict=False):
            gap = _minutes(after, "begin") - _minutes(before, "eind")
            needed = config.reistijd if before.huisbezoek else config.wisseltijd
            total += max(0, gap - (pause if gap >= pause else needed))
    return total


def quality(problem: Problem, conversations: Sequence[Conversation]) -> dict[str, int]:
    """Sibling chains back to back and `kan` wishes honoured, counted on the finished schedule."""
    from .tasks import sibling_chains

    index: dict[tuple[str, tuple[str, ...], int], list[Conversation]] = defaultdict(list)
    for c in conversations:
        index[(c.klas, c.leerlingen, c.huishouden)].append(c)
    placed: dict[int, Conversation] = {}
    for task in problem.tasks:
        key = (task.klass.naam, tuple(p.sleutel for p in task.pupils), task.huishouden)
        if index.get(key):
            placed[task.index] = index[key].pop(0)
    chains = sibling_chains(problem)
    together = 0
    for chain in chains:
        items = [placed.get(i) for i in chain]
        if any(c is None for c in items) or len({c.moment for c in items}) != 1:
            continue
        gap = max(problem.tasks[i].gap for i in chain)
        span = max(_minutes(c, "eind") for c in items) - min(_minutes(c, "begin") for c in items)
        if span <= sum(problem.tasks[i].duration for i in chain) + (len(chain) - 1) * gap:
            together += 1
    granted = 0
    for members, kan in problem.wishes.values():
        names = {moment_key(problem.moments[m].naam) for m in kan}
        if all(placed.get(i) is not None and moment_key(placed[i].moment) in names for i in members):
            granted += 1
    return {
        "ketens": len(chains),
        "naast_elkaar": together,
        "wensen_gevraagd": len(problem.wishes),
        "wensen_gehonoreerd": granted,
    }
