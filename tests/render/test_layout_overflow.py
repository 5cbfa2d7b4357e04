"""Nothing leaves its column or the page, whatever a school or a class list puts in.

Long words ("Buitenschoolseopvangafspraken"), internet addresses and names of 200 or 400
characters without a space once ran out of their table column into the next one and
off the page; the time-bar legend ran into the margin; a very long name wrapped the
footer into lines below the page edge. Two checks:

* the layout boxes (WeasyPrint's own page boxes): every piece of text lies inside its
  table cell and inside the page area, and every footer is one line;
* the printed pixels (pypdfium2): no ink in the side margins, and in the bottom margin
  only one line of footer.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from markupsafe import Markup
from weasyprint.formatting_structure import boxes

from gereedschapskist.classes.model import Pupil, SchoolClass
from gereedschapskist.render import Renderer
from gereedschapskist.render.environment import mark_addresses

from .agendas import STANDARD_TOPICS, agenda
from .conftest import page_texts
from .raster import render_pages

LONG_WORD = "Buitenschoolseopvangafspraken"
ADDRESS = "https://www.example-basisschool.nl/ouders/informatie/kennismakingsgesprek-2026-2027/aanmelden?groep=4"
NAME_200 = "A" * 200
NAME_400 = "Wolfeschlegelsteinhausenbergerdorff" * 12  # 420 characters
EPSILON = 0.5  # CSS px

DPI = 100
MM = DPI / 25.4


def extreme_agenda() -> Any:
    topics = [dict(topic) for topic in STANDARD_TOPICS]
    topics[0] |= {
        "titel": LONG_WORD + "overleg",
        "ouder": f"Kijk op {ADDRESS} bij {LONG_WORD}.",
        "leerling": LONG_WORD * 2,
    }
    topics[3] |= {"titel": "Verwachtingen " + "X" * 120, "samen": f"{ADDRESS} {LONG_WORD * 3}"}
    return agenda(onderwerpen=topics, school="Basisschool " + "Z" * 150, titel="Kennismaking " + LONG_WORD * 4)


def extreme_class() -> SchoolClass:
    pupils = (Pupil(NAME_200, "", ""), Pupil("Jan", "van", NAME_400), Pupil("Zoë", "", "Berg"))
    return SchoolClass(
        naam="4/5", slug="groep-4-5", jaargroepen=frozenset({4, 5}), leerkracht="Juf " + "L" * 120, leerlingen=pupils
    )


@pytest.fixture(scope="module")
def documents() -> dict[str, Any]:
    renderer = Renderer()
    agenda_, klass = extreme_agenda(), extreme_class()
    return {
        "guide": renderer.guide_pdf(agenda_, klass),
        "forms": renderer.forms_pdf(agenda_, klass),
        "guide_layout": renderer.layout_guide(agenda_, klass).document,
        # The forms in one flow: the same templates and stylesheet, with margin-box footers.
        "forms_layout": Renderer(fast=False).layout_forms(agenda_, klass).document,
    }


def _text_boxes(box: boxes.Box, cell: boxes.Box | None) -> Iterator[tuple[boxes.TextBox, boxes.Box | None]]:
    if isinstance(box, boxes.TableCellBox):
        cell = box
    if isinstance(box, boxes.TextBox):
        yield box, cell
    if isinstance(box, boxes.ParentBox):
        for child in box.children:
            yield from _text_boxes(child, cell)


def overflows(document: Any) -> list[str]:
    """Every text box that leaves its table cell or the page area, as 'page N: text'."""
    problems = []
    for number, page in enumerate(document.pages, start=1):
        page_box = page._page_box
        left = page_box.content_box_x()
        right = left + page_box.width
        for child in page_box.children:
            if isinstance(child, boxes.MarginBox):
                continue
            for text, cell in _text_boxes(child, None):
                x0, x1 = text.position_x, text.position_x + text.width
                if x0 < left - EPSILON or x1 > right + EPSILON:
                    problems.append(f"page {number}: off the page: {text.text[:40]!r}")
                elif cell is not None and (
                    x0 < cell.border_box_x() - EPSILON or x1 > cell.border_box_x() + cell.border_width() + EPSILON
                ):
                    problems.append(f"page {number}: out of its column: {text.text[:40]!r}")
    return problems


def footer_problems(document: Any) -> list[str]:
    problems = []
    for number, page in enumerate(document.pages, start=1):
        for margin in page._page_box.children:
            if not isinstance(margin, boxes.MarginBox) or not margin.children:
                continue
            lines = [box for box in margin.descendants() if isinstance(box, boxes.LineBox)]
            if len(lines) > 1:
                problems.append(f"page {number}: footer {margin.at_keyword} has {len(lines)} lines")
            right = margin.border_box_x() + margin.border_width()
            clipped = margin.style["overflow"] == "hidden"  # ends in "…" where it is cut
            for text, _ in _text_boxes(margin, None):
                if text.position_x + text.width > right + EPSILON and not clipped:
                    problems.append(f"page {number}: footer {margin.at_keyword} runs out of its box")
    return problems


@pytest.mark.parametrize("which", ["guide_layout", "forms_layout"])
def test_no_text_leaves_its_column_or_the_page(documents: dict[str, Any], which: str) -> None:
    assert overflows(documents[which]) == []


@pytest.mark.parametrize("which", ["guide_layout", "forms_layout"])
def test_every_footer_is_one_line(documents: dict[str, Any], which: str) -> None:
    assert footer_problems(documents[which]) == []


def ink_outside_the_page_area(image: Any, right_hand: bool) -> list[str]:
    """Dark pixels in the side margins, or more than one footer line in the bottom margin."""
    width, height = image.size
    inner, outer = 25 * MM, 15 * MM
    left, right = (inner, width - outer) if right_hand else (outer, width - inner)
    pixels = image.load()
    tolerance = round(1 * MM)  # collapsed table borders and anti-aliasing reach a fraction of a mm out
    problems = []
    for x in [*range(0, int(left) - tolerance), *range(int(right) + tolerance, width)]:
        if any(pixels[x, y] < 160 for y in range(height)):
            problems.append(f"ink in the side margin at {x / MM:.1f} mm")
            break
    # The footer sits 5 mm below the page area (bottom margin 18 mm): one line of 7.5 pt text.
    bottom = height - int(18 * MM)
    rows = [y for y in range(bottom, height) if any(pixels[x, y] < 160 for x in range(int(left), int(right)))]
    if rows and (rows[-1] - rows[0]) > 4 * MM:
        problems.append(f"the footer is {(rows[-1] - rows[0]) / MM:.1f} mm high (more than one line)")
    return problems


@pytest.mark.parametrize("which", ["guide", "forms"])
def test_no_ink_in_the_page_margins_and_one_line_of_footer(documents: dict[str, Any], which: str) -> None:
    problems = []
    for number, image in enumerate(render_pages(documents[which].data, DPI), start=1):
        problems += [f"page {number}: {problem}" for problem in ink_outside_the_page_area(image, number % 2 == 1)]
    assert problems == []


def test_long_words_hyphenate_in_dutch_and_addresses_keep_their_characters(documents: dict[str, Any]) -> None:
    text = " ".join(page_texts(documents["guide"]))
    # Pyphen's Dutch dictionary splits the long word at a syllable, with a hyphen (U+2010).
    assert "Bui\u2010\ntenschoolse" in text or "Buitenschoolse\u2010\nopvang" in text
    # An address breaks without an added hyphen: its pieces, joined, are the address.
    assert ADDRESS in "".join(text.split())


def test_the_page_number_stays_whole_beside_a_long_footer(documents: dict[str, Any]) -> None:
    for which in ("guide", "forms"):
        texts = page_texts(documents[which])
        for number, text in enumerate(texts, start=1):
            if not text.strip():
                continue  # a blank filler page before the next form
            assert re.search(r"pagina [1-3] van 3", text), (which, number)


def test_addresses_are_marked_and_everything_else_stays_escaped() -> None:
    marked = mark_addresses("Zie <b>www.school.nl/ouders</b> & https://a.nl/x?y=1&z=2 of bel.")
    assert marked == Markup(
        'Zie &lt;b&gt;<span class="adres">www.school.nl/ouders</span>&lt;/b&gt; &amp; '
        '<span class="adres">https://a.nl/x?y=1&amp;z=2</span> of bel.'
    )
    # Already escaped text (Jinja's join under autoescape) is not escaped twice.
    assert mark_addresses(Markup("a &amp; b")) == Markup("a &amp; b")
