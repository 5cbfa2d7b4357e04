"""Rasterise PDF pages for the tests that look at the print, with pypdfium2 (pip-installed).

No system tool is needed (pdftoppm is optional on a school's machine and in CI): the
pages are rendered by PDFium from the wheel and returned as 8-bit grayscale PIL images.
"""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image


def render_pages(pdf: bytes | Path, dpi: float = 150, first: int = 1, last: int | None = None) -> list[Image.Image]:
    """Pages `first`..`last` (1-based, inclusive; all by default) as grayscale images at `dpi`."""
    data = pdf.read_bytes() if isinstance(pdf, Path) else pdf
    document = pdfium.PdfDocument(data)
    try:
        last = len(document) if last is None else last
        images = []
        for index in range(first - 1, last):
            page = document[index]
            bitmap = page.render(scale=dpi / 72, grayscale=True)
            images.append(bitmap.to_pil().convert("L"))
            bitmap.close()
            page.close()
        return images
    finally:
        document.close()


def save_pngs(pdf: bytes | Path, prefix: Path, dpi: float = 50) -> list[Path]:
    """Write every page as `<prefix>-N.png` (to look at a page while working on a template)."""
    paths = []
    for number, image in enumerate(render_pages(pdf, dpi), start=1):
        path = prefix.with_name(f"{prefix.name}-{number}.png")
        image.save(path)
        paths.append(path)
    return paths


def differing_pages(one: bytes | Path, other: bytes | Path, dpi: float = 100) -> list[int]:
    """The pages (1-based) whose pixels differ between two PDFs; all of them when the page counts differ."""
    from PIL import ImageChops

    first, second = render_pages(one, dpi), render_pages(other, dpi)
    if len(first) != len(second):
        return list(range(1, max(len(first), len(second)) + 1))
    return [
        number
        for number, (a, b) in enumerate(zip(first, second, strict=True), start=1)
        if ImageChops.difference(a, b).getbbox() is not None
    ]
