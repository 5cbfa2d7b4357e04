"""The teacher's guide (leidraad): agenda table, time bar, tips and the class checklist."""

from __future__ import annotations

import re

from gereedschapskist.render import RenderedPdf, Renderer

from .agendas import agenda, home_visit_agenda, school_class
from .conftest import page_texts, reader


def flat(pdf: RenderedPdf) -> str:
    return re.sub(r"\s+", " ", " ".join(page_texts(pdf)))


def test_guide_pages_and_header(class_guide: RenderedPdf) -> None:
    # Agenda and tips on the first sheet, the checklist on a sheet of its own.
    assert class_guide.pages == 3
    assert class_guide.warnings == ()
    first = page_texts(class_guide)[0]
    for expected in ("OBS De Regenboog", "2026-2027", "4/5", "Juf Ingrid Hoekstra", "Op school", "25 minuten"):
        assert expected in first
    assert "Leidraad · Groep 4/5 · OBS De Regenboog · 2026-2027" in first
    assert "pagina 1 van 3" in first


def test_agenda_table_has_clock_times_titles_and_every_question(class_guide: RenderedPdf) -> None:
    text = flat(class_guide)
    start = 0
    for topic in agenda().onderwerpen:
        end = start + topic.minuten
        assert f"0:{start:02d}–0:{end:02d}" in text
        assert topic.titel in text
        for question in [*topic.leerling, *topic.ouder, *topic.leerkracht, *topic.samen]:
            assert question in text, question
        start = end
    for label in ("Leerling", "Ouder(s)/ verzorger(s)", "Leerkracht", "SAMEN"):
        assert label in text


def test_time_bar_labels_every_topic(class_guide: RenderedPdf) -> None:
    text = flat(class_guide)
    assert "Verdeling van de tijd" in text
    for number, topic in enumerate(agenda().onderwerpen, start=1):
        assert f"{number} {topic.titel} ({topic.minuten} min)" in text
    for tick in ("0:00", "0:05", "0:10", "0:25"):
        assert tick in text


def test_tips_from_the_seed(class_guide: RenderedPdf) -> None:
    text = flat(class_guide)
    for phrase in (
        "complimentjes",
        "trialoog",
        "verhaal van de ouders",
        "schijn van controle",
        "Laat nooit de leerling tolken",
        "gescheiden ouders",
        "afgesproken 25 minuten",
    ):
        assert phrase in text, phrase
    assert "Bij een huisbezoek" not in text


def test_home_visit_tips(renderer: Renderer) -> None:
    text = flat(renderer.guide_pdf(home_visit_agenda(), None))
    assert "Huisbezoek" in text
    assert "Bij een huisbezoek" in text
    for phrase in ("eigen terrein", "meer familieleden", "kost een uur", "vooral bij een huisbezoek"):
        assert phrase in text, phrase


def test_note_when_the_pupil_is_not_present(renderer: Renderer) -> None:
    text = flat(renderer.guide_pdf(agenda(leerling_aanwezig=False), school_class(3)))
    assert "De leerling is bij deze gesprekken niet aanwezig." in text
    assert "Over de leerling" in text
    assert "De leerling is erbij" not in text


def test_checklist_lists_every_pupil_in_order(class_guide: RenderedPdf) -> None:
    texts = page_texts(class_guide)
    checklist = " ".join(texts[2:])
    assert "Afvinklijst Groep 4/5" in checklist
    names = [pupil.naam for pupil in school_class(28).leerlingen]
    positions = [checklist.index(name) for name in names]
    assert positions == sorted(positions)
    for header in ("Datum en tijd", "Gevoerd", "Notities"):
        assert header in checklist
    assert checklist.count("ja") >= 28 and checklist.count("nee") >= 28


def test_checklist_without_a_class_has_empty_rows(renderer: Renderer) -> None:
    guide = renderer.guide_pdf(agenda(), None)
    checklist = page_texts(guide)[-1]
    assert "Afvinklijst" in checklist
    assert checklist.count("nee") == 25
    assert re.search(r"\b25\b", checklist)


def test_guide_is_tagged_with_title_and_language(class_guide: RenderedPdf) -> None:
    pdf = reader(class_guide)
    root = pdf.trailer["/Root"]
    assert "/StructTreeRoot" in root
    assert root["/Lang"] == "nl"
    assert pdf.metadata.title == "Leidraad Kennismakingsgesprek groep 3 t/m 8 – Groep 4/5 – OBS De Regenboog 2026-2027"
    assert "/CreationDate" not in pdf.metadata


def test_guide_is_deterministic(renderer: Renderer, class_guide: RenderedPdf) -> None:
    assert renderer.guide_pdf(agenda(), school_class(28)).data == class_guide.data


def test_long_agenda_keeps_the_checklist_on_its_own_sheet(renderer: Renderer) -> None:
    guide = renderer.guide_pdf(home_visit_agenda(), school_class(32))
    texts = page_texts(guide)
    start = next(i for i, text in enumerate(texts) if "Afvinklijst" in text)
    assert start % 2 == 0  # 0-based: an odd page number, the front of a sheet


def _one_flow_guide(renderer: Renderer, guide_agenda, klass) -> bytes:
    """The guide as WeasyPrint prints it in one flow, without the two layers."""
    from gereedschapskist.render import views
    from gereedschapskist.render.renderer import GUIDE_TEMPLATE

    layout = renderer._layout(GUIDE_TEMPLATE, views.guide_context(guide_agenda, klass), forms=0)
    return renderer.write(layout, "leidraad").data


def test_layered_guide_is_byte_for_byte_the_one_flow_guide(renderer: Renderer) -> None:
    cases = [
        (agenda(), school_class(28)),
        (agenda(), school_class(12, naam="7", leerkracht="Meester Bas")),
        (agenda(), None),
        (home_visit_agenda(), school_class(32)),
        (agenda(leerling_aanwezig=False), school_class(20)),
        # A teacher's name that wraps makes the header taller: the content moves down with it.
        (agenda(), school_class(5, leerkracht="Juf " + " ".join(["Anne-Marieke van den Hoogenband"] * 4))),
    ]
    for guide_agenda, klass in cases:
        assert renderer.guide_pdf(guide_agenda, klass).data == _one_flow_guide(renderer, guide_agenda, klass)


def test_guide_from_a_schools_own_template_is_printed_in_one_flow(tmp_path) -> None:
    (tmp_path / "leidraad.html.j2").write_text(
        '{% extends "basis.html.j2" %}{% block body %}<div class="leidraad"><h1>Eigen {{ klas }}</h1></div>'
        "{% endblock %}",
        encoding="utf-8",
    )
    guide = Renderer([tmp_path]).guide_pdf(agenda(), school_class(3))
    assert guide.pages == 1
    assert "Eigen Groep 4/5" in flat(guide)
