"""A school's template that does not fit the fast, layered way is printed in one flow, not refused.

A school's copy of basis.html.j2 with a logo above every document (`<img>` before the
body block) gave "de leidraad heeft geen kop op de eerste pagina" (exit 2) in the fast
way, while the public-API way (KMG_ZONDER_VERSNELLING=1) printed it. Both ways must
give the same pages.
"""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image
from pypdf import PdfReader

from gereedschapskist.render import Renderer, builtin_template_dir

from .agendas import agenda, school_class


def logo_on_top(tmp_path: Path) -> Path:
    folder = tmp_path / "s"
    folder.mkdir()
    basis = (builtin_template_dir() / "basis.html.j2").read_text(encoding="utf-8")
    tag = '<img src="logo.png" alt="Logo van de school">'
    (folder / "basis.html.j2").write_text(basis.replace("{% block body %}", tag + "{% block body %}"), encoding="utf-8")
    buffer = io.BytesIO()
    Image.new("RGB", (60, 30), "black").save(buffer, format="PNG")
    (folder / "logo.png").write_bytes(buffer.getvalue())
    return folder


def texts(data: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


def test_a_logo_above_every_document_prints_the_same_both_ways(tmp_path: Path) -> None:
    folder = logo_on_top(tmp_path)
    fast, public = Renderer([folder], fast=True), Renderer([folder], fast=False)
    assert fast.fast
    klass = school_class(3)
    for make in (Renderer.guide_pdf, Renderer.forms_pdf):
        quick, slow = make(fast, agenda(), klass), make(public, agenda(), klass)
        assert quick.pages == slow.pages
        assert texts(quick.data) == texts(slow.data)
