"""Font subsets reused across PDFs (render/speedups.py, patch 7).

Without libharfbuzz-subset every PDF paid fontTools to cut each font face down to its
glyphs. kmg now cuts a face to whole blocks of code points and keeps that subset for the
next PDF with the same blocks. What must hold: the same text and the same pixels as the
exact subset, bytes that do not depend on which PDF came first, one fontTools run for
many PDFs, and the exact subset whenever a glyph is not reachable by a code point.
"""

from __future__ import annotations

import io
import struct
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import fontTools.subset
import pypdf
import pytest
import weasyprint.pdf.fonts
from fontTools.ttLib import TTFont
from weasyprint import HTML

from gereedschapskist.render import speedups

from .raster import render_pages

FONTS = Path(__file__).resolve().parents[2] / "templates" / "fonts"
PATCH = next(patch for patch in speedups.PATCHES if patch.attribute == "_fonttools_subset")
_REGULAR, _BOLD = ((FONTS / name).as_uri() for name in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"))
CSS = (
    f"@font-face {{ font-family: t; src: url({_REGULAR}) }}"
    f"@font-face {{ font-family: t; font-weight: bold; src: url({_BOLD}) }}"
    "@page { size: A6; margin: 10mm } body { font-family: t; font-size: 11pt }"
)


def _html(text: str) -> HTML:
    return HTML(string=f"<html lang=nl><title>t</title><style>{CSS}</style><p>{text}</p><p><b>{text}</b></p>")


def _pdf(text: str) -> bytes:
    return _html(text).render().write_pdf(pdf_identifier=b"t", pdf_tags=True)


@pytest.fixture(autouse=True)
def fonttools_subsetting(renderer, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The fontTools path (also where libharfbuzz-subset is installed), patches in, no subsets kept.

    (A Renderer fixes fontTools' font timestamps and filters its speed note: renderer.py.)
    """
    monkeypatch.setattr(weasyprint.pdf.fonts, "harfbuzz_subset", None)
    with speedups.installed():
        speedups._subsets.clear()
        yield
        speedups._subsets.clear()


@pytest.fixture
def fonttools_runs(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    runs: list[int] = []
    populate = fontTools.subset.Subsetter.populate

    def counting(self, *args, **kwargs):
        runs.append(len(kwargs.get("gids") or ()))
        return populate(self, *args, **kwargs)

    monkeypatch.setattr(fontTools.subset.Subsetter, "populate", counting)
    return runs


def _text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages)


def _font_bytes(pdf: bytes) -> list[int]:
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    sizes = []
    for page in reader.pages[:1]:
        for font in page["/Resources"]["/Font"].values():
            descriptor = font.get_object()["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
            sizes.append(len(descriptor["/FontFile2"].get_object().get_data()))
    return sorted(sizes)


@pytest.mark.parametrize("text", ["Zoë Çelik en Łucja Nowak: één ‘kennismaking’ – ok", "Đorđević, Nguyễn, Иван, أحمد"])
def test_the_block_subset_prints_the_same_text_and_pixels_as_the_exact_one(text: str) -> None:
    reused = _pdf(text)
    with speedups.installed(False):
        exact = _pdf(text)
    assert reused != exact
    assert _text(reused) == _text(exact)
    assert [image.tobytes() for image in render_pages(reused, dpi=100)] == [
        image.tobytes() for image in render_pages(exact, dpi=100)
    ]
    # more glyphs than used, never fewer: the font is larger
    assert all(big > small for big, small in zip(_font_bytes(reused), _font_bytes(exact), strict=True))


def test_one_fonttools_run_per_face_for_pdfs_with_the_same_blocks(fonttools_runs: list[int]) -> None:
    first = _pdf("Groep 5, juf Anouk: Zoë Jansen")
    assert len(fonttools_runs) == 2  # regular and bold
    second = _pdf("Groep 6, meester Bas: Çelik Yılmaz")  # other letters, the same blocks
    assert len(fonttools_runs) == 2
    assert first != second
    _pdf("Иван Петров")  # Cyrillic: a block more, a subset of its own per face
    assert len(fonttools_runs) == 4


def test_the_bytes_do_not_depend_on_which_pdf_came_first() -> None:
    texts = ["Zoë Jansen", "Zoë Jansen en Иван Петров", "Nguyễn Văn An"]
    forwards = [_pdf(text) for text in texts]
    speedups._subsets.clear()
    backwards = [_pdf(text) for text in reversed(texts)][::-1]
    assert forwards == backwards


def _fake_font(missing: dict[int, int] | None = None) -> SimpleNamespace:
    content = (FONTS / "DejaVuSans.ttf").read_bytes()
    return SimpleNamespace(file_content=content, index=0, missing=missing or {}, family="t")


def _reached_and_unreached() -> tuple[int, int]:
    """A glyph the cmap reaches ("A") and one only shaping can reach (no code point maps to it)."""
    font = TTFont(FONTS / "DejaVuSans.ttf", lazy=True)
    order = font.getGlyphOrder()
    reached = {font.getGlyphID(name) for name in font.getBestCmap().values()}
    unreached = next(gid for gid in range(1, len(order)) if gid not in reached)
    return font.getGlyphID(font.getBestCmap()[ord("A")]), unreached


@pytest.mark.parametrize("case", ["shaped glyph", "missing glyph"])
def test_a_glyph_without_a_code_point_or_a_missing_one_gets_the_exact_subset(
    case: str, fonttools_runs: list[int]
) -> None:
    letter, shaped = _reached_and_unreached()
    subset = weasyprint.pdf.fonts.Font._fonttools_subset
    assert subset is not speedups.original(PATCH)
    if case == "shaped glyph":
        font, used = _fake_font(), {letter: "A", shaped: "x"}
    else:
        font, used = _fake_font(missing={0x10FFFF: 60000}), {letter: "A"}
    subset(font, used, False)
    assert fonttools_runs == [len(used)]  # the glyphs used, not a block
    assert speedups._subsets == {}


@pytest.mark.allow_weasyprint_logs  # WeasyPrint's own "Unable to subset"
def test_a_font_fonttools_cannot_read_is_left_whole_and_not_kept() -> None:
    font = SimpleNamespace(file_content=b"not a font at all", index=0, missing={}, family="t")
    weasyprint.pdf.fonts.Font._fonttools_subset(font, {36: "A"}, False)
    assert font.file_content == b"not a font at all"
    assert speedups._subsets == {}


def _damaged(tmp_path: Path) -> Path:
    """DejaVu Sans with the outline of "Ŧ" (U+0166, in the Latin unit) claiming 60000 points."""
    source = FONTS / "DejaVuSans.ttf"
    raw = bytearray(source.read_bytes())
    font = TTFont(source)
    tables = struct.unpack(">H", raw[4:6])[0]
    entries = [raw[12 + 16 * i : 28 + 16 * i] for i in range(tables)]  # tag, checksum, offset, length
    glyf = next(struct.unpack(">I", entry[8:12])[0] for entry in entries if entry[:4] == b"glyf")
    start = glyf + font["loca"][font.getGlyphID(font.getBestCmap()[0x0166])]
    raw[start : start + 2] = struct.pack(">h", 1)
    raw[start + 10 : start + 12] = struct.pack(">H", 60000)
    path = tmp_path / "school.ttf"
    path.write_bytes(raw)
    return path


@pytest.mark.allow_weasyprint_logs
def test_a_damaged_glyph_the_text_does_not_use_gets_the_exact_subset(tmp_path: Path) -> None:
    # (found by a reviewer: fontTools read the glyph for the block and raised IndexError)
    css = f"@font-face {{ font-family: s; src: url({_damaged(tmp_path).as_uri()}) }} body {{ font-family: s }}"
    html = f"<html lang=nl><title>t</title><style>{css}</style><p>Zoë Jansen</p>"
    with speedups.installed(False):
        exact = HTML(string=html).render().write_pdf()
    reused = HTML(string=html).render().write_pdf()
    assert _text(reused) == _text(exact)
    assert _font_bytes(reused) == _font_bytes(exact)  # the exact subset, not the whole font
    assert speedups._subsets == {}


def test_the_least_recently_used_subset_goes_first(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(speedups, "_SUBSETS_KEPT", 4)  # two PDFs' worth: regular and bold each
    _pdf("Zoë")  # Latin
    latin = set(speedups._subsets)
    _pdf("Иван")  # Cyrillic
    cyrillic = set(speedups._subsets) - latin
    _pdf("Zoë")  # Latin again: used most recently now
    _pdf("Ωμέγα")  # Greek: two subsets go, the Cyrillic ones (first in, but used least recently)
    assert latin <= set(speedups._subsets)
    assert not cyrillic & set(speedups._subsets)
