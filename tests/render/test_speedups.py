"""The speed-ups for pydyf, tinyhtml5 and WeasyPrint: one table, all or nothing, reversible.

Every patch but zlib's level, the reused font subsets (tests/render/test_font_subsets.py), the
shared streams and the text without Spans changes speed only, never the bytes written: each test
writes the same document with and without one patch and compares the bytes.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterator
from contextlib import contextmanager

import pydyf
import pytest
import tinyhtml5.inputstream
import weasyprint.layout
import weasyprint.pdf.fonts
import weasyprint.pdf.tags
from weasyprint import HTML
from weasyprint.formatting_structure import boxes

from gereedschapskist.render import speedups

SAME_BYTES = [patch for patch in speedups.PATCHES if not patch.changes_bytes]
CHANGES_BYTES = [patch for patch in speedups.PATCHES if patch.changes_bytes]


@pytest.fixture(autouse=True)
def reproducible(renderer) -> None:
    """A Renderer fixes fontTools' font timestamps and filters its speed note (see renderer.py)."""


@pytest.fixture
def installed() -> Iterator[None]:
    with speedups.installed():
        yield


@contextmanager
def without(*patches: speedups.Patch) -> Iterator[None]:
    """The table installed, but these patches' originals put back for the block."""
    replacements = [patch.current() for patch in patches]
    for patch in patches:
        setattr(patch.owner, patch.attribute, speedups.original(patch))
    try:
        yield
    finally:
        for patch, replacement in zip(patches, replacements, strict=True):
            setattr(patch.owner, patch.attribute, replacement)


def _document(repeat: int = 5) -> HTML:
    return HTML(string="<html lang=nl><title>t</title>" + "<p style='break-after: page'>x <b>y</b></p>" * repeat)


def test_every_patch_is_applied_and_undone() -> None:
    with speedups.installed(False):
        before = [patch.current() for patch in speedups.PATCHES]
        assert speedups.install()
        assert all(patch.current() is not old for patch, old in zip(speedups.PATCHES, before, strict=True))
        assert speedups.install()  # twice is harmless: nothing is wrapped twice
        assert [speedups.original(patch) for patch in speedups.PATCHES] == before
        speedups.uninstall()
        assert all(patch.current() is old for patch, old in zip(speedups.PATCHES, before, strict=True))
        assert pydyf.zlib is zlib


def test_an_unexpected_shape_patches_nothing() -> None:
    # A later tinyhtml5 that keeps its cache in another type: none of the patches go in.
    before = speedups.is_installed()
    # The target is put back before the patches are (the `with` closes right to left):
    # otherwise the rest of the session would run unpatched.
    with speedups.installed(False), pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.setattr(tinyhtml5.inputstream, "characters_until_regex", type("Cache", (dict,), {})())
        assert speedups.problems() == ["tinyhtml5.inputstream.characters_until_regex"]
        assert not speedups.install()
        assert not speedups.is_installed()
        assert pydyf.zlib is zlib
        assert not hasattr(pydyf.PDF.page_references.fget, "__wrapped__")
    assert speedups.is_installed() == before


def test_a_missing_target_patches_nothing() -> None:
    before = speedups.is_installed()
    with speedups.installed(False), pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.delattr(pydyf, "_to_bytes")
        assert speedups.problems() == ["pydyf._to_bytes"]
        assert not speedups.install()
        assert pydyf.zlib is zlib
    assert speedups.is_installed() == before


@pytest.mark.parametrize("patch", SAME_BYTES, ids=[patch.name for patch in SAME_BYTES])
def test_each_same_bytes_patch_writes_identical_pdfs(installed: None, patch: speedups.Patch) -> None:
    # (the patches that change bytes are left out: the reused font subsets would give the
    # Stream patch a shared stream to compress once, which is meant to differ; see below)
    with without(*CHANGES_BYTES):
        document = _document().render()
        patched = document.write_pdf(pdf_tags=True, pdf_identifier=b"test")
        with without(patch):
            plain = _document().render().write_pdf(pdf_tags=True, pdf_identifier=b"test")
    assert plain == patched


def test_a_shared_stream_is_compressed_once_and_inflates_to_the_same_bytes(installed: None) -> None:
    shared = speedups.Deflated(b"BT /F1 12 Tf (gedeelde inhoud) Tj ET\n" * 400)
    items = [b"q", pydyf.Dictionary({"MCID": 3}), shared, b"Q", shared, 1.5, b"EMC"]
    spliced = pydyf.Stream(list(items), compress=True)
    plain = pydyf.Stream(list(items), compress=False)
    body = spliced.data.split(b"\nstream\n", 1)[1].rsplit(b"\nendstream", 1)[0]
    assert zlib.decompress(body) == plain.data.split(b"\nstream\n", 1)[1].rsplit(b"\nendstream", 1)[0]
    assert body.count(shared.deflated) == 2  # the same compressed bytes, made once
    assert b"/Length %d" % len(body) in spliced.data
    # a stream without a shared part is written as before, byte for byte
    ordinary = pydyf.Stream([b"q", b"Q"], compress=True)
    with without(_patch(pydyf.Stream, "data")):
        assert pydyf.Stream([b"q", b"Q"], compress=True).data == ordinary.data


def test_the_zlib_level_changes_the_bytes_a_little(installed: None) -> None:
    level = _patch(pydyf, "zlib")
    assert level.changes_bytes
    others = [patch for patch in CHANGES_BYTES if patch is not level]
    with without(*others):
        document = _document(40).render()
        faster = document.write_pdf(pdf_identifier=b"test")
        with without(level):
            smaller = document.write_pdf(pdf_identifier=b"test")
    assert faster != smaller
    assert len(smaller) < len(faster) < len(smaller) * 1.1
    with without(*SAME_BYTES), without(*others):
        only_level = document.write_pdf(pdf_identifier=b"test")
    with without(*speedups.PATCHES):
        assert document.write_pdf(pdf_identifier=b"test") != only_level


def test_the_patches_that_change_bytes_are_the_zlib_level_the_font_subsets_shared_streams_and_spans() -> None:
    changing = {(patch.owner, patch.attribute) for patch in speedups.PATCHES if patch.changes_bytes}
    assert changing == {
        (pydyf, "zlib"),
        (weasyprint.pdf.fonts.Font, "_fonttools_subset"),
        (pydyf.Stream, "data"),
        (weasyprint.pdf.tags, "_build_box_tree"),
    }


def _tree_tokens(data: bytes, *, flatten_spans: bool) -> list[str]:
    """The tag tree in reading order: each element's type and kids, each marked-content id as the
    text it marks (per page). With `flatten_spans`, a Span holding only one id counts as that id."""
    import io

    import pypdf
    import pypdf.generic

    pdf = pypdf.PdfReader(io.BytesIO(data))
    pages = {page.indirect_reference.idnum: number for number, page in enumerate(pdf.pages)}
    tokens: list[str] = []

    def walk(element: pypdf.generic.DictionaryObject, page: int | None) -> None:
        if "/Pg" in element:
            page = pages[element.raw_get("/Pg").idnum]
        kids = element.get("/K", [])
        kids = kids if isinstance(kids, list) else [kids]
        if flatten_spans and element.get("/S") == "/Span" and len(kids) == 1 and isinstance(kids[0], int):
            tokens.append(f"mcid {page}:{int(kids[0])}")
            return
        tokens.append(f"<{str(element.get('/S', '')).lstrip('/')}")
        for kid in kids:
            if isinstance(kid, int):
                tokens.append(f"mcid {page}:{int(kid)}")
            else:
                walk(kid.get_object(), page)
        tokens.append(">")

    walk(pdf.trailer["/Root"]["/StructTreeRoot"].get_object(), None)
    # each marked-content id belongs, in the parent tree, to the element that holds it
    parents = pdf.trailer["/Root"]["/StructTreeRoot"]["/ParentTree"].get_object()["/Nums"]
    for index in range(0, len(parents), 2):
        owners = parents[index + 1].get_object()
        if isinstance(owners, list):
            for mcid, owner in enumerate(owners):
                kids = owner.get_object().get("/K", [])
                kids = kids if isinstance(kids, list) else [kids]
                assert mcid in [kid for kid in kids if isinstance(kid, int)]
    return tokens


def test_text_goes_straight_into_its_element_and_reads_the_same(installed: None) -> None:
    # (patch 9) WeasyPrint wrapped every run of text in a Span of its own: half the objects of a
    # class's letters. Without those Spans the tree holds the same elements and text, in the same order.
    html = HTML(
        string="<html lang=nl><title>t</title><h1>Kop <b>vet</b></h1><p>Een <i>zin</i> met "
        "<a href='https://example.org'>een link</a>.</p><table><tr><th>kan</th><td>x</td></tr></table>"
        "<ul><li>een</li><li>twee <b>drie</b></li></ul><p style='break-before: page'>blad 2</p>"
    )
    document = html.render()
    quick = document.write_pdf(pdf_tags=True, pdf_identifier=b"t")
    with without(_patch(weasyprint.pdf.tags, "_build_box_tree")):
        plain = document.write_pdf(pdf_tags=True, pdf_identifier=b"t")
    assert len(quick) < len(plain)
    flat = _tree_tokens(quick, flatten_spans=False)
    assert "<Span" not in flat[: flat.index("<P")]  # the heading's own text is no Span now
    assert flat == _tree_tokens(plain, flatten_spans=True)
    assert sum(token.startswith("mcid") for token in flat) >= 10
    # (from a review) compiled in WeasyPrint's module, with its line numbers for tracebacks
    replacement = weasyprint.pdf.tags._build_box_tree
    plain_function = speedups.original(_patch(weasyprint.pdf.tags, "_build_box_tree"))
    assert replacement.__globals__ is vars(weasyprint.pdf.tags)
    assert replacement.__code__.co_firstlineno == plain_function.__code__.co_firstlineno


def test_an_optional_patch_that_does_not_fit_is_left_out_on_its_own() -> None:
    def _build_box_tree(box, parent, pdf, page_number, nums, annotations, tags):  # another shape
        yield from ()

    with speedups.installed(False):
        real = weasyprint.pdf.tags._build_box_tree
        weasyprint.pdf.tags._build_box_tree = _build_box_tree
        try:
            assert speedups.problems() == []
            assert speedups.install()
            assert weasyprint.pdf.tags._build_box_tree is _build_box_tree  # left alone
            assert pydyf._to_bytes is not speedups.original(_patch(pydyf, "_to_bytes"))  # the others apply
            assert speedups.problems() == []
            speedups.uninstall()
            assert weasyprint.pdf.tags._build_box_tree is _build_box_tree
        finally:
            speedups.uninstall()
            weasyprint.pdf.tags._build_box_tree = real


def test_outside_a_write_nothing_is_cached(installed: None) -> None:
    dictionary = pydyf.Dictionary({"A": 1})
    dictionary.number = 7
    assert dictionary.data == b"<</A 1>>"
    dictionary["A"] = 2
    assert dictionary.data == b"<</A 2>>"


def test_cache_follows_added_pages(installed: None) -> None:
    pdf = pydyf.PDF()
    for _ in range(3):
        page = pydyf.Dictionary({"Type": "/Page"})
        pdf.add_object(page)
        pdf.add_page(page)
        assert len(pdf.page_references) == len(pdf.pages["Kids"]) // 3
    assert pdf.page_references == pdf.page_references


def test_skipping_pages_without_margin_boxes_keeps_the_layout(installed: None) -> None:
    css = (
        "@page { size: A6 } @page rand { @bottom-right { content: counter(page) } }"
        ".rand { page: rand } p { break-after: page }"
    )
    body = "".join(f"<p{' class=rand' if index % 3 == 0 else ''}>{index}</p>" for index in range(7))
    html = HTML(string=f"<html lang=nl><title>t</title><style>{css}</style>{body}")
    quick = html.render()
    margins = [sum(isinstance(box, boxes.MarginBox) for box in page._page_box.children) for page in quick.pages]
    assert margins == [1, 0, 0, 1, 0, 0, 1]
    with without(_patch(weasyprint.layout, "make_margin_boxes")):
        full = html.render()
    assert quick.write_pdf(pdf_identifier=b"t") == full.write_pdf(pdf_identifier=b"t")


def _patch(owner: object, attribute: str) -> speedups.Patch:
    (patch,) = [p for p in speedups.PATCHES if p.owner is owner and p.attribute == attribute]
    return patch


@pytest.mark.parametrize("item", [b"/Div", "/Div", 12, 0, -3, True, 1.5, 2.0, pydyf.Array([1, "/A"]), "é"])
def test_quick_to_bytes_answers_like_pydyf(installed: None, item: object) -> None:
    quick = pydyf._to_bytes
    plain = speedups.original(_patch(pydyf, "_to_bytes"))
    assert quick is not plain
    try:
        expected = plain(item)
    except UnicodeEncodeError:
        with pytest.raises(UnicodeEncodeError):
            quick(item)
    else:
        assert quick(item) == expected


def test_html_tokenizer_caches_its_patterns_and_parses_the_same(installed: None) -> None:
    import xml.etree.ElementTree as ElementTree

    html = "<p class=a id='b' data-x=\"y &amp; z\">Zoë &lt;b&gt; <span dir=auto>x</span></p>" * 3
    cache = tinyhtml5.inputstream.characters_until_regex
    assert isinstance(cache, speedups._RegexCache)
    cached = ElementTree.tostring(tinyhtml5.parse(html))
    assert all(not isinstance(characters, re.Pattern) for characters, _ in cache)
    size = len(cache)
    tinyhtml5.parse(html)
    assert len(cache) == size
    with without(_patch(tinyhtml5.inputstream, "characters_until_regex")):
        plain = ElementTree.tostring(tinyhtml5.parse(html))
    assert cached == plain


def test_the_docstring_names_the_patch_that_changes_bytes() -> None:
    doc = speedups.__doc__ or ""
    assert "CHANGES THE BYTES" in doc
    assert doc.count("CHANGES THE BYTES") == sum(patch.changes_bytes for patch in speedups.PATCHES)


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


def test_a_patch_overwritten_by_someone_else_is_noticed(installed: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pydyf, "_to_bytes", speedups.original(_patch(pydyf, "_to_bytes")))
    assert speedups.problems() == ["pydyf._to_bytes"]
    assert not speedups.install()
