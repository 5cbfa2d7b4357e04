"""A greedy placement: each household in turn takes the earliest time it can, next to a sibling if possible.

Two uses: the bench's first-come-first-served baseline (households in random order, as
parents book in a portal), and the solver's starting point (the hardest households first),
which CP-SAT then improves. The result may be partial when a household finds no time.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Sequence

from .tasks import Problem, Task, time_unit

STEP = 5  # minutes between the start times tried


def household_order(problem: Problem) -> list[tuple[str, int]]:
    """Attendee groups, the hardest first: households with siblings, fewest allowed moments, long ones."""
    first: dict[tuple[str, int], int] = {}
    for task in problem.tasks:
        for group in task.groups:
            first.setdefault(group, task.index)

    def hardness(group: tuple[str, int]) -> tuple:
        members = problem.groups[group]
        allowed = min(len(problem.tasks[i].moments) for i in members)
        # long conversations (language support) first: packed together they waste the least time
        longest = max(problem.tasks[i].duration for i in members)
        return (len(members) == 1, allowed, -longest, -len(members), first[group])

    return sorted(problem.groups, key=hardness)


def place(problem: Problem, order: Sequence[tuple[str, int]], *, portal: bool = False) -> dict[int, tuple[int, int]]:
    """task index -> (moment index, absolute start minute) for every task that found a time.

    `portal`: book as parents do in a portal (earliest free time, next to a sibling when that
    time is free). Otherwise a household's conversations are first placed together as one
    block (on one moment, back to back, in any order), and single conversations only where
    they leave no hole in the teacher's time.
    """
    teacher_busy: dict[str, list[tuple[int, int]]] = defaultdict(list)
    people_busy: dict[tuple[str, int], list[tuple[int, int]]] = defaultdict(list)
    placed: dict[int, tuple[int, int]] = {}

    def fits(task: Task, m: int, s: int) -> bool:
        if not any(w.start <= s and s + task.duration <= w.end for w in problem.windows[m]):
            return False
        for a, b in teacher_busy[task.teacher]:
            if s < b and a < s + task.duration + task.gap:
                return False
        for group in task.groups:
            for a, b in people_busy[group]:
                if s < b and a < s + task.duration + task.gap:
                    return False
        return True

    def touches(task: Task, m: int, s: int) -> bool:
        """Whether a conversation at `s` leaves no hole in the teacher's block (it meets an edge or a neighbour)."""
        end = s + task.duration + task.gap
        for w in problem.windows[m]:
            if w.start <= s and s + task.duration <= w.end and (s == w.start or s + task.duration == w.end):
                return True
        return any(s == b or end == a for a, b in teacher_busy[task.teacher])

    def book(i: int, m: int, s: int) -> None:
        task = problem.tasks[i]
        placed[i] = (m, s)
        teacher_busy[task.teacher].append((s, s + task.duration + task.gap))
        for g in task.groups:
            people_busy[g].append((s, s + task.duration + task.gap))

    def as_block(members: list[int], wished: frozenset[int]) -> bool:
        tasks = [problem.tasks[i] for i in members]
        common = set.intersection(*(set(t.moments) for t in tasks))
        step = max(t.gap for t in tasks)
        # first where every conversation meets a neighbour or a block edge, then where at least one does
        for need in (len(tasks), 1):
            for m in sorted(common, key=lambda m: (m not in wished, m)):
                for window in problem.windows[m]:
                    for s in range(window.start, window.end, STEP):
                        for perm in itertools.permutations(tasks):
                            at, spots, touching = s, [], 0
                            for task in perm:
                                if not fits(task, m, at):
                                    break
                                touching += touches(task, m, at)
                                spots.append((task.index, at))
                                at += task.duration + step
                            if len(spots) == len(perm) and touching >= need:
                                for i, at in spots:
                                    book(i, m, at)
                                return True
        return False

    for group in order:
        members = problem.groups[group]
        if not portal and len(members) > 1 and len(members) <= 4 and not any(i in placed for i in members):
            wished = problem.wishes.get(group, (None, frozenset()))[1]
            if as_block(members, wished):
                continue
        wished = problem.wishes.get(group, (None, frozenset()))[1]
        for i in members:
            if i in placed:
                continue
            task = problem.tasks[i]
            moments = sorted(task.moments, key=lambda m: (m not in wished, m))
            tries: list[tuple[int, int]] = []
            for j in members:  # right after or right before a sibling already booked
                if j in placed and placed[j][0] in task.moments:
                    m, s = placed[j]
                    other = problem.tasks[j]
                    gap = max(other.gap, task.gap)
                    for e in (s + other.duration + gap, s - gap - task.duration):
                        if portal or touches(task, m, e):
                            tries.append((m, e))
            # then times that touch the teacher's other conversations or a block's edge (no holes),
            # then every time, earliest first
            touching: list[tuple[int, int, int]] = []
            for m in moments:
                for window in problem.windows[m]:
                    edges = [window.start, window.end - task.duration]
                    for a, b in teacher_busy[task.teacher]:
                        if window.start <= a < window.end:
                            edges += [b, a - task.duration - task.gap]
                    touching += [
                        (moments.index(m), e, m) for e in edges if window.start <= e <= window.end - task.duration
                    ]
            if not portal:
                tries += [(m, e) for _, e, m in sorted(touching)]
            for m in moments:
                for window in problem.windows[m]:
                    tries += [(m, s) for s in range(window.start, window.end - task.duration + 1, STEP)]
            for m, s in tries:
                if fits(task, m, s):
                    book(i, m, s)
                    break
    return placed


def compact(problem: Problem, placed: dict[int, tuple[int, int]]) -> dict[int, tuple[int, int]]:
    """Move conversations earlier within their moment where every rule allows it (a household's
    conversations move together, so siblings stay back to back); deterministic, never worse.

    Idle time between a teacher's conversations then moves to the end of the moment, where it
    is no idle time but an early evening.
    """
    placed = dict(placed)
    units: list[list[int]] = []
    unit_of: dict[int, int] = {}
    for members in problem.groups.values():  # households sharing a conversation form one unit
        joined = sorted({unit_of[i] for i in members if i in unit_of})
        merged = sorted({*members, *(i for u in joined for i in units[u])})
        for u in joined:
            units[u] = []
        units.append(merged)
        for i in merged:
            unit_of[i] = len(units) - 1
    units = [u for u in units if u]
    tasks = problem.tasks
    step = time_unit(problem)

    def busy_without(unit: list[int]) -> tuple[dict, dict]:
        inside = set(unit)
        teacher: dict[str, list[tuple[int, int]]] = defaultdict(list)
        people: dict[tuple[str, int], list[tuple[int, int]]] = defaultdict(list)
        for i, (_, s) in placed.items():
            if i in inside:
                continue
            t = tasks[i]
            teacher[t.teacher].append((s, s + t.duration + t.gap))
            for g in t.groups:
                people[g].append((s, s + t.duration + t.gap))
        return teacher, people

    def free(t: Task, m: int, s: int, teacher: dict, people: dict) -> bool:
        if not any(w.start <= s and s + t.duration <= w.end for w in problem.windows[m]):
            return False
        end = s + t.duration + t.gap
        if any(s < b and a < end for a, b in teacher[t.teacher]):
            return False
        return not any(s < b and a < end for g in t.groups for a, b in people[g])

    changed = True
    while changed:
        changed = False
        for unit in sorted(units, key=lambda u: (min(placed[i][1] for i in u), u)):
            moments = {placed[i][0] for i in unit}
            if len(moments) != 1:
                continue  # spread over moments: leave it
            m = moments.pop()
            first = min(placed[i][1] for i in unit)
            earliest = min(w.start for w in problem.windows[m])
            teacher, people = busy_without(unit)
            for delta in range(earliest - first, 0, step):
                moved = [(i, placed[i][1] + delta) for i in unit]
                ok = True
                for i, s in moved:
                    if not free(tasks[i], m, s, teacher, people):
                        ok = False
                        break
                    # the unit's own conversations must keep clear of each other (they all move alike)
                if ok:
                    for i, s in moved:
                        placed[i] = (m, s)
                    changed = True
                    break
    return placed
