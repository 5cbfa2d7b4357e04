"""Review of issue 11: a class under two agendas (groep 1/2 under 'huisbezoek groep 1' and 'kleuters 1-2').

Its letters come from one of them, the first on the command line (the rule the planner follows
for the `duur` too); when that changes, the old letters are removed with a message that says where
the letters are now."""

from __future__ import annotations

from pathlib import Path

from gereedschapskist.agenda.model import Agenda
from gereedschapskist.batch import Job
from gereedschapskist.documents import plan_documents

from ..render import families

SECRET = bytes(range(32))


def _agenda(groepen: list[int], setting: str, titel: str) -> Agenda:
    return Agenda.model_validate(
        {
            "versie": 1,
            "school": "OBS De Regenboog",
            "schooljaar": "2026-2027",
            "titel": titel,
            "groepen": groepen,
            "setting": setting,
            "duur": 20,
            "onderwerpen": [{"titel": "Kennismaken", "minuten": 20, "samen": "Wie zijn we?"}],
        }
    )


def test_letters_that_move_to_the_classs_other_agenda_folder_are_not_said_to_go_through_a_sibling(
    tmp_path: Path, capsys
) -> None:
    from gereedschapskist.cli.build import _remove_old_letters

    school = families.school()
    kleuters = next(klass for klass in school if klass.slug == "groep-1-2")
    home = _agenda([1], "huisbezoek", "Huisbezoek groep 1")
    both = _agenda([1, 2], "school", "Kleuters groep 1-2")
    # an earlier build had `huisbezoek.yaml kleuters.yaml`; this one has them the other way round
    jobs = [
        Job(both, Path("kleuters.yaml"), kleuters, Path("groep-1-2/kleuters")),
        Job(home, Path("huisbezoek.yaml"), kleuters, Path("groep-1-2/huisbezoek")),
    ]
    old = tmp_path / "groep-1-2" / "huisbezoek" / "uitnodigingen.pdf"
    old.parent.mkdir(parents=True)
    old.write_bytes(b"%PDF-1.7 old letters")
    planned, _ = plan_documents(jobs, ("uitnodigingen",), school, SECRET)
    _remove_old_letters(jobs, planned, tmp_path)
    err = " ".join(capsys.readouterr().err.split())
    assert not old.exists()
    assert "broer of zus" not in err
    assert "groep-1-2/kleuters" in err.replace("\\", "/")
