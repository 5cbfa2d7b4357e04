"""Help pages and usage errors are Dutch; the old English option names still work, unseen."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SCHOOL = REPO / "agendas" / "school-groep-3-8.yaml"

# Typer's and Click's English frame, and the English option names that help must not show.
ENGLISH = (
    "Usage",
    "Options",
    "OPTIONS",
    "Arguments",
    "Commands",
    "COMMAND [",
    "[ARGS]",
    "Show this message",
    "default",
    "required",
    "Missing",
    "No such",
    "Invalid value",
    "Try ",
    "Error",
    "Did you mean",
    "Possible options",
    "<path>",
    "<bool>",
    "<int",
    "list[",
    "--classes",
    "--out ",
    "--templates",
    "--jobs",
    "--force",
    "--format",
    "--strict",
    "--summary",
    "--output",
    "--version",
)


def flat(text: str) -> str:
    """The text without rich's panel borders and line wrapping."""
    return " ".join(text.replace("│", " ").split())


def english_in(text: str) -> list[str]:
    return [word for word in ENGLISH if word in flat(text) + " "]


@pytest.mark.parametrize("args", [["--help"], ["-h"], ["build", "--help"], ["check", "--help"],
                                  ["init", "--help"], ["schema", "--help"], []])
def test_help_pages_are_dutch(kmg, args: list[str]) -> None:
    text = flat(kmg(*args).output)
    assert "Gebruik: kmg" in text
    assert "Opties" in text and "Toon deze uitleg en stop." in text
    assert english_in(text) == [], text


def test_build_help_names_the_dutch_options(kmg) -> None:
    text = flat(kmg("build", "--help").output)
    for name in ("--klassen", "--uitvoer", "--sjablonen", "--processen", "--opnieuw", "[standaard: out]"):
        assert name in text
    text = flat(kmg("check", "--help").output)
    for name in ("--formaat", "--streng", "--samenvatting"):
        assert name in text


@pytest.mark.parametrize(
    ("args", "dutch"),
    [
        (["check"], "geef AGENDA op"),
        (["build"], "geef AGENDA op"),
        (["build", "a.yaml", "--klas", "x.csv"], "De optie --klas bestaat niet. Bedoelt u --klassen?"),
        (["build", "a.yaml", "--processen", "x"], "Verkeerde waarde bij --processen: schrijf een heel getal"),
        (["build", "a.yaml", "--jobs", "0"], "Verkeerde waarde bij --processen: kies 1 of meer."),
        (["build", "a.yaml", "--processen", "65"], "kies 64 of minder"),
        (["check", "a.yaml", "--formaat", "xml"], "'xml' kan niet; kies uit"),
        (["check", "a.yaml", "--format", "xml"], "'xml' kan niet; kies uit"),
        (["bild"], "Het commando 'bild' bestaat niet. Bedoelt u 'build'?"),
        (["init", "--duur"], "Na --duur hoort een waarde."),
        (["check", "a.yaml", "b.yaml", "--streng=ja"], "Na --streng hoort geen waarde."),
        (["schema", "extra"], "Dit begrijpt kmg niet: extra."),
    ],
)
def test_usage_errors_are_dutch(kmg, args: list[str], dutch: str) -> None:
    result = kmg(*args)
    assert result.exit_code == 2
    assert dutch in flat(result.output), result.output
    assert english_in(result.output) == [], result.output


def test_the_english_option_names_still_work(kmg, tmp_path: Path) -> None:
    result = kmg("check", SCHOOL, "--format", "json", "--strict", "--no-summary")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == []
    schema = tmp_path / "schema.json"
    assert kmg("schema", "--output", schema).exit_code == 0
    assert json.loads(schema.read_text(encoding="utf-8"))["title"]
    # --out is read (it names a file, so the build stops before any work), as are the others
    a_file = tmp_path / "bestand"
    a_file.write_text("", encoding="utf-8")
    result = kmg("build", SCHOOL, "--classes", "geen.csv", "--out", a_file, "--jobs", "1", "--force")
    assert result.exit_code == 2 and "geen map" in result.output
    result = kmg("build", SCHOOL, "--templates", tmp_path / "nergens")
    assert result.exit_code == 2 and "map met sjablonen bestaat niet" in result.output
    assert kmg("--version").output.startswith("kmg ")
    assert kmg("--versie").output.startswith("kmg ")


def test_check_does_not_load_the_dutch_help_strings() -> None:
    """The Dutch frame is loaded for help and usage errors only (`kmg check` must start fast)."""
    script = (
        "import sys; from typer.main import get_command; from gereedschapskist.cli import app\n"
        f"get_command(app).main(['check', {str(SCHOOL)!r}], standalone_mode=False)\n"
        "print(sorted(m for m in ('gereedschapskist.cli.dutch', 'typer.rich_utils') if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, encoding="utf-8")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "[]"
