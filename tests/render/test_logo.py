"""The school's logo on the guide and the forms: `logo:` in the agenda, next to the agenda file.

A school writes `logo: logo.png` (a path seen from the agenda's folder), or with its own
text for screen readers `logo: {bestand: logo.png, tekst: ...}`. A logo that does not
exist, is no image or lies outside the agenda's folder is a `kmg check` finding with its
line (and so stops `kmg build` before anything is made), never an English WeasyPrint
warning on a build that ends with exit 0 and no logo.
"""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader
from typer.testing import CliRunner

from gereedschapskist.agenda.logo import attach_logo
from gereedschapskist.agenda.model import Agenda
from gereedschapskist.cli import app
from gereedschapskist.errors import UserError
from gereedschapskist.render import Renderer, views
from gereedschapskist.render.fetcher import INLINE_SCHEME, RefusedURL, TemplateDirFetcher

from .agendas import agenda, school_class
from .raster import render_pages

REPO = Path(__file__).resolve().parents[2]
KLEUTERS = REPO / "agendas" / "kleuters-groep-1-2.yaml"
MM_150 = 150 / 25.4

CSV = (
    "Roepnaam;Tussenvoegsel;Achternaam;Groep;Leerkracht\nZoë;van der;Berg;1/2;Juf Anouk\nBram;de;Vries;1/2;Juf Anouk\n"
)


def kmg(*args: object) -> object:
    result = CliRunner().invoke(app, [str(arg) for arg in args])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result


def png(width: int = 300, height: int = 150, colour: int = 0) -> bytes:
    buffer = io.BytesIO()
    Image.new("L", (width, height), colour).save(buffer, format="PNG")
    return buffer.getvalue()


def school_folder(tmp_path: Path, logo_line: str) -> Path:
    """A copy of the kindergarten agenda with `logo_line` after `school:`, in its own folder."""
    folder = tmp_path / "school"
    folder.mkdir(exist_ok=True)
    text = KLEUTERS.read_text(encoding="utf-8")
    text = text.replace("school: OBS De Regenboog\n", f"school: OBS De Regenboog\n{logo_line}\n", 1)
    path = folder / "agenda.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def alt_texts(data: bytes) -> list[str]:
    """The /Alt texts in the PDF's structure tree (what a screen reader reads for an image)."""
    root = PdfReader(io.BytesIO(data)).trailer["/Root"]
    found, stack = [], [root["/StructTreeRoot"]]
    while stack:
        node = stack.pop()
        node = node.get_object() if hasattr(node, "get_object") else node
        if isinstance(node, dict):
            if "/Alt" in node:
                found.append(str(node["/Alt"]))
            if "/K" in node:
                stack.append(node["/K"])
        elif isinstance(node, list):
            stack.extend(node)
    return found


def findings(path: Path) -> list[dict]:
    result = kmg("check", path, "--format", "json")
    return json.loads(result.output)


# -- check -----------------------------------------------------------------------------


def test_a_logo_next_to_the_agenda_passes_check(tmp_path: Path) -> None:
    path = school_folder(tmp_path, "logo: logo.png")
    (path.parent / "logo.png").write_bytes(png())
    assert findings(path) == []


def test_a_logo_with_its_own_text_passes_check(tmp_path: Path) -> None:
    path = school_folder(tmp_path, "logo:\n  bestand: plaatjes/logo.png\n  tekst: Een regenboog boven de school")
    (path.parent / "plaatjes").mkdir()
    (path.parent / "plaatjes" / "logo.png").write_bytes(png())
    assert findings(path) == []


def test_a_missing_logo_is_a_finding_on_its_line(tmp_path: Path) -> None:
    path = school_folder(tmp_path, "logo: logo-ontbreekt.png")
    (finding,) = findings(path)
    assert finding["code"] == "KMG002" and finding["level"] == "error"
    assert finding["line"] == 6  # the line after `school:`
    assert "logo-ontbreekt.png" in finding["message"] and "bestaat niet" in finding["message"]


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("logo.png", b"dit is geen plaatje", "geen plaatje"),
        ("logo.txt", b"tekst", "geen plaatje"),
        ("logo.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 3_000_000, "te groot"),
    ],
    ids=["not-an-image", "text-file", "too-big"],
)
def test_a_logo_that_is_no_usable_image_is_a_finding(tmp_path: Path, name: str, content: bytes, words: str) -> None:
    path = school_folder(tmp_path, f"logo: {name}")
    (path.parent / name).write_bytes(content)
    (finding,) = findings(path)
    assert finding["code"] == "KMG002" and finding["line"] == 6
    assert words in finding["message"]


@pytest.mark.parametrize("spelling", ["parent", "absolute", "link"])
def test_a_logo_outside_the_agendas_folder_is_a_finding(tmp_path: Path, spelling: str) -> None:
    outside = tmp_path / "elders.png"
    outside.write_bytes(png())
    if spelling == "link":
        path = school_folder(tmp_path, "logo: logo.png")
        if not hasattr(os, "symlink"):
            pytest.skip("no symlinks here")
        (path.parent / "logo.png").symlink_to(outside)
    else:
        path = school_folder(tmp_path, f"logo: {'../elders.png' if spelling == 'parent' else outside.as_posix()}")
    (finding,) = findings(path)
    assert finding["code"] == "KMG002" and finding["line"] == 6
    assert "buiten de map" in finding["message"]


def test_an_unknown_key_in_the_logo_block_is_named(tmp_path: Path) -> None:
    path = school_folder(tmp_path, "logo:\n  bestand: logo.png\n  tekts: Ons logo")
    (path.parent / "logo.png").write_bytes(png())
    (finding,) = findings(path)
    assert finding["code"] == "KMG002"
    assert "'tekts'" in finding["message"] and "tekst" in finding["hint"]


# -- build -----------------------------------------------------------------------------


@pytest.mark.parametrize("logo", ["logo-ontbreekt.png", "../buiten/logo.png"])
def test_build_stops_with_a_dutch_message_and_exit_2_for_an_unusable_logo(tmp_path: Path, logo: str) -> None:
    path = school_folder(tmp_path, f"logo: {logo}")
    (tmp_path / "buiten").mkdir()
    (tmp_path / "buiten" / "logo.png").write_bytes(png())
    out = tmp_path / "uit"
    result = kmg("build", path, "--out", out, "--jobs", "1")
    assert result.exit_code == 2  # a file that cannot be used, like an unreadable agenda
    assert logo in result.output
    assert "Failed to load image" not in result.output
    assert not list(out.rglob("*.pdf")) if out.exists() else True


def test_build_prints_the_logo_on_the_guide_and_every_form(tmp_path: Path) -> None:
    path = school_folder(tmp_path, "logo:\n  bestand: logo.png\n  tekst: Een regenboog boven de school")
    (path.parent / "logo.png").write_bytes(png())
    classes = tmp_path / "klassen.csv"
    classes.write_text(CSV, encoding="utf-8")
    out = tmp_path / "uit"
    result = kmg("build", path, "--classes", classes, "--out", out, "--jobs", "1")
    assert result.exit_code == 0, result.output
    assert "Let op" not in result.output
    for name in ("leidraad.pdf", "gespreksformulieren.pdf"):
        (pdf,) = out.rglob(name)
        data = pdf.read_bytes()
        reader = PdfReader(io.BytesIO(data))
        starts = [0] if name == "leidraad.pdf" else [0, 2]  # two pupils, forms of two pages
        for index in starts:
            assert len(reader.pages[index].images) == 1, (name, index)
        # The alt text reaches the PDF's tags (for screen readers), once per printed logo.
        assert alt_texts(data).count("Een regenboog boven de school") == len(starts), name


def test_a_changed_logo_makes_the_next_build_print_again(tmp_path: Path) -> None:
    path = school_folder(tmp_path, "logo: logo.png")
    (path.parent / "logo.png").write_bytes(png())
    out = tmp_path / "uit"
    assert kmg("build", path, "--out", out, "--jobs", "1").exit_code == 0
    (path.parent / "logo.png").write_bytes(png(colour=128))
    again = kmg("build", path, "--out", out, "--jobs", "1")
    assert again.exit_code == 0
    assert "niet veranderd" not in again.output


# -- rendering -------------------------------------------------------------------------


def logo_agenda(tmp_path: Path, image: bytes, **logo: str) -> Agenda:
    (tmp_path / "logo.png").write_bytes(image)
    return attach_logo(agenda(logo={"bestand": "logo.png", **logo}), tmp_path / "agenda.yaml")


def dark_share(image: Image.Image, box_mm: tuple[float, float, float, float]) -> float:
    crop = image.crop(tuple(int(v * MM_150) for v in box_mm))
    dark = sum(1 for value in crop.tobytes() if value < 100)
    return dark / (crop.width * crop.height)


def test_the_logo_sits_top_right_in_the_header_without_moving_the_content(tmp_path: Path) -> None:
    renderer = Renderer()
    plain_forms = renderer.forms_pdf(agenda(), school_class(2))
    with_logo = logo_agenda(tmp_path, png())
    forms = renderer.forms_pdf(with_logo, school_class(2))
    guide = renderer.guide_pdf(with_logo, school_class(2))
    assert forms.pages == plain_forms.pages
    for pdf in (forms, guide):
        first = render_pages(pdf.data, 150, 1, 1)[0]
        # A right-hand page: the area is 25..195 mm wide from 15 mm down; the logo is
        # at most 11 mm high and 40 mm wide, at the top right of the header.
        assert dark_share(first, (175, 16, 194, 25)) > 0.5
        assert dark_share(first, (26, 16, 60, 28)) < 0.5
    # Below the header the forms print as they do without a logo.
    plain, mine = (render_pages(pdf.data, 150, 1, 1)[0] for pdf in (plain_forms, forms))
    below = (0, int(45 * MM_150), plain.width, int(270 * MM_150))
    assert plain.crop(below).tobytes() == mine.crop(below).tobytes()


def test_a_tall_or_wide_logo_is_scaled_into_its_corner(tmp_path: Path) -> None:
    renderer = Renderer()
    for size in ((2000, 100), (100, 2000)):
        forms = renderer.forms_pdf(logo_agenda(tmp_path, png(*size)), school_class(1))
        first = render_pages(forms.data, 150, 1, 1)[0]
        assert dark_share(first, (26, 16, 120, 27)) < 0.5, size  # never over the name
        assert dark_share(first, (25, 45, 195, 270)) < 0.2, size  # never over the content


def test_the_default_alt_text_names_the_school(tmp_path: Path) -> None:
    pdf = Renderer().guide_pdf(logo_agenda(tmp_path, png()), None)
    assert alt_texts(pdf.data) == ["Logo van OBS De Regenboog"]


def test_a_logo_that_was_never_read_is_a_user_error() -> None:
    # An agenda made in Python with a logo but without `attach_logo`: say so, do not guess a folder.
    with pytest.raises(UserError, match="logo"):
        Renderer().guide_pdf(agenda(logo="logo.png"), None)


def test_the_logo_is_named_once_per_document_not_copied_into_every_header(tmp_path: Path) -> None:
    renderer = Renderer()
    with_logo = logo_agenda(tmp_path, png())
    html = renderer.flowing_forms_html(with_logo, school_class(5), pages=2)
    # Five headers name the logo by a short URL; the image itself is not in the HTML.
    assert html.count(f'src="{INLINE_SCHEME}:') == 5
    assert "data:image" not in html
    response = renderer.fetcher.fetch(views.logo(with_logo).bron)
    assert response.read() == (tmp_path / "logo.png").read_bytes()


@pytest.mark.allow_weasyprint_logs
def test_the_fetcher_refuses_an_unregistered_inline_url() -> None:
    with pytest.raises(RefusedURL):
        TemplateDirFetcher([]).fetch(f"{INLINE_SCHEME}:{'0' * 32}")


def test_an_svg_logo_prints(tmp_path: Path) -> None:
    svg = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<!-- logo -->\n'
        '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100" viewBox="0 0 200 100">'
        '<rect width="200" height="100" fill="black"/></svg>'
    )
    (tmp_path / "logo.svg").write_text(svg, encoding="utf-8")
    with_logo = attach_logo(agenda(logo="logo.svg"), tmp_path / "agenda.yaml")
    first = render_pages(Renderer().guide_pdf(with_logo, None).data, 150, 1, 1)[0]
    assert dark_share(first, (175, 16, 194, 25)) > 0.5


@pytest.mark.allow_weasyprint_logs
def test_an_svg_cannot_fetch_files_outside_the_template_folders(tmp_path: Path) -> None:
    secret = tmp_path / "geheim.png"
    secret.write_bytes(png())
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="200" height="100">'
        f'<image width="200" height="100" xlink:href="{secret.as_uri()}"/></svg>'
    )
    (tmp_path / "logo.svg").write_text(svg, encoding="utf-8")
    with_logo = attach_logo(agenda(logo="logo.svg"), tmp_path / "agenda.yaml")
    pdf = Renderer().guide_pdf(with_logo, None)
    assert any("geweigerd" in warning and "geheim.png" in warning for warning in pdf.warnings)
    first = render_pages(pdf.data, 150, 1, 1)[0]
    assert dark_share(first, (175, 16, 194, 25)) < 0.1
