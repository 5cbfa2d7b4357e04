"""Look at the pages the way a printer would: rasterise (PDFium, via pypdfium2) and check the pixels.

Text and boxes can be right while the print is wrong (content drawn twice, lines
missing, a layer shifted). These checks catch that on the real raster image.
"""

from __future__ import annotations

from PIL import Image, ImageChops

from gereedschapskist.render import RenderedPdf

from .raster import render_pages

# 200 dpi: a 0.5 pt writing line covers more than one pixel row, so PDFium's anti-aliased line stays darker
# than the light gray fills of the topic headings.
DPI = 200
MM = DPI / 25.4


def rasterise(pdf: RenderedPdf, first: int, last: int) -> list[Image.Image]:
    return render_pages(pdf.data, DPI, first, last)


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


def test_every_form_prints_the_same_content_under_its_own_header(class_forms: RenderedPdf) -> None:
    first, _, third = rasterise(class_forms, 1, 3)
    assert first.size == third.size
    assert abs(first.size[0] - 210 * MM) <= 1 and abs(first.size[1] - 297 * MM) <= 1
    below_header = (0, int(45 * MM), first.size[0], int(275 * MM))
    difference = ImageChops.difference(first.crop(below_header), third.crop(below_header))
    assert difference.getbbox() is None
    # ...while the headers differ (two different pupils).
    header = (0, int(15 * MM), first.size[0], int(35 * MM))
    assert ImageChops.difference(first.crop(header), third.crop(header)).getbbox() is not None


def test_first_page_has_writing_lines_in_all_three_columns(class_forms: RenderedPdf) -> None:
    (page,) = rasterise(class_forms, 1, 1)
    # Columns of the right-hand page (25 mm inner margin, 15 mm outer, 5 mm gaps).
    columns = [(26, 77), (82, 133), (139, 194)]
    counts = [horizontal_rules(page, left, right, 45) for left, right in columns]
    # Topics 1-5 on page 1 have 3 + 2 + 3 + 2 (shared) + 3 writing lines, as the minutes
    # say; the header rule comes on top of that (the short date line stays under 45 mm).
    assert all(count >= 14 for count in counts), counts
    assert len(set(counts)) == 1, counts


def test_page_is_mostly_white_and_uses_only_grays(class_forms: RenderedPdf) -> None:
    (page,) = rasterise(class_forms, 2, 2)
    histogram = page.histogram()
    white = sum(histogram[230:])
    assert white / sum(histogram) > 0.8
    # Something is printed near the bottom margin (the footer) and inside the text area.
    assert page.crop((0, int(280 * MM), page.size[0], page.size[1])).getextrema()[0] < 128
