"""`kmg init --voorbeeld NAAM` copies an example agenda (and the example class list) and never overwrites."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = sorted(p.stem for p in (REPO / "agendas").glob("*.yaml") if p.name != "planning.yaml")


@pytest.mark.parametrize("name", EXAMPLES)
def test_each_example_is_copied_and_passes_check(kmg, tmp_path: Path, name: str) -> None:
    path = tmp_path / "map" / "agenda.yaml"
    result = kmg("init", path, "--voorbeeld", name)
    assert result.exit_code == 0, result.output
    assert path.read_bytes() == (REPO / "agendas" / f"{name}.yaml").read_bytes()
    assert (tmp_path / "map" / "klassenlijst-voorbeeld.csv").is_file()
    assert (tmp_path / "map" / "kmg-agenda.schema.json").is_file()
    assert "kmg check" in result.output and "kmg build" in result.output
    assert kmg("check", path).exit_code == 0


def test_help_lists_the_examples(kmg) -> None:
    text = " ".join(kmg("init", "--help").output.replace("│", " ").split())
    assert "--voorbeeld" in text and all(name in text for name in EXAMPLES)


def test_an_unknown_example_names_the_choices(kmg, tmp_path: Path) -> None:
    result = kmg("init", tmp_path / "a.yaml", "--voorbeeld", "groep-9")
    assert result.exit_code == 2
    assert "geen voorbeeld 'groep-9'" in result.output and "school-groep-3-8" in result.output
    assert not (tmp_path / "a.yaml").exists()


def test_nothing_is_overwritten(kmg, tmp_path: Path) -> None:
    agenda = tmp_path / "agenda.yaml"
    agenda.write_text("mijn eigen agenda\n", encoding="utf-8")
    own_list = tmp_path / "klassenlijst-voorbeeld.csv"
    result = kmg("init", agenda, "--voorbeeld", "school-groep-3-8")
    assert result.exit_code == 2 and "bestaat al" in result.output
    assert agenda.read_text(encoding="utf-8") == "mijn eigen agenda\n"
    own_list.write_text("Roepnaam;Achternaam;Groep\n", encoding="utf-8")
    result = kmg("init", tmp_path / "tweede.yaml", "--voorbeeld", "school-groep-3-8")
    assert result.exit_code == 0
    assert own_list.read_text(encoding="utf-8") == "Roepnaam;Achternaam;Groep\n"
    assert "Voorbeeldklassenlijst geschreven" not in result.output
