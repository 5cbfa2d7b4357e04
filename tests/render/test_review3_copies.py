"""Hostile review of the copies of households on the tall page of places (c676dfe, 74cb62e).

Each test prints a class's letters twice: with the copies (one household of each shape laid
out, the others copies of it with their own text) and with every household laid out
(`_copies` turned off). The promise: the same document. These tests failed on main at 74cb62e.
Where a copy cannot be made as WeasyPrint would lay it out, kmg lays every household out (or,
for a background in the places, prints the class in one flow): `made` says whether copies were used.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from gereedschapskist import invitations
from gereedschapskist.invitations import InvitationSettings
from gereedschapskist.render import Renderer
from gereedschapskist.render.invitations import invitations_pdf
from gereedschapskist.render.renderer import builtin_template_dir

from . import families
from .agendas import agenda
from .conftest import page_lines
from .test_letter_layers import spy_on_copies


@pytest.fixture
def settings(monkeypatch: pytest.MonkeyPatch) -> InvitationSettings:
    chosen = InvitationSettings(antwoord_voor=date(2026, 9, 7), momenten=("dinsdag 8 september, 15.00–19.00",))
    monkeypatch.setattr(invitations, "invitation_settings", lambda agenda: chosen)
    return chosen


def _letter(code: str, name: str, parents: tuple[str, ...] = ("Ouder Aap",)) -> invitations.Letter:
    return invitations.Letter(
        code=code,
        kinderen=(invitations.Child(name, "Groep 5a", "Juf Samira"),),
        ouders=parents,
        huishouden=1,
        huishoudens=1,
    )


def _folder(tmp_path: Path, css: str) -> Path:
    folder = tmp_path / "sjablonen"
    folder.mkdir()
    builtin = (builtin_template_dir() / "print.css").read_text(encoding="utf-8")
    (folder / "print.css").write_text(builtin + "\n" + css + "\n", encoding="utf-8")
    return folder


def _both(monkeypatch: pytest.MonkeyPatch, letters, folders=None):
    """The letters with the copies, and with every household laid out."""
    from gereedschapskist.render import invitations as module

    klass = next(k for k in families.school() if k.slug == "groep-5a")
    with monkeypatch.context() as patch:
        made = spy_on_copies(patch)
        fast = invitations_pdf(Renderer(folders) if folders else Renderer(), agenda(), klass, letters)
    with monkeypatch.context() as patch:
        patch.setattr(module, "_copies", lambda *arguments: None)
        full = invitations_pdf(Renderer(folders) if folders else Renderer(), agenda(), klass, letters)
    return fast, full, made


def test_a_schools_text_transform_capitalize_capitalizes_every_copys_names(
    tmp_path: Path, settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The sample's own text is compared with its box's text; "Sem Jansen" capitalized is itself,
    # so the copies are made, and get their names as given, not capitalized as WeasyPrint would.
    folder = _folder(tmp_path, ".kind-naam, .adres-regel, .strook-kind { text-transform: capitalize; }")
    letters = [
        _letter("K7-4QF", "Sem Jansen"),
        _letter("WX-MN4", "zoë de vries", ("ouder bakker",)),
        _letter("AC-DEF", "noor van dijk", ("Anna Smit", "piet smit")),
    ]
    fast, full, _made = _both(monkeypatch, letters, [folder])
    assert any("Zoë De Vries" in line for line in page_lines(full.data)[2])
    assert page_lines(fast.data) == page_lines(full.data)


@pytest.mark.parametrize(
    ("css", "codes"),
    [
        pytest.param("", ("WW-MMW", "11-111"), id="the sample's code wider than its box"),
        pytest.param(
            ".code { padding: 0 3mm; border: 0.5pt solid; }",
            ("K7-4QF", "WX-MN4"),
            id="a copy's code fits but not with the code's padding",
        ),
    ],
)
def test_a_right_aligned_code_lies_where_weasyprint_puts_it(
    css: str, codes: tuple[str, str], tmp_path: Path, settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    # WeasyPrint aligns a line that is as wide as its box or wider at its start (text_align:
    # `line.width >= available_width` -> 0). `_retexted` only refuses a copy whose *text* is
    # wider than the text's max_width: a sample that overflowed, or a line that overflows by its
    # inline box's padding or border, moves the copy's code by the difference as if right-aligned.
    from .raster import differing_pages

    folders = [_folder(tmp_path, css)] if css else None
    letters = [_letter(codes[0], "Sem Jansen"), _letter(codes[1], "Noor Bakker", ("Ouder B",))]
    fast, full, made = _both(monkeypatch, letters, folders)
    assert made == [False]  # a line as wide as its box or wider: WeasyPrint puts it at the start
    assert differing_pages(fast.data, full.data) == []


def test_a_name_with_a_space_at_its_end_gets_the_bookmark_weasyprint_gives_it(
    settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    # (Only through the API: the class lists' names are stripped.) The copy's bookmark label is
    # the letter's kinderen_tekst as it is; WeasyPrint's from attr(data-bladwijzer) loses the space.
    from .test_letter_layers import _bookmarks

    letters = [_letter("K7-4QF", "Sem Jansen"), _letter("WX-MN4", "Zoë de Vries ", ("Ouder B",))]
    fast, full, made = _both(monkeypatch, letters)
    assert made == [False]
    assert _bookmarks(fast.data) == _bookmarks(full.data)


def test_a_copy_paints_its_own_background_not_the_samples(
    tmp_path: Path, settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A box's background is laid out with the box (`box.background`, absolute positions) and a
    # deep copy shares the sample's: the copy paints the sample's rectangle (its size and place).
    # The fast way painted no background of a moved place at all (pre-existing, also without
    # copies): a background in the places now sends the class to one flow, which puts it right.
    from .raster import differing_pages
    from .test_forms import _tagged_content

    folder = _folder(tmp_path, ".code { background: #eee; }")
    letters = [_letter("K7-4QF", "Sem Jansen"), _letter("WX-MN4", "Noor Bakker", ("Ouder B",))]
    fast, full, _made = _both(monkeypatch, letters, [folder])
    assert _tagged_content(fast.data) == _tagged_content(full.data)
    klass = next(k for k in families.school() if k.slug == "groep-5a")
    flow = invitations_pdf(Renderer([folder], fast=False), agenda(), klass, letters)
    assert differing_pages(fast.data, flow.data) == []  # the code's grey box, where it belongs


def test_a_schools_bookmark_made_of_a_households_own_text_is_that_households(
    tmp_path: Path, settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A school's print.css that adds a bookmark per code (or per child's name: `.kind-naam {
    # bookmark-level: 2; bookmark-label: content(text) }`): the box's bookmark_label is laid out
    # with the sample and a copy keeps it, so every copy is bookmarked with the sample's code/name.
    from .test_letter_layers import _bookmarks

    folder = _folder(tmp_path, ".code { bookmark-level: 2; bookmark-label: content(); }")
    letters = [_letter("K7-4QF", "Sem Jansen"), _letter("WX-MN4", "Noor Bakker", ("Ouder B",))]
    fast, full, made = _both(monkeypatch, letters, [folder])
    assert made == [False]
    assert "WX-MN4" in [title for title, _ in _bookmarks(full.data)]
    assert _bookmarks(fast.data) == _bookmarks(full.data)


def test_a_schools_hyphenated_names_that_wrap_do_not_crash_the_copies(
    tmp_path: Path, settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    # `_retexted` calls WeasyPrint's split_first_line with context=None; for a text that may wrap
    # and be hyphenated (hyphens: auto, the letter has lang="nl") WeasyPrint reads
    # context.dictionaries: AttributeError, a traceback for the school. Laid out in full (and in
    # one flow) the same letters print.
    folder = _folder(tmp_path, ".kind-naam { white-space: normal; hyphens: auto; }")
    letters = [
        _letter("K7-4QF", "Sem Jansen"),
        _letter("WX-MN4", "Maximiliaan Alexander Bartholomeus Oldenbarneveltenwijngaerdenhuizen", ("Ouder B",)),
    ]
    fast, full, _made = _both(monkeypatch, letters, [folder])
    assert page_lines(fast.data) == page_lines(full.data)


def test_a_justified_name_is_justified_for_its_own_spaces(
    tmp_path: Path, settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    # `_retexted` treats justify as start and shapes the copy with the sample's
    # justification_spacing (the extra space per space of *its* text): a copy with more spaces
    # runs out of its box ("zoë de vries": "vries" clipped), one with fewer stops short.
    from .raster import differing_pages

    folder = _folder(tmp_path, ".kind-naam { text-overflow: clip; text-align-last: justify; }")
    letters = [_letter("K7-4QF", "Sem Jansen"), _letter("WX-MN4", "zoë de vries", ("Ouder B",))]
    fast, full, made = _both(monkeypatch, letters, [folder])
    assert made == [False]
    assert differing_pages(fast.data, full.data) == []


def test_a_teachers_background_paints_where_it_did_with_every_household_laid_out(
    tmp_path: Path, settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The fast way leaves a moved box's background (absolute positions) where the tall page had
    # it (pre-existing); with the copies the tall page is shorter and copies share the sample's
    # background, so the stray pieces land elsewhere: a grey strip under the teacher's name that
    # the letters with every household laid out do not have (also on the sample's own page).
    from .raster import differing_pages

    folder = _folder(tmp_path, ".kind-leerkracht { display: inline; background: #eee; }")
    teacher = "Meester Bartholomeus van Oldenbarnevelt tot de Wijngaerden"
    letters = [
        invitations.Letter(
            code=code,
            kinderen=(invitations.Child(name, "Groep 5a", teacher),),
            ouders=("Ouder B",),
            huishouden=1,
            huishoudens=1,
        )
        for code, name in (("K7-4QF", "Sem Jansen"), ("WX-MN4", "Zoë de Vries"), ("AC-DEF", "Noor van Dijk"))
    ]
    fast, full, _made = _both(monkeypatch, letters, [folder])
    klass = next(k for k in families.school() if k.slug == "groep-5a")
    flow = invitations_pdf(Renderer([folder], fast=False), agenda(), klass, letters)
    assert differing_pages(fast.data, full.data) == []
    assert differing_pages(fast.data, flow.data) == []
