"""A greedy placement: each household in turn takes the earliest time it can, next to a sibling if possible.

Two uses: the bench's first-come-first-served baseline (households in random order, as
parents book in a portal), and the solver's starting point (the hardest households first),
which CP-SAT then improves. The result may be partial when a household finds no time.
"""

from __future__ import annotations

import itertools
import time
from collections import defaultdict
from collections.abc import Sequence

from .tasks import Problem, Task, family_clash, time_unit

STEP = 5  # minutes between the start times tried


def household_orders(problem: Problem) -> list[list[tuple[str, int]]]:
    """Attendee groups in a few orders, hardest first; the solver takes the first that places everyone.

    First the households with the fewest allowed moments, then those with siblings, then long
    conversations (language support: packed together they waste the least time); the others
    put the siblings or the long conversations first.
    """
    first: dict[tuple[str, int], int] = {}
    for task in problem.tasks:
        for group in task.groups:
            first.setdefault(group, task.index)

    def facts(group: tuple[str, int]) -> tuple[int, bool, int, int]:
        members = problem.groups[group]
        allowed = min(len(problem.tasks[i].moments) for i in members)
        longest = max(problem.tasks[i].duration for i in members)
        return allowed, len(members) == 1, -longest, first[group]

    keys = [
        lambda g: facts(g),
        lambda g: (facts(g)[1], facts(g)[0], facts(g)[2], facts(g)[3]),
        lambda g: (facts(g)[2], facts(g)[1], facts(g)[0], facts(g)[3]),
    ]
    return [sorted(problem.groups, key=key) for key in keys]


def place(problem: Problem, order: Sequence[tuple[str, int]], *, portal: bool = False) -> dict[int, tuple[int, int]]:
    """task index -> (moment index, absolute start minute) for every task that found a time.

    `portal`: book as parents do in a portal (earliest free time, next to a sibling when that
    time is free). Otherwise a household's conversations are first placed together as one
    block (on one moment, back to back, in any order), and single conversations only where
    they leave no hole in the teacher's time.
    """
    # task -> (start, end including the gap), per teacher and per household
    teacher_busy: dict[str, dict[int, tuple[int, int]]] = defaultdict(dict)
    people_busy: dict[tuple[str, int], dict[int, tuple[int, int]]] = defaultdict(dict)
    placed: dict[int, tuple[int, int]] = {}

    def fits(task: Task, m: int, s: int) -> bool:
        if not any(w.start <= s and s + task.duration <= w.end for w in problem.windows[m]):
            return False
        for a, b in teacher_busy[task.teacher].values():
            if s < b and a < s + task.duration + task.gap:
                return False
        for group in task.groups:
            for j, (a, _) in people_busy[group].items():
                if family_clash(task, s, problem.tasks[j], a):
                    return False
        return True

    def touches(task: Task, m: int, s: int) -> bool:
        """Whether a conversation at `s` leaves no hole in the teacher's block (it meets an edge or a neighbour)."""
        end = s + task.duration + task.gap
        for w in problem.windows[m]:
            if w.start <= s and s + task.duration <= w.end and (s == w.start or s + task.duration == w.end):
                return True
        return any(s == b or end == a for a, b in teacher_busy[task.teacher].values())

    def book(i: int, m: int, s: int) -> None:
        task = problem.tasks[i]
        placed[i] = (m, s)
        teacher_busy[task.teacher][i] = (s, s + task.duration + task.gap)
        for g in task.groups:
            people_busy[g][i] = (s, s + task.duration + task.gap)

    def unbook(i: int) -> tuple[int, int]:
        task = problem.tasks[i]
        del teacher_busy[task.teacher][i]
        for g in task.groups:
            del people_busy[g][i]
        return placed.pop(i)

    def grid(task: Task) -> list[tuple[int, int]]:
        return [
            (m, s)
            for m in task.moments
            for window in problem.windows[m]
            for s in range(window.start, window.end - task.duration + 1, STEP)
        ]

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

    def repair(task: Task) -> bool:
        """Place a conversation that found no time by moving one single conversation of its teacher."""
        for m, s in grid(task):
            end = s + task.duration + task.gap
            if any(
                family_clash(task, s, problem.tasks[j], a) for g in task.groups for j, (a, _) in people_busy[g].items()
            ):
                continue
            clash = [j for j, (a, b) in teacher_busy[task.teacher].items() if s < b and a < end]
            if len(clash) != 1 or any(len(problem.groups[g]) > 1 for g in problem.tasks[clash[0]].groups):
                continue
            j = clash[0]
            old = unbook(j)
            book(task.index, m, s)
            spot = next((spot for spot in grid(problem.tasks[j]) if fits(problem.tasks[j], *spot)), None)
            if spot is not None:
                book(j, *spot)
                return True
            unbook(task.index)
            book(j, *old)
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
                    for a, b in teacher_busy[task.teacher].values():
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
    missing = [task for task in problem.tasks if task.index not in placed]
    if missing and not portal:
        # close the holes (everything moves as early as it can), then try again in the room that freed up
        moved = compact(problem, placed)
        teacher_busy.clear()
        people_busy.clear()
        placed.clear()
        for i, (m, s) in moved.items():
            book(i, m, s)
        for task in missing:
            spot = next((spot for spot in grid(task) if fits(task, *spot)), None)
            if spot is not None:
                book(task.index, *spot)
            else:
                repair(task)
    return placed


def compact(problem: Problem, placed: dict[int, tuple[int, int]]) -> dict[int, tuple[int, int]]:
    """Move conversations earlier within their moment where every rule allows it (a household's
    conversations move together, so siblings stay back to back); deterministic.

    Used to make room for a conversation the greedy placement could not seat; it may leave a
    teacher more waiting time (a household with conversations at two teachers moves for both),
    which `improve` is for.
    """
    placed = dict(placed)
    units = _units(problem, placed)  # households sharing a conversation form one unit
    tasks = problem.tasks
    step = time_unit(problem)
    # who is busy when: task -> (start, end including the gap), per teacher and per household
    teacher: dict[str, dict[int, tuple[int, int]]] = defaultdict(dict)
    people: dict[tuple[str, int], dict[int, tuple[int, int]]] = defaultdict(dict)

    def mark(i: int, s: int) -> None:
        t = tasks[i]
        teacher[t.teacher][i] = (s, s + t.duration + t.gap)
        for g in t.groups:
            people[g][i] = (s, s + t.duration + t.gap)

    for i, (_, s) in placed.items():
        mark(i, s)

    def free(i: int, m: int, s: int, inside: set[int]) -> bool:
        t = tasks[i]
        if not any(w.start <= s and s + t.duration <= w.end for w in problem.windows[m]):
            return False
        end = s + t.duration + t.gap
        for j, (a, b) in teacher[t.teacher].items():
            if s < b and a < end and j not in inside:
                return False
        for g in t.groups:
            for j, (a, _) in people[g].items():
                if j not in inside and family_clash(t, s, tasks[j], a):
                    return False
        return True

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
            inside = set(unit)
            for delta in range(earliest - first, 0, step):
                # the unit's own conversations keep their distances (they all move alike)
                if all(free(i, m, placed[i][1] + delta, inside) for i in unit):
                    for i in unit:
                        placed[i] = (m, placed[i][1] + delta)
                        mark(i, placed[i][1])
                    changed = True
                    break
    return placed


def _units(problem: Problem, placed: dict[int, tuple[int, int]]) -> list[list[int]]:
    """Households that share a conversation, joined: each unit moves as one (siblings stay back to back)."""
    units: list[list[int]] = []
    unit_of: dict[int, int] = {}
    for members in problem.groups.values():
        joined = sorted({unit_of[i] for i in members if i in unit_of})
        merged = sorted({*members, *(i for u in joined for i in units[u])})
        for u in joined:
            units[u] = []
        units.append(merged)
        for i in merged:
            unit_of[i] = len(units) - 1
    return [u for u in units if u and all(i in placed for i in u)]


def idle_of(problem: Problem, starts: dict[int, int]) -> int:
    """The waiting minutes of one teacher on one moment (task -> start): as `verify.idle_minutes` counts them."""
    tasks = problem.tasks
    pause = problem.config.pauze.minuten if problem.config.pauze else 10**6
    ordered = sorted((s, i) for i, s in starts.items())
    total = 0
    for (s1, a), (s2, _) in zip(ordered, ordered[1:], strict=False):
        gap = s2 - (s1 + tasks[a].duration)
        total += max(0, gap - (pause if gap >= pause else tasks[a].gap))
    return total


def improve(
    problem: Problem, placed: dict[int, tuple[int, int]], *, rounds: int = 12, deadline: float | None = None
) -> dict[int, tuple[int, int]]:
    """Lower the teachers' waiting time by moving whole households: within their moment or to another
    allowed moment, each time right next to one of the teachers' other conversations (or at a block's
    edge). Every rule stays kept, siblings stay back to back, and a household whose `kan` wish is
    honoured keeps it. A deterministic hill climb: per household the move that saves the most
    waiting time (ties: the earliest), round after round until nothing improves (or `rounds`; or
    `deadline` on the `time.perf_counter` clock, the safety net of a very busy machine).
    """
    placed = dict(placed)
    if deadline is not None and time.perf_counter() >= deadline:
        return placed
    tasks = problem.tasks
    units = _units(problem, placed)
    teacher: dict[tuple[str, int], dict[int, int]] = defaultdict(dict)  # (teacher, moment) -> task -> start
    people: dict[tuple[str, int], dict[int, tuple[int, int]]] = defaultdict(dict)
    for i, (m, s) in placed.items():
        teacher[(tasks[i].teacher, m)][i] = s
        for g in tasks[i].groups:
            people[g][i] = (s, s + tasks[i].duration + tasks[i].gap)
    idle_now = {key: idle_of(problem, starts) for key, starts in teacher.items()}

    def free(i: int, m: int, s: int, inside: set[int]) -> bool:
        t = tasks[i]
        if not any(w.start <= s and s + t.duration <= w.end for w in problem.windows[m]):
            return False
        end = s + t.duration + t.gap
        for j, a in teacher[(t.teacher, m)].items():
            if j not in inside and s < a + tasks[j].duration + tasks[j].gap and a < end:
                return False
        return not any(
            j not in inside and family_clash(t, s, tasks[j], a) for g in t.groups for j, (a, _) in people[g].items()
        )

    def allowed_moments(unit: list[int], m0: int) -> list[int]:
        common = set.intersection(*(set(tasks[i].moments) for i in unit))
        for g in {g for i in unit for g in tasks[i].groups}:
            wish = problem.wishes.get(g)
            if wish is not None and m0 in wish[1]:
                common &= wish[1]  # an honoured wish stays honoured
        return sorted(common)

    unit_of = {i: n for n, unit in enumerate(units) for i in unit}

    def shift_runs() -> bool:
        """Shift a teacher's run of back-to-back conversations (with the households' other conversations)
        to close the gap before or after it, or up to a break: the move a single household cannot make."""
        changed = False
        for key in sorted(teacher):
            if idle_now.get(key, 0) == 0:
                continue
            _, m = key
            ordered = sorted((a, j) for j, a in teacher[key].items())
            runs: list[list[tuple[int, int]]] = []
            for a, j in ordered:
                if runs and a == runs[-1][-1][0] + tasks[runs[-1][-1][1]].duration + tasks[runs[-1][-1][1]].gap:
                    runs[-1].append((a, j))
                else:
                    runs.append([(a, j)])
            for n, run in enumerate(runs):
                members = sorted(
                    {i for _, j in run for i in units[unit_of[j]]} if all(j in unit_of for _, j in run) else set()
                )
                if not members or any(placed[i][0] != m for i in members):
                    continue
                first, (last_a, last_j) = run[0][0], run[-1]
                last_end = last_a + tasks[last_j].duration
                deltas = set()
                block = next((w for w in problem.windows[m] if w.start <= first < w.end), None)
                if block is not None:
                    deltas.add(block.start - first)
                    deltas.add(block.end - last_end)
                if n > 0:
                    a, j = runs[n - 1][-1]
                    deltas.add(a + tasks[j].duration + tasks[j].gap - first)
                if n + 1 < len(runs):
                    deltas.add(runs[n + 1][0][0] - tasks[last_j].gap - last_end)
                inside = set(members)
                keys = sorted({(tasks[i].teacher, m) for i in members})
                before = sum(idle_now.get(k, 0) for k in keys)
                best: tuple[int, int] | None = None
                for delta in sorted(deltas - {0}, key=lambda d: (abs(d), d)):
                    if not all(free(i, m, placed[i][1] + delta, inside) for i in members):
                        continue
                    after = 0
                    for k in keys:
                        starts = dict(teacher[k])
                        starts.update({i: placed[i][1] + delta for i in members if (tasks[i].teacher, m) == k})
                        after += idle_of(problem, starts)
                    if after < before and (
                        best is None or (after, abs(delta), delta) < (best[0], abs(best[1]), best[1])
                    ):
                        best = (after, delta)
                if best is None:
                    continue
                delta = best[1]
                for i in members:
                    s = placed[i][1] + delta
                    placed[i] = (m, s)
                    teacher[(tasks[i].teacher, m)][i] = s
                    for g in tasks[i].groups:
                        people[g][i] = (s, s + tasks[i].duration + tasks[i].gap)
                for k in keys:
                    idle_now[k] = idle_of(problem, teacher[k])
                changed = True
                break  # the runs of this teacher changed: on to the next teacher
        return changed

    for _ in range(rounds):
        if deadline is not None and time.perf_counter() >= deadline:
            break
        improved = False
        for unit in units:
            if deadline is not None and time.perf_counter() >= deadline:
                return placed
            moments = {placed[i][0] for i in unit}
            if len(moments) != 1:
                continue
            m0 = moments.pop()
            inside = set(unit)
            base = min(placed[i][1] for i in unit)
            offset = {i: placed[i][1] - base for i in unit}
            old_keys = {(tasks[i].teacher, m0) for i in unit}
            # what the unit's teachers' waiting time would be without it
            without = {
                key: idle_of(problem, {j: a for j, a in teacher[key].items() if j not in inside}) for key in old_keys
            }
            saving_out = sum(idle_now[key] - without[key] for key in old_keys)
            best: tuple[int, int, int] | None = None  # (-saving, moment, start)
            for m in allowed_moments(unit, m0):
                candidates: set[int] = set()
                for i in unit:
                    t = tasks[i]
                    for w in problem.windows[m]:
                        candidates.add(w.start - offset[i])
                        candidates.add(w.end - t.duration - offset[i])
                    for j, a in teacher[(t.teacher, m)].items():
                        if j not in inside:
                            candidates.add(a + tasks[j].duration + tasks[j].gap - offset[i])
                            candidates.add(a - t.duration - t.gap - offset[i])
                if m == m0:
                    candidates.discard(base)
                for s in sorted(candidates):
                    if not all(free(i, m, s + offset[i], inside) for i in unit):
                        continue
                    keys = {(tasks[i].teacher, m) for i in unit}
                    added = 0
                    for key in keys:
                        starts = {j: a for j, a in teacher[key].items() if j not in inside}
                        starts.update({i: s + offset[i] for i in unit if (tasks[i].teacher, m) == key})
                        added += idle_of(problem, starts) - (without[key] if key in old_keys else idle_now.get(key, 0))
                    saving = saving_out - added
                    if saving > 0 and (best is None or (-saving, m, s) < best):
                        best = (-saving, m, s)
            if best is None:
                continue
            _, m, s = best
            for i in unit:
                del teacher[(tasks[i].teacher, m0)][i]
            for i in unit:
                placed[i] = (m, s + offset[i])
                teacher[(tasks[i].teacher, m)][i] = s + offset[i]
                for g in tasks[i].groups:
                    people[g][i] = (s + offset[i], s + offset[i] + tasks[i].duration + tasks[i].gap)
            for key in old_keys | {(tasks[i].teacher, m) for i in unit}:
                idle_now[key] = idle_of(problem, teacher[key])
            improved = True
        improved = shift_runs() or improved
        if not improved:
            break
    return placed
