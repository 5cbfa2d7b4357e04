"""HTML (Jinja2) -> PDF (WeasyPrint) for the two per-class documents: leidraad and gespreksformulieren.

One `Renderer` lives for a whole build: it holds the one font configuration, the
print stylesheet parsed once, and one Jinja2 environment, so that the per-class cost
is only filling in templates, laying them out and writing the PDF.

The forms of a class are printed as two layers that WeasyPrint lays out separately
and this module stacks page by page:

* the per-pupil layer (`gespreksformulieren.html.j2`): one HTML document with every
  pupil's header and the page frame (footers with name and "pagina x van y", the
  blank filler pages that make every form start on a right-hand page);
* the shared content (`formulier_inhoud.html.j2`): date, attendance, topics with
  their writing lines and the agreements. It is identical for every pupil, so it is
  laid out once per agenda and reused for every pupil and every class.

Laying out the shared content once instead of 28 times per class, and painting it
once per PDF (`stacking.StackedPage` replays its PDF operators for every next pupil),
makes the forms about four times faster; the pages are still real WeasyPrint pages
(text, tags, fonts), composed from the boxes of both layouts, and byte for byte what
WeasyPrint writes when it paints every page itself. Because the content does not depend
on the pupil, every form has the same number of pages, known before the per-pupil
layer is laid out. The header space the content leaves free is checked against
every laid-out header; a taller header (a very long name) makes the content be laid
out again with more room, so nothing ever overlaps.

The guide is printed the same way (`layout_guide`, leidraad.html.j2): its agenda
content (time bar, agenda table, tips) is laid out once per agenda and header height,
below an empty block as tall as the class's header; per class only the header, the
checklist and the footers are laid out. The two are joined page by page into one
`div.leidraad`, so the pages, their paint order and tags are those of the one-flow
guide: the PDF is byte for byte the one WeasyPrint writes for it (tests/render/test_guide.py).
A school's own leidraad.html.j2 is printed in one flow.
"""

from __future__ import annotations

import gc
import hashlib
import logging
import math
import os
import threading
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from markupsafe import Markup
from weasyprint import CSS, HTML, Document
from weasyprint.document import Page
from weasyprint.formatting_structure import boxes
from weasyprint.text.fonts import FontConfiguration

from .. import resources
from ..agenda.model import Agenda
from ..classes.model import SchoolClass
from . import speedups, views
from .environment import load_template, make_environment, render_block, render_template, template_folder
from .errors import MissingGlyphs, TemplateProblem
from .fetcher import TemplateDirFetcher
from .stacking import FOOTER_CLASS, PaintCache, StackedPage

GUIDE_TEMPLATE = "leidraad.html.j2"
FORMS_TEMPLATE = "gespreksformulieren.html.j2"
FORM_CONTENT_TEMPLATE = "formulier_inhoud.html.j2"
STYLESHEET = "print.css"

FORM_ANCHOR_PREFIX = "formulier-"
# The class that marks the room the shared content of a form leaves for the per-pupil header.
HEADER_SPACE_CLASS = "kop-ruimte"
# The class of the guide layers' empty blocks (room for the header, page breaks), left out when they are joined.
LAYER_SPACE_CLASS = "laag-ruimte"

# WeasyPrint reports a glyph that no font has with this message (weasyprint/draw/text.py)
# while it draws; the first argument is the character.
_NOTDEF_MESSAGE = ".notdef glyph rendered"


def builtin_template_dir() -> Path:
    """The built-in templates: `gereedschapskist/templates` in the wheel, else the repo's `templates/`."""
    # One rule for the whole package: `resources` answers without importing WeasyPrint.
    return resources.builtin_template_dir()


@dataclass
class RenderedPdf:
    """A finished PDF. `warnings` holds what WeasyPrint complained about (e.g. a refused URL)."""

    data: bytes
    pages: int
    warnings: tuple[str, ...] = ()


@dataclass
class Layout:
    """A laid-out document before it is written: for tests and for the page bookkeeping."""

    document: Document
    identifier: bytes
    warnings: list[str] = field(default_factory=list)
    form_pages: tuple[int, ...] = ()
    form_starts: tuple[int, ...] = ()


@dataclass
class FormContent:
    """The shared content of the forms, and where (CSS px from the page top) it leaves room for the header."""

    layout: Layout
    space_top: float
    space_bottom: float

    @property
    def document(self) -> Document:
        return self.layout.document


@dataclass
class PupilLayer:
    """The per-pupil layer, and the lowest point (CSS px) any form's header reaches on its first page."""

    layout: Layout
    header_bottom: float


class Renderer:
    """Renders the guide and the note forms; make one per process and reuse it for every class."""

    def __init__(self, template_dirs: Sequence[Path] = ()) -> None:
        user_dirs = tuple(template_folder(folder) for folder in template_dirs)
        for folder in user_dirs:
            if not folder.is_dir():
                raise TemplateProblem("deze sjabloonmap bestaat niet of is geen map", template=str(folder), path=folder)
        self.template_dirs: tuple[Path, ...] = (*user_dirs, builtin_template_dir())
        _without_harfbuzz_subset_too()
        speedups.install()
        self.font_config = FontConfiguration()
        self.fetcher = TemplateDirFetcher(self.template_dirs)
        self.env = make_environment(self.template_dirs)
        self.env.filters["isolate"] = isolate
        self.css_warnings: list[str] = []
        self.stylesheet_path, self.css = self._load_stylesheet()
        # The forms' shared content per agenda (see the module docstring).
        self._form_contents: dict[tuple[str, str | None], FormContent] = {}
        # The guide's agenda content per agenda and header height, and its last page count per agenda.
        self._guide_contents: dict[tuple[str, str], Layout] = {}
        self._guide_pages: dict[str, int] = {}

    # -- public API ---------------------------------------------------------------

    def guide_pdf(self, agenda: Agenda, klass: SchoolClass | None) -> RenderedPdf:
        """The teacher's guide (leidraad) with the class checklist."""
        with _cyclic_gc_paused():
            return self.write(self.layout_guide(agenda, klass), "leidraad")

    def forms_pdf(self, agenda: Agenda, klass: SchoolClass | None) -> RenderedPdf:
        """One note form per pupil, each starting on a recto page; one blank form without pupils."""
        with _cyclic_gc_paused():
            return self.write(self.layout_forms(agenda, klass), "gespreksformulieren")

    @property
    def base_url(self) -> str:
        """Folder (as a URL) that relative links in the HTML of `guide_html`/`forms_html` resolve against."""
        return self.stylesheet_path.parent.as_uri() + "/"

    def guide_html(self, agenda: Agenda, klass: SchoolClass | None) -> str:
        """The guide as one standalone HTML document (with a link to the stylesheet), e.g. for a preview."""
        html, _ = render_template(self.env, GUIDE_TEMPLATE, views.guide_context(agenda, klass))
        return self._with_stylesheet_link(html)

    def forms_html(self, agenda: Agenda, klass: SchoolClass | None) -> str:
        """All forms as one flowing HTML document: header and content together, per pupil.

        This is the plain way to print the forms (one layout of everything); `forms_pdf`
        prints the same pages faster by laying out the shared content only once.
        """
        pages = len(self._form_content(agenda, None).document.pages)
        content = render_block(
            self.env, FORM_CONTENT_TEMPLATE, "body", views.form_content_context(agenda, inside_form=True)
        )
        context = views.forms_context(agenda, klass, pages)
        context["inhoud"] = Markup(content)
        html, _ = render_template(self.env, FORMS_TEMPLATE, context)
        return self._with_stylesheet_link(html)

    def _with_stylesheet_link(self, html: str) -> str:
        link = f'<link rel="stylesheet" href="{self.stylesheet_path.as_uri()}">'
        head_end = html.find("</head>")
        return html[:head_end] + link + html[head_end:] if head_end >= 0 else link + html

    def layout_guide(self, agenda: Agenda, klass: SchoolClass | None) -> Layout:
        """The guide's two layers laid out and stacked into one document (see the module docstring)."""
        context = views.guide_context(agenda, klass)
        if not self._guide_is_builtin():
            # A school's own guide template knows nothing of layers: one flow.
            return self._layout(GUIDE_TEMPLATE, context, forms=0)
        key = agenda.model_dump_json()
        pages = self._guide_pages.get(key, 1)
        frame = self._layout(GUIDE_TEMPLATE, {**context, "laag": "klas", "paginas": pages}, forms=0)
        content = self._guide_content(agenda, key, _header_height(frame.document))
        count = len(content.document.pages)
        self._guide_pages[key] = count
        if count != pages:
            frame = self._layout(GUIDE_TEMPLATE, {**context, "laag": "klas", "paginas": count}, forms=0)
        # The identifier of the one-flow guide, so that the PDF is the one WeasyPrint writes for it.
        html_text, _ = render_template(self.env, GUIDE_TEMPLATE, context)
        identifier = hashlib.sha256(html_text.encode("utf-8")).hexdigest()[:32].encode("ascii")
        return self._stack_guide(frame, content, identifier)

    def layout_forms(self, agenda: Agenda, klass: SchoolClass | None) -> Layout:
        """Both layers of the forms laid out and stacked into one document (see the module docstring)."""
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
                raise TemplateProblem(
                    f"de inhoud van het formulier laat geen ruimte vrij voor de kop (een blok met class "
                    f'"{HEADER_SPACE_CLASS}" bovenaan)',
                    template=FORM_CONTENT_TEMPLATE,
                )
            if pupils.layout.form_pages[0] != len(content.document.pages):
                pupils = self._pupil_layer(agenda, klass, content, count)
        return self._stack(pupils.layout, content)

    # -- internals ----------------------------------------------------------------

    def _form_content(self, agenda: Agenda, header_space: str | None) -> FormContent:
        """The shared content of the forms, laid out once per agenda (and header room)."""
        key = (agenda.model_dump_json(), header_space)
        cached = self._form_contents.get(key)
        if cached is None:
            layout = self._layout(FORM_CONTENT_TEMPLATE, views.form_content_context(agenda, header_space), forms=0)
            if not layout.document.pages:
                raise TemplateProblem("de inhoud van het formulier is leeg", template=FORM_CONTENT_TEMPLATE)
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

    def _guide_is_builtin(self) -> bool:
        filename = load_template(self.env, GUIDE_TEMPLATE).filename
        return filename is not None and Path(filename).parent == self.template_dirs[-1]

    def _guide_content(self, agenda: Agenda, key: str, header_height: float) -> Layout:
        """The guide's agenda content, laid out once per agenda (and header height)."""
        height = repr(header_height)
        cached = self._guide_contents.get((key, height))
        if cached is None:
            context = {**views.guide_context(agenda, None), "laag": "inhoud", "kop_hoogte": height}
            cached = self._layout(GUIDE_TEMPLATE, context, forms=0)
            self._guide_contents[(key, height)] = cached
        return cached

    def _stack_guide(self, frame: Layout, content: Layout, identifier: bytes) -> Layout:
        """Join the class layer and the agenda content, page by page (see leidraad.html.j2)."""
        content_pages = content.document.pages
        frame_pages = frame.document.pages
        if len(frame_pages) < len(content_pages):
            raise TemplateProblem("de kop van de leidraad past niet op één pagina", template=GUIDE_TEMPLATE)
        joined: list[Page] = []
        for number, page in enumerate(frame_pages):
            if number >= len(content_pages):
                joined.append(page)
                continue
            under = content_pages[number]._page_box
            top = page._page_box
            if under.page_type.side != top.page_type.side:
                raise TemplateProblem(
                    "de inhoud van de leidraad begint niet op een rechterpagina", template=GUIDE_TEMPLATE
                )
            joined.append(Page(_joined_guide_page(top, under)))
        document = frame.document.copy(joined)
        return Layout(document=document, identifier=identifier, warnings=[*frame.warnings, *content.warnings])

    def _pupil_layer(self, agenda: Agenda, klass: SchoolClass | None, content: FormContent, count: int) -> PupilLayer:
        pages = len(content.document.pages)
        layout = self._layout(FORMS_TEMPLATE, views.forms_context(agenda, klass, pages), forms=count)
        if not any(layout.form_pages):
            raise TemplateProblem(
                f'elk formulier moet een element met id="{FORM_ANCHOR_PREFIX}1", "{FORM_ANCHOR_PREFIX}2", … hebben',
                template=FORMS_TEMPLATE,
            )
        if layout.form_pages != (pages,) * count:
            raise TemplateProblem(
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
        content_pages = content.document.pages
        content_page_of: dict[int, int] = {}
        for start in pupils.form_starts:
            for offset in range(len(content_pages)):
                content_page_of[start + offset] = offset
        stacked: list[Page] = []
        for number, page in enumerate(pupils.document.pages):
            offset = content_page_of.get(number)
            if offset is None:
                # A blank filler page: nothing to put under it.
                stacked.append(page)
                continue
            under = content_pages[offset]._page_box
            frame = page._page_box
            if under.page_type.side != frame.page_type.side:
                raise TemplateProblem(
                    "de inhoud van het formulier begint niet op een rechterpagina", template=FORM_CONTENT_TEMPLATE
                )
            stacked.append(StackedPage(frame, under, offset))
        document = pupils.document.copy(stacked)
        identifier = hashlib.sha256(pupils.identifier + content.layout.identifier).hexdigest()[:32].encode("ascii")
        return Layout(
            document=document,
            identifier=identifier,
            warnings=[*pupils.warnings, *content.layout.warnings],
            form_pages=pupils.form_pages,
            form_starts=pupils.form_starts,
        )

    def _load_stylesheet(self) -> tuple[Path, CSS]:
        for folder in self.template_dirs:
            path = folder / STYLESHEET
            if path.is_file():
                with capture_weasyprint_logs() as records:
                    css = CSS(
                        string=path.read_text(encoding="utf-8"),
                        base_url=str(folder) + "/",
                        url_fetcher=self.fetcher,
                        font_config=self.font_config,
                    )
                self.css_warnings = [f"{path}: {record.getMessage()}" for record in records]
                return path, css
        raise TemplateProblem("het opmaakbestand ontbreekt", template=STYLESHEET, path=STYLESHEET)

    def _layout(self, template: str, context: Mapping[str, Any], *, forms: int) -> Layout:
        html_text, folder = render_template(self.env, template, context)
        base_url = folder.as_uri() + "/" if folder is not None else None
        return self._layout_string(html_text, base_url, stylesheets=[self.css], forms=forms)

    def _layout_string(self, html_text: str, base_url: str | None, *, stylesheets: list[CSS], forms: int) -> Layout:
        with capture_weasyprint_logs() as records:
            html = HTML(string=html_text, base_url=base_url, url_fetcher=self.fetcher)
            document = html.render(font_config=self.font_config, stylesheets=stylesheets)
        _strip_attachments(document)
        # A fixed identifier derived from the input keeps the PDF bytes reproducible.
        identifier = hashlib.sha256(html_text.encode("utf-8")).hexdigest()[:32].encode("ascii")
        layout = Layout(
            document=document,
            identifier=identifier,
            warnings=[*self.css_warnings, *(record.getMessage() for record in records)],
        )
        if forms:
            layout.form_pages, layout.form_starts = form_page_counts(document, forms)
        return layout

    def layout_html(self, html: str) -> Layout:
        """Lay out HTML from `guide_html` or `forms_html` (it links its own stylesheet)."""
        return self._layout_string(html, self.base_url, stylesheets=[], forms=html.count(f'id="{FORM_ANCHOR_PREFIX}'))

    def write(self, layout: Layout, label: str) -> RenderedPdf:
        """Write a laid-out document as PDF; `label` names the document in error messages."""
        stacked = [page for page in layout.document.pages if isinstance(page, StackedPage)]
        cache = PaintCache()
        for page in stacked:
            page.cache = cache
        try:
            with capture_weasyprint_logs() as records:
                data = layout.document.write_pdf(pdf_tags=True, pdf_identifier=layout.identifier)
        finally:
            # A recording belongs to this one PDF (its fonts and resources).
            for page in stacked:
                page.cache = None
        missing = "".join(dict.fromkeys(str(record.args[0]) for record in records if _is_missing_glyph(record)))
        if missing:
            raise MissingGlyphs(missing, document=label)
        warnings = (*layout.warnings, *(record.getMessage() for record in records))
        return RenderedPdf(data=data, pages=len(layout.document.pages), warnings=warnings)


def isolate(text: object) -> str:
    """Wrap text in Unicode isolates (FSI…PDI) so an Arabic name cannot reorder its neighbours.

    WeasyPrint hands whole paragraphs to Pango's bidi algorithm and ignores CSS
    `unicode-bidi`, so the isolation has to be in the text itself. The isolates are
    default-ignorable: they draw nothing and do not show up in copied text.
    """
    value = str(text)
    return f"\u2068{value}\u2069" if value else value


def form_page_counts(document: Document, forms: int) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Pages per form and each form's first page (0-based), found by the forms' anchors.

    An element's id is an anchor on every page the element spans, and filler pages
    (blank versos) carry none.
    """
    pages = [0] * forms
    starts = [-1] * forms
    for number, page in enumerate(document.pages):
        for anchor in page.anchors:
            if not anchor.startswith(FORM_ANCHOR_PREFIX):
                continue
            suffix = anchor.removeprefix(FORM_ANCHOR_PREFIX)
            if not suffix.isdigit() or not 1 <= int(suffix) <= forms:
                continue
            index = int(suffix) - 1
            pages[index] += 1
            if starts[index] < 0:
                starts[index] = number
    return tuple(pages), tuple(starts)


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
        if _has_class(box, "vervolgpagina"):
            continue
        bottom = max(bottom, box.position_y + box.margin_height())
    return bottom


def _guide_root(page_box: boxes.PageBox) -> list[boxes.ParentBox]:
    """The boxes of html, body and the guide's `div.leidraad` on a page of one of its layers."""
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
                if isinstance(child, boxes.ParentBox) and child.element is not None and _has_class(child, "leidraad")
            )
    if len(path) != 3:
        raise TemplateProblem('de leidraad moet één <div class="leidraad"> in de body hebben', template=GUIDE_TEMPLATE)
    return path


def _joined_guide_page(frame: boxes.PageBox, content: boxes.PageBox) -> boxes.PageBox:
    """One page box with the class layer's and the content's children in one `div.leidraad`.

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


def _header_height(document: Document) -> float:
    """The height (CSS px, margins included) of the guide's header (`header.kop`) on its first page."""
    if document.pages:
        for box in _element_boxes(document.pages[0]._page_box):
            if box.element_tag == "header" and _has_class(box, "kop"):
                return box.margin_height()
    raise TemplateProblem(
        'de leidraad heeft geen kop (<header class="kop">) op de eerste pagina', template=GUIDE_TEMPLATE
    )


def _strip_attachments(document: Document) -> None:
    # PDF attachments are files smuggled into the output; a school template has no use
    # for them, and their timestamps would break reproducible output.
    document.metadata.attachments = []
    document.metadata.created = None
    document.metadata.modified = None
    for page in document.pages:
        page.links = [link for link in page.links if link[0] != "attachment"]


# fontTools stamps the subset fonts with the time of writing unless SOURCE_DATE_EPOCH is set
# (the reproducible-builds convention). Any fixed moment will do: 2026-01-01 00:00 UTC.
_FONT_TIMESTAMP = "1767225600"
# WeasyPrint's note that it subsets with fontTools because libharfbuzz-subset is missing.
_FONTTOOLS_NOTE = "Using fontTools instead of HarfBuzz-Subset"


def _drop_fonttools_note(record: logging.LogRecord) -> bool:
    return not (isinstance(record.msg, str) and record.msg.startswith(_FONTTOOLS_NOTE))


def _without_harfbuzz_subset_too() -> None:
    """Same PDF bytes and no stray warning on machines without libharfbuzz-subset (Windows, a fresh Linux).

    WeasyPrint then subsets fonts with fontTools: slower, but the same glyphs. Without a fixed
    timestamp every run would write other bytes; the speed note is the CLI's to give (in Dutch),
    not a warning about the document.
    """
    os.environ.setdefault("SOURCE_DATE_EPOCH", _FONT_TIMESTAMP)
    logger = logging.getLogger("weasyprint")
    if _drop_fonttools_note not in logger.filters:
        logger.addFilter(_drop_fonttools_note)


def _is_missing_glyph(record: logging.LogRecord) -> bool:
    return isinstance(record.msg, str) and record.msg.startswith(_NOTDEF_MESSAGE) and bool(record.args)


class _ThreadRecords(logging.Handler):
    """Collects WeasyPrint's warnings raised by this thread only (a build may use threads)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.thread = threading.get_ident()
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.thread == self.thread:
            self.records.append(record)


@contextmanager
def _cyclic_gc_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while one document is laid out and written.

    WeasyPrint allocates hundreds of thousands of small objects per document (boxes,
    styles, PDF objects) that mostly live until the document is written; the collector,
    triggered every 700 allocations, walks them again and again (~25% of the time).
    Reference counting still frees what it can; the cycles a document leaves are
    collected as usual once the collector runs again after the document, so memory stays
    flat over a whole-school build.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


@contextmanager
def capture_weasyprint_logs() -> Iterator[list[logging.LogRecord]]:
    """Collect WeasyPrint's warnings and errors during the `with` block."""
    logger = logging.getLogger("weasyprint")
    if logger.getEffectiveLevel() > logging.WARNING:
        # Someone silenced WeasyPrint; we still need its warnings (missing glyphs).
        logger.setLevel(logging.WARNING)
    handler = _ThreadRecords()
    logger.addHandler(handler)
    try:
        yield handler.records
    finally:
        logger.removeHandler(handler)
