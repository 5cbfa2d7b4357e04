"""The fast way to print the letters (render/invitations.py): what a reader sees is what one flow prints."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from gereedschapskist import invitations
from gereedschapskist.invitations import InvitationSettings, plan_letters
from gereedschapskist.render import Renderer
from gereedschapskist.render.invitations import invitations_pdf, layered

from . import families
from .agendas import agenda
from .conftest import page_lines

SECRET = bytes(range(32))


@pytest.fixture
def settings(monkeypatch: pytest.MonkeyPatch) -> InvitationSettings:
    chosen = InvitationSettings(antwoord_voor=date(2026, 9, 7), momenten=("dinsdag 8 september, 15.00–19.00",))
    monkeypatch.setattr(invitations, "invitation_settings", lambda agenda: chosen)
    return chosen


@pytest.fixture
def renderer() -> Renderer:
    """A Renderer of its own: the shared letters it caches were laid out with this test's settings
    (the session's Renderer may hold those of another test's monkeypatched settings)."""
    return Renderer()


def _bookmarks(data: bytes) -> list[tuple[str, int]]:
    document = pdfium.PdfDocument(data)
    try:
        return [(mark.get_title(), mark.get_dest().get_index()) for mark in document.get_toc()]
    finally:
        document.close()


def test_the_layered_letters_have_one_bookmark_per_letter_as_in_one_flow(
    renderer: Renderer, public_renderer: Renderer, settings
) -> None:
    """The shared letter under each household's places once added a second bookmark ("Uitnodiging") per letter."""
    class_list = families.school()
    klass = next(k for k in class_list if k.slug == "groep-5a")
    letters = plan_letters(class_list, {k.slug for k in class_list}, "oudste", SECRET)[klass.slug]
    assert layered(renderer, agenda(), klass, letters) is not None
    fast = _bookmarks(invitations_pdf(renderer, agenda(), klass, letters).data)
    slow = _bookmarks(invitations_pdf(public_renderer, agenda(), klass, letters).data)
    assert fast == slow
    assert [title for title, _ in fast] == [letter.kinderen_tekst for letter in letters]
    assert all(page % 2 == 0 for _, page in fast)  # every letter on the front of a sheet


def _letters(count: int) -> list[invitations.Letter]:
    """`count` households of one class: most with one child, some with three, some with parents who live apart."""
    letters = []
    for number in range(1, count + 1):
        children = tuple(
            invitations.Child(f"Kind{number}-{child} van den Achternaam", "Groep 5a", "Juf Samira")
            for child in range(1 if number % 7 else 3)
        )
        apart = number % 11 == 0
        letters.append(
            invitations.Letter(
                code=f"K{number:02d}-ABC",
                kinderen=children,
                ouders=(f"Ouder {number}",) if number % 3 else (),
                huishouden=1,
                huishoudens=2 if apart else 1,
                taal="en" if number % 13 == 0 else "",
            )
        )
    return letters


def spy_on_copies(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Per tall page: whether households were printed as copies of another (render/invitations.py `_copies`)."""
    from gereedschapskist.render import invitations as module

    made: list[bool] = []
    copies = module._copies

    def spy(found, groups, letters):
        result = copies(found, groups, letters)
        made.append(result is not None and len(found) < len(letters))
        return result

    monkeypatch.setattr(module, "_copies", spy)
    return made


def test_many_households_fill_more_than_one_tall_page_and_still_print_as_in_one_flow(
    renderer: Renderer, public_renderer: Renderer, settings
) -> None:
    """The places of all households are laid out one after the other on a tall page; a big class needs two."""
    from PIL import ImageChops

    from .raster import render_pages

    class_list = families.school()
    klass = next(k for k in class_list if k.slug == "groep-5a")
    letters = _letters(40)
    assert layered(renderer, agenda(), klass, letters) is not None
    fast = invitations_pdf(renderer, agenda(), klass, letters)
    slow = invitations_pdf(public_renderer, agenda(), klass, letters)
    assert fast.pages == slow.pages
    assert _bookmarks(fast.data) == _bookmarks(slow.data)
    for one, other in zip(render_pages(fast.data, dpi=40), render_pages(slow.data, dpi=40), strict=True):
        histogram = ImageChops.difference(one, other).histogram()
        assert sum(histogram[65:]) < 20


def _anchors(layout) -> list[dict[str, tuple[int, int]]]:
    """Per page: the anchors (e.g. "brief-3", where a letter starts) and where they are, to the CSS px."""
    return [
        {name: (round(where[0]), round(where[1])) for name, where in page.anchors.items()}
        for page in layout.document.pages
    ]


def test_the_layered_letters_start_at_the_same_anchors_as_in_one_flow(
    renderer: Renderer, public_renderer: Renderer, settings
) -> None:
    """Each letter's anchor ("brief-N") is on its first page, where one flow puts it (the article's top)."""
    from gereedschapskist.render.invitations import one_flow

    class_list = families.school()
    klass = next(k for k in class_list if k.slug == "groep-5a")
    letters = _letters(12)
    fast = layered(renderer, agenda(), klass, letters)
    assert fast is not None
    slow = one_flow(public_renderer, agenda(), klass, letters)
    assert _anchors(fast) == _anchors(slow)
    assert sum(name.startswith("brief-") for page in _anchors(fast) for name in page) == len(letters)


def test_households_alike_share_their_styles_on_the_tall_page_of_places(renderer: Renderer, settings) -> None:
    """WeasyPrint computes the styles of an element with an id or a style attribute (and of all
    it holds) for that element alone: once such marks made every household's places cost their
    styles again. Households of one shape now share the computed styles of their places
    (when they are all laid out: when copies of one household cannot be made)."""
    from gereedschapskist.render import invitations as module

    class_list = families.school()
    klass = next(k for k in class_list if k.slug == "groep-5a")
    letters = [b for b in _letters(12) if len(b.kinderen) == 1 and b.huishoudens == 1 and b.ouders]  # one shape
    tall: list = []
    found = module._household_places
    copies = module._copies

    def keep(document, indexes):
        tall.append(document)
        return found(document, indexes)

    try:
        module._household_places = keep
        module._copies = lambda *arguments: None  # every household laid out
        assert layered(renderer, agenda(), klass, letters) is not None
    finally:
        module._household_places = found
        module._copies = copies
    places = found(tall[-1], range(1, len(letters) + 1))
    assert places is not None
    for part in range(2):  # the address and the slip's place, and what they hold
        styles = {id(places[index][part].style) for index in places}
        assert len(styles) == 1, styles
        inner = {id(places[index][part].children[0].style) for index in places}
        assert len(inner) == 1, inner


def test_a_long_class_name_ends_in_an_ellipsis_before_the_teacher(
    renderer: Renderer, public_renderer: Renderer, settings
) -> None:
    """A long class name (say "Combinatiegroep 7/8 De Uilen") once ran over the teacher's name beside it.

    The letter with a long class name looks the same as with a short one from the teacher's
    column on (137 mm from the left edge of a right-hand page: 25 mm margin, 4 mm indent, the
    name's 78 mm and the class's 30 mm)."""
    from PIL import ImageChops

    from .raster import render_pages

    class_list = families.school()
    klass = next(k for k in class_list if k.slug == "groep-5a")

    def letter(label: str) -> list[invitations.Letter]:
        child = invitations.Child("Sam de Vries", label, "Meester Jansen")
        return [invitations.Letter(code="K01-ABC", kinderen=(child,), ouders=(), huishouden=1, huishoudens=1, taal="")]

    long, short = letter("Combinatiegroep 7/8 De Uilen en De Vossen"), letter("Groep 5a")
    assert layered(renderer, agenda(), klass, long) is not None
    dpi = 100
    left = round(136.5 / 25.4 * dpi)
    for printer in (renderer, public_renderer):
        pages = [
            render_pages(invitations_pdf(printer, agenda(), klass, each).data, dpi=dpi)[0] for each in (long, short)
        ]
        width, height = pages[0].size
        one, other = (page.crop((left, 0, width, height)) for page in pages)
        assert ImageChops.difference(one, other).getbbox() is None
        whole = ImageChops.difference(*pages).getbbox()
        assert whole is not None and whole[0] < left  # the class names differ, before the teacher's column


def test_a_childs_name_group_and_teacher_are_copied_in_reading_order(renderer: Renderer, settings) -> None:
    # (found by a reviewer: with the group clipped, a PDF reader copied "Juf Samira Kind… Groep 5a")
    import io

    import pypdf

    klass = next(k for k in families.school() if k.slug == "groep-5a")
    letters = _letters(8)
    pdf = invitations_pdf(renderer, agenda(), klass, letters)
    first = pypdf.PdfReader(io.BytesIO(pdf.data)).pages[0].extract_text()
    assert "Kind1-0 van den Achternaam Groep 5a Juf Samira" in first


def _reading_order(layout) -> list[list[str]]:
    """Per page, the text of its boxes in the order of the box tree: the order of the tag tree."""
    from weasyprint.formatting_structure import boxes

    def texts(box) -> list[str]:
        if isinstance(box, boxes.TextBox):
            return [box.text]
        inner = getattr(box, "_box", box)  # an absolutely positioned box's placeholder
        return [text for child in getattr(inner, "children", ()) for text in texts(child)]

    return [
        [text for child in page._page_box.children if not isinstance(child, boxes.MarginBox) for text in texts(child)]
        for page in layout.document.pages
    ]


def test_the_fixed_words_of_the_places_are_read_with_the_households_words(
    renderer: Renderer, public_renderer: Renderer, settings
) -> None:
    # The shared letter prints "Aan de ouder(s)/verzorger(s) van:", "Code" and "Voor:" once; each
    # household's places are put between them in the tree, so a screen reader reads the page as
    # one flow does: "Code", the code, "Voor:", the name.
    from gereedschapskist.render.invitations import one_flow

    klass = next(k for k in families.school() if k.slug == "groep-5a")
    letters = _letters(9)
    fast = layered(renderer, agenda(), klass, letters)
    assert fast is not None
    slow = one_flow(public_renderer, agenda(), klass, letters)
    assert _reading_order(fast) == _reading_order(slow)
    isolates = str.maketrans("", "", "\u2068\u2069")  # the FSI ... PDI around names
    first = " ".join(_reading_order(fast)[0]).translate(isolates)
    assert "Aan Ouder 1, ouder(s)/verzorger(s) van: Kind1-0 van den Achternaam Groep 5a Juf Samira" in first
    assert "Code K01-ABC Voor: Kind1-0 van den Achternaam" in first
    third = " ".join(_reading_order(fast)[4]).translate(isolates)  # letter 3: no parents named
    assert "Aan de ouder(s)/verzorger(s) van: Kind3-0 van den Achternaam" in third


OLD_TEMPLATES = Path(__file__).parent / "data"  # kmg's letter templates before the fixed words moved


@pytest.mark.parametrize(
    "own", ["uitnodiging.html.j2", "uitnodiging_plekken.html.j2"], ids=["old letter", "old places"]
)
def test_a_schools_own_older_letter_template_still_prints_the_fixed_words_once(
    own: str, tmp_path: Path, settings
) -> None:
    # (found by a reviewer: a school's copy of the old letter lost "Code" and "Voor:"; a copy of
    # the old places' macros broke the built-in letter)
    import io

    import pypdf

    folder = tmp_path / "sjablonen"
    folder.mkdir()
    source = OLD_TEMPLATES / own.replace(".html.j2", "-oud.html.j2")
    (folder / own).write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    klass = next(k for k in families.school() if k.slug == "groep-5a")
    letter = invitations.Letter(
        code="K01-ABC",
        kinderen=(invitations.Child("Sam de Vries", "Groep 5a", "Juf Samira"),),
        ouders=(),
        huishouden=1,
        huishoudens=1,
    )
    pdf = invitations_pdf(Renderer([folder]), agenda(), klass, [letter])
    text = " ".join(pypdf.PdfReader(io.BytesIO(pdf.data)).pages[0].extract_text(extraction_mode="layout").split())
    text = text.replace("\u2068", "").replace("\u2069", "")
    for words in ("Aan de ouder(s)/verzorger(s) van:", "Code", "Voor: Sam de Vries"):
        assert text.count(words) == 1, words


def _mixed_letters() -> list[invitations.Letter]:
    """Households of one class with siblings in other groups, a very long teacher's name and a name left blank."""
    letters = _letters(14)
    sibling = invitations.Child("Broer van den Achternaam", "Groep 7b", "Meester Bartholomeus van Oldenbarnevelt")
    letters[6] = replace(letters[6], kinderen=(*letters[6].kinderen, sibling))
    letters[9] = replace(letters[9], kinderen=(letters[9].kinderen[0], replace(sibling, leerkracht="")))
    letters[2] = replace(letters[2], kinderen=(replace(letters[2].kinderen[0], naam=""),))
    return letters


def _spied(monkeypatch: pytest.MonkeyPatch, renderer: Renderer, copied: list[bool], *, copy: bool = True) -> list[str]:
    """Keep what `_columns_copied` answers (or make it answer False) and the HTML laid out."""
    from gereedschapskist.render import invitations as module

    found = module._columns_copied

    def spy(document, places):
        copied.append(found(document, places) if copy else False)
        return copied[-1]

    monkeypatch.setattr(module, "_columns_copied", spy)
    laid_out: list[str] = []
    original = renderer._layout_string

    def keep(html_text, base_url, **options):
        laid_out.append(html_text)
        return original(html_text, base_url, **options)

    monkeypatch.setattr(renderer, "_layout_string", keep)
    return laid_out


def test_each_group_and_teacher_is_laid_out_once_per_class_and_prints_as_every_line_in_full(
    settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The tall page of places once laid out a child's group and teacher beside every name: two
    # of the three boxes of each line, the same text in most households. Now each pair is laid
    # out once and copied into the lines; the pages must be those of every line laid out in full.
    from .raster import differing_pages
    from .test_forms import _tagged_content

    klass = next(k for k in families.school() if k.slug == "groep-5a")
    letters = _mixed_letters()
    pairs = {(child.klas, child.leerkracht) for letter in letters for child in letter.kinderen}
    assert len(pairs) == 3
    pdfs = []
    for copy in (True, False):
        printer = Renderer()
        copied: list[bool] = []
        laid_out = _spied(monkeypatch, printer, copied, copy=copy)
        pdfs.append(invitations_pdf(printer, agenda(), klass, letters))
        # not copied: tried with the households' copies, then with every household, then in full
        assert copied == ([True] if copy else [False, False])
        tall = [html for html in laid_out if "data-brief=" in html]
        assert tall[0].count('class="kind-klas"') == len(pairs)  # the pairs once
        assert len(tall) == (1 if copy else 3)
        lines = sum(len(letter.kinderen) for letter in letters)
        assert tall[-1].count('class="kind-klas"') == (len(pairs) if copy else lines)
    fast, full = pdfs
    assert fast.pages == full.pages
    assert differing_pages(fast.data, full.data) == []
    assert _tagged_content(fast.data) == _tagged_content(full.data)


def test_a_stylesheet_that_sizes_the_name_to_its_text_gets_every_line_laid_out_in_full(
    tmp_path: Path, settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The copies of the group and teacher belong beside a name of fixed width; a school's
    print.css that sizes the name to its text gets the lines laid out in full, as one flow does."""
    from gereedschapskist.render.renderer import builtin_template_dir

    folder = tmp_path / "sjablonen"
    folder.mkdir()
    builtin = (builtin_template_dir() / "print.css").read_text(encoding="utf-8")
    (folder / "print.css").write_text(builtin + "\n.kind-naam { width: auto; margin-right: 3mm; }\n", encoding="utf-8")
    klass = next(k for k in families.school() if k.slug == "groep-5a")
    letters = _mixed_letters()
    printer = Renderer([folder])
    copied: list[bool] = []
    _spied(monkeypatch, printer, copied)
    assert layered(printer, agenda(), klass, letters) is not None
    # no copies of households (the name's box takes the size of its text), and with every
    # household laid out the columns do not fit beside the names: every line in full
    assert copied == [False]
    fast = invitations_pdf(printer, agenda(), klass, letters)
    slow = invitations_pdf(Renderer([folder], fast=False), agenda(), klass, letters)
    assert page_lines(fast.data) == page_lines(slow.data)
    assert any("Kind1-0 van den Achternaam Groep 5a Juf Samira" in line for line in page_lines(fast.data)[0])


def _households_of_every_kind() -> list[invitations.Letter]:
    """Letters whose places differ in every way a copy must follow: parents named or not, long
    names that end in "…", other scripts, siblings in other groups, codes of other widths."""
    names = [
        "Sem Jansen",
        "Zoë de Vries-Çelik",
        "أحمد حداد",
        "Nguyễn Thị Thảo",
        "Дарина Шевченко",
        "Maximiliaan Alexander Bartholomeus van Oldenbarnevelt tot de Wijngaerden",
        "Łucja Nowak",
        "דוד כהן",
    ]
    codes = ["K7-4QF", "WX-MN4", "34-679", "AC-DEF", "MW-HJK", "Q3-QTQ", "YY-XXY", "CD-EFG"]
    letters = []
    for number, (name, code) in enumerate(zip(names * 2, codes * 2, strict=True), start=1):
        children = (invitations.Child(name, "Groep 5a", "Juf Samira"),)
        if number % 5 == 0:
            children += (invitations.Child(names[(number + 2) % len(names)], "Groep 7b", "Meester Jansen"),)
        parents = ()
        if number % 3 == 1:
            parents = (f"Ouder {name}",)
        elif number % 3 == 2:
            parents = ("Fatima El Amrani-Bouzidi", "Mohamed El Amrani")
        letters.append(
            invitations.Letter(
                code=code,
                kinderen=children,
                ouders=parents,
                huishouden=1,
                huishoudens=2 if number % 7 == 0 else 1,
                taal="",
            )
        )
    return letters


def test_copies_of_one_household_print_what_every_household_laid_out_prints(
    settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The tall page once laid out every household's places; most of them are the same boxes
    # with other text. Now one household of each shape is laid out and the others are copies
    # of it with their own text shaped again: the pages must be the very same.
    from gereedschapskist.render import invitations as module

    from .raster import differing_pages
    from .test_forms import _tagged_content

    klass = next(k for k in families.school() if k.slug == "groep-5a")
    letters = _households_of_every_kind()
    made = spy_on_copies(monkeypatch)
    fast = invitations_pdf(Renderer(), agenda(), klass, letters)
    assert made == [True]
    monkeypatch.setattr(module, "_copies", lambda *arguments: None)
    full = invitations_pdf(Renderer(), agenda(), klass, letters)
    assert fast.pages == full.pages
    assert differing_pages(fast.data, full.data) == []
    assert _tagged_content(fast.data) == _tagged_content(full.data)
    assert _bookmarks(fast.data) == _bookmarks(full.data)
    assert [title for title, _ in _bookmarks(fast.data)] == [letter.kinderen_tekst for letter in letters]
    assert page_lines(fast.data) == page_lines(full.data)


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda letter: replace(letter, code="WW-WMW"), id="a code wider than its box"),
        pytest.param(
            lambda letter: replace(letter, kinderen=(replace(letter.kinderen[0], naam="Sem  Jansen"),)),
            id="two spaces WeasyPrint would collapse",
        ),
    ],
)
def test_a_text_that_would_not_lie_as_the_samples_gets_every_household_laid_out(
    change, settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A copy's text is shaped as given and put where the sample's was: a right-aligned code that
    overflows its box, or text WeasyPrint would change, is not copied but laid out."""
    from gereedschapskist.render import invitations as module

    from .raster import differing_pages

    klass = next(k for k in families.school() if k.slug == "groep-5a")
    letters = [letter for letter in _letters(6) if len(letter.kinderen) == 1 and letter.ouders]
    letters[-1] = change(letters[-1])
    made = spy_on_copies(monkeypatch)
    fast = invitations_pdf(Renderer(), agenda(), klass, letters)
    monkeypatch.setattr(module, "_copies", lambda *arguments: None)
    full = invitations_pdf(Renderer(), agenda(), klass, letters)
    assert differing_pages(fast.data, full.data) == []
    assert made == [False]


def test_a_copy_is_refused_a_text_of_another_height_or_baseline(settings, monkeypatch: pytest.MonkeyPatch) -> None:
    """(A font that some name falls back to may be taller: the line would not lie as the sample's.)"""
    from gereedschapskist.render import invitations as module

    klass = next(k for k in families.school() if k.slug == "groep-5a")
    letters = [letter for letter in _letters(4) if len(letter.kinderen) == 1 and letter.ouders]
    seen: list[tuple[str, bool]] = []
    retexted = module._retexted

    def taller(mark, text):
        mark.box.height += 0.5  # as if the sample's text had another font
        seen.append((text, retexted(mark, text)))
        mark.box.height -= 0.5
        return seen[-1][1]

    monkeypatch.setattr(module, "_retexted", taller)
    assert layered(Renderer(), agenda(), klass, letters) is not None
    assert seen and not any(ok for _, ok in seen)
