"""Review of issue 10 (`kmg klassen`): what the school sees of parents and of hostile input."""

from __future__ import annotations

import json
from pathlib import Path


def test_a_parent_known_only_by_phone_is_not_an_empty_string(kmg, tmp_path: Path) -> None:
    path = tmp_path / "klassen.csv"
    path.write_text(
        "Roepnaam;Achternaam;Groep;Telefoon ouder/verzorger 1;Naam ouder/verzorger 2\nAnna;Bakker;3;06-12345678;Jan\n",
        encoding="utf-8",
    )
    result = kmg("klassen", path, "--formaat", "json")
    assert result.exit_code == 0, result.output
    (family,) = json.loads(result.stdout)["gezinnen"]
    (home,) = family["huishoudens"]
    assert home["ouders"] == ["06-12345678", "Jan"]


SAMPLES = Path(__file__).resolve().parents[2] / "agendas"


def test_kmg_klassen_shows_the_same_school_for_the_three_samples(kmg) -> None:
    # The acceptance point, literally: through the command, not only through the reader.
    shown = []
    for name in ("klassenlijst-voorbeeld.csv", "klassenlijst-voorbeeld.xlsx", "klassenlijst-voorbeeld.xml"):
        result = kmg("klassen", SAMPLES / name, "--formaat", "json")
        assert result.exit_code == 0, result.output
        data = json.loads(result.stdout)
        assert list(data) == ["klassen", "gezinnen", "meldingen"]
        shown.append(
            [
                (
                    klass["naam"],
                    klass["jaargroepen"],
                    klass["leerkracht"],
                    [pupil["naam"] for pupil in klass["leerlingen"]],
                )
                for klass in data["klassen"]
            ]
        )
        text = kmg("klassen", SAMPLES / name)
        assert text.exit_code == 0, text.output
        assert "6 groepen, 48 leerlingen" in text.stdout
    assert shown[0] == shown[1] == shown[2]
    assert len(shown[0]) == 6
