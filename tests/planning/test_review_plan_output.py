"""A hostile look at what `kmg plan` writes: the list of its files (.kmg-planning), an interrupted
write, and SOURCE_DATE_EPOCH for the calendars."""

from __future__ import annotations

import hashlib
import os
import signal
import sys
from pathlib import Path

import pytest

from .sample_schedule import CLASS_LIST
from .test_stale_output import RENAMED, SCHOOL, inputs, run  # noqa: F401 (inputs is a fixture)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.skipif(sys.platform == "win32", reason="a symlinked folder needs extra rights on Windows")
def test_a_listed_name_for_a_file_just_written_never_removes_it(kmg, monkeypatch, tmp_path, inputs):  # noqa: F811
    """On a case-insensitive disk (Windows, macOS) 'Groep-3/groep-3.ics' in a hand-edited list is the
    file kmg has just written. The list compares spellings, so it took that name for an old class
    and removed the new calendar. Simulated here with a folder link that plays the other spelling."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1788000000")  # the same calendar twice, byte for byte
    out = tmp_path / "out"
    run(kmg, monkeypatch, inputs, out)
    calendar = out / "groep-3" / "groep-3.ics"
    (out / "Groep-3").symlink_to("groep-3", target_is_directory=True)
    listing = out / ".kmg-planning"
    listing.write_text(
        listing.read_text(encoding="utf-8") + f"{_digest(calendar)} Groep-3/groep-3.ics\n", encoding="utf-8"
    )
    run(kmg, monkeypatch, inputs, out)
    assert calendar.is_file()
    assert "Groep-3/groep-3.ics" not in listing.read_text(encoding="utf-8")


@pytest.mark.skipif(sys.platform == "win32", reason="os.kill with SIGINT ends the process on Windows")
def test_ctrl_c_while_writing_leaves_no_mix_of_old_and_new(kmg, monkeypatch, tmp_path, inputs):  # noqa: F811
    """Ctrl-C after the first new file was written left the new planning.csv and groep 3's new
    rooster next to the old files of the other classes, and said 'er is niets half weggeschreven'."""
    out = tmp_path / "out"
    run(kmg, monkeypatch, inputs, out)  # groep 3 and 5a
    from gereedschapskist import fileio

    real = fileio.write_bytes_atomic

    def pressed_ctrl_c(path, data):
        real(path, data)
        if path.name == "rooster.pdf" and path.parent.name == "groep-3":
            os.kill(os.getpid(), signal.SIGINT)

    monkeypatch.setattr(fileio, "write_bytes_atomic", pressed_ctrl_c)
    import gereedschapskist.classes as classes

    monkeypatch.setattr(classes, "read_class_list", lambda path: RENAMED)  # 5a is now 5b
    listing, moments = inputs
    result = kmg("plan", SCHOOL, "-k", listing, "-m", moments, "-o", out, "-t", "10")
    assert result.exit_code == 130
    assert "afgebroken" in result.output
    # the whole new planning is there, the old class's files are gone: nothing half
    for name in ("bevestigingen.pdf", "groep-5b.ics", "rooster.pdf"):
        assert (out / "groep-5b" / name).is_file(), name
    assert not (out / "groep-5a").exists()
    assert "5b" in (out / "planning.csv").read_text(encoding="utf-8-sig")


def test_a_file_that_cannot_be_written_halfway_says_the_folder_is_mixed(kmg, monkeypatch, tmp_path, inputs):  # noqa: F811
    """A rooster open in a PDF reader (Windows) stops the write after planning.csv and groep 3's files
    are new: the message only said to close the file, not that the folder is now half new."""
    out = tmp_path / "out"
    run(kmg, monkeypatch, inputs, out)
    from gereedschapskist import fileio
    from gereedschapskist.errors import UserError

    real = fileio.write_bytes_atomic

    def open_in_reader(path, data):
        if path.name == "rooster.pdf" and path.parent.name == "groep-5a":
            raise UserError("dit bestand is nog open in een ander programma; sluit het PDF-bestand.", path=path)
        real(path, data)

    monkeypatch.setattr(fileio, "write_bytes_atomic", open_in_reader)
    import gereedschapskist.classes as classes

    monkeypatch.setattr(classes, "read_class_list", lambda path: CLASS_LIST)
    listing, moments = inputs
    result = kmg("plan", SCHOOL, "-k", listing, "-m", moments, "-o", out, "-t", "10")
    assert result.exit_code == 2
    assert "sluit het PDF-bestand" in result.output
    assert "opnieuw" in result.output and "niet bij elkaar" in result.output


@pytest.mark.parametrize("value", ["gisteren", "-1", "1_788_000_000", "١٧٨٨٠٠٠٠٠٠", "1788000000.0"])
def test_a_bad_source_date_epoch_stops_before_the_solver(kmg, monkeypatch, tmp_path, inputs, value):  # noqa: F811
    """A bad SOURCE_DATE_EPOCH was found only after the solver had run (up to --tijd seconds), and
    '-1' (1969: an error on Windows, accepted elsewhere), '1_788_000_000' and Arabic digits passed."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    import gereedschapskist.classes as classes
    import gereedschapskist.planning.solve as solve

    monkeypatch.setattr(classes, "read_class_list", lambda path: CLASS_LIST)
    solved = []
    real = solve.plan
    monkeypatch.setattr(solve, "plan", lambda *a, **k: solved.append(1) or real(*a, **k))
    listing, moments = inputs
    out = tmp_path / "out"
    result = kmg("plan", SCHOOL, "-k", listing, "-m", moments, "-o", out, "-t", "10")
    assert result.exit_code == 2
    assert "SOURCE_DATE_EPOCH moet een geheel aantal seconden" in result.output
    assert solved == []
    assert not out.exists()


@pytest.mark.skipif(sys.platform == "win32", reason="a symlink needs extra rights on Windows")
def test_planning_csv_never_writes_through_a_link_at_its_temporary_name(kmg, monkeypatch, tmp_path, inputs):  # noqa: F811
    """planning.csv went through a fixed temporary name (.planning.csv.kmg-tmp) opened without care:
    a link there (a shared folder, or left by someone) made kmg overwrite the file it points to."""
    out = tmp_path / "out"
    out.mkdir()
    own = tmp_path / "eigen-bestand.txt"
    own.write_text("van de school", encoding="utf-8")
    (out / ".planning.csv.kmg-tmp").symlink_to(own)
    run(kmg, monkeypatch, inputs, out)
    assert own.read_text(encoding="utf-8") == "van de school"
    assert (out / "planning.csv").is_file() and not (out / "planning.csv").is_symlink()


def _uids(path: Path) -> list[str]:
    from icalendar import Calendar

    return [str(event["UID"]) for event in Calendar.from_ical(path.read_bytes()).walk("VEVENT")]


def test_calendar_uids_are_keyed_with_the_school_secret(kmg, monkeypatch, tmp_path, inputs):  # noqa: F811
    """A UID was a plain SHA-256 of class, pupil keys, household, moment and date. A pupil's key is
    'll:' + the pupil number, or a hash of the full name and birth date: whoever holds the calendar
    (a cloud service) could try pupil numbers, or surnames with the initial in the summary, until a
    UID matched. With the school's secret (.kmg-sleutel, as for the reply codes) nobody can."""
    from gereedschapskist.codes import SECRET_FILE

    folders = {name: tmp_path / name for name in ("zonder", "met", "met-ook")}
    for name in ("met", "met-ook"):
        folders[name].mkdir()
        (folders[name] / SECRET_FILE).write_text("ab" * 32 + "\n", encoding="ascii")
    for folder in folders.values():
        run(kmg, monkeypatch, inputs, folder)
    relative = Path("groep-5a") / "groep-5a.ics"
    plain, keyed, again = (_uids(folders[name] / relative) for name in ("zonder", "met", "met-ook"))
    assert keyed == again  # stable: the same secret gives the same UIDs
    assert not set(keyed) & set(plain)


def test_a_planning_csv_kmg_did_not_write_is_kept_aside(kmg, monkeypatch, tmp_path, inputs):  # noqa: F811
    """--uitvoer at a folder with the school's own planning.csv (a portal's export): kmg wrote over it."""
    out = tmp_path / "out"
    out.mkdir()
    (out / "planning.csv").write_text("datum;tijd;ouder\n8-9;15:00;familie Bakker\n", encoding="utf-8")
    result = run(kmg, monkeypatch, inputs, out)
    assert (out / "planning-bewaard.csv").read_text(encoding="utf-8").endswith("familie Bakker\n")
    assert "planning-bewaard.csv" in result.output
    assert (out / "planning.csv").read_text(encoding="utf-8-sig").startswith("datum;begin;eind;groep")


def test_a_hand_edited_planning_csv_or_rooster_is_kept_aside_when_planning_again(
    kmg,
    monkeypatch,
    tmp_path,
    inputs,  # noqa: F811
):
    """The office swapped two families in planning.csv (for kmg build --planning) and a teacher saved
    notes in rooster.pdf; a new `kmg plan` (one late reply) silently wrote over both."""
    out = tmp_path / "out"
    run(kmg, monkeypatch, inputs, out)
    untouched = run(kmg, monkeypatch, inputs, out)  # nothing changed by hand: nothing kept aside
    assert "bewaard" not in untouched.output
    assert not list(out.rglob("*-bewaard*"))
    edited = (out / "planning.csv").read_text(encoding="utf-8-sig").replace("15:00", "15:05", 1)
    (out / "planning.csv").write_text(edited, encoding="utf-8-sig")
    (out / "groep-3" / "rooster.pdf").write_bytes(b"%PDF- met aantekeningen van de meester")
    result = run(kmg, monkeypatch, inputs, out)
    assert (out / "planning-bewaard.csv").read_text(encoding="utf-8-sig") == edited
    assert (out / "groep-3" / "rooster-bewaard.pdf").read_bytes() == b"%PDF- met aantekeningen van de meester"
    assert "groep-3/rooster-bewaard.pdf" in result.output
    assert (out / "groep-3" / "rooster.pdf").read_bytes().startswith(b"%PDF-1")
    # the kept copies are the school's now: a later run neither removes nor moves them again
    run(kmg, monkeypatch, inputs, out, RENAMED)
    assert (out / "groep-3" / "rooster-bewaard.pdf").is_file() and (out / "planning-bewaard.csv").is_file()
    assert not list(out.rglob("*-bewaard-2*"))


def test_temporary_files_of_a_killed_run_are_cleaned_up(kmg, monkeypatch, tmp_path, inputs):  # noqa: F811
    """A run killed while writing (power cut, kill) leaves '.rooster.pdf.<hex>.tmp' with the pupils'
    names in it; kmg build cleans those in its folders, kmg plan never did in its own."""
    out = tmp_path / "out"
    run(kmg, monkeypatch, inputs, out)
    left = [out / "groep-3" / ".rooster.pdf.0123abcd.tmp", out / ".planning.csv.89abcdef.tmp"]
    for path in left:
        path.write_bytes(b"Noor Bakker")
    run(kmg, monkeypatch, inputs, out)
    assert [path for path in left if path.exists()] == []


def test_a_folder_planned_before_planning_csv_was_listed_gets_no_copy(kmg, monkeypatch, tmp_path, inputs):  # noqa: F811
    """The list of the first version named only the class files: its planning.csv is kmg's own."""
    out = tmp_path / "out"
    run(kmg, monkeypatch, inputs, out)
    listing = out / ".kmg-planning"
    lines = listing.read_text(encoding="utf-8").splitlines()
    listing.write_text("\n".join(line for line in lines if not line.endswith(" planning.csv")) + "\n", encoding="utf-8")
    result = run(kmg, monkeypatch, inputs, out)
    assert "bewaard" not in result.output
    assert not (out / "planning-bewaard.csv").exists()
