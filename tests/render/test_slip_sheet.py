"""A reply slip that does not fit under its letter gets a sheet of its own (issue 11, point 2).

It used to move to the back of the letter's sheet: parents who cut it off (or handed in
the whole sheet) gave the moments and the reply date on the front back to school. Now
the slip starts on the next right-hand page, so the letter keeps its sheet and the
slip's sheet goes back whole. A letter that fits keeps letter and slip on one page.
"""

from __future__ import annotations

from datetime import date

import pypdfium2 as pdfium
import pytest
from PIL import ImageChops

from gereedschapskist import invitations
from gereedschapskist.invitations import InvitationSettings
from gereedschapskist.render import Renderer
from gereedschapskist.render.invitations import invitations_pdf, layered

from . import families
from .agendas import agenda
from .conftest import page_lines, page_texts
from .raster import render_pages

MOMENTS = (
    "dinsdag 8 september, 15.00–19.00",
    "donderdag 10 september, 8.30–12.00",
    "maandag 14 september, 15.00–20.00",
)
# the school's own text, long enough to push the slip off the letter's first page
LONG = tuple(
    f"Alinea {number}. We vertellen u graag hoe het schooljaar begint. De kinderen leren veel in de eerste weken. "
    "We werken in kleine groepjes en we lezen elke dag samen. Op vrijdag sluiten we de week af met de hele groep. "
    "U bent altijd welkom om even binnen te lopen en te kijken in de klas."
    for number in range(1, 5)
)
SLIP = "Antwoordstrookje"
OWN_SHEET = "geef dit blad terug aan school"


def _settings(monkeypatch: pytest.MonkeyPatch, tekst: tuple[str, ...] | None) -> None:
    extra = {"tekst": tekst} if tekst is not None else {}
    chosen = InvitationSettings(antwoord_voor=date(2026, 9, 7), momenten=MOMENTS, contact="juf Samira", **extra)
    monkeypatch.setattr(invitations, "invitation_settings", lambda agenda: chosen)


def _letters() -> list[invitations.Letter]:
    """Four households: one child, three children, parents who live apart, an English translation."""
    letters = []
    for number, (children, apart, taal) in enumerate(((1, False, ""), (3, False, ""), (1, True, ""), (1, False, "en"))):
        letters.append(
            invitations.Letter(
                code=f"K{number:02d}-ABC",
                kinderen=tuple(
                    invitations.Child(f"Kind{number}-{child} Jansen", "Groep 5a", "Juf Samira")
                    for child in range(children)
                ),
                ouders=(f"Ouder {number}",),
                huishouden=1,
                huishoudens=2 if apart else 1,
                taal=taal,
            )
        )
    return letters


def _print(renderer: Renderer, letters: list[invitations.Letter]):
    klass = next(k for k in families.school() if k.slug == "groep-5a")
    if renderer.fast:
        assert layered(renderer, agenda(), klass, letters) is not None  # the fast way, not its fallback
    return invitations_pdf(renderer, agenda(), klass, letters)


def _starts(data: bytes) -> list[int]:
    """The (1-based) first page of every letter, from its bookmark."""
    document = pdfium.PdfDocument(data)
    try:
        return [mark.get_dest().get_index() + 1 for mark in document.get_toc()]
    finally:
        document.close()


@pytest.fixture(params=["fast", "public"])
def way(request: pytest.FixtureRequest) -> Renderer:
    """A Renderer of its own (its cached shared letters were laid out with this test's settings)."""
    return Renderer(fast=request.param == "fast")


def test_a_slip_that_does_not_fit_under_its_letter_gets_a_sheet_of_its_own(
    way: Renderer, monkeypatch: pytest.MonkeyPatch
) -> None:
    _settings(monkeypatch, LONG)
    letters = _letters()
    pdf = _print(way, letters)
    texts = page_texts(pdf)
    starts = _starts(pdf.data)
    assert len(starts) == len(letters)
    ends = [*starts[1:], len(texts) + 1]
    for start, end in zip(starts, ends, strict=True):
        assert start % 2 == 1, f"a letter starts on page {start}, a back"
        own = range(start, end)
        slips = [page for page in own if SLIP in texts[page - 1]]
        assert len(slips) == 1, (start, slips)
        (slip,) = slips
        assert slip != start, "the slip fitted under this letter: the test's text is too short"
        assert slip % 2 == 1, f"the slip is on page {slip}, the back of its letter's sheet"
        assert OWN_SHEET in " ".join(texts[slip - 1].split())
        assert "knip hier af" not in texts[slip - 1]
        # the letter's first page keeps the moments' promise and the reply date
        assert "7 september" in texts[start - 1]
    assert all(SLIP not in text for number, text in enumerate(texts, start=1) if number % 2 == 0)
    # the English household's translation: after the slip, on a sheet of its own (the slip's goes back whole)
    (translation,) = [number for number, text in enumerate(texts, start=1) if "get-to-know-you meeting" in text]
    assert translation > starts[-1] and translation % 2 == 1
    top = texts[translation - 1].lower()  # the top line is in capitals
    assert "translation of the dutch letter" in top and "other side" not in top
    assert "return this sheet to school" in " ".join(texts[translation - 1].split())


def test_an_overflowing_slip_prints_the_same_both_ways(monkeypatch: pytest.MonkeyPatch) -> None:
    _settings(monkeypatch, LONG)
    letters = _letters()
    fast, slow = _print(Renderer(), letters), _print(Renderer(fast=False), letters)
    assert fast.pages == slow.pages
    assert _starts(fast.data) == _starts(slow.data)
    assert [sorted(lines) for lines in page_lines(fast)] == [
        sorted(lines) for lines in page_lines(slow)
    ]
    for one, other in zip(render_pages(fast.data, dpi=60), render_pages(slow.data, dpi=60), strict=True):
        histogram = ImageChops.difference(one, other).histogram()
        assert sum(histogram[65:]) < 20


def test_a_letter_that_fits_keeps_its_slip_on_the_same_page(way: Renderer, monkeypatch: pytest.MonkeyPatch) -> None:
    _settings(monkeypatch, None)
    letters = _letters()
    pdf = _print(way, letters)
    texts = page_texts(pdf)
    starts = _starts(pdf.data)
    for start in starts:
        assert start % 2 == 1
        assert SLIP in texts[start - 1]
        assert "knip hier af" in texts[start - 1]
        assert OWN_SHEET not in " ".join(texts[start - 1].split())
    assert all(SLIP not in text for number, text in enumerate(texts, start=1) if number not in starts)
    # the English translation on the back of its letter, as before
    (translation,) = [number for number, text in enumerate(texts, start=1) if "get-to-know-you meeting" in text]
    assert translation == starts[-1] + 1
    assert "letter on the other side" in texts[translation - 1].lower()
