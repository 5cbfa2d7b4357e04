"""`kmg build --planning`: forms in conversation order with date, time, place and the family's topics;
the guide's checklist with the times. Read back with pypdf."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from gereedschapskist.planning.forms import Appointment, planned_class, planning_digest

from ..planning.sample_schedule import CONVERSATIONS, DAAN, GROEP3, GROEP5, NOOR, SEM, ZOE

sys.path.insert(0, str(Path(__file__).parents[1] / "render"))
from agendas import agenda  # noqa: E402


def form_texts(data: bytes) -> list[str]:
    """The text of each form (a form starts where "pagina 1 van" stands)."""
    forms: list[str] = []
    for page in PdfReader(io.BytesIO(data)).pages:
        text = " ".join((page.extract_text() or "").split())
        if not text:
            continue  # a blank filler page
        if "pagina 1 van" in text or not forms:
            forms.append(text)
        else:
            forms[-1] += " " + text
    return forms


def test_a_class_in_conversation_order_with_a_form_per_conversation() -> None:
    klass, planned = planned_class(GROEP3, CONVERSATIONS)
    # Noor's separated parents come apart: two forms for Noor, then Sem
    assert [p.naam for p in klass.leerlingen] == [NOOR.naam, NOOR.naam, SEM.naam]
    assert [a.tijd for a in planned] == ["15.00–15.20", "15.25–15.45", "16.40–17.10"]
    assert planned[0].dag == "dinsdag 8 september 2026" and planned[0].kort == "di 8 sep 15.00"
    assert planned[0].onderwerpen == "Noor slaapt slecht sinds de verhuizing."
    assert planned[0].plaats == "Lokaal 3"


def test_pupils_the_planning_does_not_know_come_last_without_a_time() -> None:
    only_zoe = [c for c in CONVERSATIONS if c.leerlingen == (ZOE.sleutel,)]
    klass, planned = planned_class(GROEP5, only_zoe)
    assert klass.leerlingen[0] == ZOE and planned[0] is not None
    assert set(klass.leerlingen[1:]) == set(GROEP5.leerlingen) - {ZOE}
    assert planned[1:] == (None, None)


def test_conversations_named_by_pupil_name_are_found_too() -> None:
    import dataclasses

    by_name = [dataclasses.replace(c, leerlingen=(DAAN.naam,)) for c in CONVERSATIONS if DAAN.sleutel in c.leerlingen]
    klass, planned = planned_class(GROEP5, by_name)
    assert klass.leerlingen[:2] == (DAAN, DAAN) and planned[0] is not None and planned[1] is not None


def test_the_cache_digest_follows_what_the_forms_show() -> None:
    _, planned = planned_class(GROEP3, CONVERSATIONS)
    moved = (Appointment(planned[0].dag, "17.00–17.20", planned[0].plaats, planned[0].onderwerpen, "di 8 sep 17.00"),)
    assert planning_digest(planned) == planning_digest(tuple(planned))
    assert planning_digest(moved + planned[1:]) != planning_digest(planned)
    assert NOOR.roepnaam not in planning_digest(planned)


@pytest.fixture(scope="module")
def renderer():
    from gereedschapskist.render import Renderer

    return Renderer()


def test_forms_show_date_time_place_and_the_slip_topics_under_the_reciprocal_topic(renderer) -> None:
    klass, planned = planned_class(GROEP3, CONVERSATIONS)
    forms = form_texts(renderer.forms_pdf(agenda(), klass, planned).data)
    assert len(forms) == 3
    first, second, third = forms
    assert NOOR.naam in first and "dinsdag 8 september 2026" in first and "15.00–15.20" in first
    assert "Lokaal 3" in first
    topic = first.index("Wederkerige agenda")
    slip = first.index("Op het antwoordstrookje Noor slaapt slecht sinds de verhuizing.")
    assert topic < slip < first.index("Overgang naar deze groep")
    assert "15.25–15.45" in second and "antwoordstrookje" not in second
    assert SEM.naam in third and "16.40–17.10" in third and "Zwemles en vriendjes" in third
    # each form starts on a right-hand page, as without a planning
    reader = PdfReader(io.BytesIO(renderer.forms_pdf(agenda(), klass, planned).data))
    starts = [n for n, page in enumerate(reader.pages, 1) if "pagina 1 van" in (page.extract_text() or "")]
    assert all(n % 2 == 1 for n in starts) and len(starts) == 3


def test_without_a_planning_the_forms_keep_blank_date_fields(renderer) -> None:
    forms = form_texts(renderer.forms_pdf(agenda(), GROEP3).data)
    assert "antwoordstrookje" not in " ".join(forms) and "15.00" not in " ".join(forms)


def test_the_guide_checklist_lists_the_conversations_with_their_times(renderer) -> None:
    klass, planned = planned_class(GROEP3, CONVERSATIONS)
    pages = PdfReader(io.BytesIO(renderer.guide_pdf(agenda(), klass, planned).data)).pages
    checklist = " ".join((pages[-1].extract_text() or "").split())
    assert "Afvinklijst" in checklist
    rows = [checklist.index(t) for t in ("di 8 sep 15.00", "di 8 sep 15.25", "di 8 sep 16.40")]
    assert rows == sorted(rows)
    assert checklist.index(NOOR.naam) < rows[0] < checklist.index(SEM.naam) < rows[2]


# --- kmg build --planning ----------------------------------------------------------------------

REPO = Path(__file__).resolve().parents[2]
SCHOOL = REPO / "agendas" / "school-groep-3-8.yaml"  # a reciprocal-agenda topic, groepen 3-8


def small_school(tmp_path: Path) -> Path:
    listing = tmp_path / "klassen.csv"
    listing.write_text(
        "Roepnaam;Achternaam;Groep;Leerkracht\nAda;Jansen;3;Meester Rik\nBram;Visser;3;Meester Rik\n"
        "Cas;de Wit;3;Meester Rik\n",
        encoding="utf-8",
    )
    return listing


def write_planning(tmp_path: Path, listing: Path, times: dict[str, str], topics: dict[str, str]) -> Path:
    """planning.csv as kmg plan writes it, for the pupils named in `times` (first name -> "15:00")."""
    from datetime import date, time

    from gereedschapskist.classes import read_class_list
    from gereedschapskist.planning.csvout import write_planning_csv
    from gereedschapskist.planning.model import Conversation, Schedule

    class_list = read_class_list(listing)
    pupils = {pupil.roepnaam: (klass, pupil) for klass, pupil in class_list.pupils()}
    conversations = []
    for name, begin in times.items():
        klass, pupil = pupils[name]
        hour, minute = map(int, begin.split(":"))
        conversations.append(
            Conversation(
                date(2026, 9, 8),
                time(hour, minute),
                time(hour, minute + 25),
                "di 8 sep",
                klass.naam,
                klass.leerkracht,
                (pupil.sleutel,),
                pupil.gezin,
                1,
                "",
                "Lokaal 3",
                False,
                False,
                False,
                topics.get(name, ""),
            )
        )
    path = tmp_path / "planning.csv"
    write_planning_csv(Schedule(tuple(conversations)), class_list, path)
    return path


def test_build_with_planning_fills_the_forms_in_conversation_order(kmg, tmp_path: Path) -> None:
    listing = small_school(tmp_path)
    planning = write_planning(
        tmp_path, listing, {"Cas": "15:00", "Ada": "15:30"}, {"Cas": "Cas wil graag over zijn konijn praten."}
    )
    out = tmp_path / "out"
    result = kmg("build", SCHOOL, "--klassen", listing, "--planning", planning, "--uitvoer", out, "-j", "1")
    assert result.exit_code == 0, result.output
    # Bram is not in planning.csv: said (no name), and his form comes last without a time
    assert "groep 3: 1 leerling staat niet in planning.csv" in result.output
    assert "Bram" not in result.output
    forms = form_texts((out / "groep-3" / "gespreksformulieren.pdf").read_bytes())
    assert [next(n for n in ("Cas de Wit", "Ada Jansen", "Bram Visser") if n in f) for f in forms] == [
        "Cas de Wit",
        "Ada Jansen",
        "Bram Visser",
    ]
    assert "dinsdag 8 september 2026" in forms[0] and "15.00–15.25" in forms[0] and "Lokaal 3" in forms[0]
    wederkerig = forms[0].index("Wederkerige agenda")
    assert forms[0].index("Op het antwoordstrookje Cas wil graag over zijn konijn praten.") > wederkerig
    assert "15.30–15.55" in forms[1] and "antwoordstrookje" not in forms[1]
    assert "15." not in forms[2].split("Tijd")[1][:12]  # Bram: an empty time field
    checklist = " ".join(PdfReader(out / "groep-3" / "leidraad.pdf").pages[-1].extract_text().split())
    assert "1 Cas de Wit di 8 sep 15.00" in checklist and "2 Ada Jansen di 8 sep 15.30" in checklist
    assert "3 Bram Visser ja" in checklist


def test_the_cache_knows_the_planning(kmg, tmp_path: Path) -> None:
    listing = small_school(tmp_path)
    out = tmp_path / "out"
    planning = write_planning(tmp_path, listing, {"Ada": "15:00", "Bram": "15:30", "Cas": "16:00"}, {})
    args = ("build", SCHOOL, "--klassen", listing, "--planning", planning, "--uitvoer", out, "-j", "1")
    assert kmg(*args).exit_code == 0
    assert "niet veranderd" in kmg(*args).output  # the same planning: nothing to make
    write_planning(tmp_path, listing, {"Ada": "15:00", "Bram": "15:30", "Cas": "16:05"}, {})
    again = kmg(*args)
    assert again.exit_code == 0 and "niet veranderd" not in again.output
    forms = form_texts((out / "groep-3" / "gespreksformulieren.pdf").read_bytes())
    assert "16.05–16.30" in forms[2]
    write_planning(tmp_path, listing, {"Ada": "15:00", "Bram": "15:30", "Cas": "16:05"}, {"Ada": "Zwemmen"})
    assert "niet veranderd" not in kmg(*args).output  # a family's topics are on the form too


def test_planning_needs_the_class_list(kmg, tmp_path: Path) -> None:
    result = kmg("build", SCHOOL, "--planning", tmp_path / "planning.csv", "--uitvoer", tmp_path / "out")
    assert result.exit_code == 2 and "--klassen" in result.output
    assert not (tmp_path / "out").exists()


def test_a_missing_planning_file_is_one_dutch_sentence(kmg, tmp_path: Path) -> None:
    listing = small_school(tmp_path)
    result = kmg("build", SCHOOL, "-k", listing, "--planning", tmp_path / "weg.csv", "-o", tmp_path / "out")
    assert result.exit_code == 2 and "weg.csv" in result.output and "bestaat niet" in result.output


def test_build_with_planning_leaves_the_invitations_alone(kmg, tmp_path: Path) -> None:
    listing = small_school(tmp_path)
    out = tmp_path / "out"
    planning = write_planning(tmp_path, listing, {"Ada": "15:00", "Bram": "15:30", "Cas": "16:00"}, {})
    result = kmg("build", SCHOOL, "-k", listing, "--planning", planning, "-o", out, "-j", "1")
    assert result.exit_code == 0, result.output
    # the replies are in: no new invitations, no new antwoorden.csv
    assert sorted(p.name for p in (out / "groep-3").iterdir() if not p.name.startswith(".")) == [
        "gespreksformulieren.pdf",
        "leidraad.pdf",
    ]
    assert not (out / "antwoorden.csv").exists()
