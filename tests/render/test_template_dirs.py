"""A school's template folder may be given as it is typed: relative, absolute, with `~`, or UNC-style.

templates/LEESMIJ.md tells schools to run `kmg build agenda.yaml --templates mijn-sjablonen`,
a folder relative to where they are; that must print with their own templates.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from gereedschapskist.render import Renderer, builtin_template_dir

from .agendas import agenda
from .conftest import page_texts

REPO = Path(__file__).resolve().parents[2]
AGENDA = REPO / "agendas" / "kleuters-groep-1-2.yaml"
# `kmg` as the installed script runs it (the package has no __main__).
KMG = "import sys; from gereedschapskist.cli import main; sys.argv[0] = 'kmg'; main()"
TIPS = '<section class="tips"><h2>Tips van onze school</h2><p>Koffie staat klaar.</p></section>'


def own_folder(parent: Path) -> Path:
    folder = parent / "mijn-sjablonen"
    folder.mkdir()
    (folder / "leidraad_tips.html.j2").write_text(TIPS, encoding="utf-8")
    # A school copies the file it wants to change: a top-level template from its own folder.
    for name in ("leidraad.html.j2", "gespreksformulieren.html.j2"):
        (folder / name).write_bytes((builtin_template_dir() / name).read_bytes())
    return folder


def guide_text(out: Path) -> str:
    (guide,) = out.rglob("leidraad.pdf")
    return "\n".join(page.extract_text() for page in PdfReader(guide).pages)


def test_build_with_a_relative_template_folder_from_the_current_folder(tmp_path: Path) -> None:
    own_folder(tmp_path)
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    result = subprocess.run(
        [sys.executable, "-c", KMG, "build", str(AGENDA), "--templates", "mijn-sjablonen",
         "--out", "uit", "--jobs", "1"],
        cwd=tmp_path, env=env, capture_output=True, text=True, encoding="utf-8", timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert "Tips van onze school" in guide_text(tmp_path / "uit")


@pytest.mark.parametrize("spelling", ["relative", "dotted", "home", "unc-style"])
def test_renderer_accepts_every_spelling_of_a_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, spelling: str
) -> None:
    folder = own_folder(tmp_path)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("USERPROFILE", str(tmp_path))
    given = {
        "relative": Path("mijn-sjablonen"),
        "dotted": Path("mijn-sjablonen") / ".." / "mijn-sjablonen",
        "home": Path("~") / "mijn-sjablonen",
        # POSIX keeps a leading double slash (like \\server\share on Windows); it names the same folder here.
        "unc-style": Path("/" + str(folder)) if os.name != "nt" else folder,
    }[spelling]
    renderer = Renderer([given])
    assert renderer.template_dirs[0].is_absolute()
    text = " ".join(page_texts(renderer.guide_pdf(agenda(), None)))
    assert "Tips van onze school" in text
    # The forms (other templates of the same search path) print too.
    assert renderer.forms_pdf(agenda(), None).pages >= 1


def test_build_with_a_template_folder_under_home_as_typed_in_cmd(tmp_path: Path) -> None:
    # cmd.exe (and a quoted argument anywhere) passes `~` on to kmg unexpanded.
    own_folder(tmp_path)
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "HOME": str(tmp_path), "USERPROFILE": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-c", KMG, "build", str(AGENDA), "--sjablonen", "~/mijn-sjablonen",
         "--uitvoer", str(tmp_path / "uit"), "--processen", "1"],
        cwd=tmp_path, env=env, capture_output=True, text=True, encoding="utf-8", timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "Tips van onze school" in guide_text(tmp_path / "uit")
