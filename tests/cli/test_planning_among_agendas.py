"""planning.yaml lives next to the agendas (agendas/planning.yaml): kmg tells the two apart.

`kmg check` checks a planning file as a planning file (not as a broken agenda), and
`kmg build agendas/*.yaml` / `kmg plan agendas/*.yaml` skip it with a note.
"""

from __future__ import annotations

import json
from pathlib import Path

from gereedschapskist.cli.init import example_names

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "agendas" / "planning.yaml"
SCHOOL = REPO / "agendas" / "school-groep-3-8.yaml"


def test_kmg_check_checks_the_sample_planning_as_a_planning(kmg) -> None:
    result = kmg("check", SAMPLE)
    assert result.exit_code == 0, result.output
    assert "KMG002" not in result.output
    assert "Geen opmerkingen: deze planning is bruikbaar voor kmg plan." in result.output
    assert "1 planning gecontroleerd: 0 fouten, 0 waarschuwingen." in result.output


def test_a_mistake_in_a_planning_file_is_a_planning_finding_with_its_line(kmg, tmp_path: Path) -> None:
    path = tmp_path / "planning.yaml"
    text = SAMPLE.read_text(encoding="utf-8")
    line = next(i for i, t in enumerate(text.splitlines(), 1) if 'tot: "17:00"' in t)
    path.write_text(text.replace('tot: "17:00"', 'tot: "27:00"', 1), encoding="utf-8")
    result = kmg("check", path, "--formaat", "json")
    assert result.exit_code == 1, result.output
    findings = json.loads(result.output)
    assert [f["line"] for f in findings] == [line]
    assert "onderwerpen" not in findings[0]["message"]  # not the agenda's "required field" error


def test_check_counts_agendas_and_plannings_apart(kmg) -> None:
    result = kmg("check", SCHOOL, SAMPLE)
    assert result.exit_code == 0, result.output
    assert "1 agenda en 1 planning gecontroleerd" in result.output
    assert f"kmg build {SCHOOL}" in result.output.replace("\n", "")
    assert f"{SAMPLE} --klassen" not in result.output.replace("\n", "")


def test_build_skips_a_planning_among_the_agendas_with_a_note(kmg, tmp_path: Path) -> None:
    result = kmg("build", SCHOOL, SAMPLE, "--uitvoer", tmp_path / "uit")
    assert result.exit_code == 0, result.output
    assert "is een planning (momenten) voor kmg plan, geen agenda; kmg build slaat het over" in result.output
    assert (tmp_path / "uit" / "school-groep-3-8" / "leidraad.pdf").is_file()
    assert not (tmp_path / "uit" / "planning").exists()


def test_build_with_only_a_planning_says_the_agenda_is_missing(kmg, tmp_path: Path) -> None:
    result = kmg("build", SAMPLE, "--uitvoer", tmp_path / "uit")
    assert result.exit_code == 2, result.output
    assert "alleen een planning" in result.output
    assert not (tmp_path / "uit").exists() or not any((tmp_path / "uit").iterdir())


def test_kmg_init_offers_no_planning_as_an_example_agenda(kmg, tmp_path: Path) -> None:
    assert "planning" not in example_names()
    assert {"huisbezoek-groep-1", "kleuters-groep-1-2", "school-groep-3-8"} <= set(example_names())
    result = kmg("init", tmp_path / "agenda.yaml", "--voorbeeld", "planning")
    assert result.exit_code == 2, result.output
    assert not (tmp_path / "agenda.yaml").exists()


def test_plan_with_agendas_glob_takes_the_planning_as_moments_without_a_note(kmg, tmp_path: Path) -> None:
    agendas = sorted((REPO / "agendas").glob("*.yaml"))  # what `kmg plan agendas/*.yaml` gets
    assert SAMPLE in agendas
    result = kmg(
        "plan", *agendas, "--klassen", REPO / "agendas" / "klassenlijst-voorbeeld.csv",
        "--momenten", SAMPLE, "--uitvoer", tmp_path / "plan", "--tijd", "5",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "slaat het over" not in result.output
    assert (tmp_path / "plan" / "planning.csv").is_file()
