"""planning.csv (written, read back) and determinism: the same input gives the same file, byte for byte."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from gereedschapskist.errors import UserError
from gereedschapskist.planning.csvout import read_planning_csv, write_planning_csv
from gereedschapskist.planning.solve import plan

from .school import agenda, answer, config, moment, school

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = """
import sys
sys.path.insert(0, {root!r})
from tests.planning.test_output import example
from gereedschapskist.planning.csvout import write_planning_csv
from gereedschapskist.planning.solve import plan
cl, agendas, cfg, answers = example()
schedule = plan(cl, agendas, cfg, answers, seconds=20)
write_planning_csv(schedule, cl, sys.argv[1])
"""


def example():
    classes = [
        ("1/2", [1, 2], "Juf A", [f"k{i}" for i in range(3)]),
        ("3", [3], "Juf B", [f"d{i}" for i in range(3)]),
        ("4/5", [4, 5], "Juf C", [f"v{i}" for i in range(3)]),
        ("6", [6], "Juf C", [f"z{i}" for i in range(2)]),
    ]
    families = [("G1", ["k0", "d0", "v0"], 1), ("G2", ["k1", "z1"], 2), ("G3", ["d2", "v2"], 1), ("G4", ["k2"], 2)]
    cl = school(classes, families)
    cfg = config(
        [
            moment("di 8 sep", tot="19:00", plaats="Lokaal"),
            moment("wo 9 sep", datum="2026-09-09", van="13:00", tot="16:00"),
        ]
    )
    answers = {
        ("key-G1", 1): answer(kan=["wo 9 sep"], taalhulp=True, code="AA-AAA", onderwerpen="=Zwemmen; lezen"),
        ("key-G2", 1): answer(apart=True, code="BB-BBB"),
        ("key-G2", 2): answer(niet=["wo 9 sep"], code="CC-CCC"),
        ("key-G4", 1): answer(apart=True, kan=["di 8 sep"], code="DD-DDD"),
    }
    return cl, [agenda([1, 2], duur=20), agenda([3, 4, 5, 6], duur=25)], cfg, answers


def test_same_input_gives_the_same_planning_csv_byte_for_byte(tmp_path):
    outputs = []
    for seed in ("1", "2"):
        target = tmp_path / f"planning-{seed}.csv"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run(
            [sys.executable, "-c", SCRIPT.format(root=str(ROOT)), str(target)], check=True, env=env, cwd=tmp_path
        )
        outputs.append(target.read_bytes())
    assert outputs[0] == outputs[1]
    assert outputs[0].startswith(b"\xef\xbb\xbfdatum;begin;eind;groep;leerkracht;leerlingen;code;huishouden;plaats;")


def test_planning_csv_round_trips(tmp_path):
    cl, agendas, cfg, answers = example()
    schedule = plan(cl, agendas, cfg, answers, seconds=20)
    path = tmp_path / "planning.csv"
    write_planning_csv(schedule, cl, path)
    assert read_planning_csv(path, cl) == list(schedule.conversations)
    text = path.read_text(encoding="utf-8-sig")
    # names as printed, a formula-looking topic defused, yes/no in Dutch
    assert "K0 Test" in text and "'=Zwemmen; lezen" in text and ";ja;" in text
    assert not list(tmp_path.glob(".*kmg-tmp"))
    # what Excel writes back on a Dutch Windows: cp1252 without BOM
    path.write_bytes(text.encode("cp1252"))
    assert read_planning_csv(path, cl) == list(schedule.conversations)
    # without the class list, the names stay names
    assert read_planning_csv(path)[0].leerlingen[0].endswith("Test")


def test_planning_csv_problems_are_one_dutch_sentence_with_the_line(tmp_path):
    path = tmp_path / "planning.csv"
    path.write_text("datum;begin;eind;groep\n", encoding="utf-8")
    with pytest.raises(UserError, match="De kolom 'leerkracht' ontbreekt"):
        read_planning_csv(path)
    path.write_text(
        "datum;begin;eind;groep;leerkracht;leerlingen;code;huishouden;plaats;taalhulp;apart\n"
        "8-9-2026;15:00;15:20;3;Juf A;Zoë;;1;;nee;nee\n",
        encoding="utf-8",
    )
    with pytest.raises(UserError) as caught:
        read_planning_csv(path)
    assert caught.value.line == 2
