"""The sample planning.yaml plans the sample school, and the sample-reply script fills an antwoorden.csv."""

from __future__ import annotations

import csv
import importlib.util
from pathlib import Path

import pytest

from gereedschapskist.agenda.load import load_agenda
from gereedschapskist.classes import read_class_list
from gereedschapskist.codes import household_codes
from gereedschapskist.planning.answers import read_answers
from gereedschapskist.planning.config import class_findings, load_planning
from gereedschapskist.planning.solve import plan
from gereedschapskist.planning.verify import check_schedule

from .school import agenda, school

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "agendas" / "planning.yaml"


def sample_reply_script():
    """agendas/antwoorden-voorbeeld.py as a module (it is a script, not part of the package)."""
    spec = importlib.util.spec_from_file_location("voorbeeld", REPO / "agendas" / "antwoorden-voorbeeld.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    "names",
    [
        ["huisbezoek-groep-1.yaml", "kleuters-groep-1-2.yaml", "school-groep-3-8.yaml"],  # 1/2 at home
        ["kleuters-groep-1-2.yaml", "school-groep-3-8.yaml"],  # 1/2 at school
    ],
)
def test_the_sample_planning_plans_the_sample_school(names):
    class_list = read_class_list(REPO / "agendas" / "klassenlijst-voorbeeld.csv")
    agendas = [(REPO / "agendas" / n, load_agenda(REPO / "agendas" / n).agenda) for n in names]
    loaded = load_planning(SAMPLE)
    assert loaded.findings == [] and class_findings(loaded, [c.naam for c in class_list]) == []
    config = loaded.raise_for_errors()
    schedule = plan(class_list, agendas, config, {}, seconds=20)
    assert check_schedule(schedule.conversations, class_list, agendas, config, {}) == []
    assert len(schedule.conversations) == sum(len(c.leerlingen) for c in class_list)
    # with the home-visit agenda: groep 1 at home, groep 2 at school (each pupil its own agenda)
    at_home = {c.huisbezoek for c in schedule.conversations if c.klas == "1/2"}
    assert at_home == ({True, False} if "huisbezoek" in names[0] else {False})


def test_the_sample_reply_script_fills_answers_that_plan(tmp_path):
    secret = bytes(range(32))
    (tmp_path / ".kmg-sleutel").write_text(secret.hex() + "\n", encoding="ascii")
    cl = school(
        [(f"{y}", [y], f"Juf {y}", [f"p{y}{i}" for i in range(4)]) for y in range(3, 9)],
        [("G1", ["p30", "p51"], 2), ("G2", ["p40", "p61", "p82"], 1), ("G3", ["p70"], 1), ("G4", ["p31"], 1)],
    )
    codes = household_codes(secret, cl.families)
    rows = ["code;klassen;kinderen;huishouden;komt;momenten_kan;momenten_niet;apart;taalhulp;onderwerpen"]
    rows += [f"{code};;;{nummer};;;;;;" for (_, nummer), code in sorted(codes.items())]
    source = tmp_path / "antwoorden.csv"
    source.write_text("\ufeff" + "\r\n".join(rows) + "\r\n", encoding="utf-8")
    module = sample_reply_script()
    target = tmp_path / "antwoorden-voorbeeld.csv"
    assert module.fill(source, SAMPLE, target) == len(codes)
    config = load_planning(SAMPLE).raise_for_errors()
    answers = read_answers(target, cl, secret, momenten=[m.naam for m in config.momenten])
    assert set(answers) == set(codes)
    assert answers[("key-G1", 2)].apart and not answers[("key-G2", 1)].apart
    agendas = [agenda([3, 4, 5, 6, 7, 8], duur=25)]
    schedule = plan(cl, agendas, config, answers, seconds=20)
    assert check_schedule(schedule.conversations, cl, agendas, config, answers) == []


def test_the_sample_school_plans_with_sample_replies(tmp_path):
    # what `make demo` does: kmg build writes antwoorden.csv and .kmg-sleutel, the script fills in replies
    class_list = read_class_list(REPO / "agendas" / "klassenlijst-voorbeeld.csv")
    assert class_list.families and any(len(f.huishoudens) == 2 for f in class_list.families)
    secret = bytes(range(32, 64))
    codes = household_codes(secret, class_list.families)
    rows = ["code;klassen;kinderen;huishouden;komt;momenten_kan;momenten_niet;apart;taalhulp;onderwerpen"]
    rows += [f"{code};;;{nummer};;;;;;" for (_, nummer), code in sorted(codes.items())]
    source = tmp_path / "antwoorden.csv"
    source.write_text("\ufeff" + "\r\n".join(rows) + "\r\n", encoding="utf-8")
    module = sample_reply_script()
    target = tmp_path / "antwoorden-voorbeeld.csv"
    module.fill(source, SAMPLE, target)
    config = load_planning(SAMPLE).raise_for_errors()
    answers = read_answers(target, class_list, secret, momenten=[m.naam for m in config.momenten])
    names = ["kleuters-groep-1-2.yaml", "school-groep-3-8.yaml"]
    agendas = [(REPO / "agendas" / n, load_agenda(REPO / "agendas" / n).agenda) for n in names]
    schedule = plan(class_list, agendas, config, answers, seconds=20, secret=secret)
    assert check_schedule(schedule.conversations, class_list, agendas, config, answers) == []
    # every family got a letter with a code, also the ones without parent data (as household 1)
    assert all(c.code for c in schedule.conversations)
    assert any(c.apart for c in schedule.conversations)


def test_sample_replies_tick_only_moments_on_the_households_own_slip(tmp_path):
    # Parents tick what their slip offers. The script drew from every moment of planning.yaml,
    # so groep-2 families ticked home-visit days and the demo honoured 6 of 17 wishes.
    from gereedschapskist.invitations import plan_letters, slip_moments

    names = ["huisbezoek-groep-1.yaml", "kleuters-groep-1-2.yaml", "school-groep-3-8.yaml"]  # make demo's
    pairs = [(REPO / "agendas" / n, load_agenda(REPO / "agendas" / n).agenda) for n in names]
    agendas = [a for _, a in pairs]
    class_list = read_class_list(REPO / "agendas" / "klassenlijst-voorbeeld.csv")
    secret = bytes(range(64, 96))
    (tmp_path / ".kmg-sleutel").write_text(secret.hex() + "\n", encoding="ascii")
    letters = plan_letters(class_list, [k.slug for k in class_list.classes], "oudste", secret, agendas)
    slips = {letter.code: set(slip_moments(letter, agendas)) for each in letters.values() for letter in each}
    rows = ["code;klassen;kinderen;huishouden;komt;momenten_kan;momenten_niet;apart;taalhulp;onderwerpen"]
    rows += [f"{letter.code};;;{letter.huishouden};;;;;;" for each in letters.values() for letter in each]
    source = tmp_path / "antwoorden.csv"
    source.write_text("\ufeff" + "\r\n".join(rows) + "\r\n", encoding="utf-8")
    module = sample_reply_script()
    target = tmp_path / "antwoorden-voorbeeld.csv"
    module.fill(source, SAMPLE, target)
    filled = target.read_text(encoding="utf-8-sig").splitlines()[1:]
    ticked = 0
    for line in filled:
        code, *_, kan, niet, _apart, _taal, _topics = next(csv.reader([line], delimiter=";"))
        for ticks in (kan, niet):
            rest = ticks
            for moment in sorted(slips[code], key=len, reverse=True):  # names hold commas themselves
                rest = rest.replace(moment, "")
            assert not rest.replace(",", "").strip(), (code, ticks, slips[code])
        ticked += bool(kan)
    assert ticked >= 5
    config = load_planning(SAMPLE).raise_for_errors()
    answers = read_answers(target, class_list, secret, momenten=[m.naam for m in config.momenten])
    schedule = plan(class_list, pairs, config, answers, seconds=20, secret=secret)
    assert schedule.stats["wensen_gehonoreerd"] >= 0.9 * schedule.stats["wensen_gevraagd"]
