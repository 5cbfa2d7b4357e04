"""Without libharfbuzz-subset (Windows, a fresh Linux) WeasyPrint subsets fonts with fontTools.

That path must give the same bytes every run and no warning about the document: the
speed note is the CLI's to give, in Dutch. These tests force that path even where the
library is installed.
"""

from __future__ import annotations

import time

import pytest
import weasyprint.pdf.fonts

from gereedschapskist.render import Renderer

from .agendas import agenda, school_class


@pytest.fixture
def fonttools_subsetting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(weasyprint.pdf.fonts, "harfbuzz_subset", None)


def test_fonttools_subsetting_gives_the_same_bytes_at_another_time(
    fonttools_subsetting: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    renderer = Renderer()
    first = renderer.forms_pdf(agenda(), school_class(2))
    # fontTools stamps the fonts it writes with the current time unless told otherwise.
    later = time.time() + 3 * 24 * 3600
    monkeypatch.setattr(time, "time", lambda: later)
    second = renderer.forms_pdf(agenda(), school_class(2))
    assert first.data == second.data


def test_fonttools_subsetting_is_no_warning_about_the_document(fonttools_subsetting: None) -> None:
    pdf = Renderer().guide_pdf(agenda(), school_class(2))
    assert pdf.warnings == ()


def _subset_dejavu(gids: list[int], hinting: bool, subset_function: object) -> tuple[bytes, list[str]]:
    """Subset the built-in DejaVu Sans the way WeasyPrint does without libharfbuzz-subset;
    also say which tables fontTools read (decompiled) on the way."""
    import io

    from fontTools import subset
    from fontTools.ttLib import TTFont

    from gereedschapskist.resources import builtin_template_dir

    font_file = builtin_template_dir() / "fonts" / "DejaVuSans.ttf"
    options = subset.Options(
        retain_gids=True, passthrough_tables=True, ignore_missing_glyphs=True, hinting=hinting, desubroutinize=True
    )
    options.drop_tables += ["GSUB", "GPOS", "SVG"]  # as weasyprint/pdf/fonts.py asks
    subsetter = subset.Subsetter(options)
    subsetter.populate(gids=gids)
    font = TTFont(io.BytesIO(font_file.read_bytes()))
    read: list[str] = []
    original = font.__class__._readTable

    def recording(self: TTFont, tag: str) -> object:
        read.append(tag)
        return original(self, tag)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(font.__class__, "_readTable", recording)
        subset_function(subsetter, font)  # type: ignore[operator]
    out = io.BytesIO()
    font.save(out)
    return out.getvalue(), read


@pytest.mark.parametrize("hinting", [True, False])
def test_fonttools_never_reads_the_tables_it_drops_and_writes_the_same_font(hinting: bool) -> None:
    from gereedschapskist.render import speedups

    gids = [3, 36, 37, 68, 69, 70, 101, 190, 560, 1200, 2400]
    (patch,) = [each for each in speedups.PATCHES if each.attribute == "subset"]
    original = speedups.original(patch)  # the table's patch, without installing or removing anything
    plain, plain_read = _subset_dejavu(gids, hinting, original)
    faster, faster_read = _subset_dejavu(gids, hinting, patch.replace(original))
    assert "GPOS" in plain_read  # the large kerning table: what the speed-up is for
    assert not {"GSUB", "GPOS"} & set(faster_read)
    assert faster == plain
