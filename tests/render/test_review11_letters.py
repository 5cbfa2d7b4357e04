"""Review of issue 11: defects found by printing the letters of hostile households."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from gereedschapskist.classes.model import ClassList
from gereedschapskist.invitations import plan_letters
from gereedschapskist.render import Renderer
from gereedschapskist.render.invitations import invitations_pdf

from . import families
from .agendas import agenda
from .conftest import page_texts

SECRET = bytes(range(32))


def review_agenda():
    """The agenda's own `uitnodiging:` section (no monkeypatching: the layer cache keys on the agenda)."""
    section = {"antwoord_voor": "2026-09-07", "momenten": ["dinsdag 8 september, 15.00–19.00"]}
    return agenda(school="OBS Review", uitnodiging=section)


def _letters(class_list: ClassList, slug: str = "groep-5a"):
    klass = next(k for k in class_list if k.slug == slug)
    return klass, plan_letters(class_list, {k.slug for k in class_list}, "oudste", SECRET)[slug]


def test_the_english_letter_joins_two_parents_with_and_not_with_dutch_en(renderer: Renderer) -> None:
    school = families.school()
    jansen = school.families[1]
    both = dataclasses.replace(
        jansen,
        huishoudens=(
            jansen.huishoudens[0],
            families.household(2, "Peter Jansen", "Mary Smith", taal="Engels", postcode="9999 ZZ"),
        ),
    )
    class_list = ClassList(school.classes, (), (school.families[0], both, *school.families[2:]))
    klass, letters = _letters(class_list)
    texts = [" ".join(text.split()) for text in page_texts(invitations_pdf(renderer, review_agenda(), klass, letters))]
    english = next(text for text in texts if "Invitation to a get-to-know-you meeting" in text)
    assert "To Peter Jansen and Mary Smith," in english
    assert " en " not in english.split("Invitation")[0]
    dutch = next(text for text in texts if "Aan Peter Jansen" in text)
    assert "Aan Peter Jansen en Mary Smith," in dutch  # the Dutch letter keeps "en"


LONG_CHILDREN = (
    ("Maximiliaan-Alexander-Constantijn", 2012),
    ("Anna-Sophia-Charlotte-Elisabeth", 2013),
    ("Jan-Willem-Frederik", 2014),
    ("Catharina-Wilhelmina", 2015),
    ("Pieter-Jozef", 2016),
    ("Wilhelmina-Frederique", 2017),
)


def _big_family(count: int) -> ClassList:
    from gereedschapskist.classes.model import Family, SchoolClass

    pupils = tuple(
        families.pupil(name, "Vliet-Schimmelpenninck", f"p-{index}", "G001", date(year, 1, 1), "van der")
        for index, (name, year) in enumerate(LONG_CHILDREN[:count])
    )
    klass = SchoolClass("5a", "groep-5a", frozenset({5}), "Juf Samira", pupils)
    family = Family("G001", "gezin", tuple(p.sleutel for p in pupils), (families.household(1, "Ouder"),))
    return ClassList((klass,), (), (family,))


def _slip_names(pdf_bytes: bytes) -> str:
    """The text printed between the slip's title and its first question ("Wie komt er?"), on the slip's page."""
    import re

    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf_bytes)
    try:
        for index in range(len(document)):
            page = document[index]
            text = page.get_textpage()
            title, question = text.search("Antwoordstrookje"), text.search("Wie komt er?")
            found_title, found_question = title.get_next(), question.get_next()
            if not found_title or not found_question:
                continue
            title_bottom = text.get_charbox(found_title[0])[1]
            question_top = max(text.get_charbox(found_question[0] + i)[3] for i in range(found_question[1]))
            width, _ = page.get_size()
            region = text.get_text_bounded(left=0, bottom=question_top + 0.5, right=width, top=title_bottom - 0.5)
            return re.sub(r"[\s\x02\ufffe\u00ad\u2010-]", "", region)
    finally:
        document.close()
    raise AssertionError("no slip found")


@pytest.mark.parametrize("count", [3, 6])
def test_no_childs_name_on_the_slip_is_silently_cut_off(renderer: Renderer, count: int) -> None:
    """Long names of many children: each shows whole on the slip, or visibly shortened with "…"."""
    import re

    class_list = _big_family(count)
    klass, letters = _letters(class_list)
    names = _slip_names(invitations_pdf(renderer, review_agenda(), klass, letters).data)
    for pupil in klass.leerlingen:
        whole = re.sub(r"[\s-]", "", pupil.naam)
        first = re.sub(r"[\s-]", "", pupil.roepnaam)
        assert whole in names or re.search(re.escape(first) + "[^…]*…", names), (pupil.naam, names)


def test_a_letter_for_several_children_speaks_of_your_children(renderer: Renderer) -> None:
    """B1: a parent of three reads "uw kinderen", not "uw kind"; one child keeps "uw kind"."""
    klass, letters = _letters(_big_family(3))
    text = " ".join(" ".join(page_texts(invitations_pdf(renderer, review_agenda(), klass, letters))).split())
    assert "Uw kinderen zijn er ook bij." in text
    assert "U en uw kinderen mogen zelf ook onderwerpen kiezen." in text
    assert "Uw kind is er ook bij" not in text
    klass, letters = _letters(_big_family(1))
    text = " ".join(" ".join(page_texts(invitations_pdf(renderer, review_agenda(), klass, letters))).split())
    assert "Uw kind is er ook bij." in text
    assert "U en uw kind mogen zelf ook onderwerpen kiezen." in text


SIX_MOMENTS = [
    "maandag 7 september, 15.00–19.00",
    "dinsdag 8 september, 15.00–19.00",
    "woensdag 9 september, 12.30–16.00",
    "donderdag 10 september, 8.30–12.00",
    "vrijdag 11 september, 8.30–12.00",
    "maandag 14 september, 15.00–19.00",
]


def test_with_six_moments_the_slip_stays_under_the_letter_not_on_its_back(renderer: Renderer) -> None:
    """A slip on the back of its letter takes the top of the letter with it when the parents cut it off.
    Six moments (a week of afternoons) must still fit on the letter's own page, also for separated
    parents and for three children."""
    section = {"antwoord_voor": "2026-09-04", "momenten": SIX_MOMENTS, "contact": "de leerkracht van uw kind"}
    six = agenda(school="OBS Zes Momenten", uitnodiging=section)
    school = families.school()
    for klass in school:
        letters = plan_letters(school, {k.slug for k in school}, "oudste", SECRET).get(klass.slug, [])
        if not letters:
            continue
        texts = page_texts(invitations_pdf(renderer, six, klass, letters))
        starts = [n for n, text in enumerate(texts) if "Uitnodiging voor een kennismakingsgesprek" in text]
        assert len(starts) == len(letters)
        for n in starts:
            assert "Antwoordstrookje" in texts[n], (klass.naam, n + 1)
            flat = " ".join(texts[n].split())
            assert all(moment in flat for moment in SIX_MOMENTS)
