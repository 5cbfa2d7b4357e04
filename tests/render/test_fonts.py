"""kmg ships the fonts its templates use, so that the pages look the same on every computer.

print.css once named only "DejaVu Sans", which Windows lacks: the layout (line breaks,
page breaks, header heights) then depended on whatever font the machine had. The
DejaVu TTFs (open licence, in templates/fonts with their LICENSE) are loaded with
@font-face through the template URL fetcher, and come first in every font stack.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

from gereedschapskist.render import RenderedPdf, builtin_template_dir
from gereedschapskist.render.fetcher import TemplateDirFetcher

from .conftest import reader

FONTS = builtin_template_dir() / "fonts"
SHIPPED = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSansCondensed.ttf", "DejaVuSansCondensed-Bold.ttf")

# WeasyPrint names an @font-face font in the PDF after its family; a system DejaVu Sans would be "DejaVuSans".
PDF_FONT = "kmg-DejaVu-Sans"

# One name per script a Dutch school meets in its class lists.
NAMES = {
    "latin": "Zoë Çelik-Ångström",
    "cyrillic": "Дмитрий Иванов",
    "greek": "Γιώργος Παπαδόπουλος",
    "arabic": "محمد العلي",
    "vietnamese": "Nguyễn Thị Ánh Tuyết",
}


def font_face_sources() -> list[str]:
    css = (builtin_template_dir() / "print.css").read_text(encoding="utf-8")
    return re.findall(r"@font-face\s*{[^}]*?src:\s*url\(\"?([^\")]+)\"?\)", css)


def test_the_stylesheet_loads_every_shipped_font_and_each_file_is_there() -> None:
    sources = font_face_sources()
    assert sorted(Path(source).name for source in sources) == sorted(SHIPPED)
    for source in sources:
        assert (builtin_template_dir() / source).is_file(), source
    licence = (FONTS / "LICENSE").read_text(encoding="utf-8")
    assert "Bitstream" in licence and "Arev" in licence


@pytest.mark.parametrize("font", SHIPPED)
def test_every_shipped_font_covers_the_scripts_of_the_class_lists(font: str) -> None:
    cmap = TTFont(FONTS / font).getBestCmap()
    for script, name in NAMES.items():
        missing = {char for char in name if not char.isspace() and ord(char) not in cmap}
        assert not missing, (font, script, missing)


def test_the_stylesheet_prefers_the_shipped_font_over_system_fonts() -> None:
    css = (builtin_template_dir() / "print.css").read_text(encoding="utf-8")
    families = {family.strip() for family in re.findall(r"font-family:\s*([^;}]+)", css)}
    face_family = re.search(r"@font-face\s*{[^}]*font-family:\s*([^;]+);", css)
    assert face_family is not None
    shipped = face_family.group(1).strip()
    # Every font stack starts with the shipped family (the @font-face rules name it alone).
    assert all(family.startswith(shipped) for family in families), families


def test_the_pdfs_embed_only_the_shipped_fonts_also_where_dejavu_is_installed(
    class_forms: RenderedPdf, class_guide: RenderedPdf
) -> None:
    for pdf in (class_forms, class_guide):
        fonts = pdf_fonts(pdf.data)
        # Regular, bold and the semi-condensed questions on the form.
        assert fonts >= {PDF_FONT, f"{PDF_FONT}-Bold"}
        assert all(font.startswith(PDF_FONT) for font in fonts), fonts
    assert f"{PDF_FONT}-Semi-Condensed" in pdf_fonts(class_forms.data)


def test_the_fetcher_serves_the_shipped_fonts() -> None:
    fetcher = TemplateDirFetcher([builtin_template_dir()])
    for font in SHIPPED:
        response = fetcher.fetch((FONTS / font).as_uri())
        assert response.read() == (FONTS / font).read_bytes()


def test_the_fetcher_finds_the_fonts_for_a_schools_own_copy_of_print_css(tmp_path: Path) -> None:
    # A school copies print.css into its own folder; its url(fonts/...) then points there.
    own = tmp_path / "sjablonen"
    own.mkdir()
    fetcher = TemplateDirFetcher([own, builtin_template_dir()])
    response = fetcher.fetch((own / "fonts" / SHIPPED[0]).as_uri())
    assert response.read() == (FONTS / SHIPPED[0]).read_bytes()


# Renders the guide and the forms for a class with a name from every script, in a process
# that sees no system fonts at all, and prints the fonts of the PDFs and the warnings.
SCRIPT = r"""
import json, sys
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from gereedschapskist.render import Renderer
from gereedschapskist.classes.model import Pupil, SchoolClass
from agendas import agenda
names = json.loads(sys.argv[2])
klass = SchoolClass(naam="4/5", slug="groep-4-5", jaargroepen=frozenset({4, 5}), leerkracht=names[0],
                    leerlingen=tuple(Pupil(name, "", "") for name in names))
renderer = Renderer([Path(p) for p in sys.argv[4:]])
out = Path(sys.argv[3])
warnings = []
for label, make in (("leidraad", renderer.guide_pdf), ("formulieren", renderer.forms_pdf)):
    pdf = make(agenda(), klass)
    (out / f"{label}.pdf").write_bytes(pdf.data)
    warnings += [w for w in pdf.warnings if "HarfBuzz" not in w]
print(json.dumps(warnings))
"""


def without_system_fonts(tmp_path: Path) -> dict[str, str]:
    config = tmp_path / "fonts.conf"
    config.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n'
        f"<fontconfig><cachedir>{tmp_path / 'fc-cache'}</cachedir></fontconfig>\n",
        encoding="utf-8",
    )
    return {**os.environ, "FONTCONFIG_FILE": str(config), "PYTHONIOENCODING": "utf-8"}


def pdf_fonts(pdf: Path | bytes) -> set[str]:
    fonts: set[str] = set()
    for page in reader(pdf.read_bytes() if isinstance(pdf, Path) else pdf).pages:
        for font in page["/Resources"].get("/Font", {}).values():
            fonts.add(str(font.get_object()["/BaseFont"]).split("+")[-1])
    return fonts


@pytest.mark.skipif(sys.platform == "win32", reason="fontconfig is set up by the GTK runtime on Windows")
@pytest.mark.parametrize("own_print_css", [False, True], ids=["built-in", "own-copy-of-print-css"])
def test_every_script_prints_with_the_shipped_fonts_on_a_machine_without_fonts(
    tmp_path: Path, own_print_css: bool
) -> None:
    folders = []
    if own_print_css:
        own = tmp_path / "sjablonen"
        own.mkdir()
        (own / "print.css").write_bytes((builtin_template_dir() / "print.css").read_bytes())
        folders.append(str(own))
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(Path(__file__).parent), json.dumps(list(NAMES.values())), str(tmp_path),
         *folders],
        env=without_system_fonts(tmp_path), capture_output=True, text=True, encoding="utf-8", timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    assert json.loads(result.stdout.strip().splitlines()[-1]) == []
    for label in ("leidraad", "formulieren"):
        fonts = pdf_fonts(tmp_path / f"{label}.pdf")
        assert fonts, label
        assert all(font.startswith(PDF_FONT) for font in fonts), fonts
    forms = "\n".join(page.extract_text() for page in reader((tmp_path / "formulieren.pdf").read_bytes()).pages)
    for script, name in NAMES.items():
        if script != "arabic":  # shaped Arabic comes back in presentation forms
            assert name in forms, script
