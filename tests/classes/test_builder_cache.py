"""The build cache keys a class on what its documents show, not on parent data (issue 10, point 5)."""

from __future__ import annotations

from pathlib import Path

from gereedschapskist.cache import job_key
from gereedschapskist.classes import read_class_list

HEADER = "Roepnaam;Achternaam;Groep;Geboortedatum;E-mailadres ouder/verzorger 1\n"


def keys(tmp_path: Path, email: str) -> dict[str, str]:
    path = tmp_path / f"{email}.csv"
    path.write_text(
        HEADER + "Ali;Kaya;3;01-01-2018;k@example.nl\nSem;Visser;3;02-02-2018;v@example.nl\n"
        f"Ela;Kaya;8;03-03-2013;{email}\n",
        encoding="utf-8",
    )
    return {klass.naam: job_key("{}", klass, "t") for klass in read_class_list(path)}


def test_a_changed_parent_email_does_not_remake_the_class_documents(tmp_path: Path) -> None:
    # With k@: Ela is Ali's sister (one family); with x@ she is a family of her own, so
    # her family id changes. The guide and the forms show neither: same key.
    assert keys(tmp_path, "k@example.nl") == keys(tmp_path, "x@example.nl")


def test_a_changed_name_still_remakes_the_class(tmp_path: Path) -> None:
    before = keys(tmp_path, "k@example.nl")
    path = tmp_path / "renamed.csv"
    path.write_text(
        HEADER + "Ali;Kaya;3;01-01-2018;k@example.nl\nSem;Visser;3;02-02-2018;v@example.nl\n"
        "Elif;Kaya;8;03-03-2013;k@example.nl\n",
        encoding="utf-8",
    )
    after = {klass.naam: job_key("{}", klass, "t") for klass in read_class_list(path)}
    assert after["3"] == before["3"]
    assert after["8"] != before["8"]
