"""The plain help page (TYPER_USE_RICH=0, or rich not installed) and its usage errors are Dutch too."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

KMG = "import sys; sys.argv[0] = 'kmg'; from gereedschapskist.cli import main; main()"
NO_RICH = "import sys; sys.modules['rich'] = None; " + KMG  # as if rich were not installed
ENGLISH = ("Usage", "Arguments", "Options", "Commands", "[required]", "default:", "Try ", "Error", "Traceback",
           "{AGENDA}", "Missing", "No such")


def run(code: str, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, encoding="utf-8",
                          env={**os.environ, **(env or {})})


@pytest.mark.parametrize("how", ["TYPER_USE_RICH=0", "no rich"])
@pytest.mark.parametrize("args", [["build", "--help"], ["--help"], ["check", "-h"], ["init", "--help"], []])
def test_plain_help_is_dutch(how: str, args: list[str]) -> None:
    done = run(NO_RICH, *args) if how == "no rich" else run(KMG, *args, env={"TYPER_USE_RICH": "0"})
    text = done.stdout + done.stderr
    assert "Gebruik: kmg" in text and "Opties:" in text, text
    assert [word for word in ENGLISH if word in text] == [], text
    if args[:1] == ["build"]:
        assert "Argumenten:" in text and "[verplicht]" in text and "[standaard: out]" in text


@pytest.mark.parametrize("how", ["TYPER_USE_RICH=0", "no rich"])
@pytest.mark.parametrize(("args", "dutch"), [(["check"], "Er ontbreekt nog iets"), (["chek"], "bestaat niet")])
def test_plain_usage_errors_are_dutch(how: str, args: list[str], dutch: str) -> None:
    done = run(NO_RICH, *args) if how == "no rich" else run(KMG, *args, env={"TYPER_USE_RICH": "0"})
    assert done.returncode == 2
    assert dutch in done.stderr
    assert [word for word in ENGLISH if word in done.stderr] == [], done.stderr
