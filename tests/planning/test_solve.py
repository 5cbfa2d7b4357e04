"""The hard rules and the wishes of `kmg plan`'s solver, each on a small school built by hand."""

from __future__ import annotations

from datetime import datetime, time

import pytest

from gereedschapskist.planning.model import PlanningImpossible
from gereedschapskist.planning.solve import plan
from gereedschapskist.planning.verify import check_schedule

from .school import agenda, answer, config, moment, school

SECONDS = 10


def minutes(t: time) -> int:
    return t.hour * 60 + t.minute


def solved(class_list, agendas, cfg, answers=None):
    schedule = plan(class_list, agendas, cfg, answers or {}, seconds=SECONDS)
    assert check_schedule(schedule.conversations, class_list, agendas, cfg, answers or {}) == []
    return schedule


def by_pupil(schedule):
    out = {}
    for c in schedule.conversations:
        for key in c.leerlingen:
            out.setdefault(key, []).append(c)
    return out


def no_overlap(conversations, gap):
    ordered = sorted(conversations, key=lambda c: (c.datum, c.begin))
    for before, after in zip(ordered, ordered[1:], strict=False):
        if before.datum == after.datum:
            assert minutes(after.begin) >= minutes(before.eind) + gap, (before, after)


def test_every_pupil_has_one_conversation_inside_an_open_moment_with_the_agendas_length():
    cl = school([("3", [3], "Juf A", ["a1", "a2", "a3"]), ("Taalklas", [], "Juf T", ["t1"])])
    agendas = [agenda([3], duur=25), agenda(["Taalklas"], duur=40)]
    cfg = config([moment("di", van="15:00", tot="16:30")])
    schedule = solved(cl, agendas, cfg)
    pupils = by_pupil(schedule)
    assert sorted(pupils) == ["a1", "a2", "a3", "t1"]
    assert all(len(items) == 1 for items in pupils.values())
    for c in schedule.conversations:
        length = minutes(c.eind) - minutes(c.begin)
        assert length == (40 if c.klas == "Taalklas" else 25)
        assert time(15, 0) <= c.begin and c.eind <= time(16, 30)
        assert c.moment == "di"
    assert schedule.stats["gesprekken"] == 4


def test_a_teacher_of_two_classes_is_one_person():
    # Two classes with the same teacher text: one moment holds both classes only one after the other.
    cl = school([("3", [3], "Juf A", ["a1", "a2"]), ("4", [4], "juf  a", ["b1", "b2"])])
    cfg = config([moment("di", van="15:00", tot="16:00")], wisseltijd=5, pauze=None)
    schedule = solved(cl, [agenda([3, 4], duur=10)], cfg)
    no_overlap(schedule.conversations, 5)
    # and when they cannot both fit, the teacher's arithmetic says so
    tight = config([moment("di", van="15:00", tot="15:40")], wisseltijd=5, pauze=None)
    with pytest.raises(PlanningImpossible) as caught:
        plan(cl, [agenda([3, 4], duur=10)], tight, {}, seconds=SECONDS)
    assert caught.value.messages == [
        "Groep 3 en groep 4 hebben dezelfde leerkracht: 4 gesprekken van 10 min + 5 min wisseltijd = 1 uur; "
        "de momenten van deze leerkracht geven 40 minuten. Voeg momenten toe of laat een collega een deel doen."
    ]


def test_a_duo_named_in_planning_yaml_is_one_person():
    cl = school([("3", [3], "Juf A", ["a1", "a2"]), ("4", [4], "Meester B", ["b1", "b2"])])
    cfg = config([moment("di", van="15:00", tot="16:00")], pauze=None, klassen={"4": {"leerkracht": "Juf A"}})
    schedule = solved(cl, [agenda([3, 4], duur=10)], cfg)
    no_overlap(schedule.conversations, 5)
    assert {c.leerkracht for c in schedule.conversations} == {"Juf A"}


def test_home_visits_leave_travel_time_and_carry_the_address():
    cl = school([("1", [1], "Juf K", ["k1", "k2", "k3"])], [("G1", ["k1"], 1), ("G2", ["k2"], 1), ("G3", ["k3"], 1)])
    cfg = config([moment("di", van="09:00", tot="13:00")], reistijd=20, pauze=None)
    schedule = solved(cl, [agenda([1], duur=45, setting="huisbezoek")], cfg)
    no_overlap(schedule.conversations, 20)
    assert all(c.huisbezoek for c in schedule.conversations)
    assert all(c.plaats.startswith("Straat 1") for c in schedule.conversations)


def test_three_children_in_three_classes_are_back_to_back_on_one_moment():
    classes = [
        ("3", [3], "Juf A", ["a1", "a2", "a3"]),
        ("5", [5], "Juf B", ["b1", "b2", "b3"]),
        ("7", [7], "Juf C", ["c1", "c2", "c3"]),
    ]
    cl = school(classes, [("G1", ["a2", "b3", "c1"], 1)])
    cfg = config([moment("di"), moment("wo", datum="2026-09-09")], wisseltijd=5)
    schedule = solved(cl, [agenda([3, 5, 7], duur=20)], cfg)
    family = sorted((c for c in schedule.conversations if c.gezin == "G1"), key=lambda c: c.begin)
    assert len(family) == 3 and len({c.moment for c in family}) == 1
    for before, after in zip(family, family[1:], strict=False):
        assert minutes(after.begin) - minutes(before.eind) == 5  # walk to the next classroom, no more
    assert schedule.stats["gezinnen_met_broers_zussen"] == 1 and schedule.stats["naast_elkaar"] == 1
    assert schedule.optimal["broertjes_zusjes"] is True


def test_separated_parents_apart_get_one_conversation_per_household_and_together_one():
    classes = [("3", [3], "Juf A", ["a1", "a2"]), ("5", [5], "Juf B", ["b1", "b2"])]
    cl = school(classes, [("G1", ["a1", "b1"], 2)])
    cfg = config([moment("di")])
    apart = {("key-G1", 1): answer(apart=True, code="AA-AAA"), ("key-G1", 2): answer(code="BB-BBB")}
    schedule = solved(cl, [agenda([3, 5])], cfg, apart)
    mine = [c for c in schedule.conversations if c.gezin == "G1"]
    assert sorted((c.leerlingen[0], c.huishouden) for c in mine) == [("a1", 1), ("a1", 2), ("b1", 1), ("b1", 2)]
    assert all(c.apart for c in mine)
    # each household's two conversations follow each other
    assert schedule.stats["naast_elkaar"] == 2
    together = solved(cl, [agenda([3, 5])], cfg, {("key-G1", 1): answer(), ("key-G1", 2): answer()})
    mine = [c for c in together.conversations if c.gezin == "G1"]
    assert sorted(c.leerlingen[0] for c in mine) == ["a1", "b1"] and not any(c.apart for c in mine)


def test_momenten_niet_is_respected_and_momenten_kan_honoured():
    cl = school([("3", [3], "Juf A", ["a1", "a2", "a3", "a4"])], [("G1", ["a1"], 1), ("G2", ["a2"], 1)])
    cfg = config([moment("di"), moment("wo", datum="2026-09-09"), moment("do", datum="2026-09-10")])
    answers = {("key-G1", 1): answer(niet=["di", "wo"]), ("key-G2", 1): answer(kan=["wo"])}
    schedule = solved(cl, [agenda([3])], cfg, answers)
    pupils = by_pupil(schedule)
    assert pupils["a1"][0].moment == "do"
    assert pupils["a2"][0].moment == "wo"
    assert schedule.stats["wensen_gevraagd"] == 1 and schedule.stats["wensen_gehonoreerd"] == 1


def test_language_support_adds_its_minutes():
    cl = school([("3", [3], "Juf A", ["a1", "a2"])], [("G1", ["a1"], 1)])
    cfg = config([moment("di")], taalhulp_extra=15)
    schedule = solved(cl, [agenda([3], duur=20)], cfg, {("key-G1", 1): answer(taalhulp=True)})
    pupils = by_pupil(schedule)
    assert minutes(pupils["a1"][0].eind) - minutes(pupils["a1"][0].begin) == 35 and pupils["a1"][0].taalhulp
    assert minutes(pupils["a2"][0].eind) - minutes(pupils["a2"][0].begin) == 20


def test_breaks_are_kept():
    # 8 conversations of 25 (+5) fill 15:00-19:00 only with a break of 15 after at most 120 minutes
    cl = school([("3", [3], "Juf A", [f"a{i}" for i in range(7)])])
    cfg = config([moment("di", van="15:00", tot="19:00")], pauze={"na": 120, "minuten": 15})
    schedule = solved(cl, [agenda([3], duur=25)], cfg)
    ordered = sorted(schedule.conversations, key=lambda c: c.begin)
    run, previous = 0, None
    for c in ordered:
        if previous is not None and minutes(c.begin) - minutes(previous.eind) >= 15:
            run = 0
        run += minutes(c.eind) - minutes(c.begin)
        assert run <= 120
        previous = c


def test_moment_groups_and_teacher_availability_narrow_the_moments():
    cl = school([("3", [3], "Juf A", ["a1", "a2"]), ("5", [5], "Juf B", ["b1", "b2"])])
    cfg = config(
        [moment("di", groepen=[3]), moment("wo", datum="2026-09-09"), moment("do", datum="2026-09-10")],
        klassen={"5": {"momenten": ["do"]}},
    )
    schedule = solved(cl, [agenda([3, 5])], cfg)
    for c in schedule.conversations:
        if c.klas == "5":
            assert c.moment == "do"


def test_impossible_input_says_why_per_class_with_the_arithmetic():
    cl = school([("5", [5], "Juf A", [f"p{i}" for i in range(28)])])
    cfg = config(
        [moment("di", van="14:00", tot="19:00"), moment("wo", van="13:00", tot="18:00", datum="2026-09-09")],
        pauze=None,
    )
    with pytest.raises(PlanningImpossible) as caught:
        plan(cl, [agenda([5], duur=25)], cfg, {}, seconds=SECONDS)
    assert caught.value.exit_code == 1
    assert caught.value.messages == [
        "Groep 5: 28 gesprekken van 25 min + 5 min wisseltijd = 14 uur; de momenten voor groep 5 geven 10 uur. "
        "Voeg momenten toe of kort de gesprekken in."
    ]


def test_households_whose_momenten_niet_leave_no_moment_are_named_by_code():
    cl = school([("3", [3], "Juf A", ["a1", "a2"])], [("G1", ["a1"], 1)])
    cfg = config([moment("di"), moment("wo", datum="2026-09-09")])
    answers = {("key-G1", 1): answer(niet=["di", "wo"], code="K7-4QF")}
    with pytest.raises(PlanningImpossible) as caught:
        plan(cl, [agenda([3])], cfg, answers, seconds=SECONDS)
    assert caught.value.messages == [
        "Huishouden K7-4QF: met 'momenten_niet' blijft er geen moment over voor groep 3. "
        "Overleg met het gezin over een ander moment, of voeg er een toe."
    ]


def test_a_class_no_agenda_serves_is_refused():
    cl = school([("3", [3], "Juf A", ["a1"]), ("Taalklas", [], "Juf T", ["t1"])])
    with pytest.raises(PlanningImpossible) as caught:
        plan(cl, [agenda([3])], config([moment("di")]), {}, seconds=SECONDS)
    assert "Taalklas" in caught.value.messages[0]


def test_schedule_is_sorted_by_date_teacher_and_time():
    cl = school([("3", [3], "Juf B", ["a1", "a2"]), ("4", [4], "Juf A", ["b1", "b2"])])
    schedule = solved(cl, [agenda([3, 4])], config([moment("di"), moment("wo", datum="2026-09-09")]))
    keys = [(c.datum, c.leerkracht, c.begin) for c in schedule.conversations]
    assert keys == sorted(keys)
    assert all(isinstance(datetime.combine(c.datum, c.begin), datetime) for c in schedule.conversations)


def test_the_checker_catches_a_broken_schedule():
    # the independent checker must not be a rubber stamp
    from dataclasses import replace

    cl = school([("3", [3], "Juf A", ["a1", "a2"])])
    cfg = config([moment("di")])
    schedule = solved(cl, [agenda([3])], cfg)
    first, second = schedule.conversations
    clash = [first, replace(second, begin=first.begin, eind=first.eind)]
    assert any("overlap" in p for p in check_schedule(clash, cl, [agenda([3])], cfg, {}))
    assert any("conversations, expected" in p for p in check_schedule([first], cl, [agenda([3])], cfg, {}))


def test_the_finishing_passes_close_a_teachers_waiting_time_and_keep_siblings_together():
    from gereedschapskist.planning.greedy import improve
    from gereedschapskist.planning.solve import _conversations
    from gereedschapskist.planning.tasks import build_tasks
    from gereedschapskist.planning.verify import idle_minutes

    cl = school([("3", [3], "Juf A", ["a1", "a2", "a3"]), ("4", [4], "Juf B", ["b1"])], [("G1", ["a3", "b1"], 1)])
    cfg = config([moment("di", van="15:00", tot="17:00")], pauze=None)
    agendas = [agenda([3, 4], duur=20)]
    problem = build_tasks(cl, agendas, cfg, {})
    index = {t.pupil_key: t.index for t in problem.tasks}
    at = 15 * 60
    # a1 at 15:00, a2 at 15:50 (waiting time), the siblings a3 16:30 and b1 right after it at 16:55
    placed = {index["a1"]: (0, at), index["a2"]: (0, at + 50), index["a3"]: (0, at + 90), index["b1"]: (0, at + 115)}
    before = idle_minutes(_conversations(problem, placed), cfg)
    after_placed = improve(problem, placed)
    after = _conversations(problem, after_placed)
    assert before > 0 and idle_minutes(after, cfg) == 0
    assert check_schedule(after, cl, agendas, cfg, {}) == []
    siblings = sorted((c for c in after if c.gezin == "G1"), key=lambda c: c.begin)
    assert minutes(siblings[1].begin) - minutes(siblings[0].eind) == 5
