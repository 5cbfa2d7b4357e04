"""Why no schedule exists, in Dutch, with the arithmetic (issue 12 point 5).

The checks here are necessary conditions, so a message is never wrong: when the
conversations of a class (or of one teacher) need more minutes than its moments hold,
no solver can help. Each conversation counts its length plus the change-over time after
it (the arithmetic the school reads); the moments count their minutes outside the breaks.
"""

from __future__ import annotations

from collections import defaultdict

from ..classes.model import SchoolClass
from .tasks import Problem, Task


def duration_text(total: int) -> str:
    """ "14 uur", "13 uur en 50 minuten", "50 minuten", "1 uur en 1 minuut"."""
    hours, rest = divmod(total, 60)
    minutes = f"{rest} minuut" if rest == 1 else f"{rest} minuten"
    if hours and rest:
        return f"{hours} uur en {minutes}"
    if hours:
        return f"{hours} uur"
    return minutes


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
    # each conversation counts the change-over after it: reistijd after a home visit, else wisseltijd
    need = sum(t.duration + t.gap for t in tasks)
    gaps: dict[tuple[str, int], int] = defaultdict(int)
    for t in tasks:
        gaps[("reistijd" if t.huisbezoek else "wisseltijd", t.gap)] += 1
    # the length of the agenda of each class (a teacher of two classes may have two), then taalhulp extra
    plain: dict[int, int] = defaultdict(int)
    helped: dict[int, int] = defaultdict(int)
    for t in tasks:
        plain[t.duration - t.extra] += 1
        if t.extra:
            helped[t.extra] += 1
    count = f"{len(tasks)} {'gesprek' if len(tasks) == 1 else 'gesprekken'}"
    if len(plain) == 1:
        text = f"{count} van {next(iter(plain))} min"
    else:
        text = f"{count} ({', '.join(f'{n} van {d} min' for d, n in sorted(plain.items()))})"
    for extra, n in sorted(helped.items()):
        text += f" ({n} met {extra} min extra voor taalhulp)"
    if len(gaps) == 1:
        ((word, gap),) = gaps
        text += f" + {gap} min {word}"
    else:
        text += " + " + " en ".join(f"{n} x {gap} min {word}" for (word, gap), n in sorted(gaps.items(), reverse=True))
    text += f" = {duration_text(need)}"
    return text, need


def _label(tasks: list[Task]) -> str:
    label = tasks[0].klass.label
    return label[0].upper() + label[1:]


def _unserved(klass: SchoolClass) -> str:
    where = f"jaargroep {min(klass.jaargroepen)}" if klass.jaargroepen else f'"{klass.naam}"'
    label = klass.label[0].upper() + klass.label[1:]
    return (
        f"{label}: geen agenda geldt voor deze groep, dus de duur van de gesprekken is onbekend. "
        f"Zet {where} bij 'groepen' van een agenda."
    )


def precheck(problem: Problem) -> list[str]:
    """Messages for everything that makes a schedule impossible before solving; empty when none is found."""
    messages = [_unserved(klass) for klass in problem.unserved]
    by_class: dict[str, list[Task]] = defaultdict(list)
    for task in problem.tasks:
        by_class[task.klass.naam].append(task)
    failing_teachers: set[str] = set()
    for tasks in by_class.values():
        label = _label(tasks)
        # a class under two agendas: its pupils have different moments (groep 1 at home, groep 2 at school)
        opened = {m for t in tasks for m in t.open_moments}
        if not opened:
            messages.append(
                f"{label}: er is geen moment voor deze groep (kijk bij 'groepen' van de momenten en bij "
                "'klassen' in planning.yaml). Voeg een moment toe."
            )
            failing_teachers.add(tasks[0].teacher)
            continue
        longest = max((w.end - w.start for m in opened for w in problem.windows[m]), default=0)
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
    messages.extend(_households(problem))
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


def _households(problem: Problem) -> list[str]:
    """Households (or families) whose conversations cannot fit in the moments they can come
    (one place at a time, with the walk between classrooms)."""
    messages = []
    seen: set[tuple[int, ...]] = set()
    for members in problem.groups.values():
        key = tuple(sorted(members))
        tasks = [problem.tasks[i] for i in key]
        if len(tasks) < 2 or key in seen or any(not t.moments for t in tasks):
            continue
        seen.add(key)
        allowed = {m for t in tasks for m in t.moments}
        need_text, need = _need_text(tasks)
        have, blocks = capacity(problem, allowed)
        if need <= have + blocks * max(t.gap for t in tasks):
            continue
        code = next((t.code for t in tasks if t.code), "")
        classes = list(dict.fromkeys(t.klass.label for t in tasks))
        names = ", ".join(classes[:-1]) + " en " + classes[-1] if len(classes) > 1 else classes[0]
        who = f"Huishouden {code}" if code else f"Een gezin met kinderen in {names}"
        have_text = _have_text(problem, allowed, have)
        if any(t.moments != t.open_moments for t in tasks):  # narrowed by momenten_niet
            messages.append(
                f"{who}: {need_text}; de momenten waarop dit huishouden kan, geven {have_text}. "
                "Overleg met het gezin over een ander moment, of voeg er een toe."
            )
        else:
            messages.append(
                f"{who}: {need_text} (na elkaar, want het gezin is op één plek tegelijk); de momenten geven "
                f"{have_text}. Voeg momenten toe, maak ze langer of verander 'pauze'."
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
        opened = {m for t in tasks for m in t.open_moments}
        have, _ = capacity(problem, opened)
        text = f"{_label(tasks)}: {need_text}; de momenten geven {_have_text(problem, opened, have)}."
        rows.append((need / max(have, 1), text))
    rows.sort(key=lambda row: -row[0])
    return [text for _, text in rows[:limit]]
