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
