"""rooster.pdf and bevestigingen.pdf, read back with pypdf: what the teacher and the families get on paper."""

from __future__ import annotations

import dataclasses
import io
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from gereedschapskist.planning import pdf

from .sample_schedule import (
    AHMED,
    CLASS_LIST,
    CONVERSATIONS,
    DAAN,
    GROEP3,
    GROEP5,
    NOOR,
    ZOE,
    talk,
)

sys.path.insert(0, str(Path(__file__).parents[1] / "render"))
from agendas import agenda as make_agenda  # noqa: E402


@pytest.fixture(scope="module")
def renderer():
    return pdf.make_renderer()


def pages_text(data: bytes) -> list[str]:
    return [" ".join((page.extract_text() or "").split()) for page in PdfReader(io.BytesIO(data)).pages]


def rooster(renderer, klass, conversations=CONVERSATIONS, agenda=None) -> list[str]:
    school = pdf.School(CLASS_LIST)
    context = pdf.rooster_context(klass, agenda, conversations, school, conversations)
    return pages_text(pdf.render_pdf(renderer, pdf.ROOSTER_TEMPLATE, context, "rooster"))


def letters_pdf(renderer, klass, letters, agenda=None) -> list[str]:
    context = pdf.letters_context(klass, agenda, letters)
    return pages_text(pdf.render_pdf(renderer, pdf.LETTERS_TEMPLATE, context, "bevestigingen"))


def test_rooster_lists_the_conversations_in_time_order_with_who_comes_and_the_slip_topics(renderer):
    text = " ".join(rooster(renderer, GROEP5, agenda=make_agenda(school="OBS De Regenboog")))
    assert "Groep 5a" in text and "Juf Anouk de Wit" in text and "OBS De Regenboog" in text
    assert "Dinsdag 8 september 2026" in text and "Dinsdagmiddag" in text
    # time order, both households of Daan (apart) with their own parent
    times = ["15.00–15.25", "15.30–15.55", "16.00–16.35", "17.00–17.25"]
    positions = [text.index(t) for t in times]
    assert positions == sorted(positions)
    assert text.index("Marieke Bakker") < text.index("15.30–15.55") < text.index("Tom Bakker")
    assert "Apart gesprek" in text
    assert "Daan wil graag meer uitdaging bij rekenen." in text
    assert "taalhulp" in text
    assert "Fatima van den Berg" in text
    # the sibling in another class, so that the teacher keeps time (same household only when apart)
    assert "Ook: Sem (groep 3) om 16.40" in text
    assert "Ook: Noor (groep 3) om 15.00" in text and "Noor (groep 3) om 15.00; Noor" not in text
    assert "vrij" in text  # 16.35-17.00 is free time
    # nothing of the other class
    assert "Noor slaapt slecht" not in text


def test_rooster_of_a_home_visit_class_names_the_address(renderer):
    visit = (talk(GROEP3, NOOR, "15:00", "15:30", huisbezoek=True, plaats="Dorpsstraat 12, 1234 AB Ergens"),)
    text = " ".join(rooster(renderer, GROEP3, visit))
    assert "Huisbezoek: Dorpsstraat 12, 1234 AB Ergens" in text
    assert "(huisbezoek)" in text


def test_one_letter_per_household_through_the_oldest_child(renderer):
    letters = pdf.letters_for_classes(CONVERSATIONS, CLASS_LIST, {})
    # Daan (born 2017) is older than Noor; Zoë and Sem have no birth date: the higher year group (5a)
    assert set(letters) == {"5a"}
    mine = letters["5a"]
    assert [letter.aan for letter in mine] == [
        "Marieke Bakker",
        "Tom Bakker",
        "Fatima van den Berg en Joost van den Berg",
        f"de ouders en verzorgers van {AHMED.naam}",
    ]
    marieke, tom, berg, ahmed = mine
    # separated parents who come apart: each household only its own conversations
    rows = {letter.aan: [(row.kind, row.tijd) for row in letter.rijen] for letter in mine}
    assert rows["Marieke Bakker"] == [("Noor Bakker", "15.00–15.20"), (DAAN.naam, "15.00–15.25")]
    assert rows["Tom Bakker"] == [("Noor Bakker", "15.25–15.45"), (DAAN.naam, "15.30–15.55")]
    assert marieke.code == "K7-4QF" and tom.code == "M3-9TX"
    assert berg.achter_elkaar and berg.taalhulp and not berg.apart
    assert marieke.apart and ahmed.rijen[0].plaats == "Lokaal 5a" and ahmed.code == ""


def test_each_letter_starts_on_an_odd_page_and_carries_no_address_or_phone(renderer):
    letters = pdf.letters_for_classes(CONVERSATIONS, CLASS_LIST, {})["5a"]
    pages = letters_pdf(renderer, GROEP5, letters, make_agenda(school="OBS De Regenboog"))
    starts = [number for number, text in enumerate(pages, start=1) if "Uw kennismakingsgesprek" in text]
    assert len(starts) == 4
    assert all(number % 2 == 1 for number in starts)
    first = pages[starts[0] - 1]
    assert "Marieke Bakker" in first and "dinsdag 8 september 2026" in first and "15.00–15.20" in first
    assert "Lokaal 3" in first and "Meester Rik" in first and "Juf Anouk de Wit" in first
    assert "OBS De Regenboog" in first and "Uw code: K7-4QF" in first
    everything = " ".join(pages)
    for private in ("Dorpsstraat", "1234 AB", "06-11111111", "marieke@example.org", "slaapt slecht"):
        assert private not in everything
    assert "direct na elkaar" in pages[starts[2] - 1]
    assert "taal" in pages[starts[2] - 1]


def test_letters_go_through_the_youngest_when_the_agenda_says_so(renderer):
    jongste = make_agenda(uitnodiging={"via": "jongste"})
    assert jongste.uitnodiging.via == "jongste"
    letters = pdf.letters_for_classes(CONVERSATIONS, CLASS_LIST, {"3": jongste, "5a": jongste})
    # Noor (2019) is younger than Daan; Sem and Zoë: the lower year group
    assert [letter.aan for letter in letters["3"]] == [
        "Marieke Bakker",
        "Tom Bakker",
        "Fatima van den Berg en Joost van den Berg",
    ]
    assert [letter.kinderen for letter in letters["5a"]] == [AHMED.naam]


def test_home_visit_letter_says_at_home_without_the_address(renderer):
    visit = (talk(GROEP5, ZOE, "15:00", "15:30", huisbezoek=True, plaats="Lindelaan 8, 1234 EF Ergens"),)
    letters = pdf.letters_for_classes(visit, CLASS_LIST, {})["5a"]
    text = " ".join(letters_pdf(renderer, GROEP5, letters, make_agenda(school="OBS De Regenboog")))
    assert "bij u thuis" in text and "De leerkracht komt bij u thuis" in text
    assert "geen controle" in text  # the agenda's uitnodiging.huisbezoek sentence
    assert "Lindelaan" not in text


def test_without_families_every_pupil_gets_a_letter(renderer):
    plain = dataclasses.replace(CLASS_LIST, families=())
    talks = tuple(dataclasses.replace(c, gezin="") for c in CONVERSATIONS if not c.apart)
    letters = pdf.letters_for_classes(talks, plain, {})
    assert sum(len(v) for v in letters.values()) == 3
    assert all(letter.aan.startswith("de ouders en verzorgers van") for v in letters.values() for letter in v)


def test_dutch_dates_and_times():
    from datetime import date, time

    assert pdf.day_label(date(2026, 9, 8)) == "dinsdag 8 september 2026"
    assert pdf.span(time(9, 5), time(9, 30)) == "9.05–9.30"


def test_time_between_two_home_visits_is_travel_not_free_time(renderer):
    # The teacher's schedule showed the 15 minutes to the next address as "vrij".
    visits = (
        talk(GROEP3, NOOR, "15:00", "15:30", huisbezoek=True, plaats="Dorpsstraat 12, 1234 AB Ergens"),
        talk(GROEP3, ZOE, "15:45", "16:15", huisbezoek=True, plaats="Kerkweg 3, 1234 AC Ergens"),
    )
    text = " ".join(rooster(renderer, GROEP3, visits))
    assert "15.30–15.45 onderweg naar het volgende adres" in text
    assert " vrij" not in text
