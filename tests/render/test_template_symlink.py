"""A link inside a template folder must not let a template print a file from elsewhere.

The URL fetcher already refuses files whose real path leaves the template folders;
the Jinja loader (`{% include %}`, `{% extends %}`, `{% import %}`) must do the same.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from gereedschapskist.render import Renderer, TemplateProblem

from .agendas import agenda
from .conftest import page_texts

pytestmark = pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symlinks on this system")


def linked_folder(tmp_path: Path, target: Path, name: str = "passwd.txt") -> Path:
    folder = tmp_path / "sjablonen"
    folder.mkdir()
    try:
        (folder / name).symlink_to(target)
    except OSError:  # pragma: no cover - Windows without the right to make links
        pytest.skip("cannot make symlinks here")
    return folder


@pytest.mark.parametrize("statement", ["include", "import", "extends"])
def test_a_link_to_a_file_outside_the_template_folders_is_refused(tmp_path: Path, statement: str) -> None:
    secret = tmp_path / "geheim" / "wachtwoorden.txt"
    secret.parent.mkdir()
    secret.write_text("GEHEIME-INHOUD-1234", encoding="utf-8")
    folder = linked_folder(tmp_path, secret)
    tag = {"include": "{% include 'passwd.txt' %}", "import": "{% import 'passwd.txt' as p %}"}.get(
        statement, "{% extends 'passwd.txt' %}"
    )
    (folder / "leidraad_tips.html.j2").write_text(f"<p>tips</p>\n{tag}\n", encoding="utf-8")
    with pytest.raises(TemplateProblem) as caught:
        Renderer([folder]).guide_pdf(agenda(), None)
    message = caught.value.render()
    assert "buiten de sjabloonmappen" in message
    assert "passwd.txt" in message
    assert "GEHEIME-INHOUD" not in message


def test_etc_passwd_through_a_link_is_refused(tmp_path: Path) -> None:
    if not Path("/etc/passwd").is_file():
        pytest.skip("no /etc/passwd here")
    folder = linked_folder(tmp_path, Path("/etc/passwd"))
    (folder / "leidraad_tips.html.j2").write_text("{% include 'passwd.txt' %}", encoding="utf-8")
    with pytest.raises(TemplateProblem, match="buiten de sjabloonmappen"):
        Renderer([folder]).guide_pdf(agenda(), None)


def test_a_linked_top_level_template_outside_the_folders_is_refused(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elders" / "tips.html.j2"
    elsewhere.parent.mkdir()
    elsewhere.write_text("<section class='tips'><p>ELDERS</p></section>", encoding="utf-8")
    folder = linked_folder(tmp_path, elsewhere, "leidraad_tips.html.j2")
    with pytest.raises(TemplateProblem, match="buiten de sjabloonmappen"):
        Renderer([folder]).guide_pdf(agenda(), None)


def test_a_link_that_stays_inside_the_template_folders_still_works(tmp_path: Path) -> None:
    folder = tmp_path / "sjablonen"
    (folder / "delen").mkdir(parents=True)
    (folder / "delen" / "onze-tips.html.j2").write_text(
        "<section class='tips'><h2>Tips van onze school</h2></section>", encoding="utf-8"
    )
    (folder / "leidraad_tips.html.j2").symlink_to(folder / "delen" / "onze-tips.html.j2")
    text = " ".join(page_texts(Renderer([folder]).guide_pdf(agenda(), None)))
    assert "Tips van onze school" in text
