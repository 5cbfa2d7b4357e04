"""The wheel a school installs (pipx / uv tool) carries the templates and the example agendas, and works.

The wheel is built from this checkout with the build backend in the dev tools (hatchling),
then installed without dependencies into a folder that goes first on the path, and used
from another folder, as a school would after `pipx install`.
"""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
KMG = "import sys; sys.argv[0] = 'kmg'; from gereedschapskist.cli import main; main()"


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pytest.importorskip("hatchling", reason="hatchling is in the dev tools (make test installs it)")
    folder = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", folder, REPO],
        check=True,
        capture_output=True,
    )
    (built,) = folder.glob("kmg-*.whl")
    return built


def test_the_wheel_contains_templates_and_examples(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    templates = {p.relative_to(REPO / "templates").as_posix() for p in (REPO / "templates").rglob("*") if p.is_file()}
    assert templates and {f"gereedschapskist/templates/{t}" for t in templates} <= names
    examples = {p.name for p in (REPO / "agendas").iterdir() if p.is_file()}
    assert {"school-groep-3-8.yaml", "klassenlijst-voorbeeld.csv"} <= examples
    assert {f"gereedschapskist/voorbeelden/{e}" for e in examples} <= names


def test_the_installed_wheel_works_from_another_folder(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", target, wheel],
        check=True,
        capture_output=True,
    )
    school = tmp_path / "school"
    school.mkdir()
    env = {**os.environ, "PYTHONPATH": str(target)}

    def kmg(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-c", KMG, *args], cwd=school, env=env, capture_output=True, text=True, encoding="utf-8"
        )

    where = subprocess.run(
        [sys.executable, "-c", "import gereedschapskist; print(gereedschapskist.__file__)"],
        cwd=school, env=env, capture_output=True, text=True, check=True,
    )
    assert Path(where.stdout.strip()).is_relative_to(target), "the test must use the installed wheel"
    done = kmg("init", "--voorbeeld", "school-groep-3-8")
    assert done.returncode == 0, done.stderr
    assert (school / "agenda.yaml").read_bytes() == (REPO / "agendas" / "school-groep-3-8.yaml").read_bytes()
    assert (school / "klassenlijst-voorbeeld.csv").is_file()
    done = kmg("check", "agenda.yaml")
    assert done.returncode == 0, done.stdout + done.stderr
    done = kmg("build", "agenda.yaml", "--klassen", "klassenlijst-voorbeeld.csv", "--uitvoer", "afdrukken")
    assert done.returncode == 0, done.stderr
    assert len(list((school / "afdrukken").rglob("gespreksformulieren.pdf"))) >= 1
