"""WeasyPrint's and Jinja's English messages reach a school in Dutch; the original only with --uitgebreid."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from gereedschapskist.cli.foreign import UNKNOWN, translate, warning_lines

REPO = Path(__file__).resolve().parents[2]
SCHOOL = REPO / "agendas" / "school-groep-3-8.yaml"
ENGLISH = ("Failed to load", "has no required alt", "Range too big", "sandbox blocks", "OverflowError")


@pytest.fixture
def templates(tmp_path: Path) -> Path:
    """The built-in guide with one image that is missing and one without alt text."""
    folder = tmp_path / "sjablonen"
    folder.mkdir()
    guide = (REPO / "templates" / "leidraad.html.j2").read_text(encoding="utf-8")
    images = '<img src="ontbreekt.png"><img src="logo.png">'
    (folder / "leidraad.html.j2").write_text(guide.replace("{% block body %}", "{% block body %}" + images, 1),
                                             encoding="utf-8")
    Image.new("L", (4, 4), 128).save(folder / "logo.png")
    return folder


def test_weasyprint_warnings_are_dutch(kmg, tmp_path: Path, templates: Path) -> None:
    result = kmg("build", SCHOOL, "--sjablonen", templates, "--uitvoer", tmp_path / "out", "--processen", "1")
    assert result.exit_code == 0, result.output
    assert "Let op (opmaak): de afbeelding ontbreekt.png kon niet geladen worden en is weggelaten" in result.output
    assert "Let op (opmaak): de afbeelding logo.png heeft geen beschrijving (alt-tekst)" in result.output
    assert not [word for word in ENGLISH if word in result.output], result.output


def test_verbose_adds_the_original(kmg, tmp_path: Path, templates: Path) -> None:
    result = kmg("build", SCHOOL, "--sjablonen", templates, "--uitvoer", tmp_path / "out", "--processen", "1",
                 "--uitgebreid")
    assert result.exit_code == 0, result.output
    assert "de afbeelding ontbreekt.png kon niet geladen worden" in result.output
    assert "origineel: Failed to load image at 'file:" in result.output
    assert 'origineel: Image "logo.png" has no required alt description' in result.output


def test_a_jinja_error_is_dutch(kmg, tmp_path: Path) -> None:
    folder = tmp_path / "sjablonen"
    folder.mkdir()
    (folder / "leidraad.html.j2").write_text("{% for i in range(10**7) %}x{% endfor %}", encoding="utf-8")
    args = ("build", SCHOOL, "--sjablonen", folder, "--uitvoer", tmp_path / "out", "--processen", "1")
    result = kmg(*args)
    assert result.exit_code == 2
    assert "leidraad.html.j2:1:" in result.output
    assert "een range() in het sjabloon is te groot (meer dan 100000 stappen mag niet)" in result.output
    assert not [word for word in ENGLISH if word in result.output], result.output
    assert "origineel:" in kmg(*args, "--verbose").output


@pytest.mark.parametrize(
    ("english", "dutch"),
    [
        ("Ignored `colr: red` at 3:5, unknown property.", "de CSS-regel `colr: red` (regel 3, kolom 5) wordt niet"),
        ("print.css: Error: invalid at 4:1.", "print.css: een fout in de CSS op regel 4, kolom 1"),
        ("Font-face 'Kleurig' cannot be loaded", "het lettertype 'Kleurig' kon niet geladen worden"),
        ("Failed to load stylesheet at file:///x/extra.css : RefusedURL: geweigerd: 'file:///x/extra.css'",
         "het opmaakbestand extra.css kon niet geladen worden en is overgeslagen (kmg laadt alleen"),
        ("Anchor defined twice: 'formulier-1'", "het anker 'formulier-1' staat twee keer"),
    ],
)
def test_known_patterns(english: str, dutch: str) -> None:
    assert dutch in translate(english)


def test_an_unknown_english_warning_is_one_dutch_line() -> None:
    assert warning_lines("Inline grids are not supported", verbose=False) == [f"Let op (opmaak): {UNKNOWN}"]
    assert warning_lines("Inline grids are not supported", verbose=True)[1].endswith("Inline grids are not supported")
    # kmg's own Dutch warnings pass as they are
    own = "leidraad: de voettekst is ingekort tot één regel"
    assert warning_lines(own, verbose=True) == [f"Let op (opmaak): {own}"]
