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
