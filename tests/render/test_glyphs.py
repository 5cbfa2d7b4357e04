"""Text that no installed font can draw: a pupil's name is left blank, anything else fails loudly."""

from __future__ import annotations

import pytest

from gereedschapskist.classes.model import Pupil, SchoolClass
from gereedschapskist.errors import UserError
from gereedschapskist.render import MissingGlyphs, Renderer, UnprintableName

from .agendas import DIVERSE_NAMES, agenda
from .conftest import page_texts


def one_pupil(pupil: Pupil) -> SchoolClass:
    return SchoolClass("7", "groep-7", frozenset({7}), "", (pupil,))


@pytest.mark.parametrize("name", DIVERSE_NAMES, ids=[first for first, _, _ in DIVERSE_NAMES])
def test_names_from_the_class_lists_print(renderer: Renderer, name: tuple[str, str, str]) -> None:
    forms = renderer.forms_pdf(agenda(), one_pupil(Pupil(*name)))
    assert forms.warnings == ()
    assert forms.unprintable == ()


# DejaVu Sans has no CJK ideographs (and no other font is installed here).
CLASS_WITH_UNPRINTABLE = SchoolClass(
    "7",
    "groep-7",
    frozenset({7}),
    "Juf Anouk",
    (Pupil("Ana", "", "Bos"), Pupil("Wei", "", "王"), Pupil("Sem", "", "Li")),
)


@pytest.mark.allow_weasyprint_logs
@pytest.mark.parametrize("fast", [True, False], ids=["fast", "public"])
def test_an_unprintable_name_is_left_blank_and_the_others_print(fast: bool, renderer: Renderer) -> None:
    mine = renderer if fast else Renderer(fast=False)
    forms = mine.forms_pdf(agenda(), CLASS_WITH_UNPRINTABLE)
    assert forms.unprintable == (UnprintableName(2, "王"),)
    assert forms.unprintable[0].code_points() == "U+738B"
    texts = page_texts(forms)
    assert forms.pages == 6
    assert "Ana Bos" in texts[0] and "Sem Li" in texts[4]
    # The second form is there, with a line to write the name on by hand.
    assert "Leerling:" in texts[2]
    assert not any("Wei" in text for text in texts)


@pytest.mark.allow_weasyprint_logs
def test_unprintable_names_are_left_out_of_the_guide_checklist(renderer: Renderer) -> None:
    klass = SchoolClass("7", "groep-7", frozenset({7}), "", (Pupil("Ana", "", "王"), Pupil("Bo", "", "李")))
    guide = renderer.guide_pdf(agenda(), klass)
    assert guide.unprintable == (UnprintableName(1, "王"), UnprintableName(2, "李"))
    assert "Afvinklijst" in page_texts(guide)[-1]


@pytest.mark.allow_weasyprint_logs
def test_a_character_without_glyph_elsewhere_raises_and_names_the_class_not_the_pupil(renderer: Renderer) -> None:
    klass = SchoolClass("7", "groep-7", frozenset({7}), "Juf 王", (Pupil("Wei", "", "Bos"),))
    with pytest.raises(MissingGlyphs) as caught:
        renderer.forms_pdf(agenda(), klass)
    problem = caught.value
    assert isinstance(problem, UserError)
    assert problem.characters == "王"
    assert "U+738B" in problem.message
    assert "Wei" not in problem.message
    assert "gespreksformulieren van groep 7" in problem.message
