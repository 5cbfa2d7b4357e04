"""The three example class lists (CSV, Excel, EDEXML) are one school, and stay so."""

from __future__ import annotations

import csv
import io

from gereedschapskist.classes.readers import read_source

from .samples import SAMPLES, example_school, sample_files


def test_the_sample_files_are_up_to_date() -> None:
    # Change tests/classes/samples.py, then run `python tests/classes/samples.py`.
    for kind, data in sample_files().items():
        on_disk = SAMPLES[kind].read_bytes()
        if kind != "xlsx":  # a Git checkout on Windows may turn LF into CRLF
            on_disk, data = on_disk.replace(b"\r\n", b"\n"), data.replace(b"\r\n", b"\n")
        assert on_disk == data, f"{SAMPLES[kind].name} is out of date"


def test_the_sample_csv_keeps_its_original_columns_first() -> None:
    # The first six columns are those of the first release; older tests and `make demo` rely on them.
    data = SAMPLES["csv"].read_bytes()
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:6] == ["Roepnaam", "Tussenvoegsel", "Achternaam", "Groep", "Leerkracht", "Geboortedatum"]
    assert len(rows) == 49 and all(len(row) == len(rows[0]) for row in rows)


def _classes_of_csv() -> dict[str, tuple[str, list[str]]]:
    rows = list(csv.DictReader(io.StringIO(SAMPLES["csv"].read_bytes().decode("utf-8-sig")), delimiter=";"))
    result: dict[str, tuple[str, list[str]]] = {}
    for row in rows:
        name = " ".join(part for part in (row["Roepnaam"], row["Tussenvoegsel"], row["Achternaam"]) if part)
        result.setdefault(row["Groep"], (row["Leerkracht"], []))[1].append(name)
    return result


def _classes_of(kind: str) -> dict[str, tuple[str, list[str]]]:
    result: dict[str, tuple[str, list[str]]] = {}
    for row in read_source(SAMPLES[kind]).rows:
        name = " ".join(part for part in (row.get("roepnaam"), row.get("tussenvoegsel"), row.get("achternaam")) if part)
        result.setdefault(row.get("groep"), (row.get("leerkracht"), []))[1].append(name)
    return result


def test_the_three_samples_hold_the_same_classes_teachers_and_pupils() -> None:
    expected = _classes_of_csv()
    assert list(expected) == ["1/2", "3", "4/5", "6", "7", "8"]
    assert sum(len(names) for _, names in expected.values()) == 48
    assert _classes_of("xlsx") == expected
    assert _classes_of("xml") == expected


def test_the_year_groups_of_workbook_and_edexml_agree_with_the_class_names() -> None:
    for kind in ("xlsx", "xml"):
        years: dict[str, set[str]] = {}
        for row in read_source(SAMPLES[kind]).rows:
            years.setdefault(row.get("groep"), set()).add(row.get("leerjaar"))
        assert years == {"1/2": {"1", "2"}, "3": {"3"}, "4/5": {"4", "5"}, "6": {"6"}, "7": {"7"}, "8": {"8"}}


def test_the_sample_has_families_across_classes_and_a_split_household() -> None:
    school = example_school()
    by_email: dict[str, set[str]] = {}
    for pupil in school:
        for ouder in pupil.ouders:
            if ouder.email:
                by_email.setdefault(ouder.email.casefold(), set()).add(pupil.groep)
    assert sum(len(groups) > 1 for groups in by_email.values()) >= 4
    split = [p for p in school if len(p.ouders) == 2 and p.ouders[0].postcode != p.ouders[1].postcode]
    assert {p.achternaam for p in split} == {"El Amrani"}
    assert sum(not p.ouders for p in school) == 2
    emails = [o.email for p in school for o in p.ouders if o.email]
    assert all(e.endswith(("@example.nl", "@example.org")) for e in emails)
