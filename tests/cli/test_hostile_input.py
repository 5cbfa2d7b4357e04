"""What a school might really feed kmg: every mistake is one Dutch sentence, never a traceback."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from gereedschapskist.lint import check_file

REPO = Path(__file__).resolve().parents[2]
SCHOOL = REPO / "agendas" / "school-groep-3-8.yaml"


def test_out_pointing_at_a_file_is_refused_before_any_work(kmg, tmp_path: Path) -> None:
    blocker = tmp_path / "uitvoer"
    blocker.write_text("geen map", encoding="utf-8")
    result = kmg("build", SCHOOL, "--out", blocker)
    assert result.exit_code == 2
    assert "geen map" in result.output and "--uitvoer" in result.output
    assert blocker.read_text(encoding="utf-8") == "geen map"


def test_out_below_a_file_is_refused(kmg, tmp_path: Path) -> None:
    blocker = tmp_path / "uitvoer"
    blocker.write_text("x", encoding="utf-8")
    result = kmg("build", SCHOOL, "--out", blocker / "sub")
    assert result.exit_code == 2
    assert "kan niet gemaakt worden" in result.output


def test_two_agendas_that_would_share_a_folder_are_refused(kmg, tmp_path: Path) -> None:
    for sub in ("a", "b"):
        (tmp_path / sub).mkdir()
        shutil.copy(SCHOOL, tmp_path / sub / "agenda.yaml")
    result = kmg("build", tmp_path / "a" / "agenda.yaml", tmp_path / "b" / "agenda.yaml", "--out", tmp_path / "out")
    assert result.exit_code == 2
    assert "allebei in de map 'agenda'" in result.output


def test_a_tagged_or_numeric_key_is_a_finding(kmg, tmp_path: Path) -> None:
    path = tmp_path / "agenda.yaml"
    path.write_text(SCHOOL.read_text(encoding="utf-8") + "!!int abc: x\n5: y\n", encoding="utf-8")
    result = kmg("check", path, "--format", "json")
    assert result.exit_code == 1
    findings = json.loads(result.output)
    assert findings and all(f["code"] in ("KMG001", "KMG002") for f in findings)


def test_a_gigantic_number_says_it_is_too_big(tmp_path: Path) -> None:
    path = tmp_path / "agenda.yaml"
    path.write_text(SCHOOL.read_text(encoding="utf-8").replace("duur: 25", "duur: 1" + "0" * 5000), encoding="utf-8")
    [finding] = check_file(path).findings
    assert finding.code == "KMG001" and "te groot" in finding.message
    assert len(finding.message) < 200


def test_a_fifo_is_not_read_forever(kmg, tmp_path: Path) -> None:
    fifo = tmp_path / "agenda.yaml"
    os.mkfifo(fifo)
    result = kmg("check", fifo)
    assert result.exit_code == 2
    assert "geen gewoon bestand" in result.output


def test_a_missing_file_does_not_claim_a_clean_check(kmg, tmp_path: Path) -> None:
    result = kmg("check", tmp_path / "weg.yaml")
    assert result.exit_code == 2
    assert "gecontroleerd" not in result.output


def test_init_quotes_a_school_name_yaml_would_misread(kmg, tmp_path: Path) -> None:
    for name in ("true", "Null", "De Regenboog: locatie Noord", "OBS #1"):
        path = tmp_path / f"{abs(hash(name))}.yaml"
        assert kmg("init", path, "--school", name).exit_code == 0
        checked = check_file(path)
        assert checked.findings == [] and checked.agenda is not None
        assert checked.agenda.school == name
    assert kmg("init", tmp_path / "leeg.yaml", "--school", " ").exit_code == 2
