"""A second `kmg plan` into the same folder: the files of a class that is no longer planned go,
but only kmg's own (unchanged) files; and two runs give the same calendar with SOURCE_DATE_EPOCH."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from .sample_schedule import CLASS_LIST, GROEP5

REPO = Path(__file__).resolve().parents[2]
SCHOOL = REPO / "agendas" / "school-groep-3-8.yaml"  # groepen 3-8, 25 minutes
PLANNING = """\
versie: 1
momenten:
  - naam: di 8 sep
    datum: 2026-09-08
    van: "15:00"
    tot: "18:00"
    plaats: Lokaal van de groep
"""
RENAMED = dataclasses.replace(
    CLASS_LIST, classes=(CLASS_LIST.classes[0], dataclasses.replace(GROEP5, naam="5b", slug="groep-5b"))
)


@pytest.fixture
def inputs(tmp_path: Path) -> tuple[Path, Path]:
    listing = tmp_path / "klassen.csv"
    listing.write_text("Roepnaam;Achternaam;Groep\nNoor;Bakker;3\n", encoding="utf-8")
    moments = tmp_path / "planning.yaml"
    moments.write_text(PLANNING, encoding="utf-8")
    return listing, moments


def run(kmg, monkeypatch, inputs, out: Path, class_list=CLASS_LIST):
    import gereedschapskist.classes as classes

    monkeypatch.setattr(classes, "read_class_list", lambda path: class_list)
    listing, moments = inputs
    result = kmg("plan", SCHOOL, "-k", listing, "-m", moments, "-o", out, "-t", "10")
    assert result.exit_code == 0, result.output
    return result


def written(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file() and p.name[0] != ".")


def test_a_renamed_class_leaves_no_old_rooster_calendar_or_letters(kmg, monkeypatch, tmp_path, inputs):
    out = tmp_path / "out"
    run(kmg, monkeypatch, inputs, out)
    assert "groep-5a/rooster.pdf" in written(out)
    # the school's own file in the old class folder, and kmg build's forms there, must stay
    (out / "groep-5a" / "aantekeningen.txt").write_text("van de juf", encoding="utf-8")
    result = run(kmg, monkeypatch, inputs, out, RENAMED)
    assert written(out) == [
        "groep-3/groep-3.ics",
        "groep-3/rooster.pdf",
        "groep-5a/aantekeningen.txt",
        "groep-5b/bevestigingen.pdf",
        "groep-5b/groep-5b.ics",
        "groep-5b/rooster.pdf",
        "planning.csv",
    ]
    assert "Opgeruimd: 3 bestanden" in result.output


def test_fewer_classes_remove_the_folder_when_nothing_else_is_in_it(kmg, monkeypatch, tmp_path, inputs):
    out = tmp_path / "out"
    run(kmg, monkeypatch, inputs, out)
    only_5a = dataclasses.replace(CLASS_LIST, classes=(GROEP5,))
    run(kmg, monkeypatch, inputs, out, only_5a)
    assert not (out / "groep-3").exists()
    assert [name for name in written(out) if name.startswith("groep-")] == [
        "groep-5a/bevestigingen.pdf",
        "groep-5a/groep-5a.ics",
        "groep-5a/rooster.pdf",
    ]


def test_a_changed_old_file_and_a_file_kmg_did_not_write_stay(kmg, monkeypatch, tmp_path, inputs):
    out = tmp_path / "out"
    run(kmg, monkeypatch, inputs, out)
    (out / "groep-5a" / "rooster.pdf").write_bytes(b"%PDF- mijn eigen versie")
    result = run(kmg, monkeypatch, inputs, out, RENAMED)
    assert (out / "groep-5a" / "rooster.pdf").read_bytes() == b"%PDF- mijn eigen versie"
    assert not (out / "groep-5a" / "groep-5a.ics").exists()
    assert "groep-5a/rooster.pdf hoort bij een groep die niet meer gepland is" in result.output
    # a list of files that points outside the folder (or was edited) removes nothing outside it
    outside = tmp_path / "buiten.txt"
    outside.write_text("blijft", encoding="utf-8")
    import hashlib

    digest = hashlib.sha256(b"blijft").hexdigest()
    (out / ".kmg-planning").write_text(f"kmg-planning 1\n{digest} ../buiten.txt\n", encoding="utf-8")
    run(kmg, monkeypatch, inputs, out)
    assert outside.read_text(encoding="utf-8") == "blijft"


def test_an_interrupted_write_leaves_the_new_files_known(kmg, monkeypatch, tmp_path, inputs):
    """Interrupted after the files of a new class were written: the next run still cleans them up."""
    out = tmp_path / "out"
    run(kmg, monkeypatch, inputs, out)
    from gereedschapskist import fileio

    real = fileio.write_bytes_atomic
    calls = []

    def interrupted(path, data):
        calls.append(path)
        if path.name == "rooster.pdf" and path.parent.name == "groep-5b":
            real(path, data)
            raise KeyboardInterrupt
        real(path, data)

    monkeypatch.setattr(fileio, "write_bytes_atomic", interrupted)
    import gereedschapskist.classes as classes

    monkeypatch.setattr(classes, "read_class_list", lambda path: RENAMED)
    listing, moments = inputs
    kmg("plan", SCHOOL, "-k", listing, "-m", moments, "-o", out, "-t", "10")
    assert (out / "groep-5b" / "rooster.pdf").exists()
    monkeypatch.setattr(fileio, "write_bytes_atomic", real)
    run(kmg, monkeypatch, inputs, out)  # the old class list again: 5b is gone
    assert not (out / "groep-5b").exists()
    assert "groep-5a/rooster.pdf" in written(out)


def test_two_runs_give_the_same_calendar_with_source_date_epoch(kmg, monkeypatch, tmp_path, inputs):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1788000000")
    run(kmg, monkeypatch, inputs, tmp_path / "een")
    run(kmg, monkeypatch, inputs, tmp_path / "twee")
    for relative in ("groep-3/groep-3.ics", "groep-5a/groep-5a.ics"):
        assert (tmp_path / "een" / relative).read_bytes() == (tmp_path / "twee" / relative).read_bytes(), relative
