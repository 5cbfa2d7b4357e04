"""Without Pango: `kmg build` says in one Dutch sentence what to install; `kmg check` keeps working."""

from __future__ import annotations

import ctypes.util
import subprocess
import sys
from pathlib import Path

import pytest

from gereedschapskist.cli import systemlibs

REPO = Path(__file__).resolve().parents[2]
SCHOOL = REPO / "agendas" / "school-groep-3-8.yaml"

# As on a machine without Pango: every library WeasyPrint's cffi asks for fails to load.
NO_PANGO = """
import cffi
def dlopen(self, name, *args, **kwargs):
    raise OSError(f"cannot load library {name!r}: {name}: cannot open shared object file: No such file or directory")
cffi.FFI.dlopen = dlopen
"""
NO_WEASYPRINT = "import sys; sys.modules['weasyprint'] = None\n"
KMG = "import sys; sys.argv[0] = 'kmg'; from gereedschapskist.cli import main; main()\n"


def kmg(prelude: str, *args: object, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", prelude + KMG, *map(str, args)], capture_output=True, text=True, encoding="utf-8",
        cwd=cwd,
    )


@pytest.fixture
def classes(tmp_path: Path) -> Path:
    path = tmp_path / "klassen.csv"
    path.write_text("Roepnaam;Achternaam;Groep\nZoë;Berg;4\nMehmet;Çelik;6\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("prelude", [NO_PANGO, NO_WEASYPRINT], ids=["no-pango", "no-weasyprint"])
def test_build_without_pango_says_what_to_install(tmp_path: Path, classes: Path, prelude: str) -> None:
    out = tmp_path / "out"
    done = kmg(prelude, "build", SCHOOL, "--klassen", classes, "--uitvoer", out, "--processen", "2", cwd=tmp_path)
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr and "OSError" not in done.stderr
    assert "WeasyPrint could not import" not in done.stdout  # WeasyPrint's English banner stays out
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert "Pango ontbreekt" in lines[0] and "sudo apt-get install libpango-1.0-0" in lines[0]
    assert not list(out.rglob("*.pdf"))


def test_check_works_without_pango(tmp_path: Path) -> None:
    done = kmg(NO_PANGO, "check", SCHOOL, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "Geen opmerkingen" in done.stdout


def test_the_check_does_not_import_weasyprint_when_pango_is_there() -> None:
    """The quick look keeps the ~0.5 s WeasyPrint import out of the main process of a build."""
    script = (
        "import sys; from gereedschapskist.cli.systemlibs import require_pango; require_pango(); "
        "print('weasyprint' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "False"


def test_the_import_decides_when_the_quick_look_says_no(monkeypatch) -> None:
    monkeypatch.setattr(systemlibs, "_pango_loads_quickly", lambda: False)
    systemlibs.require_pango()  # WeasyPrint imports fine here: no refusal


@pytest.mark.parametrize(
    ("platform", "words"),
    [
        ("win32", ("MSYS2", "pacman -S mingw-w64-x86_64-pango", "WEASYPRINT_DLL_DIRECTORIES")),
        ("darwin", ("brew install pango",)),
        ("linux", ("sudo apt-get install libpango-1.0-0", "sudo dnf install pango")),
    ],
)
def test_the_advice_fits_the_platform(platform: str, words: tuple[str, ...]) -> None:
    message = systemlibs.pango_missing_message(platform)
    assert all(word in message for word in words), message
    assert ("apt-get" in message) == (platform == "linux")


@pytest.mark.parametrize(
    ("platform", "library", "tip"),
    [
        ("linux", "harfbuzz-subset", "sudo apt-get install libharfbuzz-subset0"),
        ("darwin", "libharfbuzz-subset.0.dylib", "brew install harfbuzz"),
        ("win32", "libharfbuzz-subset-0", None),
    ],
)
def test_harfbuzz_is_looked_up_under_the_platforms_name(monkeypatch, platform, library, tip) -> None:
    asked: list[str] = []

    def find_library(name: str, found: bool = False) -> str | None:
        asked.append(name)
        return f"/lib/{name}" if found else None

    monkeypatch.setattr(ctypes.util, "find_library", find_library)
    assert not systemlibs.harfbuzz_subset_available(platform)
    assert library in asked
    given = systemlibs.harfbuzz_tip(platform)
    if tip is None:
        assert given is None  # Windows: the GTK runtime brings it; no apt-get advice there
    else:
        assert tip in given and "subset" in given
    monkeypatch.setattr(ctypes.util, "find_library", lambda name: f"/lib/{name}" if name == library else None)
    assert systemlibs.harfbuzz_subset_available(platform)
    assert systemlibs.harfbuzz_tip(platform) is None
