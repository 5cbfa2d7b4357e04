"""A class served by two agendas (1/2: home visit for groep 1, school for groep 1-2): each pupil gets its own.

The letters (read back with pypdf) and the plan's conversations follow one rule,
`serving.pupil_agenda`; the sample school shows both kinds in class 1/2.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from gereedschapskist.agenda.load import load_agenda
from gereedschapskist.classes import read_class_list
from gereedschapskist.classes.model import Pupil, SchoolClass
from gereedschapskist.planning.config import load_planning
from gereedschapskist.planning.tasks import build_tasks
from gereedschapskist.serving import pupil_agenda, serving_agendas

REPO = Path(__file__).resolve().parents[2]
AGENDAS = REPO / "agendas"
NAMES = ["huisbezoek-groep-1.yaml", "kleuters-groep-1-2.yaml", "school-groep-3-8.yaml"]
SAMPLE_CSV = AGENDAS / "klassenlijst-voorbeeld.csv"


def _agendas(names=NAMES):
    return [load_agenda(AGENDAS / name).agenda for name in names]


def _class(naam: str, years: set[int]) -> SchoolClass:
    return SchoolClass(naam, naam.replace("/", "-"), frozenset(years), "Juf A", ())


def _pupil(jaargroep: int | None) -> Pupil:
    return Pupil("Kim", "", "Smit", sleutel="k", jaargroep=jaargroep)


class _Agenda:
    """Just what the rule looks at: `groepen` as year groups and class names."""

    def __init__(self, name: str, *groepen: int | str) -> None:
        self.name = name
        self.year_groups = frozenset(g for g in groepen if isinstance(g, int))
        self.class_names = tuple(g for g in groepen if isinstance(g, str))


# --- the rule ---------------------------------------------------------------------------


def test_the_pupils_year_group_chooses_the_most_specific_agenda() -> None:
    huis, kleuters, school = _agendas()
    klass = _class("1/2", {1, 2})
    assert pupil_agenda(klass, _pupil(1), [huis, kleuters, school]) is huis
    assert pupil_agenda(klass, _pupil(2), [huis, kleuters, school]) is kleuters
    # the order on the command line does not matter when the year groups decide
    assert pupil_agenda(klass, _pupil(1), [kleuters, huis]) is huis


def test_an_unknown_year_group_takes_the_agenda_that_holds_the_whole_class() -> None:
    huis, kleuters, _ = _agendas()
    klass = _class("1/2", {1, 2})
    assert pupil_agenda(klass, _pupil(None), [huis, kleuters]) is kleuters
    assert pupil_agenda(klass, None, [huis, kleuters]) is kleuters


def test_without_an_agenda_for_the_whole_class_the_first_serving_one() -> None:
    one, two = _Agenda("one", 1), _Agenda("two", 2)
    klass = _class("1/2", {1, 2})
    assert pupil_agenda(klass, _pupil(None), [two, one]) is two
    assert pupil_agenda(klass, _pupil(1), [two, one]) is one
    # a year group that no serving agenda holds: the first serving one too
    assert pupil_agenda(_class("2/3", {2, 3}), _pupil(3), [one, two, _Agenda("zes", 6)]) is two
    assert pupil_agenda(_class("Taalklas", set()), _pupil(None), [one, two]) is None


def test_a_named_class_goes_to_the_agendas_that_name_it() -> None:
    wide, named, also = _Agenda("wide", 1, 2), _Agenda("named", "1/2a", 1, 2), _Agenda("also", "1/2a", 2)
    klass = _class("1/2a", {1, 2})
    assert serving_agendas(klass, [wide, named, also]) == [named, also]
    assert pupil_agenda(klass, _pupil(None), [wide, named, also]) is named
    assert pupil_agenda(klass, _pupil(2), [wide, named, also]) is also  # fewest year groups
    # ties: the command line decides
    first, second = _Agenda("first", 1, 2), _Agenda("second", 1, 2)
    assert pupil_agenda(_class("1/2", {1, 2}), _pupil(1), [second, first]) is second


def test_pairs_as_kmg_build_holds_them() -> None:
    huis, kleuters, _ = _agendas()
    pairs = [(Path("huis.yaml"), huis), (Path("kleuters.yaml"), kleuters)]
    assert pupil_agenda(_class("1/2", {1, 2}), _pupil(2), pairs) is pairs[1]


# --- the class list -----------------------------------------------------------------------


def test_the_builder_keeps_a_pupils_own_year_group_in_a_combination_class(tmp_path: Path) -> None:
    path = tmp_path / "klassen.csv"
    path.write_text(
        "Roepnaam;Achternaam;Groep;Jaargroep\nAnna;Smit;1/2;1\nBas;Smit;1/2;2\nCor;Smit;1/2;\nDaan;Smit;4;4\n"
        "Eva;Smit;5/6;7\n",
        encoding="utf-8",
    )
    classes = {klass.naam: klass for klass in read_class_list(path)}
    assert [(p.roepnaam, p.jaargroep) for p in classes["1/2"].leerlingen] == [("Anna", 1), ("Bas", 2), ("Cor", None)]
    assert classes["1/2"].jaargroepen == {1, 2}
    assert classes["4"].leerlingen[0].jaargroep is None  # one year group: nothing to choose
    # the Leerjaar column decides the class's year groups, as before: 5/6 with a pupil in 7 is groep 7
    assert classes["5/6"].jaargroepen == {7} and classes["5/6"].leerlingen[0].jaargroep is None


def test_the_three_samples_give_each_pupil_of_class_1_2_its_year_group() -> None:
    expected = None
    for suffix in ("csv", "xlsx", "xml"):
        klass = next(k for k in read_class_list(AGENDAS / f"klassenlijst-voorbeeld.{suffix}") if k.naam == "1/2")
        years = {pupil.naam: pupil.jaargroep for pupil in klass.leerlingen}
        assert set(years.values()) == {1, 2}
        assert expected in (None, years)
        expected = years
    assert expected["Mila Jansen"] == 1 and expected["Zoë van der Berg"] == 2


# --- the plan ---------------------------------------------------------------------------------


def test_the_plan_gives_each_pupil_of_class_1_2_the_length_and_moments_of_its_own_agenda() -> None:
    class_list = read_class_list(SAMPLE_CSV)
    config = load_planning(AGENDAS / "planning.yaml").raise_for_errors()
    problem = build_tasks(class_list, [(AGENDAS / n, a) for n, a in zip(NAMES, _agendas(), strict=True)], config, {})
    tasks = {task.pupils[0].naam: task for task in problem.tasks if task.klass.naam == "1/2"}
    mila, zoe = tasks["Mila Jansen"], tasks["Zoë van der Berg"]
    assert (mila.duration, mila.huisbezoek, mila.gap) == (60, True, config.reistijd)
    assert (zoe.duration, zoe.huisbezoek, zoe.gap) == (20, False, config.wisseltijd)
    names = [moment.naam for moment in config.momenten]
    assert {names[i] for i in mila.moments} == {
        "maandag 14 september, 15.00–18.00",
        "woensdag 16 september, 13.00–17.00",
        "donderdag 17 september, 15.00–18.00",
    }
    assert {names[i] for i in zoe.moments} == {"maandag 7 september, 14.00–17.00", "dinsdag 8 september, 15.00–19.00"}
    # groep 3-8 is as before: one agenda
    assert {task.duration for task in problem.tasks if task.klass.naam == "7"} == {25}


# --- the letters (kmg build, read back with pypdf) -------------------------------------------


@pytest.fixture(scope="module")
def letters(tmp_path_factory) -> Path:
    from typer.testing import CliRunner

    from gereedschapskist.cli import app

    out = tmp_path_factory.mktemp("brieven") / "out"
    result = CliRunner().invoke(
        app,
        [
            "build", *(str(AGENDAS / n) for n in NAMES), "--klassen", str(SAMPLE_CSV), "--uitvoer", str(out),
            "--documenten", "uitnodigingen", "--processen", "1",
        ],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    return out


def _letters_in(path: Path) -> list[str]:
    """The text of each letter: from a page with the title up to the next one (the slip may be on the back)."""
    found: list[str] = []
    for page in PdfReader(path).pages:
        text = " ".join(page.extract_text(extraction_mode="layout").split())  # as a reader sees it
        if "Uitnodiging voor een kennismakingsgesprek" in text:
            found.append(text)
        elif found:
            found[-1] += " " + text
    return found


def _letter_for(letters: list[str], name: str) -> str:
    [text] = [text for text in letters if f"Voor: {name} " in text]
    return text


HOME = "De leerkracht komt bij u thuis."
SCHOOL = "Het gesprek is op school en duurt ongeveer 20 minuten."


def test_class_1_2_has_home_visit_letters_for_groep_1_and_school_letters_for_groep_2(letters: Path) -> None:
    # one uitnodigingen.pdf for the class, where it always was: in the folder of the first agenda
    assert sorted(p.relative_to(letters).as_posix() for p in letters.glob("groep-1-2/**/uitnodigingen.pdf")) == [
        "groep-1-2/huisbezoek-groep-1/uitnodigingen.pdf"
    ]
    found = _letters_in(letters / "groep-1-2" / "huisbezoek-groep-1" / "uitnodigingen.pdf")
    mila = _letter_for(found, "Mila Jansen")  # jaargroep 1
    assert HOME in mila and "ongeveer 60 minuten" in mila and "op school" not in mila
    assert "maandag 14 september" in mila and "maandag 7 september" not in mila
    for name in ("Zoë van der Berg", "Noah de Vries", "Finn Bakker", "Bảo Nguyễn"):  # jaargroep 2
        text = _letter_for(found, name)
        assert SCHOOL in text and "bij u thuis" not in text, name
        assert "maandag 7 september" in text and "maandag 14 september" not in text


def test_a_family_with_a_home_visit_and_a_school_conversation_gets_both_on_one_letter(letters: Path) -> None:
    # Sem (groep 1 in class 1/2, home visit) and his sister Eva (groep 7, school): the letter goes via Eva
    found = _letters_in(letters / "groep-7" / "uitnodigingen.pdf")
    [text] = [text for text in found if "Sem Visser" in text]
    assert "Voor Eva Schouten: het gesprek is op school en duurt ongeveer 25 minuten." in text
    assert re.search(r"Voor Sem Visser: de leerkracht komt bij u thuis\..*ongeveer 60 minuten", text)
    assert "Het gesprek is op school en duurt" not in text  # no sentence that speaks for both
    # the slip offers the moments of both agendas
    assert "dinsdag 8 september" in text and "maandag 14 september" in text


def test_every_household_has_one_letter_and_one_row(letters: Path) -> None:
    codes = []
    for path in letters.rglob("uitnodigingen.pdf"):
        for text in _letters_in(path):
            slip = text.split("Antwoordstrookje", 1)[1]  # the code is printed large on the slip, right of the names
            codes += re.findall(r"(?<![\w-])([A-Z0-9]{2}-[A-Z0-9]{3})(?![\w-])", slip)
    rows = list(csv.DictReader(io.StringIO((letters / "antwoorden.csv").read_text("utf-8-sig")), delimiter=";"))
    assert len(codes) == len(set(codes)) == len(rows)
    assert sorted(codes) == sorted(row["code"] for row in rows)


PLANNING = """\
versie: 1
momenten:
  - {naam: "maandag 7 september, 14.00–17.00", datum: 2026-09-07, van: "14:00", tot: "16:00", groepen: [1, 2]}
  - naam: "dinsdag 8 september, 15.00–19.00"
    datum: 2026-09-08
    van: "15:00"
    tot: "19:00"
    groepen: [3, 4, 5, 6, 7, 8]
  - naam: "woensdag 9 september, 12.30–16.00"
    datum: 2026-09-09
    van: "12:30"
    tot: "16:00"
    groepen: [3, 4, 5, 6, 7, 8]
  - {naam: "maandag 14 september, 15.00–18.00", datum: 2026-09-14, van: "15:00", tot: "18:00", groepen: [1, 2]}
  - {naam: "woensdag 16 september, 13.00–17.00", datum: 2026-09-16, van: "13:00", tot: "17:00", groepen: [1, 2]}
  - {naam: "donderdag 17 september, 15.00–18.00", datum: 2026-09-17, van: "15:00", tot: "18:00", groepen: [1, 2]}
"""


def test_a_class_whose_pupils_have_different_moments_is_planned_and_checked(tmp_path: Path) -> None:
    # Class 1/2: two hours at school for groep 2 (4 x 20 min), three afternoons of home visits for groep 1.
    # The check before solving counted only the moments of the class's first pupil and called it impossible.
    from gereedschapskist.planning.explain import precheck
    from gereedschapskist.planning.solve import plan
    from gereedschapskist.planning.verify import check_schedule

    (tmp_path / "planning.yaml").write_text(PLANNING, encoding="utf-8")
    config = load_planning(tmp_path / "planning.yaml").raise_for_errors()
    class_list = read_class_list(SAMPLE_CSV)
    agendas = [(AGENDAS / n, a) for n, a in zip(NAMES, _agendas(), strict=True)]
    assert precheck(build_tasks(class_list, agendas, config, {})) == []
    schedule = plan(class_list, agendas, config, {}, seconds=10)
    assert check_schedule(schedule.conversations, class_list, agendas, config, {}) == []
    lengths = {
        (c.huisbezoek, (c.eind.hour * 60 + c.eind.minute) - (c.begin.hour * 60 + c.begin.minute))
        for c in schedule.conversations
        if c.klas == "1/2"
    }
    assert lengths == {(True, 60), (False, 20)}


def test_the_schedule_of_class_1_2_does_not_claim_one_length_for_all(tmp_path: Path) -> None:
    # "Gesprekken 8, van 60 minuten (huisbezoek)" was wrong for the groep-2 pupils at school
    from types import SimpleNamespace

    from gereedschapskist.cli.plan import _documents
    from gereedschapskist.planning.solve import plan

    class_list = read_class_list(SAMPLE_CSV)
    checked = [SimpleNamespace(path=AGENDAS / n, agenda=a) for n, a in zip(NAMES, _agendas(), strict=True)]
    config = load_planning(AGENDAS / "planning.yaml").raise_for_errors()
    schedule = plan(class_list, [(c.path, c.agenda) for c in checked], config, {}, seconds=10)
    files = _documents(schedule, class_list, checked, None)

    def header(folder: str) -> str:
        text = " ".join(PdfReader(io.BytesIO(files[Path(folder) / "rooster.pdf"])).pages[0].extract_text().split())
        return text.split("Gesprekken", 1)[1][:40]

    assert header("groep-1-2").startswith(" 8 ") and "minuten" not in header("groep-1-2")
    assert "Huisbezoek:" in " ".join(
        PdfReader(io.BytesIO(files[Path("groep-1-2") / "rooster.pdf"])).pages[0].extract_text().split()
    )
    assert header("groep-7").startswith(" 8, van 25 minuten")  # one agenda: as before


def test_a_letter_depends_on_the_agendas_it_speaks_for_and_no_others() -> None:
    # the cache: a change in the home-visit agenda re-renders a groep-7 letter that mentions a home visit
    from gereedschapskist.batch import Job
    from gereedschapskist.invitations import Child, Letter, conversation_lines

    huis, kleuters, school = _agendas()
    letter = Letter(
        "AB-CDE", (Child("Sem Visser", "Groep 1/2", "Juf A", 0), Child("Eva Schouten", "Groep 7", "Juf B", 2)),
        ("Marloes Schouten",), 1, 1, agenda=2,
    )  # fmt: skip
    job = Job(school, AGENDAS / NAMES[2], None, Path("groep-7"), letters=(letter,), agendas=(huis, kleuters, school))
    longer = huis.model_copy(update={"duur": 75})
    other = kleuters.model_copy(update={"duur": 25})
    assert job.key("") != Job(**{**job.__dict__, "agendas": (longer, kleuters, school)}).key("")
    assert job.key("") == Job(**{**job.__dict__, "agendas": (huis, other, school)}).key("")
    dutch, english = conversation_lines(letter, (huis, kleuters, school))
    assert dutch[0] == "Voor Eva Schouten: het gesprek is op school en duurt ongeveer 25 minuten."
    assert dutch[1].startswith("Voor Sem Visser: de leerkracht komt bij u thuis.")
    assert english[1].startswith("For Sem Visser: the teacher will visit you at home")
    # one kind of conversation for every child: the letter's own sentence is enough
    same = Letter("AB-CDE", (Child("Eva Schouten", "Groep 7", "Juf B", 2),), (), 1, 1, agenda=2)
    assert conversation_lines(same, (huis, kleuters, school)) == ((), ())
