"""Review of issue 12's solver: cases a school can run into that broke the planner."""

from __future__ import annotations

import os
import signal

import pytest

from gereedschapskist.planning.explain import duration_text
from gereedschapskist.planning.model import PlanningImpossible
from gereedschapskist.planning.solve import plan
from gereedschapskist.planning.verify import check_schedule

from .school import agenda, config, moment, school
from .school import answer as answer_


def test_two_adjacent_moments_keep_the_break_between_them():
    # "middag" 15:00-17:00 and "avond" 17:00-19:00: a teacher who works until 17:00 and goes on at
    # 17:00 works 140 minutes without a break; the planner must keep the break, never crash.
    cl = school([("3", [3], "Juf A", [f"p{i}" for i in range(8)])])
    agendas = [agenda([3], duur=20)]
    cfg = config([moment("middag", van="15:00", tot="17:00"), moment("avond", van="17:00", tot="19:00")])
    schedule = plan(cl, agendas, cfg, {}, seconds=10)
    assert len(schedule.conversations) == 8
    assert check_schedule(schedule.conversations, cl, agendas, cfg, {}) == []


def test_overlapping_moments_keep_the_break():
    cl = school([("3", [3], "Juf A", [f"p{i}" for i in range(9)])])
    agendas = [agenda([3], duur=20)]
    cfg = config([moment("a", van="15:00", tot="17:00"), moment("b", van="16:00", tot="19:00")])
    schedule = plan(cl, agendas, cfg, {}, seconds=10)
    assert check_schedule(schedule.conversations, cl, agendas, cfg, {}) == []


def test_a_teacher_of_two_classes_with_different_lengths_is_not_called_language_support():
    cl = school(
        [("1/2", [1, 2], "Juf A", [f"k{i}" for i in range(5)]), ("8", [8], "juf a", [f"e{i}" for i in range(3)])]
    )
    agendas = [agenda([1, 2], duur=15), agenda([8], duur=30)]
    cfg = config([moment("a", van="15:00", tot="17:00")], pauze=None)
    with pytest.raises(PlanningImpossible) as caught:
        plan(cl, agendas, cfg, {}, seconds=5)
    text = str(caught.value)
    assert "taalhulp" not in text
    # 5 x (15 + 5) + 3 x (30 + 5) = 205 minutes
    assert "8 gesprekken" in text and "3 uur en 25 minuten" in text
    assert "5 van 15 min" in text and "3 van 30 min" in text


def test_duration_text_says_minuut_for_one_minute():
    assert duration_text(61) == "1 uur en 1 minuut"
    assert duration_text(1) == "1 minuut"
    assert duration_text(50) == "50 minuten"


def test_ctrl_c_during_the_solve_reaches_the_caller():
    # CP-SAT catches SIGINT itself and stops quietly; `kmg plan` must hear the Ctrl-C (to say 'afgebroken')
    # rather than go on with the levels and present the schedule.
    cl = school(
        [("3", [3], "Juf A", [f"p{i}" for i in range(10)]), ("4", [4], "Juf B", [f"q{i}" for i in range(10)])],
        families=[("G1", ["p1", "q1"], 1), ("G2", ["p2", "q2"], 2)],
    )
    sent = []

    def progress(text: str, seconds: float) -> None:
        if not sent:
            sent.append(text)
            os.kill(os.getpid(), signal.SIGINT)

    with pytest.raises(KeyboardInterrupt):
        plan(
            cl,
            [agenda([3, 4], duur=15)],
            config([moment("a", van="13:00", tot="19:00")]),
            {},
            seconds=10,
            progress=progress,
        )
    assert sent


def test_no_time_left_for_the_solver_still_gives_the_greedy_complete_schedule(monkeypatch):
    # With a tiny --tijd CP-SAT may find nothing in time; when the greedy start already placed
    # everyone, that complete (checked) schedule is the answer, not "no schedule found".
    from gereedschapskist.planning import solve

    monkeypatch.setattr(solve, "MIN_SECONDS", 0.0)
    cl = school(
        [("3", [3], "Juf A", [f"p{i}" for i in range(6)]), ("4", [4], "Juf B", [f"q{i}" for i in range(6)])],
        families=[("G1", ["p1", "q1"], 1)],
    )
    agendas = [agenda([3, 4], duur=20)]
    cfg = config([moment("a", van="15:00", tot="18:00")])
    schedule = plan(cl, agendas, cfg, {}, seconds=0)
    assert len(schedule.conversations) == 12
    assert check_schedule(schedule.conversations, cl, agendas, cfg, {}) == []
    assert not all(schedule.optimal.values())


def test_a_class_no_agenda_serves_is_explained_for_planning():
    cl = school([("3", [3], "Juf A", ["a"]), ("Taalklas", [], "Juf T", ["t"])])
    with pytest.raises(PlanningImpossible) as caught:
        plan(cl, [agenda([3])], config([moment("di")]), {}, seconds=5)
    (message,) = caught.value.messages
    assert message.startswith("Taalklas: ") and "documenten" not in message
    assert "groepen" in message and "duur" in message


def test_one_teacher_for_a_home_visit_class_and_a_school_class_is_not_called_impossible():
    # Home visit 15:00-15:30 (+15 min travel), then three school conversations 15:45-16:55: it fits.
    # The arithmetic must count travel time after home visits only, not after every conversation.
    cl = school([("1/2", [1, 2], "Juf A", ["h1"]), ("3", [3], "Juf A", ["s1", "s2", "s3"])])
    agendas = [agenda([1, 2], duur=30, setting="huisbezoek"), agenda([3], duur=20)]
    cfg = config([moment("di", van="15:00", tot="17:00")], pauze=None)
    schedule = plan(cl, agendas, cfg, {}, seconds=5)
    assert len(schedule.conversations) == 4
    assert check_schedule(schedule.conversations, cl, agendas, cfg, {}) == []


def test_a_household_whose_moments_cannot_hold_its_conversations_is_named_by_code():
    # Separated parents apart; household B cannot come on "di", and "wo" (60 min) cannot hold its
    # five conversations with five teachers (5 x 20 min + walking). The classes are far from full,
    # so the message must name the household (by code), not "the fullest classes".
    cl = school(
        [(str(y), [y], f"Juf {y}", [f"c{y}", f"x{y}a", f"x{y}b"]) for y in range(3, 8)],
        families=[("G1", ["c3", "c4", "c5", "c6", "c7"], 2)],
    )
    cfg = config([moment("di", van="15:00", tot="18:00"), moment("wo", datum="2026-09-09", van="15:00", tot="16:00")])
    answers = {("key-G1", 1): answer_(apart=True, code="K7-AAA"), ("key-G1", 2): answer_(niet=["di"], code="K7-BBB")}
    with pytest.raises(PlanningImpossible) as caught:
        plan(cl, [agenda(list(range(3, 8)), duur=20)], cfg, answers, seconds=5)
    (message,) = caught.value.messages
    assert message.startswith("Huishouden K7-BBB: 5 gesprekken van 20 min + 5 min wisseltijd = 2 uur en 5 minuten")
    assert "1 uur" in message and "volste" not in message


def test_progress_reports_the_compact_level_in_minutes():
    # The model counts in units of 5 minutes; the status line must not show units as if they were minutes.
    cl = school([("3", [3], "Juf A", [f"p{i}" for i in range(4)])])
    lines = []
    plan(cl, [agenda([3], duur=20)], config([moment("di")]), {}, seconds=5, progress=lambda t, s: lines.append(t))
    compact = [line for line in lines if line.startswith("compacte")]
    assert compact
    # four conversations of 20 min with 5 min between them: 95 minutes from first start to last end
    assert compact[-1] == "compacte dagen voor leerkrachten: 95 min"
