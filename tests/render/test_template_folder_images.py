"""Pictures next to a school's own templates: `<img src="logo.png">` in its copy of basis.html.j2.

The page's base URL is the folder of the top-level template (often the built-in
leidraad.html.j2), so a relative URL is looked up in every template folder in order, the
school's first, like Jinja looks up templates; the fetcher still serves only files inside
the template folders.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from gereedschapskist.render import Renderer, builtin_template_dir
from gereedschapskist.render.fetcher import RefusedURL, TemplateDirFetcher

from .agendas import agenda, school_class


def png(colour: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 20), colour).save(buffer, format="PNG")
    return buffer.getvalue()


def school_folder(tmp_path: Path, tag: str) -> Path:
    folder = tmp_path / "s1"
    folder.mkdir()
    basis = (builtin_template_dir() / "basis.html.j2").read_text(encoding="utf-8")
    (folder / "basis.html.j2").write_text(basis.replace("</body>", f"{tag}</body>", 1), encoding="utf-8")
    (folder / "logo.png").write_bytes(png("black"))
    return folder


def images(data: bytes) -> int:
    return sum(len(page.images) for page in PdfReader(io.BytesIO(data)).pages)


@pytest.mark.parametrize("fast", [True, False], ids=["fast", "public-api"])
def test_a_picture_beside_the_schools_template_is_printed(tmp_path: Path, fast: bool) -> None:
    folder = school_folder(tmp_path, '<img src="logo.png" alt="Logo">')
    renderer = Renderer([folder], fast=fast)
    for pdf in (renderer.guide_pdf(agenda(), school_class(2)), renderer.forms_pdf(agenda(), school_class(2))):
        assert not [warning for warning in pdf.warnings if "logo.png" in warning], pdf.warnings
        assert images(pdf.data) >= 1


def test_the_schools_file_goes_before_the_builtin_one(tmp_path: Path) -> None:
    school = tmp_path / "s1"
    school.mkdir()
    (school / "print.css").write_text("/* eigen */", encoding="utf-8")
    fetcher = TemplateDirFetcher([school, builtin_template_dir()])
    # A relative URL of a built-in template, resolved next to it, finds the school's file first.
    response = fetcher.fetch((builtin_template_dir() / "print.css").as_uri())
    assert Path(response.url.removeprefix("file://")).parent == school.resolve()
    # A file only the built-in folder has is still served from there.
    fonts = sorted((builtin_template_dir() / "fonts").glob("*.ttf"))
    assert fonts
    assert fetcher.fetch((school / "fonts" / fonts[0].name).as_uri()) is not None


@pytest.mark.allow_weasyprint_logs
def test_the_sandbox_still_holds(tmp_path: Path) -> None:
    folder = school_folder(tmp_path, "")
    (tmp_path / "geheim.png").write_bytes(png("red"))
    fetcher = TemplateDirFetcher([folder, builtin_template_dir()])
    for url in ((tmp_path / "geheim.png").as_uri(), (builtin_template_dir() / ".." / "geheim.png").as_uri()):
        with pytest.raises(RefusedURL):
            fetcher.fetch(url)
