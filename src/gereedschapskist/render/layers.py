"""The fast way to print (see `renderer`): a shared layer laid out once, joined page by page.

Imported only when `compat` finds the tested WeasyPrint with the expected internals:
this module reads page boxes (`Page._page_box`), copies box trees and builds pages
from them. `_layered_pages` is the one page loop for both documents; the guide joins
its layers into one box tree (`_joined_guide_page`), the forms stack them for painting
(`stacking.StackedPage`); the renderer's module docstring says why the two differ.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

from weasyprint.document import Page
from weasyprint.formatting_structure import boxes

from ..agenda.model import Agenda
from ..classes.model import SchoolClass
from . import views
from .contract import (
    CLASS_LAYER,
    CONTENT_LAYER,
    CONTINUATION_CLASS,
    FOOTER_CLASS,
    FORM_ANCHOR_PREFIX,
    FORM_CONTENT_TEMPLATE,
    FORMS_TEMPLATE,
    GUIDE_HEADER_CLASS,
    GUIDE_HEADER_TAG,
    GUIDE_ROOT_CLASS,
    GUIDE_TEMPLATE,
    HEADER_HEIGHT_VARIABLE,
    HEADER_SPACE_CLASS,
    LAYER_PAGES_VARIABLE,
    LAYER_SPACE_CLASS,
    LAYER_VARIABLE,
)
from .environment import render_template
from .errors import TemplateProblem
from .stacking import PaintCache, StackedPage

if TYPE_CHECKING:
    from .renderer import FormContent, Layout, PupilLayer, Renderer


class LayerMismatch(TemplateProblem):
    """A (school's) template does not fit the layered way; the renderer then prints it in one flow."""


class LayeredPrinter:
    """The layered guide and forms of one `Renderer`, with the shared layers cached per agenda."""

    def __init__(self, renderer: Renderer) -> None:
        self.renderer = renderer
        # The forms' shared content per agenda (and header room).
        self._form_contents: dict[tuple[str, str | None], FormContent] = {}
        # The guide's agenda content per agenda and header height, and its last page count per agenda.
        self._guide_contents: dict[tuple[str, str], Layout] = {}
        self._guide_pages: dict[str, int] = {}

    # -- the guide ------------------------------------------------------------------

    def guide(self, agenda: Agenda, klass: SchoolClass | None, context: Mapping[str, Any]) -> Layout:
        """The guide's two layers laid out and joined into one document."""
        from .renderer import Layout

        layout = self.renderer._layout
        key = agenda.model_dump_json()
        pages = self._guide_pages.get(key, 1)
        frame = layout(GUIDE_TEMPLATE, {**context, LAYER_VARIABLE: CLASS_LAYER, LAYER_PAGES_VARIABLE: pages}, forms=0)
        content = self._guide_content(agenda, key, _header_height(frame.document))
        count = len(content.document.pages)
        self._guide_pages[key] = count
        if count != pages:
            frame = layout(
                GUIDE_TEMPLATE, {**context, LAYER_VARIABLE: CLASS_LAYER, LAYER_PAGES_VARIABLE: count}, forms=0
            )
        content_pages = content.document.pages
        if len(frame.document.pages) < len(content_pages):
            raise LayerMismatch("de kop van de leidraad past niet op één pagina", template=GUIDE_TEMPLATE)
        joined = _layered_pages(
            frame.document.pages,
            content_pages,
            lambda number: number if number < len(content_pages) else None,
            lambda top, under, _: Page(_joined_guide_page(top, under)),
            "de inhoud van de leidraad",
            GUIDE_TEMPLATE,
        )
        # The identifier of the one-flow guide, so that the PDF is the one WeasyPrint writes for it.
        html_text, _ = render_template(self.renderer.env, GUIDE_TEMPLATE, context)
        identifier = hashlib.sha256(html_text.encode("utf-8")).hexdigest()[:32].encode("ascii")
        return Layout(
            document=frame.document.copy(joined),
            identifier=identifier,
            warnings=[*frame.warnings, *content.warnings],
        )

    def _guide_content(self, agenda: Agenda, key: str, header_height: float) -> Layout:
        """The guide's agenda content, laid out once per agenda (and header height)."""
        height = repr(header_height)
        cached = self._guide_contents.get((key, height))
        if cached is None:
            context = {
                **views.guide_context(agenda, None),
                LAYER_VARIABLE: CONTENT_LAYER,
                HEADER_HEIGHT_VARIABLE: height,
            }
            cached = self.renderer._layout(GUIDE_TEMPLATE, context, forms=0)
            self._guide_contents[(key, height)] = cached
        return cached

    # -- the forms ------------------------------------------------------------------

    def forms(self, agenda: Agenda, klass: SchoolClass | None) -> Layout:
        """Both layers of the forms laid out and stacked into one document."""
        count = len(klass.leerlingen) if klass is not None and klass.leerlingen else 1
        content = self._form_content(agenda, None)
        pupils = self._pupil_layer(agenda, klass, content, count)
        if pupils.header_bottom > content.space_bottom + 0.01:
            # A header outgrew the room left for it (a long name, a school's own header):
            # give the content exactly the room the tallest header needs; if that moves a
            # page break, lay the headers out again for the new page count.
            needed = math.ceil((pupils.header_bottom - content.space_top) * 10) / 10
            content = self._form_content(agenda, f"{needed:.1f}px")
            if pupils.header_bottom > content.space_bottom + 0.01:
                raise LayerMismatch(
                    f"de inhoud van het formulier laat geen ruimte vrij voor de kop (een blok met class "
                    f'"{HEADER_SPACE_CLASS}" bovenaan)',
                    template=FORM_CONTENT_TEMPLATE,
                )
            if pupils.layout.form_pages[0] != len(content.document.pages):
                pupils = self._pupil_layer(agenda, klass, content, count)
        return self._stack(pupils.layout, content)

    def _form_content(self, agenda: Agenda, header_space: str | None) -> FormContent:
        """The shared content of the forms, laid out once per agenda (and header room)."""
        from .renderer import FormContent

        key = (agenda.model_dump_json(), header_space)
        cached = self._form_contents.get(key)
        if cached is None:
            layout = self.renderer._layout(
                FORM_CONTENT_TEMPLATE, views.form_content_context(agenda, header_space), forms=0
            )
            if not layout.document.pages:
                raise LayerMismatch("de inhoud van het formulier is leeg", template=FORM_CONTENT_TEMPLATE)
            first = layout.document.pages[0]._page_box
            spaces = [box for box in _element_boxes(first) if _has_class(box, HEADER_SPACE_CLASS)]
            if spaces:
                top = spaces[0].position_y
                bottom = top + spaces[0].margin_height()
            else:
                # No room left at all: the content starts at the top of the page area.
                top = bottom = first.content_box_y()
            cached = FormContent(layout, top, bottom)
            self._form_contents[key] = cached
        return cached

    def _pupil_layer(self, agenda: Agenda, klass: SchoolClass | None, content: FormContent, count: int) -> PupilLayer:
        from .renderer import PupilLayer

        pages = len(content.document.pages)
        layout = self.renderer._layout(FORMS_TEMPLATE, views.forms_context(agenda, klass, pages), forms=count)
        if not any(layout.form_pages):
            raise LayerMismatch(
                f'elk formulier moet een element met id="{FORM_ANCHOR_PREFIX}1", "{FORM_ANCHOR_PREFIX}2", … hebben',
                template=FORMS_TEMPLATE,
            )
        if layout.form_pages != (pages,) * count:
            raise LayerMismatch(
                f"elk formulier moet {pages} pagina's tellen (zoals de inhoud), maar het sjabloon maakt er "
                f"{', '.join(map(str, sorted(set(layout.form_pages))))}; past de kop niet op één pagina?",
                template=FORMS_TEMPLATE,
            )
        bottom = max(
            (_occupied_bottom(layout.document.pages[start]._page_box) for start in layout.form_starts), default=0.0
        )
        return PupilLayer(layout, bottom)

    def _stack(self, pupils: Layout, content: FormContent) -> Layout:
        """Put the shared content under every form's header, page by page."""
        from .renderer import Layout

        content_pages = content.document.pages
        content_page_of: dict[int, int] = {}
        for start in pupils.form_starts:
            for offset in range(len(content_pages)):
                content_page_of[start + offset] = offset
        stacked = _layered_pages(
            pupils.document.pages,
            content_pages,
            content_page_of.get,  # None: a blank filler page, nothing to put under it
            StackedPage,
            "de inhoud van het formulier",
            FORM_CONTENT_TEMPLATE,
        )
        identifier = hashlib.sha256(pupils.identifier + content.layout.identifier).hexdigest()[:32].encode("ascii")
        return Layout(
            document=pupils.document.copy(stacked),
            identifier=identifier,
            warnings=[*pupils.warnings, *content.layout.warnings],
            form_pages=pupils.form_pages,
            form_starts=pupils.form_starts,
        )

    # -- writing ----------------------------------------------------------------------

    def write_pdf(self, layout: Layout) -> bytes:
        """Write the PDF, painting each shared content page once and replaying it (stacking.py)."""
        stacked = [page for page in layout.document.pages if isinstance(page, StackedPage)]
        cache = PaintCache()
        for page in stacked:
            page.cache = cache
        try:
            return layout.document.write_pdf(pdf_tags=True, pdf_identifier=layout.identifier)
        finally:
            # A recording belongs to this one PDF (its fonts and resources).
            for page in stacked:
                page.cache = None


def _layered_pages(
    frame_pages: list[Page],
    content_pages: list[Page],
    content_index: Callable[[int], int | None],
    join: Callable[[boxes.PageBox, boxes.PageBox, int], Page],
    what: str,
    template: str,
) -> list[Page]:
    """The one page loop of both documents: each page of the per-class layer, joined with
    the content page `content_index(number)` under it (None: the page is kept as it is)."""
    joined: list[Page] = []
    for number, page in enumerate(frame_pages):
        index = content_index(number)
        if index is None:
            joined.append(page)
            continue
        top = page._page_box
        under = content_pages[index]._page_box
        if under.page_type.side != top.page_type.side:
            raise LayerMismatch(f"{what} begint niet op een rechterpagina", template=template)
        joined.append(join(top, under, index))
    return joined


def _element_boxes(page_box: boxes.PageBox, skip: str | None = None) -> Iterator[boxes.Box]:
    """Boxes of the page's content (not its margin boxes) that belong to an element.

    With `skip`, the boxes of elements with that class and of everything inside them are left out.
    """
    stack = [child for child in reversed(page_box.children) if not isinstance(child, boxes.MarginBox)]
    while stack:
        box = stack.pop()
        if not isinstance(box, boxes.Box):
            continue  # an absolutely positioned box's placeholder, as in Box.descendants()
        if getattr(box, "element", None) is not None:
            if skip is not None and _has_class(box, skip):
                continue
            yield box
        if isinstance(box, boxes.ParentBox):
            stack.extend(reversed(box.children))


def _has_class(box: boxes.Box, css_class: str) -> bool:
    return css_class in box.element.get("class", "").split()


def _occupied_bottom(page_box: boxes.PageBox) -> float:
    """The lowest point of anything drawn in the page's content, whatever the template.

    The wrappers (html, body and the form's own element) are left out: split by the
    page break after the header, their first fragment may reach down the page.
    """
    bottom = page_box.content_box_y()
    for box in _element_boxes(page_box, skip=FOOTER_CLASS):
        if box.element_tag in ("html", "body") or box.element.get("id", "").startswith(FORM_ANCHOR_PREFIX):
            continue
        if _has_class(box, CONTINUATION_CLASS):
            continue
        bottom = max(bottom, box.position_y + box.margin_height())
    return bottom


def _guide_root(page_box: boxes.PageBox) -> list[boxes.ParentBox]:
    """The boxes of html, body and the guide's root element on a page of one of its layers."""
    roots = [child for child in page_box.children if not isinstance(child, boxes.MarginBox)]
    path: list[boxes.ParentBox] = []
    if len(roots) == 1 and isinstance(roots[0], boxes.ParentBox) and roots[0].element_tag == "html":
        path.append(roots[0])
        body = [child for child in roots[0].children if getattr(child, "element_tag", None) == "body"]
        if body and isinstance(body[0], boxes.ParentBox):
            path.append(body[0])
            path.extend(
                child
                for child in body[0].children
                if isinstance(child, boxes.ParentBox)
                and child.element is not None
                and _has_class(child, GUIDE_ROOT_CLASS)
            )
    if len(path) != 3:
        raise LayerMismatch(
            f'de leidraad moet één <div class="{GUIDE_ROOT_CLASS}"> in de body hebben', template=GUIDE_TEMPLATE
        )
    return path


def _joined_guide_page(frame: boxes.PageBox, content: boxes.PageBox) -> boxes.PageBox:
    """One page box with the class layer's and the content's children in one guide root.

    The header comes first, as in the one-flow guide; the layers' empty blocks are left
    out. Boxes are copied, never changed: the content is shared by every class.
    """

    def kept(box: boxes.ParentBox) -> list[boxes.Box]:
        return [
            child
            for child in box.children
            if getattr(child, "element", None) is None or not _has_class(child, LAYER_SPACE_CLASS)
        ]

    _, _, frame_div = _guide_root(frame)
    html, body, div = _guide_root(content)
    joined = div.copy()
    joined.children = [*kept(frame_div), *kept(div)]
    body_copy = body.copy()
    body_copy.children = [joined if child is div else child for child in body.children]
    html_copy = html.copy()
    html_copy.children = [body_copy if child is body else child for child in html.children]
    page = frame.copy()
    page.children = [html_copy, *(child for child in frame.children if isinstance(child, boxes.MarginBox))]
    return page


def _header_height(document: Any) -> float:
    """The height (CSS px, margins included) of the guide's header on its first page."""
    if document.pages:
        for box in _element_boxes(document.pages[0]._page_box):
            if box.element_tag == GUIDE_HEADER_TAG and _has_class(box, GUIDE_HEADER_CLASS):
                return box.margin_height()
    raise LayerMismatch(
        f'de leidraad heeft geen kop (<{GUIDE_HEADER_TAG} class="{GUIDE_HEADER_CLASS}">) op de eerste pagina',
        template=GUIDE_TEMPLATE,
    )
