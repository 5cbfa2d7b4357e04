"""The invitations of one class as a PDF: a letter with reply slip per household (uitnodigingen.html.j2).

Printed with WeasyPrint's public API in one flow (a class has some 25 letters of one or
two pages; there is no shared layer worth caching). Every letter starts on a right-hand
page; a household whose language has a translation template gets it on the back.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from jinja2 import TemplateNotFound

from ..agenda.model import Agenda
from ..classes.model import SchoolClass
from ..invitations import Letter, invitation_context
from .contract import INVITATIONS_TEMPLATE, TRANSLATION_TEMPLATE
from .environment import render_template
from .errors import MissingGlyphs
from .renderer import RenderedPdf, Renderer, UnprintableName, _cyclic_gc_paused

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
    renderer: Renderer, agenda: Agenda, klass: SchoolClass | None, letters: Sequence[Letter]
) -> tuple[str, str | None]:
    """The HTML of a class's letters and its base URL (the folder of the template used)."""
    context = invitation_context(agenda, klass, letters, lambda code: translation_template(renderer, code))
    html, folder = render_template(renderer.env, INVITATIONS_TEMPLATE, context)
    return html, (folder.as_uri() + "/" if folder is not None else None)


def invitations_pdf(
    renderer: Renderer, agenda: Agenda, klass: SchoolClass | None, letters: Sequence[Letter]
) -> RenderedPdf:
    """The letters of one class. A name no font can print is left blank (a line to write it on)."""
    with _cyclic_gc_paused():
        try:
            return _write(renderer, agenda, klass, letters)
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
            result = _write(renderer, agenda, klass, blanked)
        except MissingGlyphs as problem:
            raise MissingGlyphs(problem.characters, document="uitnodigingen", klass=where) from None
        pupils = klass.leerlingen if klass is not None else ()
        result.unprintable = tuple(
            UnprintableName(position, "".join(sorted(set(pupil.naam) & missing)))
            for position, pupil in enumerate(pupils, start=1)
            if set(pupil.naam) & missing
        )
        return result


def _write(renderer: Renderer, agenda: Agenda, klass: SchoolClass | None, letters: Sequence[Letter]) -> RenderedPdf:
    html, base_url = invitations_html(renderer, agenda, klass, letters)
    layout = renderer._layout_string(html, base_url, stylesheets=[renderer.css], forms=0)
    return renderer.write(layout, "uitnodigingen")


def _blank(letter: Letter, missing: set[str]) -> Letter:
    def keep(name: str) -> str:
        return "" if set(name) & missing else name

    children = tuple(replace(child, naam=keep(child.naam)) for child in letter.kinderen)
    return replace(letter, kinderen=children, ouders=tuple(name for name in letter.ouders if keep(name)))
