"""The CP-SAT model: every conversation an interval on one time axis, solved level by level.

Time runs on one axis for all dates (day index * 1440 + minutes since midnight), in units
of the largest number of minutes that divides every length, gap and time (5, usually).
Each conversation has one start variable whose domain is the union of the blocks (the
parts of its allowed moments between breaks, minus its length), a boolean per allowed
moment, and one interval of `duur + wisseltijd` (or `+ reistijd` after a home visit) that
may not overlap the intervals of the same teacher nor those of the same household (or
family). A household with a home visit and a school conversation gets one more no-overlap
(`_travel_home`): from school it needs the `reistijd` to get home. The objective is
lexicographic; each level is solved and its optimum fixed (as a constraint, with the
complete solution as hint) before the next:

1. `broertjes_zusjes`: maximise the number of households whose conversations are on one
   moment, back to back: one boolean per chain, equal to the sum of one boolean per order
   of its (two or three) conversations, each forcing every next start to be exactly one
   change-over time after the previous end;
2. `wensen`: maximise the number of households with `momenten_kan` that get only those;
3. `compact`: the teachers' waiting time. First a deterministic pass (`greedy.improve`)
   moves whole households, within their moment or to another allowed one, next to a
   teacher's other conversations wherever that lowers the waiting time (siblings stay back
   to back, an honoured wish stays honoured); its result is level 3's start. A small school
   (at most `SMALL` conversations) then minimises, in the whole model, the sum over teachers
   and moments of the time from the first start to the last end (with a redundant lower
   bound for a useful LP bound). A larger school keeps every moment and re-plans a few
   linked teachers at a time with small CP-SAT models (`_shift_times`: the same objective,
   one piece after another in a fixed order), far faster than the whole model there. The
   pass runs once more at the end.

The start of level 1 is a greedy placement (households with few allowed moments and with
siblings first, siblings as one block; up to three orders, until one places everyone);
when none does, a level 0 looks for any complete schedule from it. Parts of the school that
share no teacher and no household are solved one after the other, each with its share of
the time.

Deterministic: one worker (CP-SAT's single-thread search is deterministic; on the bench
school it reaches the same optima as the two-thread portfolio, while interleaved
two-thread search was far weaker), a fixed seed, and the budget of each solve in
deterministic time (`max_deterministic_time`), so the same input gives the same schedule
byte for byte. `seconds` bounds the whole call on the wall clock too (model building
included; the levels, the pieces of level 3 and the finishing pass each stop at their
share, leaving the last few percent for the check and the figures). Level 3 of a large
school ends when its pieces are done, so a school is usually ready well before `seconds`;
on a machine so busy that the wall clock runs out first, the best schedule so far is kept
(complete and checked, but then it may differ between runs).
"""

from __future__ import annotations

import dataclasses
import itertools
import time as _time
from collections import defaultdict
from collections.abc import Callable, Sequence
from datetime import time
from typing import Any

from ..classes.model import ClassList
from .answers import Answer
from .config import Planning
from .explain import precheck, tightness
from .model import LEVELS, Conversation, PlanningImpossible, Schedule, sort_key
from .tasks import DAY, Problem, Task, build_tasks, family_gap, minutes, sibling_chains, time_unit

Progress = Callable[[str, float], None]

WORKERS = 1
SEED = 20260908
# Share of the remaining time for level 0 (any schedule) and levels 1-3 (the last leaves some for the finishing
# pass), in deterministic time and (a little more) in wall-clock time.
SHARES = (0.15, 0.45, 0.6, 0.9)
WALL_SHARES = (0.3, 0.6, 0.8, 0.85)  # the last 15%: the finishing passes and checks
PIECES_SHARE = 0.9  # level 3's pieces (a large school) stop by then (of --tijd) on the clock
FINAL_SHARE = 0.93  # the finishing pass stops by then: the check and the figures need the rest
MIN_SECONDS = 0.2
# Level 3 of a school with more conversations than this: every conversation keeps the moment it has
# after level 2 (and the finishing pass), and small CP-SAT models re-plan the times of a few linked
# teachers at a time (`_shift_times`). Smaller schools: the whole model, one worker (it can prove
# its optimum there).
SMALL = 150
PIECE_TEACHERS = 4  # teachers re-planned together in one piece of level 3's own neighbourhood search
PIECE_DTIME = 0.03  # deterministic seconds per piece
PIECE_ROUNDS = 1  # rounds over the teachers with waiting time
PIECE_MIN_IDLE = 5  # a piece starts at a teacher and moment with more waiting time than this (minutes)

LEVEL_TEXT = {
    "broertjes_zusjes": "broertjes en zusjes na elkaar",
    "wensen": "wensen van gezinnen",
    "compact": "compacte dagen voor leerkrachten",
}


def plan(
    class_list: ClassList,
    agendas: Sequence[Any],
    config: Planning,
    answers: dict[tuple[str, int], Answer] | None,
    *,
    seconds: float,
    progress: Progress | None = None,
    secret: bytes | None = None,
) -> Schedule:
    """A complete schedule, or `PlanningImpossible` with the reasons in Dutch.

    `agendas`: `Agenda` objects or (path, Agenda) pairs. `secret` (optional): the code
    secret, so that every conversation carries its household code, also for households
    without a reply. `progress(tekst, seconden)` is called with a short Dutch status line
    (the level and its best score so far) and the seconds spent.
    """
    began = _time.perf_counter()
    problem = build_tasks(class_list, agendas, config, answers, secret)
    messages = precheck(problem)
    if messages:
        raise PlanningImpossible(messages)
    if not problem.tasks:
        return Schedule((), {level: True for level in LEVELS}, _stats(problem, [], began))
    # Parts of the school that share no teacher and no household (the schools of a board) are
    # planned one after the other, each with its share of the time: smaller models, same result.
    solution: dict[int, tuple[int, int]] = {}
    optimal = {level: True for level in LEVELS}
    parts = _components(problem)
    left_tasks = len(problem.tasks)
    for part, indices in parts:
        elapsed = _time.perf_counter() - began
        until = elapsed + (seconds - elapsed) * len(indices) / left_tasks
        left_tasks -= len(indices)
        found, proven = _solve(part, until, progress, began)
        solution.update({indices[i]: spot for i, spot in found.items()})
        optimal = {level: optimal[level] and proven.get(level, True) for level in LEVELS}
    solution = polish(problem, solution, began + seconds * FINAL_SHARE)
    conversations = _conversations(problem, solution)
    from .verify import check_schedule

    problems = check_schedule(conversations, class_list, agendas, config, answers)
    if problems:  # pragma: no cover - a bug in the model; never print such a schedule
        raise RuntimeError("the schedule breaks a hard rule: " + "; ".join(problems[:3]))
    return Schedule(tuple(conversations), optimal, _stats(problem, conversations, began))


def polish(
    problem: Problem, solution: dict[int, tuple[int, int]], deadline: float | None = None
) -> dict[int, tuple[int, int]]:
    """The deterministic finishing pass (`greedy.improve`): households moved where the teachers wait less."""
    from .greedy import improve

    return improve(problem, solution, deadline=deadline)


def _components(problem: Problem) -> list[tuple[Problem, list[int]]]:
    """The independent parts of a problem (linked by a teacher or a household), each re-indexed,
    with the original task index of each of its tasks; in school order."""
    parent = list(range(len(problem.tasks)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def join(i: int, j: int) -> None:
        a, b = root(i), root(j)
        if a != b:
            parent[max(a, b)] = min(a, b)

    first_of_teacher: dict[str, int] = {}
    for task in problem.tasks:
        join(task.index, first_of_teacher.setdefault(task.teacher, task.index))
    for members in problem.groups.values():
        for i in members[1:]:
            join(members[0], i)
    parts: dict[int, list[int]] = {}
    for task in problem.tasks:
        parts.setdefault(root(task.index), []).append(task.index)
    if len(parts) == 1:
        return [(problem, list(range(len(problem.tasks))))]
    out = []
    for indices in parts.values():
        new = {old: n for n, old in enumerate(indices)}
        tasks = [dataclasses.replace(problem.tasks[old], index=new[old]) for old in indices]
        groups = {key: [new[i] for i in members] for key, members in problem.groups.items() if members[0] in new}
        wishes = {
            key: ([new[i] for i in members], kan) for key, (members, kan) in problem.wishes.items() if members[0] in new
        }
        part = dataclasses.replace(problem, tasks=tasks, groups=groups, wishes=wishes, unserved=[])
        out.append((part, indices))
    return out


def _solve(
    problem: Problem, seconds: float, progress: Progress | None, began: float
) -> tuple[dict[int, tuple[int, int]], dict[str, bool]]:
    from ortools.sat.python import cp_model

    model = cp_model.CpModel()
    tasks = problem.tasks
    # One time unit for the model: the largest that divides every length, gap and time (5 minutes,
    # usually), which makes the domains five times smaller than in minutes.
    unit = time_unit(problem)
    dur = [t.duration // unit for t in tasks]
    gap = [t.gap // unit for t in tasks]
    van_of = [minutes(m, problem.origin)[0] // unit for m in problem.moments]
    tot_of = [minutes(m, problem.origin)[1] // unit for m in problem.moments]
    start: list[Any] = []
    chosen: list[dict[int, Any]] = []
    intervals: list[Any] = []
    for task in tasks:
        spans = []
        for m in task.moments:
            for window in problem.windows[m]:
                if window.end - window.start >= task.duration:
                    spans.append((window.start // unit, window.end // unit - dur[task.index]))
        spans.sort()
        domain = cp_model.Domain.from_intervals([list(span) for span in spans])
        s = model.new_int_var_from_domain(domain, f"s{task.index}")
        picks = {}
        for m in task.moments:
            x = model.new_bool_var(f"x{task.index}_{m}")
            model.add(s >= van_of[m]).only_enforce_if(x)
            model.add(s <= tot_of[m] - dur[task.index]).only_enforce_if(x)
            picks[m] = x
        model.add_exactly_one(picks.values())
        start.append(s)
        chosen.append(picks)
        intervals.append(model.new_fixed_size_interval_var(s, dur[task.index] + gap[task.index], f"i{task.index}"))
    # teachers: one conversation at a time, change-over time after each
    by_teacher: dict[str, list[int]] = defaultdict(list)
    for task in tasks:
        by_teacher[task.teacher].append(task.index)
    # (the breaks need no interval: every start's domain keeps each conversation inside one block)
    for members in by_teacher.values():
        model.add_no_overlap([intervals[i] for i in members])
    # households (or families): never in two places at once
    seen: set[tuple[int, ...]] = set()
    for members in problem.groups.values():
        key = tuple(sorted(members))
        if len(key) < 2 or key in seen:
            continue
        seen.add(key)
        if len({tasks[i].teacher for i in key}) > 1:
            model.add_no_overlap([intervals[i] for i in key])
        _travel_home(model, tasks, key, start, intervals, unit)
    # level 1: siblings back to back on one moment
    chains = sibling_chains(problem)
    together = []
    chain_vars: list[tuple[list[int], Any, Any, int, list[tuple[tuple[int, ...], Any]]]] = []
    for n, chain in enumerate(chains):
        b = model.new_bool_var(f"b{n}")
        common = set.intersection(*(set(tasks[i].moments) for i in chain))
        if not common:
            model.add(b == 0)
            together.append(b)
            chain_vars.append((chain, b, None, 0, []))
            continue
        for i in chain:
            for m, x in chosen[i].items():
                if m not in common:
                    model.add(x == 0).only_enforce_if(b)
        first = chain[0]
        for i in chain[1:]:
            for m in common:
                model.add(chosen[i][m] == chosen[first][m]).only_enforce_if(b)
        length = sum(dur[i] for i in chain) + (len(chain) - 1) * max(gap[i] for i in chain)
        step = max(gap[i] for i in chain)
        lo = None
        orders: list[tuple[tuple[int, ...], Any]] = []
        if len(chain) <= 3:
            # one boolean per order of the conversations: each next one starts exactly one change-over
            # time after the previous (propagates far better than a span)
            for perm in itertools.permutations(chain):
                o = model.new_bool_var(f"o{n}")
                for u, v in zip(perm, perm[1:], strict=False):
                    model.add(start[v] == start[u] + dur[u] + step).only_enforce_if(o)
                orders.append((perm, o))
            model.add(sum(o for _, o in orders) == b)
        else:
            lo = model.new_int_var(0, DAY * 400, f"lo{n}")
            for i in chain:
                model.add(start[i] >= lo).only_enforce_if(b)
                model.add(start[i] + dur[i] <= lo + length).only_enforce_if(b)
        together.append(b)
        chain_vars.append((chain, b, lo, length, orders))
    # level 2: households that get a moment they said they can come
    granted = []
    wish_vars: list[tuple[list[int], frozenset[int], Any]] = []
    for members, kan in problem.wishes.values():
        ok = model.new_bool_var("kan")
        for i in members:
            wanted = [chosen[i][m] for m in chosen[i] if m in kan]
            if not wanted:
                model.add(ok == 0)
            else:
                model.add(sum(wanted) >= ok)
        granted.append(ok)
        wish_vars.append((members, kan, ok))

    def add_spans(sol: dict[int, tuple[int, int]] | None) -> Any:
        """Level 3's variables, added only now (they would slow down levels 1 and 2), with their hint."""
        spans = []
        for members in by_teacher.values():
            for m in sorted({m for i in members for m in chosen[i]}):
                here = [i for i in members if m in chosen[i]]
                first = model.new_int_var(van_of[m], tot_of[m], f"first{m}")
                last = model.new_int_var(van_of[m], tot_of[m], f"last{m}")
                model.add(first <= last)
                # redundant, for a useful bound: the span holds at least the conversations and the gaps
                least = max(gap[i] for i in here)  # the last conversation needs no gap after it
                model.add(last - first >= sum((dur[i] + gap[i]) * chosen[i][m] for i in here) - least)
                for i in here:
                    model.add(first <= start[i]).only_enforce_if(chosen[i][m])
                    model.add(last >= start[i] + dur[i]).only_enforce_if(chosen[i][m])
                if sol is not None:
                    used = [i for i in here if sol[i][0] == m]
                    low = min((sol[i][1] // unit for i in used), default=van_of[m])
                    high = max((sol[i][1] // unit + dur[i] for i in used), default=van_of[m])
                    model.add_hint(first, low)
                    model.add_hint(last, high)
                spans.append(last - first)
        return sum(spans)

    # a greedy start (the hardest households first), which CP-SAT repairs and improves
    from .greedy import household_orders, place

    hint: dict[int, tuple[int, int]] = {}
    for order in household_orders(problem):
        tried = place(problem, order)
        if len(tried) > len(hint):
            hint = tried
        if len(hint) == len(tasks):
            break

    def add_hints(sol: dict[int, tuple[int, int]]) -> None:
        """A schedule (task -> moment, start minute) as the hint of every variable it determines."""
        for i, (m, s_) in sol.items():
            model.add_hint(start[i], s_ // unit)
            for other, x in chosen[i].items():
                model.add_hint(x, int(other == m))
        if len(sol) < len(tasks):
            return
        for chain, b, lo, length, orders in chain_vars:
            at = {i: sol[i][1] // unit for i in chain}
            same = len({sol[i][0] for i in chain}) == 1
            step = max(gap[i] for i in chain)
            matched = False
            for perm, o in orders:
                fits = same and all(at[v] == at[u] + dur[u] + step for u, v in zip(perm, perm[1:], strict=False))
                model.add_hint(o, int(fits and not matched))
                matched = matched or fits
            if lo is not None:
                first = min(at.values())
                matched = same and all(at[i] + dur[i] <= first + length for i in chain)
                model.add_hint(lo, first)
            model.add_hint(b, int(matched))
        for members, kan, ok in wish_vars:
            model.add_hint(ok, int(all(sol[i][0] in kan for i in members)))

    add_hints(hint)
    complete = len(hint) == len(tasks)
    objectives: list[Any] = [(sum(together), True), (sum(granted), True), (None, False)]

    def read(values: list[int]) -> dict[int, tuple[int, int]]:
        """A solution's schedule: task -> (moment, start minute)."""
        solution = {}
        for task in tasks:
            s = values[start[task.index].index] * unit
            m = next(m for m, x in chosen[task.index].items() if values[x.index])
            solution[task.index] = (m, s)
        return solution

    solver = cp_model.CpSolver()
    solver.parameters.random_seed = SEED
    solver.parameters.num_workers = WORKERS
    solver.parameters.log_search_progress = False
    optimal: dict[str, bool] = {}
    values: list[int] | None = None  # the best complete solution so far (every variable)

    def run(step: int, callback: Any = None) -> int:
        left = seconds - (_time.perf_counter() - began)
        solver.parameters.max_deterministic_time = max(left * SHARES[step], MIN_SECONDS)
        # the wall clock too, so that a busy machine still leaves time for the later levels
        solver.parameters.max_time_in_seconds = max(left * WALL_SHARES[step], MIN_SECONDS)
        return _interruptible(solver, model, callback)

    # level 0: any complete schedule, the start of level 1 (not needed when the greedy placed everyone)
    if not complete:
        status = run(0)
        if status == cp_model.INFEASIBLE:
            raise PlanningImpossible(_infeasible(problem))
        if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            values = _hint_all(model, solver)
    for level, (name, (objective, maximise)) in enumerate(zip(LEVELS, objectives, strict=True)):
        if objective is None:
            # the schedule so far, first made compact by the quick deterministic passes (siblings and
            # wishes stay as they are), is level 3's start
            sol = None
            if values is not None:
                sol = polish(problem, read(values), began + seconds * FINAL_SHARE)
                if len(tasks) > SMALL:
                    # a large school: level 3 keeps every moment and only shifts the times (a model
                    # of its own, far smaller); its optimum is then not the overall one
                    optimal[name] = False
                    shifted = _shift_times(problem, sol, began + seconds * PIECES_SHARE, progress, began)
                    return polish(problem, shifted, began + seconds * FINAL_SHARE), optimal
                model.clear_hints()
                add_hints(sol)
            objective = add_spans(sol)
        if isinstance(objective, int):  # nothing to weigh on this level (no siblings, no wishes)
            optimal[name] = True
            continue
        if maximise:
            model.maximize(objective)
        else:
            model.minimize(objective)
        callback = _Reporter(name, progress, began, unit) if progress else None
        status = run(level + 1, callback)
        if status == cp_model.INFEASIBLE:
            raise PlanningImpossible(_infeasible(problem))
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            if values is None and complete:
                # out of time before CP-SAT found anything: the greedy start is complete, so it is
                # the schedule (checked like any other), with no level proven
                optimal.update({later: False for later in LEVELS[level:]})
                return dict(hint), optimal
            if values is None:
                raise PlanningImpossible(
                    [
                        "Binnen de gegeven tijd is nog geen planning gevonden. "
                        "Geef meer tijd met --tijd, of maak de momenten ruimer."
                    ]
                )
            optimal[name] = False  # out of time: keep the schedule of the level before
            continue
        optimal[name] = status == cp_model.OPTIMAL
        value = int(round(solver.objective_value))
        if progress:
            progress(_status(name, value, unit), _time.perf_counter() - began)
        if maximise:
            model.add(objective >= value)
        else:
            model.add(objective <= value)
        values = _hint_all(model, solver)
    assert values is not None
    return read(values), optimal


def _shift_times(
    problem: Problem,
    sol: dict[int, tuple[int, int]],
    deadline: float,
    progress: Progress | None,
    began: float,
) -> dict[int, tuple[int, int]]:
    """Level 3 of a large school: a neighbourhood search of its own, with small CP-SAT models.

    Every conversation keeps its moment (so every wish stays honoured). Over and over, a few
    teachers on one moment (one with waiting time, and the teachers its families' siblings see
    that evening) get their times re-planned by CP-SAT, with everything else held; siblings who
    sit back to back keep their order and distance. The objective is the sum over those teachers
    of the time from the first start to the last end. The pieces come in a fixed order and each
    is solved to its optimum or a fixed deterministic budget, so the result is deterministic;
    the search ends after a round without improvement (or at `deadline` on the clock, the
    safety net of a very busy machine).
    """
    from ortools.sat.python import cp_model

    tasks = problem.tasks
    unit = time_unit(problem)
    sol = dict(sol)
    by_key: dict[tuple[str, int], list[int]] = defaultdict(list)
    for task in tasks:
        by_key[(task.teacher, sol[task.index][0])].append(task.index)
    by_teacher: dict[str, list[int]] = defaultdict(list)
    for task in tasks:
        by_teacher[task.teacher].append(task.index)
    group_tasks = {g: sorted(members) for g, members in problem.groups.items()}
    chains = []
    for chain in sibling_chains(problem):
        if len({sol[i][0] for i in chain}) != 1:
            continue
        step = max(tasks[i].gap for i in chain)
        ordered = sorted(chain, key=lambda i: sol[i][1])
        span = sol[ordered[-1]][1] + tasks[ordered[-1]].duration - sol[ordered[0]][1]
        if span <= sum(tasks[i].duration for i in chain) + (len(chain) - 1) * step:
            chains.append(ordered)
    chains_of: dict[int, list[list[int]]] = defaultdict(list)
    for chain in chains:
        for i in chain:
            chains_of[i].append(chain)
    # teachers linked on a moment: a household with conversations at both
    linked: dict[tuple[str, int], set[str]] = defaultdict(set)
    for members in group_tasks.values():
        for i in members:
            for j in members:
                if sol[i][0] == sol[j][0] and tasks[i].teacher != tasks[j].teacher:
                    linked[(tasks[i].teacher, sol[i][0])].add(tasks[j].teacher)

    def span(key: tuple[str, int]) -> int:
        members = by_key[key]
        return max(sol[i][1] + tasks[i].duration for i in members) - min(sol[i][1] for i in members)

    def idle(key: tuple[str, int]) -> int:
        from .greedy import idle_of

        return idle_of(problem, {i: sol[i][1] for i in by_key[key]})

    def piece(seed: tuple[str, int]) -> list[tuple[str, int]]:
        teacher, m = seed
        keys, queue = [seed], [teacher]
        while queue and len(keys) < PIECE_TEACHERS:
            for other in sorted(linked[(queue.pop(0), m)]):
                if (other, m) not in keys and len(keys) < PIECE_TEACHERS:
                    keys.append((other, m))
                    queue.append(other)
        return keys

    def solve_piece(keys: list[tuple[str, int]]) -> bool:
        free = sorted(i for key in keys for i in by_key[key])
        inside = set(free)
        model = cp_model.CpModel()
        start: dict[int, Any] = {}
        intervals: dict[int, Any] = {}
        for i in free:
            t, m = tasks[i], sol[i][0]
            allowed = cp_model.Domain.from_intervals(
                [
                    [w.start // unit, (w.end - t.duration) // unit]
                    for w in problem.windows[m]
                    if w.end - w.start >= t.duration
                ]
            )
            # held conversations of the same teacher (another moment) or the same household: keep clear
            held = [j for j in by_teacher[t.teacher] if j not in inside]
            family = {j for g in t.groups for j in group_tasks[g] if j not in inside}
            blocked = []
            for j in sorted(set(held) | family):
                a = sol[j][1]
                gap_before, gap_after = t.gap, tasks[j].gap
                if j in family:  # the household's way home before a home visit (`family_gap`)
                    gap_before = max(gap_before, family_gap(t, tasks[j]))
                    gap_after = max(gap_after, family_gap(tasks[j], t))
                b = a + tasks[j].duration + gap_after
                low, high = (a - t.duration - gap_before) // unit + 1, -(-b // unit) - 1
                if low <= high:
                    blocked.append([low, high])
            if blocked:
                allowed = allowed.intersection_with(cp_model.Domain.from_intervals(blocked).complement())
            if any(j not in inside for chain in chains_of[i] for j in chain):
                allowed = allowed.intersection_with(cp_model.Domain(sol[i][1] // unit, sol[i][1] // unit))
            start[i] = model.new_int_var_from_domain(allowed, f"s{i}")
            model.add_hint(start[i], sol[i][1] // unit)
            intervals[i] = model.new_fixed_size_interval_var(start[i], (t.duration + t.gap) // unit, f"i{i}")
        for key in keys:
            model.add_no_overlap([intervals[i] for i in by_key[key]])
        seen: set[tuple[int, ...]] = set()
        for members in group_tasks.values():
            here = tuple(i for i in members if i in inside)
            if len(here) >= 2 and here not in seen and len({tasks[i].teacher for i in here}) > 1:
                seen.add(here)
                model.add_no_overlap([intervals[i] for i in here])
            if len(here) >= 2:
                _travel_home(model, tasks, here, start, intervals, unit)
        for chain in chains:
            if all(i in inside for i in chain):
                for u, v in zip(chain, chain[1:], strict=False):
                    model.add(start[v] - start[u] == (sol[v][1] - sol[u][1]) // unit)
        spans = []
        for key in keys:
            members = by_key[key]
            first = model.new_int_var(0, DAY * 400, "first")
            last = model.new_int_var(0, DAY * 400, "last")
            model.add_min_equality(first, [start[i] for i in members])
            model.add_max_equality(last, [start[i] + tasks[i].duration // unit for i in members])
            spans.append(last - first)
        model.minimize(sum(spans))
        solver = cp_model.CpSolver()
        solver.parameters.random_seed = SEED
        solver.parameters.num_workers = 1
        solver.parameters.max_deterministic_time = PIECE_DTIME
        solver.parameters.max_time_in_seconds = max(deadline - _time.perf_counter(), 0.01)
        status = _interruptible(solver, model, None)
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return False
        before = sum(span(key) for key in keys)
        if int(round(solver.objective_value)) * unit >= before:
            return False
        for i in free:
            sol[i] = (sol[i][0], solver.value(start[i]) * unit)
        return True

    for _ in range(PIECE_ROUNDS):
        better = False
        for key in sorted(by_key, key=lambda k: (k[1], k[0])):
            if _time.perf_counter() >= deadline:
                return sol
            if idle(key) <= PIECE_MIN_IDLE:
                continue
            if solve_piece(piece(key)):
                better = True
                if progress:
                    total = sum(span(k) for k in by_key)
                    progress(_status("compact", total // unit, unit), _time.perf_counter() - began)
        if not better:
            break
    return sol


def _travel_home(
    model: Any, tasks: Sequence[Task], members: Sequence[int], start: Any, intervals: Any, unit: int
) -> None:
    """A household's way home: from a school conversation to a home visit it needs the `reistijd`.

    Each conversation's interval holds its own gap after it (`wisseltijd` at school), which is
    too short before a home visit. So a household with both kinds gets one more no-overlap: its
    school intervals and, per home visit, an interval that starts the difference earlier and ends
    with the visit. It only adds what `family_gap` asks (school -> home); the other orders are
    already kept by the intervals with their own gaps. Nothing for a household without both kinds.
    """
    school = [i for i in members if not tasks[i].huisbezoek]
    home = [i for i in members if tasks[i].huisbezoek]
    if not school or not home:
        return
    shortest = min(tasks[i].gap for i in school)
    arrivals = []
    for h in home:
        extra = max(0, tasks[h].gap - shortest) // unit
        if extra:
            size = extra + tasks[h].duration // unit
            arrivals.append(model.new_fixed_size_interval_var(start[h] - extra, size, f"home{h}"))
    if arrivals:
        model.add_no_overlap([intervals[i] for i in school] + arrivals)


def _interruptible(solver: Any, model: Any, callback: Any) -> Any:
    """`solver.solve`, with Ctrl-C reaching the caller as `KeyboardInterrupt` at once.

    By default CP-SAT catches SIGINT itself and stops as if the time were up (and then leaves
    SIGINT at its default, so a second Ctrl-C kills the process): `plan` would go on and
    present a schedule after the user pressed Ctrl-C. So CP-SAT must not catch it; Python's
    handler then only runs when the solve returns, so a small thread, woken through
    `signal.set_wakeup_fd`, stops the search at once. (Solving in a thread instead makes
    OR-Tools abort at exit.)
    """
    import signal
    import socket
    import threading

    solver.parameters.catch_sigint_signal = False

    def solve() -> Any:
        return solver.solve(model, callback) if callback else solver.solve(model)

    if threading.current_thread() is not threading.main_thread():
        return solve()
    reader, writer = socket.socketpair()
    try:
        writer.setblocking(False)
        previous = signal.set_wakeup_fd(writer.fileno(), warn_on_full_buffer=False)
    except (ValueError, OSError):  # pragma: no cover - no wake-up descriptor here: plain solve
        reader.close()
        writer.close()
        return solve()

    def watch() -> None:
        while True:
            try:
                data = reader.recv(64)
            except OSError:
                return
            if not data:
                return
            if signal.SIGINT in data:
                solver.stop_search()

    watcher = threading.Thread(target=watch, name="kmg-ctrl-c", daemon=True)
    watcher.start()
    try:
        return solve()
    finally:
        signal.set_wakeup_fd(previous)
        writer.close()
        watcher.join()
        reader.close()


def _hint_all(model: Any, solver: Any) -> list[int]:
    """The whole solution (every variable) as the next solve's start: complete, so CP-SAT takes it at once."""
    model.clear_hints()
    values = list(solver.response_proto.solution)
    model.proto.solution_hint.vars.extend(range(len(values)))
    model.proto.solution_hint.values.extend(values)
    return values


def _infeasible(problem: Problem) -> list[str]:
    return [
        "Er is geen planning die alle regels tegelijk houdt (gesprekken, momenten, pauzes, "
        "wisseltijd en de momenten die gezinnen niet kunnen). De volste groepen:",
        *tightness(problem),
        "Voeg momenten toe, kort de gesprekken in of kijk naar 'momenten_niet' in antwoorden.csv.",
    ]


def _status(name: str, value: int, unit: int) -> str:
    """The status line of a level: a count, or for `compact` the teachers' minutes from first to last."""
    return f"{LEVEL_TEXT[name]}: {value * unit} min" if name == "compact" else f"{LEVEL_TEXT[name]}: {value}"


class _Reporter:
    """Passes every improving solution on as a Dutch status line (the CP-SAT callback)."""

    def __new__(cls, name: str, progress: Progress, began: float, unit: int = 1) -> Any:
        from ortools.sat.python import cp_model

        class Reporter(cp_model.CpSolverSolutionCallback):
            def on_solution_callback(self) -> None:
                value = int(round(self.objective_value))
                progress(_status(name, value, unit), _time.perf_counter() - began)

        return Reporter()


def _clock(absolute: int) -> time:
    return time(*divmod(absolute % DAY, 60))


def _conversations(problem: Problem, solution: dict[int, tuple[int, int]]) -> list[Conversation]:
    out = []
    for task in problem.tasks:
        m, s = solution[task.index]
        moment = problem.moments[m]
        out.append(
            Conversation(
                datum=moment.datum,
                begin=_clock(s),
                eind=_clock(s + task.duration),
                moment=moment.naam,
                klas=task.klass.naam,
                leerkracht=task.teacher_name,
                leerlingen=tuple(p.sleutel for p in task.pupils),
                gezin=task.family_id,
                huishouden=task.huishouden,
                code=task.code,
                plaats=task.plaats if task.huisbezoek else moment.plaats,
                huisbezoek=task.huisbezoek,
                taalhulp=task.taalhulp,
                apart=task.apart,
                onderwerpen=task.onderwerpen,
            )
        )
    return sorted(out, key=sort_key)


def _stats(problem: Problem, conversations: list[Conversation], began: float) -> dict[str, int | float]:
    from .verify import idle_minutes, quality

    q = quality(problem, conversations)
    return {
        "gesprekken": len(conversations),
        "gezinnen_met_broers_zussen": q["ketens"],
        "naast_elkaar": q["naast_elkaar"],
        "wensen_gevraagd": q["wensen_gevraagd"],
        "wensen_gehonoreerd": q["wensen_gehonoreerd"],
        "leegloop_minuten": idle_minutes(conversations, problem.config),
        "seconden": round(_time.perf_counter() - began, 2),
    }
