"""Review of "a class served by two agendas: each pupil gets its own agenda" (serving.pupil_agenda).

A family as a school has it: Lies in groep 1 (class 1/2, a home visit of 60 minutes), Bram in
groep 2 (class 1/2, 20 minutes at school) and Kees in groep 5 (25 minutes at school), under the
sample agendas huisbezoek-groep-1, kleuters-groep-1-2 and school-groep-3-8.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from gereedschapskist.agenda.load import load_agenda
from gereedschapskist.classes import read_class_list
from gereedschapskist.planning.config import load_planning
from gereedschapskist.planning.tasks import build_tasks, sibling_chains

REPO = Path(__file__).resolve().parents[2]
AGENDAS = REPO / "agendas"
NAMES = ["huisbezoek-groep-1.yaml", "kleuters-groep-1-2.yaml", "school-groep-3-8.yaml"]

HEADER = (
    "Roepnaam;Achternaam;Groep;Leerkracht;Geboortedatum;Leerjaar;Naam ouder/verzorger 1;"
    "E-mailadres ouder/verzorger 1;Straat;Huisnummer;Postcode;Woonplaats\n"
)
SMIT = "Jan Smit;jan@example.nl;Dorpsstraat;1;1234 AB;Dorp\n"
CLASSES = HEADER + (
    f"Lies;Smit;1/2;Juf Anouk;01-10-2021;1;{SMIT}"
    f"Bram;Smit;1/2;Juf Anouk;01-10-2020;2;{SMIT}"
    f"Kees;Smit;5;Meester Piet;01-10-2017;5;{SMIT}"
    "Ans;Bos;1/2;Juf Anouk;01-10-2021;1;Els Bos;els@example.nl;Laan;2;1234 AC;Dorp\n"
    "Tim;Bos;1/2;Juf Anouk;01-10-2020;2;Els Bos;els@example.nl;Laan;2;1234 AC;Dorp\n"
    "Eva;Bos;5;Meester Piet;01-10-2017;5;Els Bos;els@example.nl;Laan;2;1234 AC;Dorp\n"
)

# the moments of the sample planning.yaml: groep 2 at school on the 7th and 8th, groep 5 on the
# 8th, 9th and 10th, home visits on the 14th, 16th and 17th (each agenda's `uitnodiging.momenten`)
PLANNING = """\
versie: 1
momenten:
  - {naam: "maandag 7 september, 14.00–17.00", datum: 2026-09-07, van: "14:00", tot: "17:00", groepen: [1, 2]}
  - {naam: "dinsdag 8 september, 15.00–19.00", datum: 2026-09-08, van: "15:00", tot: "19:00"}
  - {naam: "woensdag 9 september, 12.30–16.00", datum: 2026-09-09, van: "12:30", tot: "16:00", groepen: [3, 4, 5, 6, 7, 8]}
  - {naam: "donderdag 10 september, 8.30–12.00", datum: 2026-09-10, van: "08:30", tot: "12:00", groepen: [3, 4, 5, 6, 7, 8]}
  - {naam: "maandag 14 september, 15.00–18.00", datum: 2026-09-14, van: "15:00", tot: "18:00", groepen: [1, 2]}
  - {naam: "woensdag 16 september, 13.00–17.00", datum: 2026-09-16, van: "13:00", tot: "17:00", groepen: [1, 2]}
  - {naam: "donderdag 17 september, 15.00–18.00", datum: 2026-09-17, van: "15:00", tot: "18:00", groepen: [1, 2]}
"""  # noqa: E501


@pytest.fixture
def school(tmp_path: Path):
    path = tmp_path / "klassen.csv"
    path.write_text(CLASSES, encoding="utf-8")
    (tmp_path / "planning.yaml").write_text(PLANNING, encoding="utf-8")
    config = load_planning(tmp_path / "planning.yaml").raise_for_errors()
    agendas = [(AGENDAS / name, load_agenda(AGENDAS / name).agenda) for name in NAMES]
    return read_class_list(path), agendas, config


def _names(problem, chain) -> set[str]:
    return {problem.tasks[i].pupils[0].roepnaam for i in chain}


# --- kmg plan: siblings back to back ------------------------------------------------------------


def test_the_school_conversations_of_a_family_with_a_home_visit_are_still_a_sibling_chain(school) -> None:
    # Lies's home visit (14-17 September) can never be back to back with Bram and Kees at school: in
    # one chain with it, "back to back" was impossible for the whole family, and the solver let Bram
    # (7 September) and Kees (10 September) come on different days.
    class_list, agendas, config = school
    problem = build_tasks(class_list, agendas, config, {})
    chains = [_names(problem, chain) for chain in sibling_chains(problem)]
    assert {"Bram", "Kees"} in chains and {"Tim", "Eva"} in chains
    assert not [chain for chain in chains if {"Lies", "Ans"} & chain]


def test_kmg_plan_puts_the_school_conversations_of_such_a_family_back_to_back(school) -> None:
    from gereedschapskist.planning.solve import plan
    from gereedschapskist.planning.verify import check_schedule

    class_list, agendas, config = school
    schedule = plan(class_list, agendas, config, {}, seconds=10)
    assert check_schedule(schedule.conversations, class_list, agendas, config, {}) == []
    by_name = {
        next(p.roepnaam for k in class_list for p in k.leerlingen if p.sleutel == c.leerlingen[0]): c
        for c in schedule.conversations
    }
    for older, younger in (("Kees", "Bram"), ("Eva", "Tim")):
        a, b = by_name[older], by_name[younger]
        assert a.moment == b.moment, (older, a.moment, younger, b.moment)
        first, second = sorted((a, b), key=lambda c: c.begin)
        gap = (second.begin.hour * 60 + second.begin.minute) - (first.eind.hour * 60 + first.eind.minute)
        assert gap <= config.wisseltijd
    lies = by_name["Lies"]
    assert lies.huisbezoek and lies.moment.startswith(("maandag 14", "woensdag 16", "donderdag 17"))
    # every family with siblings at school has them back to back, and the summary says so
    assert schedule.stats["naast_elkaar"] == schedule.stats["gezinnen_met_broers_zussen"] == 2


# --- kmg build: each pupil's form in the folder of its own agenda ---------------------------------


def _kmg(*args: object):
    from typer.testing import CliRunner

    from gereedschapskist.cli import app

    return CliRunner().invoke(app, [str(arg) for arg in args])


def _forms(path: Path) -> dict[str, str]:
    """Per form (by pupil): the text of its first page."""
    from pypdf import PdfReader

    found = {}
    for page in PdfReader(path).pages:
        text = " ".join(page.extract_text().split())
        if text.startswith("GESPREKSFORMULIER"):
            name = next(n for n in ("Lies", "Bram", "Ans", "Tim", "Kees", "Eva") if f" {n} " in text)
            found[name] = text
    return found


def test_each_pupil_of_class_1_2_gets_the_form_of_its_own_agenda_with_its_own_planned_time(
    school, tmp_path: Path
) -> None:
    # Before: both subfolders held a form for every pupil, so Bram (groep 2, 20 minutes at school) had a
    # home-visit form and Lies (groep 1, a home visit) a school form; with --planning each wrong form
    # showed the other kind's time and place.
    agendas = [AGENDAS / name for name in NAMES]
    classes, plan_dir, out = tmp_path / "klassen.csv", tmp_path / "planning", tmp_path / "out"
    result = _kmg("plan", *agendas, "--klassen", classes, "--momenten", tmp_path / "planning.yaml",
                  "--uitvoer", plan_dir, "--tijd", 10)  # fmt: skip
    assert result.exit_code == 0, result.output
    result = _kmg("build", *agendas, "--klassen", classes, "--planning", plan_dir / "planning.csv",
                  "--uitvoer", out, "--documenten", "leidraad,formulieren", "--processen", 1)  # fmt: skip
    assert result.exit_code == 0, result.output
    home = _forms(out / "groep-1-2" / "huisbezoek-groep-1" / "gespreksformulieren.pdf")
    school_ = _forms(out / "groep-1-2" / "kleuters-groep-1-2" / "gespreksformulieren.pdf")
    assert sorted(home) == ["Ans", "Lies"]
    assert sorted(school_) == ["Bram", "Tim"]
    # every form has its time, and it is the right kind: Lies at home (60 min), Bram at school (20 min)
    when = r"september 2026 Tijd \d+\.\d\d–\d+\.\d\d Plaats"
    assert re.search(rf"GROEP 1 \(HUISBEZOEK\).*{when} Dorpsstraat 1", home["Lies"])
    assert re.search(rf"\(OP SCHOOL\).*{when} op school", school_["Bram"])
    # each guide is there still, and the summary counts every pupil once
    assert (out / "groep-1-2" / "huisbezoek-groep-1" / "leidraad.pdf").exists()
    assert (out / "groep-1-2" / "kleuters-groep-1-2" / "leidraad.pdf").exists()
    assert "Klaar: 2 groepen, 6 leerlingen," in result.output


def test_a_pupil_who_joins_class_1_2_later_gets_only_the_form_of_its_own_agenda(school, tmp_path: Path) -> None:
    from datetime import date

    agendas = [AGENDAS / name for name in NAMES]
    out = tmp_path / "out"
    result = _kmg("build", *agendas, "--klassen", tmp_path / "klassen.csv", "--uitvoer", out,
                  "--processen", 1, "--leerling", "Bram Smit")  # fmt: skip
    assert result.exit_code == 0, result.output
    folder = f"groep-1-2/kleuters-groep-1-2/instroom-{date.today().isoformat()}-bram-smit"
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*.pdf")) == [
        f"{folder}/gespreksformulieren.pdf",
        f"{folder}/leidraad.pdf",
    ]


# --- via: jongste in the agenda that says it ------------------------------------------------


def test_via_jongste_in_the_school_agenda_counts_for_the_letters_and_the_confirmations(school, tmp_path: Path) -> None:
    # The sample school-groep-3-8.yaml says `via: oudste`; a school that changes it to `jongste` saw no change:
    # kmg build took `via` from the first agenda on the command line (huisbezoek-groep-1, which says
    # nothing), and kmg plan from the agenda of the class of the family's first child in school order,
    # so a confirmation could go through another child than the invitation.
    import shutil

    for name in NAMES:
        shutil.copy(AGENDAS / name, tmp_path / name)
    school_agenda = tmp_path / NAMES[2]
    text = school_agenda.read_text(encoding="utf-8")
    assert "  via: oudste" in text
    school_agenda.write_text(text.replace("  via: oudste", "  via: jongste"), encoding="utf-8")
    agendas = [tmp_path / name for name in NAMES]
    classes, out, plan_dir = tmp_path / "klassen.csv", tmp_path / "out", tmp_path / "planning"
    result = _kmg("build", *agendas, "--klassen", classes, "--uitvoer", out, "--documenten", "uitnodigingen",
                  "--processen", 1)  # fmt: skip
    assert result.exit_code == 0, result.output
    # every family has its youngest (Lies, Ans) in class 1/2
    assert [p.relative_to(out).as_posix() for p in out.rglob("uitnodigingen.pdf")] == [
        "groep-1-2/huisbezoek-groep-1/uitnodigingen.pdf"
    ]
    result = _kmg("plan", *agendas, "--klassen", classes, "--momenten", tmp_path / "planning.yaml",
                  "--uitvoer", plan_dir, "--tijd", 10)  # fmt: skip
    assert result.exit_code == 0, result.output
    assert [p.relative_to(plan_dir).as_posix() for p in plan_dir.rglob("bevestigingen.pdf")] == [
        "groep-1-2/bevestigingen.pdf"
    ]


# --- kmg plan: a 'kan' wish of a family whose children have different moments ------------------


def test_a_kan_wish_for_the_school_moments_still_counts_for_the_children_at_school(school) -> None:
    # The slip of the Smit family offers the school moments and the home-visit days together. The parents
    # tick "kan" on Tuesday the 8th only (for Bram and Kees at school): the wish was dropped whole, because
    # Lies's home visit can never be on the 8th, so kmg plan neither tried nor counted it.
    from gereedschapskist.planning.answers import Answer
    from gereedschapskist.planning.solve import plan

    class_list, agendas, config = school
    smit = class_list.family_of(next(p for k in class_list for p in k.leerlingen if p.roepnaam == "Lies"))
    tuesday = "dinsdag 8 september, 15.00–19.00"
    answers = {(smit.sleutel, 1): Answer("ja", frozenset({tuesday}), frozenset(), False, False, "")}
    problem = build_tasks(class_list, agendas, config, answers)
    [(members, kan)] = problem.wishes.values()
    assert {problem.tasks[i].pupils[0].roepnaam for i in members} == {"Bram", "Kees"}
    schedule = plan(class_list, agendas, config, answers, seconds=10)
    assert schedule.stats["wensen_gevraagd"] == schedule.stats["wensen_gehonoreerd"] == 1


# --- the class list: a Leerjaar column that is filled in for some pupils only ---------------------


def _sample_agendas():
    return [load_agenda(AGENDAS / name).agenda for name in NAMES]


def test_a_blank_leerjaar_in_class_1_2_leaves_the_pupil_unknown_not_groep_1(tmp_path: Path) -> None:
    # Only Anna's Leerjaar is filled in. The class was read as groep 1 (the filled cells only), so Bas,
    # whose year group nobody wrote down (he may well be in groep 2), got a home visit; the README says a
    # pupil without a leerjaar in 1/2 gets the agenda for all of 1/2.
    from gereedschapskist.serving import pupil_agenda

    path = tmp_path / "klassen.csv"
    path.write_text("Roepnaam;Achternaam;Groep;Leerjaar\nAnna;Smit;1/2;1\nBas;Smit;1/2;\nDaan;Smit;4;\n", "utf-8")
    classes = {klass.naam: klass for klass in read_class_list(path)}
    klass = classes["1/2"]
    assert klass.jaargroepen == {1, 2}
    anna, bas = klass.leerlingen
    assert (anna.jaargroep, bas.jaargroep) == (1, None)
    huis, kleuters, _ = _sample_agendas()
    assert pupil_agenda(klass, anna, [huis, kleuters]) is huis
    assert pupil_agenda(klass, bas, [huis, kleuters]) is kleuters
    assert classes["4"].jaargroepen == {4}


def test_a_pupil_without_a_leerjaar_takes_the_agenda_that_holds_most_of_the_class(tmp_path: Path) -> None:
    # A class whose name gives no year groups has pupils of groep 1, 2 and 3 (a "1/2" with a Leerjaar 3
    # stays 1/2 and is warned about), so no agenda holds all of it. Pupils without a leerjaar (and "1/2")
    # then got the first agenda on the command line, the home visit, though the kleuters agenda holds both
    # their year groups.
    from gereedschapskist.serving import pupil_agenda

    path = tmp_path / "klassen.csv"
    path.write_text(
        "Roepnaam;Achternaam;Groep;Leerjaar\nAnna;Smit;Bijenkorf;1\nBas;Smit;Bijenkorf;\nCor;Smit;Bijenkorf;1/2\n"
        "Dirk;Smit;Bijenkorf;3\n",
        "utf-8",
    )
    [klass] = read_class_list(path)
    assert klass.jaargroepen == {1, 2, 3}
    huis, kleuters, school_ = _sample_agendas()
    chosen = {p.roepnaam: pupil_agenda(klass, p, [huis, kleuters, school_]) for p in klass.leerlingen}
    assert chosen == {"Anna": huis, "Bas": kleuters, "Cor": kleuters, "Dirk": school_}


# --- kmg plan: the confirmations of class 1/2 speak for each child's own agenda ------------------


def test_the_confirmations_of_class_1_2_take_the_texts_of_the_carriers_own_agenda(tmp_path: Path) -> None:
    # A groep-2 family's confirmation told them to call "de leerkracht van groep 1" (the contact of the
    # home-visit agenda, the first for class 1/2), where their invitation said "groep 1-2".
    from pypdf import PdfReader

    plan_dir = tmp_path / "planning"
    result = _kmg("plan", *(AGENDAS / name for name in NAMES), "--klassen", AGENDAS / "klassenlijst-voorbeeld.csv",
                  "--momenten", AGENDAS / "planning.yaml", "--uitvoer", plan_dir, "--tijd", 10)  # fmt: skip
    assert result.exit_code == 0, result.output
    letters: dict[str, str] = {}
    for page in PdfReader(plan_dir / "groep-1-2" / "bevestigingen.pdf").pages:
        text = " ".join(page.extract_text().split())
        if "Uw kennismakingsgesprek" in text:
            letters[text.split("het gesprek over ", 1)[1].split(" is.", 1)[0]] = text
    kleuters = "weten aan de leerkracht van groep 1-2, of de administratie"
    huis = "weten aan de leerkracht van groep 1, of de administratie"
    assert kleuters in letters["Finn Bakker"] and huis not in letters["Finn Bakker"]  # groep 2, at school
    assert huis in letters["Mila Jansen"]  # groep 1, a home visit


def test_the_summary_counts_the_pupils_of_class_1_2_when_only_the_letters_are_made(tmp_path: Path) -> None:
    # Each agenda's folder holds its own pupils; with --documenten uitnodigingen only the folder with the
    # letters makes anything (huisbezoek-groep-1 in the sample), and the summary must still count every
    # pupil of the class: the sample school has 48.
    agendas = [AGENDAS / name for name in NAMES]
    result = _kmg("build", *agendas, "--klassen", AGENDAS / "klassenlijst-voorbeeld.csv", "--uitvoer",
                  tmp_path / "out", "--documenten", "uitnodigingen", "--processen", 1)  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "Klaar: 6 groepen, 48 leerlingen," in result.output
