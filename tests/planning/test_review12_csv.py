"""Review of issue 12: planning.csv round trip with names a class list can hold."""

from __future__ import annotations

from gereedschapskist.classes.model import ClassList, Family, Pupil, SchoolClass
from gereedschapskist.planning.csvout import read_planning_csv, write_planning_csv
from gereedschapskist.planning.solve import plan

from .school import agenda, config, moment


def test_names_with_a_comma_a_formula_or_double_spaces_come_back_as_their_pupils(tmp_path):
    pupils = (
        Pupil('=HYPERLINK("http://x","klik")', "", "Test", sleutel="k1", gezin="G1"),
        Pupil("Anna  Maria", "", "Vries,  de", sleutel="k2", gezin="G2"),
        Pupil("@SUM(1)", "", "Test", sleutel="k3", gezin="G3"),
    )
    class_list = ClassList(
        (SchoolClass("Groep  3", "3", frozenset({3}), "+Juf", pupils),),
        (),
        tuple(Family(f"G{n}", f"f{n}", (f"k{n}",), ()) for n in (1, 2, 3)),
    )
    schedule = plan(class_list, [agenda([3])], config([moment("di")]), {}, seconds=5)
    path = tmp_path / "planning.csv"
    write_planning_csv(schedule, class_list, path)
    text = path.read_text(encoding="utf-8-sig")
    assert ";=" not in text and ';"=' not in text and ";@" not in text and ";+" not in text
    back = read_planning_csv(path, class_list)
    assert sorted(c.leerlingen for c in back) == [("k1",), ("k2",), ("k3",)]
    assert {c.gezin for c in back} == {"G1", "G2", "G3"}
