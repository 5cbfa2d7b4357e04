"""The numbers the documents print: clock offsets, the time bar and the writing lines."""

from __future__ import annotations

from itertools import pairwise

import pytest

from gereedschapskist.render import views

from .agendas import STANDARD_TOPICS, agenda, home_visit_agenda


@pytest.mark.parametrize(("minutes", "clock"), [(0, "0:00"), (3, "0:03"), (25, "0:25"), (60, "1:00"), (75, "1:15")])
def test_clock(minutes: int, clock: str) -> None:
    assert views.clock(minutes) == clock


@pytest.mark.parametrize(("minutes", "lines"), [(0, 2), (1, 2), (2, 2), (3, 3), (7, 7), (12, 12), (45, 12)])
def test_writing_lines(minutes: int, lines: int) -> None:
    assert views.writing_lines(minutes) == lines


@pytest.mark.parametrize(
    ("naam", "label", "short"),
    [
        ("4/5", "Groep 4/5", "4/5"),
        ("Groep 1-2", "Groep 1-2", "1-2"),
        ("groep 5a", "Groep 5a", "5a"),
        ("De Egels", "De Egels", "De Egels"),
    ],
)
def test_class_names(naam: str, label: str, short: str) -> None:
    assert views.class_label(naam) == label
    assert views.class_short(naam) == short


def test_topics_run_back_to_back() -> None:
    topics = views.topics(agenda())
    assert topics[0].time_label == "0:00–0:03"
    assert topics[-1].time_label == "0:23–0:25"
    assert all(a.end == b.start for a, b in pairwise(topics))
    verwachtingen = topics[3]
    assert verwachtingen.shared_only and not verwachtingen.has_own
    bijzonderheden = topics[8]
    assert bijzonderheden.samen and bijzonderheden.has_own and not bijzonderheden.shared_only


def test_time_bar_fills_the_agreed_duration() -> None:
    a = agenda(duur=30)  # 25 planned: 5 minutes stay free
    bar = views.time_bar(a, views.topics(a))
    assert bar.total == 30
    assert bar.segments[-1].label == "vrij" and bar.segments[-1].minuten == 5
    assert sum(segment.width for segment in bar.segments) == pytest.approx(100)
    # Neighbours never share a gray.
    shades = [segment.shade for segment in bar.segments]
    assert all(a != b for a, b in pairwise(shades))
    assert [label for _, label in bar.ticks] == ["0:00", "0:05", "0:10", "0:15", "0:20", "0:25", "0:30"]


def test_time_bar_of_a_home_visit_ticks_every_ten_minutes() -> None:
    a = home_visit_agenda()
    bar = views.time_bar(a, views.topics(a))
    assert [label for _, label in bar.ticks] == ["0:00", "0:10", "0:20", "0:30", "0:40", "0:50", "1:00"]


def test_time_bar_skips_zero_minute_topics() -> None:
    topics = [{**STANDARD_TOPICS[0], "minuten": 0}, *STANDARD_TOPICS[1:]]
    a = agenda(onderwerpen=topics, duur=22)
    bar = views.time_bar(a, views.topics(a))
    assert [segment.label for segment in bar.segments][0] == "2"


def test_leerling_column_label_when_the_pupil_is_not_present() -> None:
    assert views.perspective_label("leerling", leerling_aanwezig=False) == "Over de leerling"
    context = views.guide_context(agenda(leerling_aanwezig=False), None)
    assert context["perspectives"][0] == ("leerling", "Over de leerling")
    assert context["lege_rijen"] == views.EMPTY_CHECKLIST_ROWS
