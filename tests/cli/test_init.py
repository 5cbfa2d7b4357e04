"""`kmg init`: a starter agenda that passes `kmg check` clean, for every setting; never overwrites."""

from __future__ import annotations

from pathlib import Path

import pytest

from gereedschapskist.agenda.starter import TOPICS, parse_groups, spread_minutes
from gereedschapskist.lint import check_file


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["--setting", "huisbezoek"],
        ["--groepen", "1-2"],
        ["--groepen", "1-2", "--setting", "huisbezoek"],
        ["--groepen", "4,5", "--duur", "20"],
        ["--duur", "30"],
        ["--setting", "huisbezoek", "--duur", "45"],
        ["--setting", "huisbezoek", "--duur", "75"],
        ["--school", "Basisschool 't Kompas: Noord", "--schooljaar", "2027-2028"],
    ],
)
def test_init_writes_an_agenda_that_passes_check_clean(kmg, tmp_path: Path, args: list[str]) -> None:
    path = tmp_path / "agenda.yaml"
    if "--school" not in args:
        args = [*args, "--school", "OBS De Regenboog"]
    result = kmg("init", path, *args)
    assert result.exit_code == 0, result.output
    checked = check_file(path)
    assert checked.agenda is not None
    assert checked.findings == []
    assert checked.agenda.planned_minutes == checked.agenda.duur
    assert (tmp_path / "kmg-agenda.schema.json").exists()


def test_default_init_has_all_ten_topics_of_the_seed(kmg, tmp_path: Path) -> None:
    path = tmp_path / "agenda.yaml"
    kmg("init", path)
    agenda = check_file(path).agenda
    assert agenda is not None
    assert [t.titel for t in agenda.onderwerpen] == [t.titel for t in TOPICS]
    assert len(agenda.onderwerpen) == 10
    assert agenda.duur == 25
    assert path.read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=")


def test_a_home_visit_gets_an_hour_spread_over_the_topics(kmg, tmp_path: Path) -> None:
    path = tmp_path / "huisbezoek.yaml"
    kmg("init", path, "--setting", "huisbezoek")
    agenda = check_file(path).agenda
    assert agenda is not None
    assert agenda.duur == 60
    assert agenda.setting.value == "huisbezoek"
    assert min(t.minuten for t in agenda.onderwerpen) >= 5


def test_init_never_overwrites(kmg, tmp_path: Path) -> None:
    path = tmp_path / "agenda.yaml"
    path.write_text("mijn eigen werk", encoding="utf-8")
    result = kmg("init", path)
    assert result.exit_code == 2
    assert "bestaat al" in result.output
    assert path.read_text(encoding="utf-8") == "mijn eigen werk"


def test_init_keeps_an_existing_schema_file(kmg, tmp_path: Path) -> None:
    (tmp_path / "kmg-agenda.schema.json").write_text("{}", encoding="utf-8")
    assert kmg("init", tmp_path / "agenda.yaml").exit_code == 0
    assert (tmp_path / "kmg-agenda.schema.json").read_text(encoding="utf-8") == "{}"


@pytest.mark.parametrize("groups", ["9", "0-3", "a-b", "", "5-3"])
def test_bad_groups_are_a_usage_error(kmg, tmp_path: Path, groups: str) -> None:
    result = kmg("init", tmp_path / "agenda.yaml", "--groepen", groups)
    assert result.exit_code == 2
    assert "--groepen" in result.output
    assert not (tmp_path / "agenda.yaml").exists()


def test_parse_groups() -> None:
    assert parse_groups("3-8") == [3, 4, 5, 6, 7, 8]
    assert parse_groups("1-2,5") == [1, 2, 5]
    assert parse_groups("1 t/m 3") == [1, 2, 3]


@pytest.mark.parametrize("total", [10, 20, 25, 60, 61, 90])
def test_spread_minutes_adds_up_and_gives_every_topic_a_minute(total: int) -> None:
    minutes = spread_minutes([t.weight for t in TOPICS], total)
    assert sum(minutes) == total
    assert min(minutes) >= 1


def test_a_backwards_range_says_so(kmg, tmp_path: Path) -> None:
    result = kmg("init", tmp_path / "agenda.yaml", "--groepen", "8-3")
    assert result.exit_code == 2
    assert "schrijf 3-8" in result.output
    assert "valt buiten" not in result.output
    assert not (tmp_path / "agenda.yaml").exists()


@pytest.mark.parametrize(
    "year", ["2026-2027", "1999-2000", "2026-2028", "2027-2026", "2026/2027", "26-27", "２０２６-２０２７"]
)
def test_init_and_check_agree_on_what_a_school_year_is(kmg, tmp_path: Path, year: str) -> None:
    path = tmp_path / "agenda.yaml"
    result = kmg("init", path, "--school", "OBS De Regenboog", "--schooljaar", year)
    if result.exit_code == 0:
        assert check_file(path).findings == []
    else:
        assert "--schooljaar" in result.output
        written = tmp_path / "hand.yaml"
        kmg("init", written, "--school", "OBS De Regenboog")
        text = written.read_text(encoding="utf-8").replace('schooljaar: "2026-2027"', f'schooljaar: "{year}"')
        written.write_text(text, encoding="utf-8")
        line = text.splitlines().index(f'schooljaar: "{year}"') + 1
        [finding] = check_file(written).findings
        assert (finding.code, finding.line) == ("KMG002", line)
    assert (result.exit_code == 0) is (year in {"2026-2027", "1999-2000"})


def test_without_school_check_asks_for_the_name(kmg, tmp_path: Path) -> None:
    path = tmp_path / "agenda.yaml"
    assert kmg("init", path).exit_code == 0
    [finding] = check_file(path).findings
    assert (finding.code, finding.level) == ("KMG114", "warning")
    assert "Naam van de school" in finding.message
    assert path.read_text(encoding="utf-8").splitlines()[finding.line - 1] == "school: Naam van de school"
    assert kmg("check", path, "--strict").exit_code == 1
