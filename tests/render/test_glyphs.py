"""Text that no installed font can draw must fail loudly instead of printing empty boxes."""

from __future__ import annotations

import pytest

from gereedschapskist.classes.model import Pupil, SchoolClass
from gereedschapskist.errors import UserError
from gereedschapskist.render import MissingGlyphs, Renderer

from .agendas import DIVERSE_NAMES, agenda


def one_pupil(pupil: Pupil) -> SchoolClass:
    return SchoolClass("7", "groep-7", frozenset({7}), "", (pupil,))


@pytest.mark.parametrize("name", DIVERSE_NAMES, ids=[first for first, _, _ in DIVERSE_NAMES])
def test_names_from_the_class_lists_print(renderer: Renderer, name: tuple[str, str, str]) -> None:
    forms = renderer.forms_pdf(agenda(), one_pupil(Pupil(*name)))
    assert forms.warnings == ()


@pytest.mark.allow_weasyprint_logs
def test_a_character_without_glyph_raises_and_names_the_character_not_the_pupil(renderer: Renderer) -> None:
    # DejaVu Sans has no CJK ideographs (and no other font is installed here).
    with pytest.raises(MissingGlyphs) as caught:
        renderer.forms_pdf(agenda(), one_pupil(Pupil("Wei", "", "王")))
    problem = caught.value
    assert isinstance(problem, UserError)
    assert problem.characters == "王"
    assert "U+738B" in problem.message
    assert "Wei" not in problem.message
    assert "gespreksformulieren" in problem.message


@pytest.mark.allow_weasyprint_logs
def test_missing_glyph_in_the_guide_checklist(renderer: Renderer) -> None:
    klass = SchoolClass("7", "groep-7", frozenset({7}), "", (Pupil("Ana", "", "王"), Pupil("Bo", "", "李")))
    with pytest.raises(MissingGlyphs) as caught:
        renderer.guide_pdf(agenda(), klass)
    assert caught.value.characters == "王李"
