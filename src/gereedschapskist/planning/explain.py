"""Why no schedule exists, in Dutch, with the arithmetic (issue 12 point 5).

The checks here are necessary conditions, so a message is never wrong: when the
conversations of a class (or of one teacher) need more minutes than its moments hold,
no solver can help. Each conversation counts its length plus the change-over time after
it (the arithmetic the school reads); the moments count their minutes outside the breaks.
"""

from __future__ import annotations

from collections import defaultdict

from ..classes.model import unserved_message
from .tasks import Problem, Task


def duration_text(total: int) -> str:
    """ "14 uur", "13 uur en 50 minuten", "50 minuten"."""
    hours, rest = divmod(total, 60)
    if hours and rest:
        return f"{hours} uur en {rest} minuten"
    if hours:
        return f"{hours} uur"
    return f"{rest} minuten"


def capacity(problem: Problem, moments: set[int]) -> tuple[int, int]:
    """(minutes in `moments` outside the breaks, number of blocks between breaks).

    A block of L minutes holds conversations whose lengths plus change-over times add up to at
    most L plus one change-over time (the last one needs none), so `need > minutes + blocks * gap`
    proves that no schedule exists.
    """
    windows = [w for m in moments for w in problem.windows[m]]
    return sum(w.end - w.start for w in windows), len(windows)


def _have_text(problem: Problem, moments: set[int], have: int) -> str:
    breaks = any(not w.last for m in moments for w in problem.windows[m])
    return duration_text(have) + (" (zonder de pauzes)" if breaks else "")


def _need_text(tasks: list[Task]) -> tuple[str, int]:
    gap = max(t.gap for t in tasks)
    base = min(t.duration for t in tasks)
    extra = [t for t in tasks if t.duration > base]
    need = sum(t.duration + gap for t in tasks)
    word = "reistijd" if any(t.huisbezoek for t in tasks) else "wisseltijd"
    text = f"{len(tasks)} gesprekken van {base} min"
    if extra:
        text += f" ({len(extra)} met {extra[0].duration - base} min extra voor taalhulp)"
    text += f" + {gap} min {word} = {duration_text(need)}"
    return text, need


def _label(tasks: list[Task]) -> str:
    label = tasks[0].klass.label
    return label[0].upper() + label[1:]


def precheck(problem: Problem) -> list[str]:
    """Messages for everything that makes a schedule impossible before solving; empty when none is found."""
    messages = [unserved_message(klass) for klass in problem.unserved]
    by_class: dict[str, list[Task]] = defaultdict(list)
    for task in problem.tasks:
        by_class[task.klass.naam].append(task)
    failing_teachers: set[str] = set()
    for tasks in by_class.values():
        label = _label(tasks)
        opened = set(tasks[0].open_moments)
        if not opened:
            messages.append(
                f"{label}: er is geen moment voor deze groep (kijk bij 'groepen' van de momenten en bij "
                "'klassen' in planning.yaml). Voeg een moment toe."
            )
            failing_teachers.add(tasks[0].teacher)
            continue
        longest = max(w.end - w.start for m in opened for w in problem.windows[m])
        too_long = [t for t in tasks if t.duration > longest]
        if too_long:
            messages.append(
                f"{label}: een gesprek van {too_long[0].duration} min past niet tussen twee pauzes of in een moment "
                f"(hooguit {longest} min). Verleng de momenten, verander 'pauze' of kort de gesprekken in."
            )
            failing_teachers.add(tasks[0].teacher)
            continue
        need_text, need = _need_text(tasks)
        have, blocks = capacity(problem, opened)
        if need > have + blocks * max(t.gap for t in tasks):
            messages.append(
                f"{label}: {need_text}; de momenten voor {tasks[0].klass.label} geven "
                f"{_have_text(problem, opened, have)}. Voeg momenten toe of kort de gesprekken in."
            )
            failing_teachers.add(tasks[0].teacher)
    by_teacher: dict[str, list[Task]] = defaultdict(list)
    for task in problem.tasks:
        by_teacher[task.teacher].append(task)
    for teacher, tasks in by_teacher.items():
        classes = list(dict.fromkeys(t.klass.label for t in tasks))
        if len(classes) < 2 or teacher in failing_teachers:
            continue
        opened = {m for t in tasks for m in t.open_moments}
        need_text, need = _need_text(tasks)
        have, blocks = capacity(problem, opened)
        if need > have + blocks * max(t.gap for t in tasks):
            names = ", ".join(classes[:-1]) + " en " + classes[-1]
            messages.append(
                f"{names[0].upper()}{names[1:]} hebben dezelfde leerkracht: {need_text}; de momenten van deze "
                f"leerkracht geven {_have_text(problem, opened, have)}. "
                "Voeg momenten toe of laat een collega een deel doen."
            )
    seen: set[str] = set()
    for task in problem.tasks:
        if task.open_moments and not task.moments:
            key = task.code or task.family_id
            if key in seen:
                continue
            seen.add(key)
            who = f"Huishouden {task.code}" if task.code else f"Een gezin in {task.klass.label}"
            messages.append(
                f"{who}: met 'momenten_niet' blijft er geen moment over voor {task.klass.label}. "
                "Overleg met het gezin over een ander moment, of voeg er een toe."
            )
    return messages


def tightness(problem: Problem, limit: int = 3) -> list[str]:
    """The classes whose moments are fullest, with the arithmetic (when the solver found no schedule)."""
    by_class: dict[str, list[Task]] = defaultdict(list)
    for task in problem.tasks:
        by_class[task.klass.naam].append(task)
    rows = []
    for tasks in by_class.values():
        need_text, need = _need_text(tasks)
        opened = set(tasks[0].open_moments)
        have, _ = capacity(problem, opened)
        text = f"{_label(tasks)}: {need_text}; de momenten geven {_have_text(problem, opened, have)}."
        rows.append((need / max(have, 1), text))
    rows.sort(key=lambda row: -row[0])
    return [text for _, text in rows[:limit]]
