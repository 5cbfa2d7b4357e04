"""The invitations of one class as a PDF: a letter with reply slip per household (uitnodigingen.html.j2).

Every letter starts on a right-hand page; a household whose language has a translation
template gets it on the back. A reply slip that does not fit under its letter on the first
page gets a sheet of its own (the next right-hand page, `strook-apart`): the letter, with the
moments and the reply date, stays at home, the slip's sheet goes back to school whole (a
translation then follows on a sheet of its own). Both ways find those letters after a first
layout and lay out again only what overflows (the shape's shared letter; in one flow the
class's document). Two ways to print, with the same pages:

* one flow (WeasyPrint's public API): every letter laid out in full; used for a school's
  own letter templates and when the fast way is off (`Renderer.fast`);
* in layers, as the note forms (`layers.py`, `stacking.py`): letters differ only in a few
  places of fixed height (address and children, the slip's names and code:
  uitnodiging_plekken.html.j2). The rest of the letter is laid out once per shape
  (`invitations.shape`: agenda, number of children, separated parents) and its painting replayed.
  The places of all households of a class are laid out in one go, one after the other on a
  tall page (uitnodiging_kop.html.j2), and each is moved to where the shared letter leaves
  room for it (measured here): a page of its own per household cost more than its text.
  Most households' places are the same boxes with other text: one household of each shape
  is laid out, the others are copies of it with their own text shaped again (`_copies`,
  `_retexted`), and a child's group and teacher (the same in most households of a class) are
  laid out once per pair and copied beside each name (`_columns_copied`). Where a copy would
  not lie as WeasyPrint lays the text out, every household is laid out (`_tall_page`).
  On that page no letter has an id or a style attribute (`data-brief` marks it; its anchor is
  set when it is moved): WeasyPrint gives such an element, and all it holds, a computed style
  of its own, so that equal households would each cost the styles' computing again.
  Translations are laid out together, each starting on the side of the sheet it gets; a
  blank back is a copy of one blank page laid out once.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from jinja2 import TemplateNotFound

from ..agenda.model import Agenda
from ..classes.model import SchoolClass
from ..invitations import Letter, invitation_context, invitation_settings, join_dutch, mixed, shape
from .contract import (
    ADDRESS_PLACE_CLASS,
    INVITATIONS_TEMPLATE,
    LETTER_ANCHOR_PREFIX,
    LETTER_HEAD_TEMPLATE,
    LETTER_PLACES_TEMPLATE,
    LETTER_TEMPLATE,
    SLIP_PLACE_CLASS,
    TRANSLATION_TEMPLATE,
)
from .environment import render_template
from .errors import MissingGlyphs
from .renderer import Layout, RenderedPdf, Renderer, UnprintableName, _cyclic_gc_paused, isolate

_CODE = re.compile(r"[a-z]{2,3}(?:-[a-z0-9]{2,8})?")


def translation_template(renderer: Renderer, code: str) -> str | None:
    """`uitnodiging.<code>.html.j2` when a template folder (the school's first) has it, else None."""
    if not _CODE.fullmatch(code):
        return None
    found: dict[str, str | None] = renderer.__dict__.setdefault("_translations", {})
    if code not in found:
        name = TRANSLATION_TEMPLATE.format(taal=code)
        try:
            renderer.env.loader.get_source(renderer.env, name)  # type: ignore[union-attr]
        except TemplateNotFound:
            found[code] = None
        else:
            found[code] = name
    return found[code]


def invitations_html(
    renderer: Renderer,
    agenda: Agenda,
    klass: SchoolClass | None,
    letters: Sequence[Letter],
    laag: str | None = None,
    plekken: dict[str, Any] | None = None,
    agendas: Sequence[Agenda] = (),
    apart: Collection[int] = (),
    kolommen: Mapping[tuple[str, str], int] | None = None,
    voorbeelden: Collection[int] | None = None,
) -> tuple[str, str | None]:
    """The HTML of a class's letters and its base URL (the folder of the template used).

    `agendas`: what the letters' agenda indexes point into (each letter speaks for its own).
    `apart`: the letters (1-based) whose slip does not fit under the letter on its first page:
    their slip gets a sheet of its own (`strook_apart` in the template).
    `kolommen` (the tall page of places only): each (group, teacher) pair of the children's lines
    and its number; the lines then hold only the names (see `_columns_copied`). `voorbeelden`
    (that page only): the letters (1-based) to print, one of each shape (see `_copies`).
    """
    context = invitation_context(
        agenda,
        klass,
        letters,
        lambda code: translation_template(renderer, code),
        laag=laag,
        plekken=plekken,
        agendas=agendas,
    )
    context["strook_apart"] = frozenset(apart)
    context["kolommen"] = kolommen
    context["voorbeelden"] = frozenset(voorbeelden) if voorbeelden is not None else None
    html, folder = render_template(renderer.env, INVITATIONS_TEMPLATE, context)
    return html, (folder.as_uri() + "/" if folder is not None else None)


def invitations_pdf(
    renderer: Renderer,
    agenda: Agenda,
    klass: SchoolClass | None,
    letters: Sequence[Letter],
    agendas: Sequence[Agenda] = (),
) -> RenderedPdf:
    """The letters of one class. A name no font can print is left blank (a line to write it on).

    `agendas`: the agendas the letters' indexes point into (`Letter.agenda`, `Child.agenda`).
    """
    with _cyclic_gc_paused():
        try:
            return _write(renderer, agenda, klass, letters, agendas)
        except MissingGlyphs as problem:
            missing = set(problem.characters)
            where = klass.label if klass is not None else None
            names = {child.naam for letter in letters for child in letter.kinderen} | {
                name for letter in letters for name in letter.ouders
            }
            if not any(set(name) & missing for name in names):
                raise MissingGlyphs(problem.characters, document="uitnodigingen", klass=where) from None
        blanked = [_blank(letter, missing) for letter in letters]
        try:
            result = _write(renderer, agenda, klass, blanked, agendas)
        except MissingGlyphs as problem:
            raise MissingGlyphs(problem.characters, document="uitnodigingen", klass=where) from None
        pupils = klass.leerlingen if klass is not None else ()
        result.unprintable = tuple(
            UnprintableName(position, "".join(sorted(set(pupil.naam) & missing)))
            for position, pupil in enumerate(pupils, start=1)
            if set(pupil.naam) & missing
        )
        return result


def _write(
    renderer: Renderer,
    agenda: Agenda,
    klass: SchoolClass | None,
    letters: Sequence[Letter],
    agendas: Sequence[Agenda] = (),
) -> RenderedPdf:
    layout = layered(renderer, agenda, klass, letters, agendas) if _layers_fit(renderer) and letters else None
    if layout is None:
        layout = one_flow(renderer, agenda, klass, letters, agendas)
    return renderer.write(layout, "uitnodigingen")


def one_flow(
    renderer: Renderer,
    agenda: Agenda,
    klass: SchoolClass | None,
    letters: Sequence[Letter],
    agendas: Sequence[Agenda] = (),
) -> Layout:
    """All letters in one document; laid out twice when a slip does not fit under its letter.

    The second time, those letters' slips start on the next right-hand page (a sheet of their own).
    """
    html, base_url = invitations_html(renderer, agenda, klass, letters, agendas=agendas)
    layout = renderer._layout_string(html, base_url, stylesheets=[renderer.css], forms=0)
    apart = _slips_apart(layout.document)
    if apart:
        html, base_url = invitations_html(renderer, agenda, klass, letters, agendas=agendas, apart=apart)
        layout = renderer._layout_string(html, base_url, stylesheets=[renderer.css], forms=0)
    return layout


def _slips_apart(document: Any) -> set[int]:
    """The letters (1-based, from their anchors) whose slip's place is not on the letter's first page."""
    from .layers import _element_boxes, _has_class

    first: dict[int, int] = {}
    apart: set[int] = set()
    current = None
    for number, page in enumerate(document.pages):
        for box in _element_boxes(page._page_box):
            identifier = box.element.get("id", "")
            if identifier.startswith(LETTER_ANCHOR_PREFIX) and identifier[len(LETTER_ANCHOR_PREFIX) :].isdigit():
                current = int(identifier[len(LETTER_ANCHOR_PREFIX) :])
                first.setdefault(current, number)
            elif current is not None and _has_class(box, SLIP_PLACE_CLASS) and first[current] != number:
                apart.add(current)
    return apart


def _layers_fit(renderer: Renderer) -> bool:
    """The layers need the built-in letter templates (a school's own may move things anywhere)."""
    return renderer._layers is not None and all(
        renderer._is_builtin(name)
        for name in (INVITATIONS_TEMPLATE, LETTER_TEMPLATE, LETTER_HEAD_TEMPLATE, LETTER_PLACES_TEMPLATE)
    )


@dataclass
class _Shared:
    """One shape of letter laid out without its places, and where they are."""

    layout: Layout
    places: dict[str, float | int]
    address: tuple[float, float]  # where the address place starts on the first page (CSS px)
    slip: tuple[float, float]  # where the slip's place starts on its page (`places["strook_pagina"]`)
    address_box: Any = None  # the shared letter's (nearly empty) place boxes, where a household's go
    slip_box: Any = None
    ancestors: frozenset[int] = frozenset()  # ids of the boxes above them (copied per household page)


def layered(
    renderer: Renderer,
    agenda: Agenda,
    klass: SchoolClass | None,
    letters: Sequence[Letter],
    agendas: Sequence[Agenda] = (),
) -> Layout | None:
    """The letters as the shared letter (per shape) under the per-household places; None when they do not fit.

    The places of all households are laid out in one go, one after the other on a tall page
    (no page of its own per household: the pages are most of WeasyPrint's cost for so little
    text), and each is moved to where the shared letter leaves room for it. Translations are
    laid out on their own, each starting on the side of the sheet it gets here. Blank backs
    are copies of one blank page.
    """
    from weasyprint.document import Page
    from weasyprint.formatting_structure import boxes

    from .layers import StackedPage

    names = [shape(letter) for letter in letters]
    shared: dict[str, _Shared] = {}
    for letter, name in zip(letters, names, strict=True):
        if name not in shared:
            each = _shared(renderer, agenda, letter, agendas)
            if each is None:
                return None
            shared[name] = each
    plekken = {name: each.places for name, each in shared.items()}
    apart = {index for index, name in enumerate(names, start=1) if shared[name].places.get("strook_apart")}
    found = _tall_page(renderer, agenda, klass, letters, plekken, agendas, apart)
    if found is None:
        return None
    frame, places = found
    translated = [letter for letter in letters if letter.taal and translation_template(renderer, letter.taal)]
    translations: Layout | None = None
    translation_pages: dict[int, list[Any]] = {}
    if translated:
        html, base_url = invitations_html(
            renderer, agenda, klass, letters, laag="vertaling", plekken=plekken, agendas=agendas, apart=apart
        )
        translations = renderer._layout_string(html, base_url, stylesheets=[renderer.css], forms=0)
        for page in translations.document.pages:
            for anchor in page.anchors:
                suffix = anchor.removeprefix(_TRANSLATION_ANCHOR_PREFIX)
                if anchor.startswith(_TRANSLATION_ANCHOR_PREFIX) and suffix.isdigit():
                    translation_pages.setdefault(int(suffix), []).append(page)
    blank = _blank_page(renderer)
    if blank is None:
        return None
    pages: list[Any] = []
    indexes = {name: number * 100 for number, name in enumerate(shared)}  # one paint recording per shared page
    for index, (letter, name) in enumerate(zip(letters, names, strict=True), start=1):
        each = shared[name]
        address, slip, article = places[index]
        article = _anchored(article, f"{LETTER_ANCHOR_PREFIX}{index}")
        content = each.layout.document.pages
        slip_page = int(each.places["strook_pagina"])
        for offset, under in enumerate(content):
            box = under._page_box
            moved = []
            if offset == 0:
                moved.append(_moved(address, each.address))
            if offset == slip_page:
                moved.append(_moved(slip, each.slip))
            top = _frame_page(frame.document.pages[0]._page_box, box, article if offset == 0 else None, moved)
            grafts = {}
            if offset == 0:
                grafts[id(each.address_box)] = address
            if offset == slip_page:
                grafts[id(each.slip_box)] = slip
            roots = [child for child in box.children if not isinstance(child, boxes.MarginBox)]
            tree = [_grafted(root, grafts, each.ancestors) for root in roots]
            pages.append(StackedPage(top, box, indexes[name] + offset, tree=tree))
        if letter.taal and translation_template(renderer, letter.taal):
            own = translation_pages.get(index)
            if not own:
                return None
            if len(pages) % 2 and own[0]._page_box.page_type.side == "right":
                pages.append(Page(blank.deepcopy()))  # after a slip's own sheet: the translation gets its own
            pages.extend(own)
        if len(pages) % 2 and index < len(letters):
            pages.append(Page(blank.deepcopy()))  # the next letter starts on the front of a sheet
    sides = [page._page_box.page_type.side for page in pages]
    if any(side != ("right" if number % 2 == 0 else "left") for number, side in enumerate(sides)):
        return None  # a page on the wrong side of the sheet: a letter would not start on the front
    layouts = [frame, *([translations] if translations is not None else []), *(each.layout for each in shared.values())]
    identifier = hashlib.sha256(b"".join(layout.identifier for layout in layouts)).hexdigest()[:32]
    return Layout(
        document=frame.document.copy(pages),
        identifier=identifier.encode("ascii"),
        warnings=[warning for layout in layouts for warning in layout.warnings],
    )


def _tall_page(
    renderer: Renderer,
    agenda: Agenda,
    klass: SchoolClass | None,
    letters: Sequence[Letter],
    plekken: dict[str, Any],
    agendas: Sequence[Agenda],
    apart: Collection[int],
) -> tuple[Layout, dict[int, tuple[Any, Any, Any]]] | None:
    """The tall page of places laid out, and each letter's places on it (None: they are not all there).

    The quickest way that gives the boxes one flow would give: one household of each shape laid
    out and the others copies of it with their own text (`_copies`), each child's group and
    teacher laid out once (`_columns_copied`); else every household laid out, with the columns
    copied; else (a school's stylesheet that sizes the name to its text) every line in full.
    """
    columns = _columns(letters)
    groups = _copy_groups(letters, apart, columns)
    everyone = range(1, len(letters) + 1)
    ways: list[tuple[list[int] | None, dict[tuple[str, str], int] | None]] = [(None, columns), (None, None)]
    if len(groups) < len(letters):
        ways.insert(0, ([indexes[0] for indexes in groups.values()], columns))
    for samples, kolommen in ways:
        html, base_url = invitations_html(
            renderer,
            agenda,
            klass,
            letters,
            laag="kop",
            plekken=plekken,
            agendas=agendas,
            apart=apart,
            kolommen=kolommen,
            voorbeelden=samples,
        )
        frame = renderer._layout_string(html, base_url, stylesheets=[renderer.css], forms=0)
        places = _household_places(frame.document, everyone if samples is None else samples)
        if places is not None and samples is not None:
            places = _copies(places, groups, letters)
        if places is None:
            if samples is None:
                return None  # not a copy that failed: the template does not fit the layers
            continue
        if kolommen is None or _columns_copied(frame.document, places):
            if any(_painted(article) for _, _, article in places.values()):
                return None  # a school's background in the places: one flow puts it right
            return frame, places
    return None


_TRANSLATION_ANCHOR_PREFIX = "vertaling-"
# Marks each letter on the tall page of the places (uitnodigingen.html.j2): not an id, see the module's docstring.
_HOUSEHOLD_ATTRIBUTE = "data-brief"


def _household_places(document: Any, indexes: Iterable[int]) -> dict[int, tuple[Any, Any, Any]] | None:
    """Per letter of `indexes` (1-based): its address place, its slip's place and its article, from the tall page(s)."""
    from .layers import _has_class

    found: dict[int, list[Any]] = {}
    for page in document.pages:
        for html in page._page_box.children:
            for body in getattr(html, "children", ()):
                for article in getattr(body, "children", ()):
                    element = getattr(article, "element", None)
                    if element is None or element.get(_HOUSEHOLD_ATTRIBUTE) is None:
                        continue
                    suffix = element.get(_HOUSEHOLD_ATTRIBUTE)
                    if not suffix.isdigit():
                        return None
                    entry = found.setdefault(int(suffix), [None, None, article])
                    for child in getattr(article, "children", ()):
                        if getattr(child, "element", None) is None:
                            continue
                        if _has_class(child, ADDRESS_PLACE_CLASS) and entry[0] is None:
                            entry[0] = child
                        elif _has_class(child, SLIP_PLACE_CLASS) and entry[1] is None:
                            entry[1] = child
    result = {}
    for index in indexes:
        entry = found.get(index)
        if entry is None or entry[0] is None or entry[1] is None:
            return None
        result[index] = (entry[0], entry[1], entry[2])
    return result


def _copy_groups(
    letters: Sequence[Letter], apart: Collection[int], columns: Mapping[tuple[str, str], int]
) -> dict[tuple[Any, ...], list[int]]:
    """The letters (1-based) whose places have the same boxes but for their own text, grouped.

    Same shape of letter, whether the slip has a sheet of its own, parents named or not, and
    per child the same (group, teacher) pair and whether the name is printed (a name no font
    has is a line to write it on). The first of each group is laid out, the others copied.
    """
    groups: dict[tuple[Any, ...], list[int]] = {}
    for index, letter in enumerate(letters, start=1):
        children = tuple((columns[(child.klas, child.leerkracht)], bool(child.naam)) for child in letter.kinderen)
        key = (shape(letter), index in apart, bool(letter.ouders), children)
        groups.setdefault(key, []).append(index)
    return groups


def _texts(letter: Letter) -> dict[str, str]:
    """A letter's own text on the tall page, per `data-tekst` mark (uitnodiging_plekken.html.j2)."""
    texts = {"code": letter.code}
    if letter.ouders:
        texts["aan"] = f"Aan {isolate(join_dutch(list(letter.ouders)))},"
    for number, child in enumerate(letter.kinderen):
        if child.naam:
            texts[f"naam-{number}"] = isolate(child.naam)
    return texts


def _copies(
    found: dict[int, tuple[Any, Any, Any]], groups: dict[tuple[Any, ...], list[int]], letters: Sequence[Letter]
) -> dict[int, tuple[Any, Any, Any]] | None:
    """Every letter's places: the laid-out household of its group, or a copy of it with the letter's
    own text (`_retexted`); None when a text cannot be put in a copy as WeasyPrint would lay it out."""
    places: dict[int, tuple[Any, Any, Any]] = {}
    for indexes in groups.values():
        sample = found[indexes[0]]
        address, slip, article = sample
        marks = _marked_texts(article)
        own = _texts(letters[indexes[0] - 1])
        # the copies get their text where the laid-out household has its own: that must be there
        if {mark.name for mark in marks} != set(own) or any(mark.box.text != own[mark.name] for mark in marks):
            return None
        if getattr(article, "bookmark_label", None) != _bookmark(letters[indexes[0] - 1]) or not _copyable(article):
            return None
        places[indexes[0]] = sample
        where = [article.children.index(address), article.children.index(slip)]
        for index in indexes[1:]:
            letter = letters[index - 1]
            copy = article.deepcopy()
            texts = _texts(letter)
            for mark in _marked_texts(copy):
                if not _sized_by_their_container(mark) or not _retexted(mark, texts[mark.name]):
                    return None
            copy.bookmark_label = _bookmark(letter)
            if copy.bookmark_label != " ".join(copy.bookmark_label.split()):
                return None  # WeasyPrint would tidy the spaces of the label
            places[index] = (copy.children[where[0]], copy.children[where[1]], copy)
    return places


def _bookmark(letter: Letter) -> str:
    """The letter's bookmark, as uitnodigingen.html.j2 gives it (`data-bladwijzer`)."""
    return letter.kinderen_tekst or "Uitnodiging"


@dataclass
class _Marked:
    """A household's own text on the tall page: its text box, under a box marked `data-tekst`."""

    name: str  # the mark: "code", "aan", "naam-0", ...
    box: Any  # the text box
    line: Any  # the line box it lies in
    block: Any  # the box that holds that line
    path: tuple[Any, ...]  # the boxes from the letter's box (excluded) down to the text box (excluded)


def _marked_texts(article: Any) -> list[_Marked]:
    """The text boxes under the boxes marked `data-tekst` in `article`, in tree order."""
    from weasyprint.formatting_structure import boxes

    found: list[_Marked] = []

    def walk(box: Any, mark: str | None, line: Any, block: Any, path: tuple[Any, ...]) -> None:
        if isinstance(box, boxes.TextBox):
            if mark is not None:
                found.append(_Marked(mark, box, line, block, path))
            return
        element = getattr(box, "element", None)
        mark = (element.get("data-tekst") if element is not None else None) or mark
        inner = (*path, box) if box is not article else path
        for child in getattr(box, "children", ()):
            if isinstance(child, boxes.LineBox):
                walk(child, mark, child, box, inner)
            else:
                walk(child, mark, line, block, inner)

    walk(article, None, None, None, ())
    return found


def _retexted(mark: _Marked, text: str) -> bool:
    """Give a copied text box another text, as WeasyPrint lays it out in the same place.

    The text is shaped again (Pango) with the box's style and the width it had; its line moves
    as WeasyPrint's `text_align` moves it (`layout/inline.py`). False when the text would not lie
    in the line as the sample's did: text that may wrap or that CSS changes (text-transform,
    justification), another height or baseline (another font), a line break, space WeasyPrint
    would collapse, more in the line than the text, a right-to-left line, or an aligned line that
    would no longer be narrower than its box (WeasyPrint then puts it at the start).
    """
    from weasyprint.formatting_structure import boxes
    from weasyprint.text.line_break import split_first_line

    box, line, block = mark.box, mark.line, mark.block
    if line is None or block is None or text != " ".join(text.split()) or not text:
        return False
    style = box.style
    if style["white_space"] not in ("nowrap", "pre") or style["text_transform"] != "none":
        return False
    if box.justification_spacing or line.style["direction"] != "ltr":
        return False
    leaves = _leaves(line)
    if len(leaves) != 1 or leaves[0] is not box:
        return False
    share = _alignment_share(line.style)
    if share is None:
        return False
    offset = line.position_x - block.content_box_x()
    if share and (offset <= 0 or line.style["text_indent"].value):
        return False  # start-aligned: the line was as wide as its box or wider (or indented)
    old = box.pango_layout
    layout, length, resume_at, width, height, baseline = split_first_line(
        text, style, None, old.max_width, 0, is_line_start=True
    )
    if resume_at is not None or length != len(text.encode()) or layout.text != text:
        return False
    if abs(height - box.height) > 1e-6 or abs(baseline + box.margin_top - box.baseline) > 1e-6:
        return False
    delta = width - box.width
    if share and line.width + delta >= line.width + offset / share - 1e-6:
        return False
    box.text = text
    box.pango_layout = layout
    box.width = width
    for inline in mark.path[mark.path.index(line) + 1 :]:
        if isinstance(inline, boxes.InlineBox):
            inline.width += delta
    if share:
        line.translate(-delta * share, 0)
    line.width += delta
    return True


def _alignment_share(style: Any) -> float | None:
    """How much of a change of width moves a one-line text, as WeasyPrint aligns it (ltr): 0 at
    the start, 1 at the end, 0.5 centred; None for justified text (its spaces would change)."""
    align = style["text_align_all"]
    if style["text_align_last"] != "auto":
        align = style["text_align_last"]
    align = {"left": "start", "right": "end"}.get(align, align)
    return {"start": 0.0, "end": 1.0, "center": 0.5}.get(align)


def _copyable(article: Any) -> bool:
    """Whether copies of this household's boxes would bookmark as their own: none but the letter
    itself has a bookmark (a school's bookmark-label could be made of the sample's text)."""
    return not any(
        getattr(box, "bookmark_label", None) and box.style["bookmark_level"] != "none"
        for box in _descendants(article)
        if box is not article
    )


def _painted(box: Any) -> bool:
    """Whether a box in it paints a background (or shadow): WeasyPrint lays a background out with
    its box, in page positions that moving or copying the box does not change."""
    return any(getattr(each, "background", None) is not None for each in _descendants(box))


def _descendants(box: Any) -> Iterator[Any]:
    stack = [box]
    while stack:
        each = stack.pop()
        yield each
        stack.extend(getattr(each, "children", ()))


def _sized_by_their_container(mark: _Marked) -> bool:
    """Whether no box above the text takes its width from its content (a float, an inline-block
    or a positioned box without a width of its own; a table, flex or grid): then a copy with
    another text would keep a size that fitted the sample's."""
    from weasyprint.formatting_structure import boxes

    for box in mark.path:
        if isinstance(box, (boxes.LineBox, boxes.InlineBox)):
            continue
        if not isinstance(box, (boxes.BlockBox, boxes.InlineBlockBox)):
            return False
        shrinks = isinstance(box, boxes.InlineBlockBox) or box.is_floated() or box.is_absolutely_positioned()
        if shrinks and box.style["width"] == "auto":
            return False
    return True


def _leaves(box: Any) -> list[Any]:
    """The boxes without children under `box` (text, an empty inline-block: what a line shows)."""
    children = getattr(box, "children", None)
    if not children:
        return [box]
    return [leaf for child in children for leaf in _leaves(child)]


def _columns(letters: Sequence[Letter]) -> dict[tuple[str, str], int]:
    """Each (group, teacher) pair of the letters' children, numbered in order of appearance."""
    pairs: dict[tuple[str, str], int] = {}
    for letter in letters:
        for child in letter.kinderen:
            pairs.setdefault((child.klas, child.leerkracht), len(pairs))
    return pairs


def _columns_copied(document: Any, places: dict[int, tuple[Any, Any, Any]]) -> bool:
    """Each child's line gets copies of its (group, teacher) columns, laid out once per class.

    On the tall page a child's line holds only the name (`data-kolommen`); each pair of
    columns is laid out once, beside an empty name of the same fixed width
    (`data-kolom`). The name's box is the same size and in the same place in its line as the
    sample's, so the columns are too: copies, moved by the distance between the two lines.
    False (nothing changed) when a line does not have the sample's shape (a school's stylesheet
    that sizes the name to its text): the caller then lays the lines out in full.
    """
    from .layers import _element_boxes

    samples: dict[str, tuple[Any, Any, list[Any]]] = {}
    for page in document.pages:
        for box in _element_boxes(page._page_box):
            number = box.element.get("data-kolom")
            if number is not None and number not in samples:
                line = _only_line(box)
                if line is None or len(line.children) < 2:
                    return False
                samples[number] = (line, line.children[0], list(line.children[1:]))
    work = []
    for address, _slip, _article in places.values():
        for paragraph in address.children:
            element = getattr(paragraph, "element", None)
            number = element.get("data-kolommen") if element is not None else None
            if number is None:
                continue
            line = _only_line(paragraph)
            if number not in samples or line is None or len(line.children) != 1:
                return False
            sample_line, sample_name, columns = samples[number]
            name = line.children[0]
            same = (
                (name.position_x - line.position_x, sample_name.position_x - sample_line.position_x),
                (name.position_y - line.position_y, sample_name.position_y - sample_line.position_y),
                (name.margin_width(), sample_name.margin_width()),
            )
            if any(abs(one - other) > 0.01 for one, other in same):
                return False
            work.append((line, sample_line, columns))
    for line, sample_line, columns in work:
        copies = [column.deepcopy() for column in columns]
        for copy in copies:
            copy.translate(line.position_x - sample_line.position_x, line.position_y - sample_line.position_y)
        line.children = [*line.children, *copies]
    return True


def _only_line(paragraph: Any) -> Any:
    """The one line box of a paragraph's box, or None."""
    from weasyprint.formatting_structure import boxes

    children = getattr(paragraph, "children", ())
    if len(children) != 1 or not isinstance(children[0], boxes.LineBox):
        return None
    return children[0]


def _anchored(article: Any, anchor: str) -> Any:
    """The letter's box from the tall page with the letter's anchor (one flow has it as the article's id).

    The tall page's letters share their computed styles, so the anchor goes in a copy of the style.
    """
    article.style = article.style.copy()
    article.style["anchor"] = anchor
    return article


def _grafted(box: Any, grafts: dict[int, Any], ancestors: frozenset[int]) -> Any:
    """`box` for the tag tree of one household's page: the household's places inside the shared
    letter's place boxes, between its fixed words (`_between`); the boxes above them copied,
    everything else shared (never changed)."""
    place = grafts.get(id(box))
    if place is not None:
        copy = box.copy()
        copy.children = _between(box.children, place.children)
        return copy
    if id(box) not in ancestors or not grafts:
        return box
    copy = box.copy()
    copy.children = [_grafted(child, grafts, ancestors) for child in box.children]
    return copy


def _between(fixed: list[Any], own: list[Any]) -> list[Any]:
    """The shared letter's fixed words and a household's lines in reading order: a fixed word
    with `data-voor="x"` ("Voor:", "Code") before the household's first line of class x, the
    others ("Aan de ouder(s)/verzorger(s) van:") first."""
    before = [box for box in fixed if not _goes_before(box)]
    waiting = [box for box in fixed if _goes_before(box)]
    result = list(before)
    for line in own:
        element = getattr(line, "element", None)
        classes = element.get("class", "").split() if element is not None else []
        for word in [word for word in waiting if _goes_before(word) in classes]:
            result.append(word)
            waiting.remove(word)
        result.append(line)
    return [*result, *waiting]


def _goes_before(box: Any) -> str:
    element = getattr(box, "element", None)
    return element.get("data-voor", "") if element is not None else ""


def _path_ids(roots: list[Any], targets: list[Any]) -> frozenset[int]:
    """The ids of the boxes on the way from `roots` down to each of `targets` (not the targets)."""
    wanted = {id(target) for target in targets}
    found: set[int] = set()

    def walk(box: Any, above: tuple[int, ...]) -> None:
        if id(box) in wanted:
            found.update(above)
            return
        for child in getattr(box, "children", ()):
            walk(child, (*above, id(box)))

    for root in roots:
        walk(root, ())
    return frozenset(found)


def _moved(box: Any, target: tuple[float, float]) -> Any:
    """The place's box moved to `target` (it belongs to one household: moved in place, not copied)."""
    box.translate(target[0] - box.position_x, target[1] - box.position_y)
    return box


def _frame_page(tall: Any, under: Any, article: Any, moved: list[Any]) -> Any:
    """A page box of the shared letter's page with only the household's places in it.

    The places sit in copies of the tall page's html, body and (on the first page, for the
    letter's anchor and bookmark) article boxes, placed at the top of the page's content.
    """
    from weasyprint.formatting_structure import boxes

    page = under.copy()
    page.children = [child for child in under.children if isinstance(child, boxes.MarginBox)]
    if not moved and article is None:
        return page
    x, y = under.content_box_x(), under.content_box_y()
    html = next(child for child in tall.children if not isinstance(child, boxes.MarginBox))
    body = html.children[0]
    inner = moved
    if article is not None:
        wrapper = article.copy()
        wrapper.children = moved
        wrapper.position_x, wrapper.position_y = x, y
        wrapper.height = max((box.position_y + box.margin_height() for box in moved), default=y) - y
        inner = [wrapper]
    for outer in (body, html):
        copy = outer.copy()
        copy.children = inner
        copy.position_x, copy.position_y, copy.height = x, y, under.height
        inner = [copy]
    page.children = [*inner, *page.children]
    return page


def _blank_page(renderer: Renderer) -> Any:
    """The page box of a blank back (a left-hand page), laid out once per Renderer."""
    cache = renderer.__dict__.setdefault("_blank_letter_page", [])
    if not cache:
        letter = '<article class="uitnodiging"></article>'
        html = f'<html><body class="document-uitnodigingen">{letter}{letter}</body></html>'
        layout = renderer._layout_string(html, None, stylesheets=[renderer.css], forms=0)
        pages = layout.document.pages
        found = None
        if len(pages) == 3:
            box = pages[1]._page_box
            if box.page_type.blank and box.page_type.side == "left":
                found = box
        cache.append(found)
    return cache[0]


def _shared(renderer: Renderer, agenda: Agenda, sample: Letter, agendas: Sequence[Agenda] = ()) -> _Shared | None:
    """The letter of this shape without its places, laid out once per Renderer and agenda (cached)."""
    cache: dict[tuple[str, ...], _Shared | None] = renderer.__dict__.setdefault("_shared_letters", {})
    # the agendas this letter speaks for (its own, and its children's when they differ)
    used = sorted({sample.agenda, *(c.agenda for c in sample.kinderen if c.agenda is not None)}) if agendas else []
    own = (agenda, *(agendas[index] for index in used))
    key = (*(each.model_dump_json() for each in own), repr(invitation_settings(agenda)), shape(sample))
    if key not in cache:
        # a letter whose children have different kinds of conversation names them in its text
        keep = mixed(sample) and bool(agendas)
        blank = replace(
            sample,
            code="",
            ouders=("",) * len(sample.ouders),  # named or not (the fixed address line), never a name
            taal="",
            kinderen=tuple(
                replace(child, naam=child.naam if keep else "", klas=child.klas if keep else "", leerkracht="")
                for child in sample.kinderen
            ),
        )
        html, base_url = invitations_html(renderer, agenda, None, [blank], laag="inhoud", agendas=agendas)
        layout = renderer._layout_string(html, base_url, stylesheets=[renderer.css], forms=0)
        measured = _measured(layout)
        if measured is not None and measured.places["strook_pagina"] != 0:
            # the slip does not fit under the letter: laid out again with the slip on a sheet of its own
            html, base_url = invitations_html(
                renderer, agenda, None, [blank], laag="inhoud", agendas=agendas, apart={1}
            )
            layout = renderer._layout_string(html, base_url, stylesheets=[renderer.css], forms=0)
            measured = _measured(layout)
            if measured is not None:
                measured.places["strook_apart"] = 1
        cache[key] = measured
    return cache[key]


def _measured(layout: Layout) -> _Shared | None:
    """Where the places are: above the address, between it and the slip's place, on which page."""
    from weasyprint.formatting_structure import boxes

    from .layers import _element_boxes, _has_class

    pages = layout.document.pages
    if not pages:
        return None
    address = slip = None
    slip_page = 0
    for number, page in enumerate(pages):
        for box in _element_boxes(page._page_box):
            if address is None and _has_class(box, ADDRESS_PLACE_CLASS):
                if number != 0:
                    return None
                address = box
            elif slip is None and _has_class(box, SLIP_PLACE_CLASS):
                slip, slip_page = box, number
    if address is None or slip is None:
        return None
    if pages[0]._page_box.page_type.side != "right":
        return None
    places = {"strook_pagina": slip_page, "paginas": len(pages)}
    roots = [
        child
        for page in (pages[0], pages[slip_page])
        for child in page._page_box.children
        if not isinstance(child, boxes.MarginBox)
    ]
    return _Shared(
        layout,
        places,
        (address.position_x, address.position_y),
        (slip.position_x, slip.position_y),
        address_box=address,
        slip_box=slip,
        ancestors=_path_ids(roots, [address, slip]),
    )


def _blank(letter: Letter, missing: set[str]) -> Letter:
    def keep(name: str) -> str:
        return "" if set(name) & missing else name

    children = tuple(replace(child, naam=keep(child.naam)) for child in letter.kinderen)
    return replace(letter, kinderen=children, ouders=tuple(name for name in letter.ouders if keep(name)))
