"""The pydyf page-reference cache changes speed only, never the bytes written."""

from __future__ import annotations

import pydyf
from weasyprint import HTML

from gereedschapskist.render import speedups


def test_cached_page_references_write_identical_pdfs() -> None:
    html = HTML(string="<html lang=nl><title>t</title>" + "<p style='break-after: page'>x</p>" * 5)
    document = html.render()
    speedups.install()
    cached = document.write_pdf(pdf_tags=True, pdf_identifier=b"test")
    patched = pydyf.PDF.page_references
    original = property(patched.fget.__wrapped__) if hasattr(patched.fget, "__wrapped__") else None
    assert getattr(patched.fget, "_kmg_cached", False)
    if original is not None:
        pydyf.PDF.page_references = original
        try:
            plain = document.write_pdf(pdf_tags=True, pdf_identifier=b"test")
        finally:
            pydyf.PDF.page_references = patched
        assert plain == cached


def test_cache_follows_added_pages() -> None:
    speedups.install()
    pdf = pydyf.PDF()
    for _ in range(3):
        page = pydyf.Dictionary({"Type": "/Page"})
        pdf.add_object(page)
        pdf.add_page(page)
        assert len(pdf.page_references) == len(pdf.pages["Kids"]) // 3
    assert pdf.page_references == pdf.page_references


def test_install_twice_is_harmless() -> None:
    speedups.install()
    first = pydyf.PDF.page_references
    speedups.install()
    assert pydyf.PDF.page_references is first
