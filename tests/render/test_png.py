"""Look at the pages the way a printer would: rasterise with pdftoppm and check the pixels.

Text and boxes can be right while the print is wrong (content drawn twice, lines
missing, a layer shifted). These checks catch that on the real raster image.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image, ImageChops

from gereedschapskist.render import RenderedPdf

pytestmark = pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm (poppler-utils) is not installed")

# 150 dpi: a 0.5 pt writing line covers at least half a pixel row, so it stays darker
# than the light gray fills of the topic headings.
DPI = 150
MM = DPI / 25.4


def rasterise(pdf: RenderedPdf, tmp_path: Path, first: int, last: int) -> list[Image.Image]:
    path = tmp_path / "doc.pdf"
    path.write_bytes(pdf.data)
    for old in tmp_path.glob("p-*.pgm"):
        old.unlink()
    subprocess.run(
        ["pdftoppm", "-gray", "-r", str(DPI), "-f", str(first), "-l", str(last), str(path), str(tmp_path / "p")],
        check=True,
    )
    return [Image.open(png).convert("L") for png in sorted(tmp_path.glob("p-*.pgm"))]


def horizontal_rules(image: Image.Image, left: float, right: float, min_length_mm: float) -> int:
    """Rows with a dark run of at least `min_length_mm` between `left` and `right` (mm)."""
    width, height = image.size
    pixels = image.load()
    x0, x1 = int(left * MM), min(width, int(right * MM))
    rows = 0
    previous = False
    for y in range(height):
        run = longest = 0
        for x in range(x0, x1):
            run = run + 1 if pixels[x, y] < 200 else 0
            longest = max(longest, run)
        found = longest >= min_length_mm * MM
        if found and not previous:
            rows += 1
        previous = found
    return rows


def test_every_form_prints_the_same_content_under_its_own_header(class_forms: RenderedPdf, tmp_path: Path) -> None:
    first, _, third = rasterise(class_forms, tmp_path, 1, 3)
    assert first.size == third.size
    assert abs(first.size[0] - 210 * MM) <= 1 and abs(first.size[1] - 297 * MM) <= 1
    below_header = (0, int(45 * MM), first.size[0], int(275 * MM))
    difference = ImageChops.difference(first.crop(below_header), third.crop(below_header))
    assert difference.getbbox() is None
    # ...while the headers differ (two different pupils).
    header = (0, int(15 * MM), first.size[0], int(35 * MM))
    assert ImageChops.difference(first.crop(header), third.crop(header)).getbbox() is not None


def test_first_page_has_writing_lines_in_all_three_columns(class_forms: RenderedPdf, tmp_path: Path) -> None:
    (page,) = rasterise(class_forms, tmp_path, 1, 1)
    # Columns of the right-hand page (25 mm inner margin, 15 mm outer, 5 mm gaps).
    columns = [(26, 77), (82, 133), (139, 194)]
    counts = [horizontal_rules(page, left, right, 40) for left, right in columns]
    # Topics 1-5 on page 1 have 3 + 2 + 3 + 2 (shared) + 3 writing lines, as the minutes
    # say; the header rule and the date line come on top of that.
    assert all(count >= 13 for count in counts), counts
    assert len(set(counts)) == 1, counts


def test_page_is_mostly_white_and_uses_only_grays(class_forms: RenderedPdf, tmp_path: Path) -> None:
    (page,) = rasterise(class_forms, tmp_path, 2, 2)
    histogram = page.histogram()
    white = sum(histogram[230:])
    assert white / sum(histogram) > 0.8
    # Something is printed near the bottom margin (the footer) and inside the text area.
    assert page.crop((0, int(280 * MM), page.size[0], page.size[1])).getextrema()[0] < 128
