"""HTML (Jinja2) -> PDF (WeasyPrint) for the two per-class documents: leidraad and gespreksformulieren.

One `Renderer` lives for a whole build: it holds the one font configuration, the
print stylesheet parsed once (on first use, so that a broken one fails a document, not the
worker that makes the Renderer), and one Jinja2 environment, so that the per-class cost
is only filling in templates, laying them out and writing the PDF.

Two ways to print, with the same pages:

* The public way (`fast=False`): each document is one HTML document laid out and
  written with WeasyPrint's public API (`HTML.render`, `Document.write_pdf`): the guide
  in one flow, the forms of a class as one flowing document. Used when the installed
  WeasyPrint, pydyf or tinyhtml5 is not the tested release, or a private target has
  another shape (`compat.py`); the result then carries `compat.SLOW_MODE_NOTE`.
* The fast way, in layers. Both documents have a part that is the same for every
  class (the agenda) or every pupil (the form's content) and a part that is not (the
  header, the checklist, the footers). The shared part is laid out once per agenda
  and joined page by page with a small per-class layout (`_layered_pages`, one page
  loop for both). Joining is done two ways, for a reason:

  - the guide (`_joined_guide_page`) splices the two box trees into the one tree of
    the one-flow guide: a guide holds each agenda page once, so there is nothing to
    gain from replaying paint, and the PDF is byte for byte the one WeasyPrint writes
    for the one-flow guide (tests/render/test_guide.py);
  - the forms (`stacking.StackedPage`) keep the layers apart while painting: a PDF holds
    the same content page once per pupil (28 times), so it is painted once and its PDF
    operators are replayed for every next pupil. The footers of the per-pupil layer
    are then painted like margin boxes. Laying out the content once instead of 28
    times and painting it once per PDF makes the forms about four times faster.

  Every form has the same number of pages, known before the per-pupil layer is laid
  out. The header space the content leaves free is checked against every laid-out
  header; a taller header (a very long name) makes the content be laid out again with
  more room, so nothing ever overlaps. A school's own leidraad.html.j2 is printed in one flow,
  and so is a built-in template that a school's basis.html.j2 keeps from fitting the layers
  (`Renderer._layered`).

The class names, anchors and variables the templates and this module share are in `contract.py`.

Characters no font has are found in two independent ways: WeasyPrint's warning while
it draws, and the `missing` glyphs of the fonts the written document used. A pupil's
name with such characters is left blank (a line to fill in by hand) and reported in
`RenderedPdf.unprintable`; anything else raises `MissingGlyphs`.
"""

from __future__ import annotations

import gc
import hashlib
import logging
import os
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from markupsafe import Markup
from weasyprint import CSS, HTML, Document
from weasyprint.text.fonts import FontConfiguration

from .. import resources
from ..agenda.model import Agenda
from ..classes.model import Pupil, SchoolClass
from ..planning.forms import Appointment
from . import compat, views
from .contract import (
    CONTENT_BLOCK,
    CONTENT_VARIABLE,
    FORM_ANCHOR_PREFIX,
    FORM_CONTENT_TEMPLATE,
    FORMS_TEMPLATE,
    GUIDE_TEMPLATE,
    STYLESHEET,
)
from .environment import (
    load_template,
    make_environment,
    read_utf8,
    render_block,
    render_template,
    template_folder,
)
from .errors import MissingGlyphs, TemplateProblem
from .fetcher import TemplateDirFetcher

# WeasyPrint reports a glyph that no font has with this message (weasyprint/draw/text.py)
# while it draws; the first argument is the character. Not the only check (see `_missing_characters`).
_NOTDEF_MESSAGE = ".notdef glyph rendered"
# The planned conversation of each pupil of a class, in its order (kmg build --planning), or None.
Planned = Sequence["Appointment | None"] | None
# A pupil whose name cannot be printed: a blank form / checklist row to fill in by hand.
_BLANK_PUPIL = Pupil("", "", "")


def builtin_template_dir() -> Path:
    """The built-in templates: `gereedschapskist/templates` in the wheel, else the repo's `templates/`."""
    # One rule for the whole package: `resources` answers without importing WeasyPrint.
    return resources.builtin_template_dir()


@dataclass(frozen=True)
class UnprintableName:
    """A pupil whose name no font can print: left blank in the PDF.

    `position` is the pupil's place (from 1) in the class as printed; `characters` the
    characters no font has. Deliberately no name: this may be logged.
    """

    position: int
    characters: str

    def code_points(self) -> str:
        return ", ".join(f"U+{ord(character):04X}" for character in self.characters)


def unprintable_names(*pdfs: RenderedPdf) -> tuple[UnprintableName, ...]:
    """The pupils left blank in any of these PDFs (of one class), by position."""
    blank: dict[int, set[str]] = {}
    for pdf in pdfs:
        for name in pdf.unprintable:
            blank.setdefault(name.position, set()).update(name.characters)
    return tuple(UnprintableName(position, "".join(sorted(blank[position]))) for position in sorted(blank))


@dataclass
class RenderedPdf:
    """A finished PDF. `warnings` holds what WeasyPrint complained about (e.g. a refused URL)
    and the note when the slow mode is used; `unprintable` the pupils whose name was left blank."""

    data: bytes
    pages: int
    warnings: tuple[str, ...] = ()
    unprintable: tuple[UnprintableName, ...] = ()


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
    """Renders the guide and the note forms; make one per process and reuse it for every class.

    `fast=None` takes the fast, layered way when `compat` allows it; `fast=False` always
    prints with WeasyPrint's public API (slower, same pages).
    """

    def __init__(self, template_dirs: Sequence[Path] = (), *, fast: bool | None = None) -> None:
        user_dirs = tuple(template_folder(folder) for folder in template_dirs)
        for folder in user_dirs:
            if not folder.is_dir():
                raise TemplateProblem("deze sjabloonmap bestaat niet of is geen map", template=str(folder), path=folder)
        self.template_dirs: tuple[Path, ...] = (*user_dirs, builtin_template_dir())
        _without_harfbuzz_subset_too()
        if fast is None:
            fast = not compat.fast_path_problems()
        self.fast = bool(fast) and compat.install_speedups()
        # Said with every document in the slow mode; the CLI prints each distinct warning once.
        self.notes: tuple[str, ...] = () if self.fast else (compat.slow_mode_note(),)
        self.font_config = FontConfiguration()
        self.fetcher = TemplateDirFetcher(self.template_dirs)
        self.env = make_environment(self.template_dirs)
        self.env.filters["isolate"] = isolate
        self._css_warnings: list[str] = []
        # Read on first use (`css`), not here: a school's broken print.css then fails the
        # first document as a `TemplateProblem`, also in a build's worker, whose
        # initializer makes this Renderer and must not fail (that breaks the whole pool).
        self._stylesheet: tuple[Path, CSS] | None = None
        # The slow mode's page count of a form per agenda (the content laid out on its own).
        self._content_pages: dict[str, int] = {}
        self._layers: Any = None
        if self.fast:
            from .layers import LayeredPrinter

            self._layers = LayeredPrinter(self)

    # -- public API ---------------------------------------------------------------

    def guide_pdf(self, agenda: Agenda, klass: SchoolClass | None, planned: Planned = None) -> RenderedPdf:
        """The teacher's guide (leidraad) with the class checklist.

        `planned` (kmg build --planning): one `Appointment` (or None) per pupil of
        `klass`, in its order; the checklist then shows each date and time.
        """
        return self._printable(klass, "leidraad", lambda printed: self.layout_guide(agenda, printed, planned))

    def forms_pdf(self, agenda: Agenda, klass: SchoolClass | None, planned: Planned = None) -> RenderedPdf:
        """One note form per pupil, each starting on a recto page; one blank form without pupils.

        With `planned` (see `guide_pdf`) every form shows its date, time, place and the
        family's own topics; such forms differ per pupil, so they are printed in one flow.
        """
        return self._printable(
            klass, "gespreksformulieren", lambda printed: self.layout_forms(agenda, printed, planned)
        )

    def layout_guide(self, agenda: Agenda, klass: SchoolClass | None, planned: Planned = None) -> Layout:
        """The guide laid out: in two layers (fast) or in one flow."""
        context = views.guide_context(agenda, klass, planned)
        if self._layers is not None and self._is_builtin(GUIDE_TEMPLATE):
            layout = self._layered(lambda: self._layers.guide(agenda, klass, context))
            if layout is not None:
                return layout
        # A school's own guide template knows nothing of layers: one flow.
        return self._layout(GUIDE_TEMPLATE, context, forms=0)

    def layout_forms(self, agenda: Agenda, klass: SchoolClass | None, planned: Planned = None) -> Layout:
        """The forms laid out: header layer and shared content stacked (fast), or as one flowing document."""
        if self._layers is not None and not planned:
            layout = self._layered(lambda: self._layers.forms(agenda, klass))
            if layout is not None:
                return layout
        return self._flowing_forms(agenda, klass, planned)

    def write(self, layout: Layout, label: str) -> RenderedPdf:
        """Write a laid-out document as PDF; `label` names the document in error messages."""
        with capture_weasyprint_logs() as records:
            if self._layers is not None:
                data = self._layers.write_pdf(layout)
            else:
                data = layout.document.write_pdf(pdf_tags=True, pdf_identifier=layout.identifier)
        missing = _missing_characters(records, layout.document)
        if missing:
            raise MissingGlyphs(missing, document=label)
        warnings = (*layout.warnings, *(record.getMessage() for record in records), *self.notes)
        return RenderedPdf(data=data, pages=len(layout.document.pages), warnings=warnings)

    # -- internals ----------------------------------------------------------------

    def _printable(
        self, klass: SchoolClass | None, label: str, lay_out: Callable[[SchoolClass | None], Layout]
    ) -> RenderedPdf:
        """Lay out and write; pupils' names with characters no font has are left blank (and reported)."""
        where = klass.label if klass is not None else None
        with _cyclic_gc_paused():
            try:
                return self.write(lay_out(klass), label)
            except MissingGlyphs as problem:
                missing = set(problem.characters)
                unprintable = tuple(
                    UnprintableName(position, "".join(sorted(set(pupil.naam) & missing)))
                    for position, pupil in enumerate(klass.leerlingen if klass is not None else (), start=1)
                    if set(pupil.naam) & missing
                )
                if klass is None or not unprintable:
                    raise MissingGlyphs(problem.characters, document=label, klass=where) from None
            blanked = {name.position for name in unprintable}
            pupils = tuple(
                _BLANK_PUPIL if position in blanked else pupil
                for position, pupil in enumerate(klass.leerlingen, start=1)
            )
            try:
                result = self.write(lay_out(replace(klass, leerlingen=pupils)), label)
            except MissingGlyphs as problem:
                # Not only in pupils' names (the teacher's name, the agenda): nothing to leave blank.
                raise MissingGlyphs(problem.characters, document=label, klass=where) from None
            result.unprintable = unprintable
            return result

    def _flowing_forms(self, agenda: Agenda, klass: SchoolClass | None, planned: Planned = None) -> Layout:
        """All forms of a class as one flowing document (header and content together, per pupil)."""
        count = len(klass.leerlingen) if klass is not None and klass.leerlingen else 1
        key = agenda.model_dump_json()
        pages = self._content_pages.get(key)
        if pages is None:
            content = self._layout(FORM_CONTENT_TEMPLATE, views.form_content_context(agenda), forms=0)
            pages = self._content_pages[key] = max(1, len(content.document.pages))
        html = self.flowing_forms_html(agenda, klass, pages, planned)
        layout = self._layout_string(html, self._base_url(FORMS_TEMPLATE), stylesheets=[self.css], forms=count)
        counts = set(layout.form_pages)
        if planned and 0 not in counts and any(n != pages for n in layout.form_pages):
            # A family's own topics can take a form onto one more page: each form says its own "van y".
            html = self.flowing_forms_html(agenda, klass, layout.form_pages, planned)
            layout = self._layout_string(html, self._base_url(FORMS_TEMPLATE), stylesheets=[self.css], forms=count)
        elif len(counts) == 1 and pages not in counts and 0 not in counts:
            # The header moved the content onto another page count: say the right "van y".
            html = self.flowing_forms_html(agenda, klass, counts.pop())
            layout = self._layout_string(html, self._base_url(FORMS_TEMPLATE), stylesheets=[self.css], forms=count)
        return layout

    def flowing_forms_html(
        self, agenda: Agenda, klass: SchoolClass | None, pages: int | Sequence[int], planned: Planned = None
    ) -> str:
        """The forms as one HTML document, with the shared content in every form (see `_flowing_forms`).

        With `planned`, each form gets its own content (its conversation and the family's topics).
        """
        content = render_block(
            self.env, FORM_CONTENT_TEMPLATE, CONTENT_BLOCK, views.form_content_context(agenda, inside_form=True)
        )
        contents = None
        if planned:
            contents = [
                Markup(
                    render_block(
                        self.env,
                        FORM_CONTENT_TEMPLATE,
                        CONTENT_BLOCK,
                        views.form_content_context(agenda, inside_form=True, gesprek=appointment),
                    )
                )
                if appointment is not None
                else Markup(content)
                for appointment in planned
            ]
        context = views.forms_context(agenda, klass, pages, planned, contents)
        context[CONTENT_VARIABLE] = Markup(content)
        html, _ = render_template(self.env, FORMS_TEMPLATE, context)
        return html

    def _base_url(self, template: str) -> str | None:
        filename = load_template(self.env, template).filename
        return Path(filename).parent.as_uri() + "/" if filename is not None else None

    def _is_builtin(self, template: str) -> bool:
        filename = load_template(self.env, template).filename
        return filename is not None and Path(filename).parent == self.template_dirs[-1]

    def _layered(self, lay_out: Callable[[], Layout]) -> Layout | None:
        """The layered layout, or None when it does not fit a built-in template: then print in one flow.

        A school's basis.html.j2 (say, a logo above every document) can keep the built-in
        leidraad or form templates from fitting the layers. The school did not write the
        template the layers rely on, so it gets the same pages in one flow, as the public
        way prints them. A school's own template that breaks the layers' contract is refused
        with the problem (tests/render/test_forms.py, test_safety.py).
        """
        from .layers import LayerMismatch

        try:
            return lay_out()
        except LayerMismatch as problem:
            if not self._is_builtin(problem.template):
                raise
            return None

    @property
    def stylesheet_path(self) -> Path:
        """The print.css in use: the first template folder's that has one."""
        return self._loaded_stylesheet()[0]

    @property
    def css(self) -> CSS:
        """print.css, parsed once per Renderer (on first use)."""
        return self._loaded_stylesheet()[1]

    @property
    def css_warnings(self) -> list[str]:
        """What WeasyPrint said while it parsed print.css (e.g. a refused font URL)."""
        self._loaded_stylesheet()
        return self._css_warnings

    def _loaded_stylesheet(self) -> tuple[Path, CSS]:
        if self._stylesheet is None:
            self._stylesheet = self._load_stylesheet()
        return self._stylesheet

    def _load_stylesheet(self) -> tuple[Path, CSS]:
        for folder in self.template_dirs:
            path = folder / STYLESHEET
            if path.is_file():
                text = read_utf8(path, STYLESHEET)
                with capture_weasyprint_logs() as records:
                    css = CSS(
                        string=text,
                        base_url=str(folder) + "/",
                        url_fetcher=self.fetcher,
                        font_config=self.font_config,
                    )
                self._css_warnings = [f"{path}: {record.getMessage()}" for record in records]
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


def _missing_characters(records: Sequence[logging.LogRecord], document: Document) -> str:
    """Characters drawn without a glyph: from WeasyPrint's warnings and from the fonts the PDF used.

    The fonts (`Document.fonts`, filled while writing) keep the code points they had no
    glyph for (`Font.missing`); that does not depend on the wording of a log message.
    """
    found = [str(record.args[0]) for record in records if _is_missing_glyph(record)]
    for font in (getattr(document, "fonts", None) or {}).values():
        missing = getattr(font, "missing", None)
        if isinstance(missing, Mapping):
            found.extend(chr(code) for code in missing if isinstance(code, int))
    return "".join(dict.fromkeys(found))


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
