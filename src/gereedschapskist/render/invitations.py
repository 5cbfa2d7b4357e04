"""The invitations of one class as a PDF: a letter with reply slip per household (uitnodigingen.html.j2).

Every letter starts on a right-hand page; a household whose language has a translation
template gets it on the back. Two ways to print, with the same pages:

* one flow (WeasyPrint's public API): every letter laid out in full; used for a school's
  own letter templates and when the fast way is off (`Renderer.fast`);
* in layers, as the note forms (`layers.py`, `stacking.py`): letters differ only in a few
  places of fixed height (address and children, the slip's names and code:
  uitnodiging_plekken.html.j2). The rest of the letter is laid out once per shape
  (`invitations.variant`: number of children, separated parents) and its painting replayed;
  per household only the places are laid out (uitnodiging_kop.html.j2), exactly where the
  shared letter left room for them (measured here). Translations are laid out per household.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from jinja2 import TemplateNotFound

from ..agenda.model import Agenda
from ..classes.model import SchoolClass
from ..invitations import Letter, invitation_context, invitation_settings, mixed, shape
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
from .renderer import Layout, RenderedPdf, Renderer, UnprintableName, _cyclic_gc_paused

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
) -> tuple[str, str | None]:
    """The HTML of a class's letters and its base URL (the folder of the template used).

    `agendas`: what the letters' agenda indexes point into (each letter speaks for its own).
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
    html, base_url = invitations_html(renderer, agenda, klass, letters, agendas=agendas)
    return renderer._layout_string(html, base_url, stylesheets=[renderer.css], forms=0)


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


def layered(
    renderer: Renderer,
    agenda: Agenda,
    klass: SchoolClass | None,
    letters: Sequence[Letter],
    agendas: Sequence[Agenda] = (),
) -> Layout | None:
    """The letters as the shared letter (per shape) under the per-household places; None when they do not fit."""
    from .layers import StackedPage

    shapes = {shape(letter): letter for letter in letters}
    shared = {name: _shared(renderer, agenda, sample, agendas) for name, sample in shapes.items()}
    if any(each is None for each in shared.values()):
        return None
    plekken = {name: each.places for name, each in shared.items()}  # type: ignore[union-attr]
    html, base_url = invitations_html(renderer, agenda, klass, letters, laag="kop", plekken=plekken, agendas=agendas)
    frame = renderer._layout_string(html, base_url, stylesheets=[renderer.css], forms=0)
    starts = _letter_starts(frame.document, len(letters))
    if starts is None:
        return None
    pages = list(frame.document.pages)
    indexes = {name: number * 100 for number, name in enumerate(shared)}  # one paint recording per shared page
    for letter, start in zip(letters, starts, strict=True):
        name = shape(letter)
        content = shared[name].layout.document.pages  # type: ignore[union-attr]
        for offset, under in enumerate(content):
            number = start + offset
            if number >= len(pages):
                return None
            top = pages[number]._page_box
            if under._page_box.page_type.side != top.page_type.side:
                return None
            pages[number] = StackedPage(top, under._page_box, indexes[name] + offset)
    identifier = hashlib.sha256(
        frame.identifier + b"".join(each.layout.identifier for each in shared.values())  # type: ignore[union-attr]
    ).hexdigest()[:32]
    return Layout(
        document=frame.document.copy(pages),
        identifier=identifier.encode("ascii"),
        warnings=[*frame.warnings, *(w for each in shared.values() for w in each.layout.warnings)],  # type: ignore[union-attr]
    )


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
            ouders=(),
            taal="",
            kinderen=tuple(
                replace(child, naam=child.naam if keep else "", klas=child.klas if keep else "", leerkracht="")
                for child in sample.kinderen
            ),
        )
        html, base_url = invitations_html(renderer, agenda, None, [blank], laag="inhoud", agendas=agendas)
        layout = renderer._layout_string(html, base_url, stylesheets=[renderer.css], forms=0)
        cache[key] = _measured(layout)
    return cache[key]


def _measured(layout: Layout) -> _Shared | None:
    """Where the places are: above the address, between it and the slip's place, on which page."""
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
    top = pages[0]._page_box.content_box_y()
    above = address.position_y - top
    if slip_page == 0:
        between = slip.position_y - (address.position_y + address.margin_height())
    else:
        between = slip.position_y - pages[slip_page]._page_box.content_box_y()
    if above < 0 or between < 0:
        return None
    places = {"boven": round(above, 4), "tussen": round(between, 4), "strook_pagina": slip_page, "paginas": len(pages)}
    return _Shared(layout, places)


def _letter_starts(document: Any, count: int) -> list[int] | None:
    """The first page of every letter in the per-household layer (by its anchor), or None."""
    starts: dict[int, int] = {}
    for number, page in enumerate(document.pages):
        for anchor in page.anchors:
            suffix = anchor.removeprefix(LETTER_ANCHOR_PREFIX)
            if anchor.startswith(LETTER_ANCHOR_PREFIX) and suffix.isdigit():
                starts.setdefault(int(suffix), number)
    result = [starts.get(index) for index in range(1, count + 1)]
    return None if any(start is None for start in result) else result  # type: ignore[return-value]


def _blank(letter: Letter, missing: set[str]) -> Letter:
    def keep(name: str) -> str:
        return "" if set(name) & missing else name

    children = tuple(replace(child, naam=keep(child.naam)) for child in letter.kinderen)
    return replace(letter, kinderen=children, ouders=tuple(name for name in letter.ouders if keep(name)))
