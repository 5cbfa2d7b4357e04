"""What `kmg init` tells a school: commands it can copy as they are, Dutch names, and the truth on a full stdout."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from gereedschapskist.cli.common import shell_arg

KMG = "import sys; sys.argv[0] = 'kmg'; from gereedschapskist.cli import main; main()"


def test_follow_up_commands_quote_a_path_with_spaces(kmg, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = kmg("init", "--voorbeeld", "school-groep-3-8", "Mijn map/agenda 2026.yaml")
    assert result.exit_code == 0, result.output
    assert 'kmg check "Mijn map/agenda 2026.yaml"\n' in result.output
    assert 'kmg build "Mijn map/agenda 2026.yaml" --klassen "Mijn map/klassenlijst-voorbeeld.csv"\n' in result.output
    started = kmg("init", "nog een.yaml")
    assert 'kmg check "nog een.yaml"\n' in started.output


def test_a_plain_path_stays_as_it_is() -> None:
    assert shell_arg("agendas/agenda-2026.yaml") == "agendas/agenda-2026.yaml"
    assert shell_arg("Mijn map/a.yaml") == '"Mijn map/a.yaml"'
    assert shell_arg("") == '""'


@pytest.mark.parametrize("command", ["init", "check", "build"])
def test_argument_names_are_dutch(kmg, command: str) -> None:
    text = kmg(command, "--help").output
    assert " path " not in text and "[path]" not in text
    assert ("[PAD]" if command == "init" else "AGENDA") in text


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full on this system")
def test_a_full_stdout_says_the_agenda_was_written(tmp_path: Path) -> None:
    with open("/dev/full", "w") as full:
        done = subprocess.run([sys.executable, "-c", KMG, "init", "a.yaml"], stdout=full, stderr=subprocess.PIPE,
                              text=True, encoding="utf-8", cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr == "kmg: a.yaml is geschreven, maar deze melding kon niet getoond worden (de schijf is vol).\n"
    assert "onderwerpen:" in (tmp_path / "a.yaml").read_text(encoding="utf-8")
