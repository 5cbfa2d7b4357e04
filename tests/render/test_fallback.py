"""Speed degrades, never correctness: the public-API path, when it is taken, and that it prints the same.

The fast path (layers, replayed paint, patched pydyf) runs only with the tested library
versions and the expected internals (`render/compat.py`); otherwise every document is
laid out and written with WeasyPrint's public API, and the result says so once.
"""

from __future__ import annotations

import pickle

import pytest
import weasyprint.document
import weasyprint.draw.text

from gereedschapskist.classes.model import Pupil, SchoolClass
from gereedschapskist.render import MissingGlyphs, Renderer, TemplateProblem, compat
from gereedschapskist.render.errors import MissingGlyphs as ErrorsMissingGlyphs

from .agendas import agenda, forty_minute_agenda, home_visit_agenda, school_class
from .conftest import page_texts


def form_starts(texts: list[str]) -> list[int]:
    return [index for index, text in enumerate(texts) if "pagina 1 van" in text]


def same_print(fast, public) -> None:
    """Same page count, same text on every page, each pupil's form on the same page.

    Whitespace is left out of the comparison: a long name in a footer may wrap at
    another place (a margin box on the public path, a block on the fast path).
    """
    assert fast.pages == public.pages
    fast_texts, public_texts = page_texts(fast), page_texts(public)
    for number, (mine, plain) in enumerate(zip(fast_texts, public_texts, strict=True)):
        assert "".join(mine.split()) == "".join(plain.split()), number
    assert form_starts(fast_texts) == form_starts(public_texts)


@pytest.mark.parametrize("make_agenda", [agenda, forty_minute_agenda, home_visit_agenda])
def test_both_paths_print_the_same_forms(renderer: Renderer, public_renderer: Renderer, make_agenda) -> None:
    klass = school_class(4)
    fast, public = renderer.forms_pdf(make_agenda(), klass), public_renderer.forms_pdf(make_agenda(), klass)
    same_print(fast, public)
    texts = page_texts(public)
    for pupil, start in zip(klass.leerlingen, form_starts(texts), strict=True):
        assert pupil.naam in texts[start]


@pytest.mark.parametrize("klass", [school_class(28), None, school_class(3, leerkracht="Meester Bas")])
def test_both_paths_print_the_same_guide(renderer: Renderer, public_renderer: Renderer, klass) -> None:
    same_print(renderer.guide_pdf(agenda(), klass), public_renderer.guide_pdf(agenda(), klass))


def test_both_paths_with_a_name_that_makes_the_header_taller(renderer: Renderer, public_renderer: Renderer) -> None:
    long_name = Pupil("Maria-Magdalena Anastasia Josephine", "van den", "Heuvel-Oosterhout Brinkman-Vermeulen")
    klass = SchoolClass("6", "groep-6", frozenset({6}), "Meester Bram", (Pupil("Sem", "", "Bos"), long_name))
    same_print(renderer.forms_pdf(agenda(), klass), public_renderer.forms_pdf(agenda(), klass))


def test_the_slow_mode_says_so_in_dutch(renderer: Renderer, public_renderer: Renderer) -> None:
    assert renderer.fast and not public_renderer.fast
    assert compat.SLOW_MODE_NOTE not in renderer.forms_pdf(agenda(), school_class(1)).warnings
    for pdf in (public_renderer.forms_pdf(agenda(), school_class(1)), public_renderer.guide_pdf(agenda(), None)):
        # Once per document; the CLI prints each distinct warning once per build.
        assert pdf.warnings.count(compat.SLOW_MODE_NOTE) == 1
    assert "langzame stand" in compat.SLOW_MODE_NOTE


def test_a_removed_internal_makes_the_public_path_take_over(
    renderer: Renderer, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The fast path builds its documents with Document.copy; a WeasyPrint without it
    # must not crash the build but print the slow way.
    monkeypatch.delattr(weasyprint.document.Document, "copy")
    assert any("Document.copy" in problem for problem in compat.fast_path_problems())
    slow = Renderer()
    assert not slow.fast
    forms = slow.forms_pdf(agenda(), school_class(3))
    assert compat.SLOW_MODE_NOTE in forms.warnings
    monkeypatch.undo()
    same_print(renderer.forms_pdf(agenda(), school_class(3)), forms)


def test_an_untested_version_takes_the_public_path(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(compat.TESTED_VERSIONS, "pydyf", ("0.12.1",))
    problems = compat.fast_path_problems()
    assert problems and "pydyf" in problems[0]
    assert not Renderer().fast


def test_the_public_path_can_be_forced(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(compat.FORCE_PUBLIC_API, "1")
    forced = Renderer()
    assert not forced.fast
    assert forced.notes == (compat.FORCED_SLOW_MODE_NOTE,)


def test_a_moved_module_takes_the_public_path(monkeypatch: pytest.MonkeyPatch) -> None:
    # A WeasyPrint without weasyprint.stacking (renamed, say): no ImportError, the slow mode.
    import sys

    monkeypatch.setitem(sys.modules, "weasyprint.stacking", None)
    problems = compat.fast_path_problems()
    assert problems and "anders opgebouwd" in problems[-1]
    assert not Renderer().fast


@pytest.mark.allow_weasyprint_logs
@pytest.mark.parametrize("fast", [True, False], ids=["fast", "public"])
def test_missing_glyphs_are_found_without_the_log_message(monkeypatch: pytest.MonkeyPatch, fast: bool) -> None:
    # A WeasyPrint that words (or drops) its warning differently: the fonts still tell.
    monkeypatch.setattr(weasyprint.draw.text.LOGGER, "warning", lambda *args, **kwargs: None)
    mine = Renderer(fast=fast)
    klass = SchoolClass("7", "groep-7", frozenset({7}), "Juf 王", (Pupil("Ana", "", "Bos"),))
    with pytest.raises(MissingGlyphs) as caught:
        mine.forms_pdf(agenda(), klass)
    assert caught.value.characters == "王"


def test_errors_keep_their_data_across_the_process_pool() -> None:
    glyphs = pickle.loads(pickle.dumps(MissingGlyphs("王李", document="leidraad", klass="Groep 7")))
    assert isinstance(glyphs, ErrorsMissingGlyphs)
    assert (glyphs.characters, glyphs.document, glyphs.klass) == ("王李", "leidraad", "Groep 7")
    assert str(glyphs) == str(MissingGlyphs("王李", document="leidraad", klass="Groep 7"))
    template = pickle.loads(pickle.dumps(TemplateProblem("kapot", template="leidraad.html.j2", line=3)))
    assert (template.template, template.line, template.message) == ("leidraad.html.j2", 3, "kapot")
    assert str(template) == "leidraad.html.j2:3: kapot"
