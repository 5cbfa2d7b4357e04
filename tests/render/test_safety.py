"""School-supplied templates are not trusted: sandbox, escaping, errors with file and line, no fetching."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from gereedschapskist.errors import UserError
from gereedschapskist.render import Renderer, TemplateProblem, builtin_template_dir
from gereedschapskist.render.fetcher import RefusedURL, TemplateDirFetcher

from .agendas import agenda, school_class
from .conftest import page_texts, reader


def own_templates(tmp_path: Path, **files: str) -> Path:
    """A school's template folder: `name=text`, with dots in names written as `__`."""
    folder = tmp_path / "sjablonen"
    folder.mkdir(exist_ok=True)
    for name, text in files.items():
        (folder / name.replace("__", ".")).write_text(text, encoding="utf-8")
    return folder


def test_own_template_overrides_the_built_in(tmp_path: Path) -> None:
    folder = own_templates(
        tmp_path,
        leidraad_tips__html__j2='<section class="tips"><h2>Onze eigen tips</h2><p>Koffie staat klaar.</p></section>',
    )
    text = " ".join(page_texts(Renderer([folder]).guide_pdf(agenda(), school_class(2))))
    assert "Onze eigen tips" in text
    assert "Koffie staat klaar." in text
    assert "trialoog" not in text


def test_sandbox_blocks_python_internals(tmp_path: Path) -> None:
    folder = own_templates(
        tmp_path,
        leidraad_tips__html__j2="<p>{{ ''.__class__.__mro__[1].__subclasses__() }}</p>",
    )
    with pytest.raises(TemplateProblem) as caught:
        Renderer([folder]).guide_pdf(agenda(), None)
    problem = caught.value
    assert isinstance(problem, UserError)
    assert "leidraad_tips.html.j2" in problem.render()
    assert "niet mag" in problem.message
    assert problem.line == 1


def test_sandbox_blocks_attribute_walks_on_the_context(tmp_path: Path) -> None:
    folder = own_templates(tmp_path, leidraad_tips__html__j2="{{ agenda.__init__.__globals__ }}")
    with pytest.raises(TemplateProblem):
        Renderer([folder]).guide_pdf(agenda(), None)


def test_syntax_error_names_file_and_line(tmp_path: Path) -> None:
    folder = own_templates(tmp_path, leidraad_tips__html__j2="<p>een</p>\n<p>twee</p>\n{% if %}\n")
    with pytest.raises(TemplateProblem) as caught:
        Renderer([folder]).guide_pdf(agenda(), None)
    problem = caught.value
    assert problem.line == 3
    assert str(problem.path).endswith("leidraad_tips.html.j2")
    assert problem.render().startswith(f"{folder / 'leidraad_tips.html.j2'}:3: ")
    assert "Traceback" not in problem.render()


def test_undefined_name_names_file_and_line(tmp_path: Path) -> None:
    folder = own_templates(tmp_path, leidraad_tips__html__j2="<p>ok</p>\n<p>{{ onbekend.veld }}</p>\n")
    with pytest.raises(TemplateProblem) as caught:
        Renderer([folder]).guide_pdf(agenda(), None)
    assert caught.value.line == 2
    assert "'onbekend' is niet gedefinieerd" in caught.value.message


def test_missing_template_folder_is_a_user_error(tmp_path: Path) -> None:
    with pytest.raises(TemplateProblem) as caught:
        Renderer([tmp_path / "bestaat-niet"])
    assert "bestaat niet" in caught.value.message


def test_autoescape_is_on_for_html_j2_templates(tmp_path: Path) -> None:
    folder = own_templates(tmp_path, leidraad_tips__html__j2="<p>{{ '<b>vet</b>' }}</p>")
    text = " ".join(page_texts(Renderer([folder]).guide_pdf(agenda(), None)))
    assert "<b>vet</b>" in text


@pytest.mark.allow_weasyprint_logs
def test_template_cannot_read_files_outside_the_template_folders(tmp_path: Path) -> None:
    secret = tmp_path / "geheim.txt"
    secret.write_text("GEHEIME-INHOUD-1234", encoding="utf-8")
    folder = own_templates(
        tmp_path,
        leidraad_tips__html__j2=(
            '<link rel="stylesheet" href="http://example.com/x.css">'
            '<link rel="attachment" href="file:///etc/passwd">'
            '<img src="file:///etc/passwd" alt="">'
            f'<img src="{secret.as_uri()}" alt="">'
            '<object data="file:///etc/hostname"></object>'
            '<p style="background: url(https://example.com/pixel.png)">tips</p>'
        ),
    )
    guide = Renderer([folder]).guide_pdf(agenda(), None)
    pdf = reader(guide)
    assert "/EmbeddedFiles" not in pdf.trailer["/Root"].get("/Names", {})
    assert b"root:" not in guide.data and b"GEHEIME-INHOUD" not in guide.data
    # WeasyPrint reports every refusal; the build can show these to the user.
    refused = [warning for warning in guide.warnings if "geweigerd" in warning]
    assert any("example.com/x.css" in warning for warning in refused)
    assert any("/etc/passwd" in warning for warning in refused)
    assert any("geheim.txt" in warning for warning in refused)


@pytest.mark.allow_weasyprint_logs
def test_user_stylesheet_cannot_fetch_remote_fonts(tmp_path: Path) -> None:
    css = (builtin_template_dir() / "print.css").read_text(encoding="utf-8")
    folder = own_templates(
        tmp_path, print__css="@font-face { font-family: X; src: url(https://example.com/x.woff2) }\n" + css
    )
    renderer = Renderer([folder])
    # The fetcher refused the URL, so WeasyPrint could not load the font face.
    assert any("Font-face 'X' cannot be loaded" in warning for warning in renderer.css_warnings)
    assert renderer.guide_pdf(agenda(), None).pages == 3


def test_fetcher_serves_files_inside_the_template_folders(tmp_path: Path) -> None:
    folder = own_templates(tmp_path, logo__svg='<svg xmlns="http://www.w3.org/2000/svg"/>')
    fetcher = TemplateDirFetcher([folder, builtin_template_dir()])
    response = fetcher.fetch((folder / "logo.svg").as_uri())
    assert response.read().startswith(b"<svg")
    assert response.content_type == "image/svg+xml"
    assert fetcher.fetch((builtin_template_dir() / "print.css").as_uri()).read()
    assert fetcher.fetch("data:text/plain;base64,aGFsbG8=").read() == b"hallo"


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "http://example.com/x.css",
        "https://example.com/x.css",
        "ftp://example.com/x",
        "file://server/share/x.css",
        "javascript:alert(1)",
    ],
)
def test_fetcher_refuses_everything_else(tmp_path: Path, url: str) -> None:
    fetcher = TemplateDirFetcher([own_templates(tmp_path)])
    with pytest.raises(RefusedURL):
        fetcher.fetch(url)


def test_fetcher_refuses_relative_escapes_and_symlinks(tmp_path: Path) -> None:
    folder = own_templates(tmp_path)
    outside = tmp_path / "klassenlijst.csv"
    outside.write_text("Roepnaam;Achternaam\n", encoding="utf-8")
    fetcher = TemplateDirFetcher([folder])
    with pytest.raises(RefusedURL):
        fetcher.fetch(folder.as_uri() + "/../klassenlijst.csv")
    if hasattr(os, "symlink"):
        (folder / "link.csv").symlink_to(outside)
        with pytest.raises(RefusedURL):
            fetcher.fetch((folder / "link.csv").as_uri())


def test_fetcher_refuses_the_template_folder_itself_being_a_prefix(tmp_path: Path) -> None:
    # "/x/sjablonen-geheim" must not count as inside "/x/sjablonen".
    folder = own_templates(tmp_path)
    sibling = tmp_path / "sjablonen-geheim"
    sibling.mkdir()
    (sibling / "a.css").write_text("p{}", encoding="utf-8")
    with pytest.raises(RefusedURL):
        TemplateDirFetcher([folder]).fetch((sibling / "a.css").as_uri())


def test_built_in_templates_ship_with_print_css() -> None:
    folder = builtin_template_dir()
    for name in (
        "print.css",
        "basis.html.j2",
        "leidraad.html.j2",
        "leidraad_tips.html.j2",
        "gespreksformulieren.html.j2",
        "formulier_inhoud.html.j2",
    ):
        assert (folder / name).is_file(), name


def test_pupil_template_without_form_ids_is_refused(tmp_path: Path) -> None:
    builtin = (builtin_template_dir() / "gespreksformulieren.html.j2").read_text(encoding="utf-8")
    folder = own_templates(tmp_path, gespreksformulieren__html__j2=builtin.replace('id="{{ form.anchor }}"', ""))
    with pytest.raises(TemplateProblem) as caught:
        Renderer([folder]).forms_pdf(agenda(), school_class(2))
    assert 'id="formulier-1"' in caught.value.message
