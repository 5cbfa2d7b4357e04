"""A family with a home visit and a school conversation on one day needs the travel time between them.

Issue 12, point 2: a family is never in two places at once, with time to get from one to the
next. After a school conversation it must first get home before the teacher of the home visit
rings the bell: that takes the `reistijd`, not only the `wisseltijd` to walk to the next classroom.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import time

from gereedschapskist.planning.greedy import place
from gereedschapskist.planning.solve import _conversations, plan
from gereedschapskist.planning.tasks import build_tasks
from gereedschapskist.planning.verify import check_schedule

from .school import agenda, config, moment, school

AGENDAS = [agenda([1], duur=30, setting="huisbezoek"), agenda([3], duur=25)]


def minutes(t: time) -> int:
    return t.hour * 60 + t.minute


def family_school():
    """Groep 1 gets home visits (Juf K), groep 3 comes to school (Juf A); family G1 has a child in each."""
    return school([("1", [1], "Juf K", ["k1"]), ("3", [3], "Juf A", ["a1"])], [("G1", ["k1", "a1"], 1)])


def by_class(conversations):
    return {c.klas: c for c in conversations}


def test_the_checker_wants_travel_time_from_school_to_a_home_visit():
    cl = family_school()
    cfg = config([moment("di", van="15:00", tot="17:00")], wisseltijd=5, reistijd=15, pauze=None)
    schedule = plan(cl, AGENDAS, cfg, {}, seconds=5)
    talks = by_class(schedule.conversations)
    school_talk = replace(talks["3"], begin=time(15, 0), eind=time(15, 25))

    def visit(begin):
        end = minutes(begin) + 30
        return replace(talks["1"], begin=begin, eind=time(end // 60, end % 60))

    # school 15.00-15.25, home visit at 15.30: only the wisseltijd, the family cannot be home yet
    problems = check_schedule([school_talk, visit(time(15, 30))], cl, AGENDAS, cfg, {})
    assert any("family G1" in p and "less than 15 min" in p for p in problems), problems
    # with the reistijd between them it is fine
    assert check_schedule([school_talk, visit(time(15, 40))], cl, AGENDAS, cfg, {}) == []
    # the other way round (home visit 15.00-15.30, then school) needed the reistijd already
    early = visit(time(15, 0))
    late = replace(school_talk, begin=time(15, 35), eind=time(16, 0))
    assert any("family G1" in p for p in check_schedule([early, late], cl, AGENDAS, cfg, {}))
    later = replace(school_talk, begin=time(15, 45), eind=time(16, 10))
    assert check_schedule([early, later], cl, AGENDAS, cfg, {}) == []


def two_moments():
    # groep 3 comes to school from 15.30 to 16.00, the home visits start at 16.00 that same day: the
    # earliest times leave only the wisseltijd between school (till 15.55) and the home visit (16.00)
    return config(
        [
            moment("school", van="15:30", tot="16:00", groepen=[3]),
            moment("thuis", van="16:00", tot="17:00", groepen=[1]),
        ],
        wisseltijd=5,
        reistijd=15,
        pauze=None,
    )


def test_plan_leaves_the_family_the_travel_time_from_school_to_the_home_visit():
    cl = family_school()
    cfg = two_moments()
    schedule = plan(cl, AGENDAS, cfg, {}, seconds=5)
    assert check_schedule(schedule.conversations, cl, AGENDAS, cfg, {}) == []
    talks = by_class(schedule.conversations)
    assert talks["1"].huisbezoek and not talks["3"].huisbezoek
    assert minutes(talks["1"].begin) - minutes(talks["3"].eind) >= 15


def test_plan_on_one_moment_for_both_classes_keeps_the_travel_time():
    # one moment open to both classes, with other pupils so that both teachers are busy
    cl = school([("1", [1], "Juf K", ["k1", "k2"]), ("3", [3], "Juf A", ["a1", "a2", "a3"])], [("G1", ["k1", "a1"], 1)])
    cfg = config([moment("di", van="15:00", tot="16:45")], wisseltijd=5, reistijd=15, pauze=None)
    schedule = plan(cl, AGENDAS, cfg, {}, seconds=5)
    assert check_schedule(schedule.conversations, cl, AGENDAS, cfg, {}) == []
    family = sorted((c for c in schedule.conversations if c.gezin == "G1"), key=lambda c: c.begin)
    assert minutes(family[1].begin) - minutes(family[0].eind) >= 15


def test_the_greedy_placement_keeps_the_travel_time():
    # the solver's starting point: earliest times, each checked against the family's other conversation
    # groep 3 first: its conversation is placed first (15.30), then the home visit takes the earliest
    # time it can: not 16.00 (only the wisseltijd after 15.55) but the end of the moment
    cl = school([("3", [3], "Juf A", ["a1"]), ("1", [1], "Juf K", ["k1"])], [("G1", ["k1", "a1"], 1)])
    cfg = two_moments()
    problem = build_tasks(cl, AGENDAS, cfg, {})
    placed = place(problem, sorted(problem.groups))
    assert len(placed) == 2
    talks = by_class(_conversations(problem, placed))
    assert minutes(talks["1"].begin) - minutes(talks["3"].eind) >= 15
    assert check_schedule(list(talks.values()), cl, AGENDAS, cfg, {}) == []


def test_level_three_of_a_large_school_keeps_the_travel_time():
    # `_shift_times` (level 3 above SMALL conversations) re-plans a few teachers at a time; here it
    # runs on a small school from a valid schedule. Closing Juf A's waiting time may not move p32
    # (15.10-15.30) to 15.20-15.40: its family has the home visit of k1 at 15.45.
    import time as clock

    from gereedschapskist.planning.solve import _shift_times

    cl = school(
        [
            ("1", [1], "Juf K", ["k0", "k1"]),
            ("3", [3], "Juf A", ["p30", "p31", "p32"]),
            ("4", [4], "Juf B", ["p40", "p41"]),
            ("5", [5], "Juf C", ["p50", "p51", "p52"]),
        ],
        [("G0", ["k1", "p32"], 1), ("G1", ["k0", "p40", "p31"], 1)],
    )
    agendas = [agenda([1], duur=30, setting="huisbezoek"), agenda([3, 4, 5], duur=20)]
    cfg = config([moment("di", van="15:00", tot="16:30")], wisseltijd=5, reistijd=15, pauze=None)
    problem = build_tasks(cl, agendas, cfg, {})
    at = {"k0": "15:00", "k1": "15:45", "p30": "16:10", "p31": "15:45", "p32": "15:10"}
    at |= {"p40": "16:10", "p41": "15:00", "p50": "15:00", "p51": "15:25", "p52": "15:50"}
    start = {}
    for task in problem.tasks:
        hour, minute = map(int, at[task.pupil_key].split(":"))
        start[task.index] = (0, hour * 60 + minute)
    assert check_schedule(_conversations(problem, start), cl, agendas, cfg, {}) == []
    shifted = _shift_times(problem, start, clock.perf_counter() + 10, None, 0.0)
    assert shifted != start  # Juf A's waiting time was worth a piece
    talks = _conversations(problem, shifted)
    assert check_schedule(talks, cl, agendas, cfg, {}) == []
    family = sorted((c for c in talks if c.gezin == "G0"), key=lambda c: c.begin)
    assert [c.huisbezoek for c in family] == [False, True]
    assert minutes(family[1].begin) - minutes(family[0].eind) >= 15
