"""The speed-ups for pydyf and WeasyPrint change speed only, never the bytes written."""

from __future__ import annotations

import re

import pydyf
import pytest
import weasyprint.layout
from weasyprint import HTML
from weasyprint.formatting_structure import boxes

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


def test_serialising_each_object_once_writes_identical_pdfs() -> None:
    html = HTML(string="<html lang=nl><title>t</title>" + "<p style='break-after: page'>x <b>y</b></p>" * 5)
    document = html.render()
    speedups.install()
    once = document.write_pdf(pdf_tags=True, pdf_identifier=b"test")
    patched = {cls: cls.data for cls in speedups._SERIALISED_CLASSES}
    write = pydyf.PDF.write
    assert getattr(write, "_kmg_cached", False)
    try:
        for cls, prop in patched.items():
            cls.data = property(prop.fget.__wrapped__)
        pydyf.PDF.write = write.__wrapped__
        twice = document.write_pdf(pdf_tags=True, pdf_identifier=b"test")
    finally:
        for cls, prop in patched.items():
            cls.data = prop
        pydyf.PDF.write = write
    assert once == twice
    # Outside of a write nothing is cached: a changed object serialises anew.
    dictionary = pydyf.Dictionary({"A": 1})
    dictionary.number = 7
    assert dictionary.data == b"<</A 1>>"
    dictionary["A"] = 2
    assert dictionary.data == b"<</A 2>>"


def test_skipping_pages_without_margin_boxes_keeps_the_layout() -> None:
    css = (
        "@page { size: A6 } @page rand { @bottom-right { content: counter(page) } }"
        ".rand { page: rand } p { break-after: page }"
    )
    body = "".join(f"<p{' class=rand' if index % 3 == 0 else ''}>{index}</p>" for index in range(7))
    html = HTML(string=f"<html lang=nl><title>t</title><style>{css}</style>{body}")
    speedups.install()
    patched = weasyprint.layout.make_margin_boxes
    assert getattr(patched, "_kmg_skips_empty", False)
    quick = html.render()
    margins = [sum(isinstance(box, boxes.MarginBox) for box in page._page_box.children) for page in quick.pages]
    assert margins == [1, 0, 0, 1, 0, 0, 1]
    weasyprint.layout.make_margin_boxes = patched.__wrapped__
    try:
        full = html.render()
    finally:
        weasyprint.layout.make_margin_boxes = patched
    assert quick.write_pdf(pdf_identifier=b"t") == full.write_pdf(pdf_identifier=b"t")


@pytest.mark.parametrize("item", [b"/Div", "/Div", 12, 0, -3, True, 1.5, 2.0, pydyf.Array([1, "/A"]), "é"])
def test_quick_to_bytes_answers_like_pydyf(item: object) -> None:
    speedups.install()
    quick = pydyf._to_bytes
    assert getattr(quick, "_kmg_quick", False)
    try:
        expected = quick.__wrapped__(item)
    except UnicodeEncodeError:
        with pytest.raises(UnicodeEncodeError):
            quick(item)
    else:
        assert quick(item) == expected


def test_html_tokenizer_caches_its_patterns_and_parses_the_same() -> None:
    import xml.etree.ElementTree as ElementTree

    import tinyhtml5
    import tinyhtml5.inputstream

    html = "<p class=a id='b' data-x=\"y &amp; z\">Zoë &lt;b&gt; <span dir=auto>x</span></p>" * 3
    speedups.install()
    cache = tinyhtml5.inputstream.characters_until_regex
    assert isinstance(cache, speedups._RegexCache)
    cached = ElementTree.tostring(tinyhtml5.parse(html))
    assert all(not isinstance(characters, re.Pattern) for characters, _ in cache)
    size = len(cache)
    tinyhtml5.parse(html)
    assert len(cache) == size
    tinyhtml5.inputstream.characters_until_regex = {}
    try:
        plain = ElementTree.tostring(tinyhtml5.parse(html))
    finally:
        tinyhtml5.inputstream.characters_until_regex = cache
    assert cached == plain


def test_garbage_collector_is_paused_per_document_and_restored(renderer) -> None:
    import gc

    from .agendas import agenda, school_class

    seen: list[bool] = []
    original = renderer.write

    def write(layout, label):
        seen.append(gc.isenabled())
        return original(layout, label)

    renderer.write = write
    try:
        assert gc.isenabled()
        renderer.forms_pdf(agenda(), school_class(1))
        assert gc.isenabled()
        gc.disable()
        try:
            renderer.guide_pdf(agenda(), school_class(1))
            assert not gc.isenabled()  # a caller's choice is left alone
        finally:
            gc.enable()
    finally:
        del renderer.write
    assert seen == [False, False]
