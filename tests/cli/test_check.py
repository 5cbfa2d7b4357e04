"""`kmg check` through Typer's runner: the three formats, --strict, and exit codes 0 / 1 / 2."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = sorted(p for p in (REPO / "agendas").glob("*.yaml") if p.name != "planning.yaml")
SCHOOL = REPO / "agendas" / "school-groep-3-8.yaml"


def variant(tmp_path: Path, old: str, new: str, name: str = "agenda.yaml") -> Path:
    text = SCHOOL.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / name
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def test_there_are_at_least_three_examples() -> None:
    names = {p.name for p in EXAMPLES}
    assert {"school-groep-3-8.yaml", "kleuters-groep-1-2.yaml", "huisbezoek-groep-1.yaml"} <= names


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_examples_pass_with_no_finding(kmg, path: Path) -> None:
    result = kmg("check", path, "--strict", "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == []


def test_human_output_shows_summary_for_a_clean_agenda(kmg) -> None:
    result = kmg("check", SCHOOL)
    assert result.exit_code == 0
    assert "Geen opmerkingen" in result.output
    assert "25 van 25 minuten" in result.output
    assert "Introductie en achtergrond" in result.output and "█" in result.output
    assert "leerling" in result.output and "%" in result.output


def test_warning_exits_0_but_1_under_strict(kmg, tmp_path: Path) -> None:
    path = variant(tmp_path, "leerling_aanwezig: true", "leerling_aanwezig: false")
    result = kmg("check", path)
    assert result.exit_code == 0
    assert "KMG111" in result.output and "waarschuwing" in result.output
    assert kmg("check", path, "--strict").exit_code == 1


def test_error_exits_1_and_shows_the_yaml_line(kmg, tmp_path: Path) -> None:
    path = variant(tmp_path, "duur: 25", "duur: 20")
    result = kmg("check", path)
    assert result.exit_code == 1
    assert "KMG101" in result.output
    assert "fout" in result.output
    assert "duur: 20" in result.output  # the offending line is shown under the finding
    assert f"{path}:10:" in result.output


def test_json_format_has_exactly_the_documented_keys(kmg, tmp_path: Path) -> None:
    path = variant(tmp_path, "onderwerpen:", "onderwerpn:")
    result = kmg("check", path, "--format", "json")
    assert result.exit_code == 1
    findings = json.loads(result.output)
    assert findings
    for finding in findings:
        assert list(finding) == ["file", "line", "column", "code", "level", "message", "hint"]
    unknown = [f for f in findings if "onderwerpn" in f["message"]]
    assert unknown and unknown[0]["line"] == 12 and unknown[0]["code"] == "KMG002"
    assert "onderwerpen" in unknown[0]["hint"]


def test_github_format_prints_workflow_annotations(kmg, tmp_path: Path) -> None:
    path = variant(tmp_path, "duur: 25", "duur: 20")
    result = kmg("check", path, "--format", "github")
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if line.startswith("::")]
    assert any(line.startswith(f"::error file={path},line=10,col=") and "title=KMG101::" in line for line in lines)


def test_several_files_are_checked_together(kmg, tmp_path: Path) -> None:
    bad = variant(tmp_path, "duur: 25", "duur: 20")
    result = kmg("check", SCHOOL, bad, "--format", "json")
    assert result.exit_code == 1
    assert {f["file"] for f in json.loads(result.output)} == {str(bad)}


def test_a_missing_file_is_exit_2_with_one_dutch_sentence(kmg, tmp_path: Path) -> None:
    result = kmg("check", tmp_path / "bestaat-niet.yaml")
    assert result.exit_code == 2
    assert "bestaat niet" in result.output
    assert "Traceback" not in result.output


def test_broken_yaml_is_a_finding_not_a_crash(kmg, tmp_path: Path) -> None:
    path = tmp_path / "kapot.yaml"
    path.write_bytes(b"versie: 1\n\tschool: x\n")
    result = kmg("check", path, "--format", "json")
    assert result.exit_code == 1
    [finding] = json.loads(result.output)
    assert finding["code"] == "KMG001" and finding["line"] == 2


def test_no_arguments_is_a_usage_error(kmg) -> None:
    assert kmg("check").exit_code == 2


def test_check_does_not_import_weasyprint() -> None:
    import subprocess
    import sys

    code = (
        "import sys; from typer.testing import CliRunner; from gereedschapskist.cli import app; "
        f"r = CliRunner().invoke(app, ['check', {str(SCHOOL)!r}]); "
        "print(r.exit_code, 'weasyprint' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["0", "False"]


def test_a_clean_check_says_the_next_step(kmg) -> None:
    result = kmg("check", SCHOOL)
    assert result.exit_code == 0
    assert f"Alles in orde. Volgende stap: kmg build {SCHOOL} --klassen <klassenlijst.csv>" in result.output


def test_warnings_still_show_the_next_step_but_not_all_is_well(kmg, tmp_path: Path) -> None:
    path = variant(tmp_path, "leerling_aanwezig: true", "leerling_aanwezig: false")
    result = kmg("check", path)
    assert f"Volgende stap: kmg build {path} --klassen" in result.output
    assert "Alles in orde" not in result.output
    assert "Volgende stap" not in kmg("check", path, "--strict").output


def test_no_next_step_after_an_error_or_an_unreadable_file(kmg, tmp_path: Path) -> None:
    assert "Volgende stap" not in kmg("check", variant(tmp_path, "duur: 25", "duur: 20")).output
    assert "Volgende stap" not in kmg("check", SCHOOL, tmp_path / "weg.yaml").output


def test_a_path_with_spaces_is_quoted_in_the_next_step(kmg, tmp_path: Path) -> None:
    path = variant(tmp_path, "duur: 25", "duur: 25", name="mijn agenda.yaml")
    assert f'kmg build "{path}" --klassen' in kmg("check", path).output


def time_bar_lines(output: str) -> list[str]:
    return [line for line in output.splitlines() if line.endswith(" min") and ("█" in line or "·" in line)]


@pytest.mark.parametrize("columns", [None, "60", "120"])
def test_long_titles_keep_the_time_bar_within_the_terminal(
    kmg, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, columns: str | None
) -> None:
    if columns is None:
        monkeypatch.delenv("COLUMNS", raising=False)  # not a terminal: 80 columns
    else:
        monkeypatch.setenv("COLUMNS", columns)
    long_title = "Afspraken over " + "heel " * 57 + "veel"
    path = variant(tmp_path, "titel: Dagroutine", f"titel: {long_title}")
    result = kmg("check", path)
    lines = time_bar_lines(result.output)
    assert len(lines) >= 5
    width = int(columns or 80)
    assert max(len(line) for line in lines) <= width, "\n".join(lines)
    assert any("Afspraken over heel" in line and "…" in line for line in lines)
    # every bar starts in the same column, so the bars can be compared
    assert len({line.index("█") if "█" in line else line.index("·") for line in lines}) == 1


def test_an_escaped_control_character_fails_check_before_build(kmg, tmp_path: Path) -> None:
    path = variant(tmp_path, "titel: Dagroutine", 'titel: "Dag\\x0broutine"')
    result = kmg("check", path)
    assert result.exit_code == 1
    assert "KMG002" in result.output
    assert "Shift+Enter, U+000B" in result.output
