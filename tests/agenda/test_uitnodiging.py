"""The agenda's `uitnodiging:` section: defaults from the seed, strict keys, dates, `via`, `gegeven`."""

from __future__ import annotations

import pickle
from datetime import date
from pathlib import Path

import pytest

from gereedschapskist.agenda.load import load_agenda
from gereedschapskist.agenda.model import Agenda
from gereedschapskist.agenda.schema import agenda_schema
from gereedschapskist.agenda.uitnodiging import (
    DEFAULT_HUISBEZOEK,
    DEFAULT_TAALHULP,
    Uitnodiging,
)
from gereedschapskist.wording import datum

BASE = """\
versie: 1
school: OBS De Regenboog
schooljaar: "2026-2027"
groepen: [3, 4]
setting: school
duur: 25
onderwerpen:
  - titel: Introductie
    minuten: 3
    leerling: Vertelt iets over zichzelf.
"""


def load(tmp_path: Path, section: str = ""):
    path = tmp_path / "agenda.yaml"
    path.write_text(BASE + section, encoding="utf-8")
    return load_agenda(path)


def test_without_the_section_every_default_is_there_and_not_given(tmp_path: Path) -> None:
    result = load(tmp_path)
    assert result.findings == []
    invitation = result.agenda.uitnodiging
    assert invitation.gegeven is False
    assert invitation.aanhef == "Beste ouders en verzorgers,"
    assert len(invitation.tekst) >= 1 and all(invitation.tekst)
    assert invitation.antwoord_voor is None
    assert invitation.momenten == []
    assert invitation.contact == ""
    assert invitation.contactpersoon == "de leerkracht van uw kind"
    assert invitation.via == "oudste"
    assert invitation.taalhulp == DEFAULT_TAALHULP
    assert "niet om te vertalen" in invitation.taalhulp
    assert invitation.huisbezoek == DEFAULT_HUISBEZOEK


def test_the_default_text_says_why_and_is_short_b1() -> None:
    # The seed: to get to know each other, not because of a problem; short sentences.
    text = " ".join(Uitnodiging().tekst)
    assert "kennis" in text and "geen probleem" in text
    sentences = [s for s in text.replace("?", ".").replace(":", ".").split(".") if s.strip()]
    assert max(len(s.split()) for s in sentences) <= 15, sentences


def test_a_full_section_is_read(tmp_path: Path) -> None:
    result = load(
        tmp_path,
        """\
uitnodiging:
  aanhef: Beste ouders,
  tekst:
    - We maken graag kennis.
    - Iedereen krijgt deze brief.
  antwoord_voor: 2026-09-07
  momenten:
    - dinsdag 8 september, 15.00–19.00
    - donderdag 10 september, 8.30–12.00
  contact: juf Petra
  via: jongste
  taalhulp: Neem gerust iemand mee.
  huisbezoek: We komen graag bij u langs.
""",
    )
    assert result.findings == []
    invitation = result.agenda.uitnodiging
    assert invitation.gegeven is True
    assert invitation.aanhef == "Beste ouders,"
    assert invitation.tekst == ["We maken graag kennis.", "Iedereen krijgt deze brief."]
    assert invitation.antwoord_voor == date(2026, 9, 7)
    assert invitation.momenten == ["dinsdag 8 september, 15.00–19.00", "donderdag 10 september, 8.30–12.00"]
    assert invitation.contactpersoon == "juf Petra"
    assert invitation.via == "jongste"


def test_one_text_becomes_one_paragraph_and_quoted_date_works(tmp_path: Path) -> None:
    result = load(tmp_path, 'uitnodiging:\n  tekst: Welkom.\n  antwoord_voor: "2026-09-07"\n  momenten: maandag\n')
    assert result.findings == []
    invitation = result.agenda.uitnodiging
    assert invitation.tekst == ["Welkom."]
    assert invitation.momenten == ["maandag"]
    assert invitation.antwoord_voor == date(2026, 9, 7)


def test_an_empty_section_counts_as_given_with_defaults(tmp_path: Path) -> None:
    result = load(tmp_path, "uitnodiging:\n")
    assert result.findings == []
    assert result.agenda.uitnodiging.gegeven is True
    assert result.agenda.uitnodiging.tekst == Uitnodiging().tekst


@pytest.mark.parametrize(
    ("section", "line", "message", "hint"),
    [
        ("uitnodiging:\n  momentn: [a]\n", 12, "'momentn' is onbekend", "momenten"),
        ("uitnodiging:\n  gegeven: true\n", 12, "'gegeven' is onbekend", ""),
        ("uitnodiging:\n  via: middelste\n", 12, "kies oudste of jongste", "oudste"),
        ("uitnodiging:\n  antwoord_voor: 7-9-2026\n", 12, "jaar-maand-dag", "2026-09-07"),
        ("uitnodiging:\n  antwoord_voor: 2026-02-30\n", 12, "geen bestaande datum", "2026-09-07"),
        ("uitnodiging:\n  antwoord_voor: volgende week\n", 12, "geen datum", "jaar-maand-dag"),
        ("uitnodiging:\n  antwoord_voor: 20260907\n", 12, "hier hoort een datum", ""),
        ("uitnodiging:\n  tekst: []\n", 12, "de lijst is leeg", ""),
        ("uitnodiging:\n  aanhef: ''\n", 12, "de tekst is leeg", ""),
        ("uitnodiging:\n  momenten:\n    - a\n    - 15.30\n", 14, "hier hoort tekst", "aanhalingstekens"),
        ("uitnodiging:\n  contact: 12\n", 12, "hier hoort tekst", "aanhalingstekens"),
        ("uitnodiging: ja\n", 11, "blok met sleutels", ""),
    ],
)
def test_bad_sections_are_kmg002_at_their_line(
    tmp_path: Path, section: str, line: int, message: str, hint: str
) -> None:
    result = load(tmp_path, section)
    assert result.agenda is None
    assert [(f.code, f.line) for f in result.findings] == [("KMG002", line)], result.findings
    finding = result.findings[0]
    assert message in finding.message, finding
    assert hint in finding.hint, finding
    assert "Input should" not in finding.message  # never pydantic's English


def test_a_python_date_and_an_instance_are_accepted() -> None:
    invitation = Uitnodiging(antwoord_voor=date(2026, 9, 7))
    agenda = Agenda.model_validate(
        {
            "versie": 1,
            "school": "S",
            "schooljaar": "2026-2027",
            "groepen": [3],
            "setting": "school",
            "duur": 25,
            "onderwerpen": [{"titel": "A", "minuten": 3}],
            "uitnodiging": invitation,
        }
    )
    assert agenda.uitnodiging.gegeven is True
    assert agenda.uitnodiging.antwoord_voor == date(2026, 9, 7)
    assert invitation.gegeven is False  # the instance passed in is not changed


def test_given_survives_a_copy_and_pickling_and_reaches_the_cache_key(tmp_path: Path) -> None:
    given = load(tmp_path, "uitnodiging:\n  contact: juf Petra\n").agenda
    assert pickle.loads(pickle.dumps(given)).uitnodiging.gegeven is True
    assert given.model_copy(update={"titel": "x"}).uitnodiging.gegeven is True
    plain = load(tmp_path, "").agenda
    # The build cache keys on the JSON dump: a change in the letter must change it.
    assert plain.model_dump_json() != load(tmp_path, "uitnodiging:\n").agenda.model_dump_json()
    assert (
        '"antwoord_voor":"2026-09-07"'
        in load(tmp_path, "uitnodiging:\n  antwoord_voor: 2026-09-07\n").agenda.model_dump_json()
    )


def test_the_schema_describes_the_section_in_dutch() -> None:
    schema = agenda_schema()
    section = schema["properties"]["uitnodiging"]
    assert "uitnodiging" in section["description"]
    block = next(part for part in section["anyOf"] if part.get("type") == "object")
    assert block["additionalProperties"] is False
    properties = block["properties"]
    assert set(properties) == {
        "aanhef",
        "tekst",
        "antwoord_voor",
        "momenten",
        "contact",
        "via",
        "taalhulp",
        "huisbezoek",
    }
    for name, prop in properties.items():
        assert prop.get("description"), name
    assert properties["via"]["enum"] == ["oudste", "jongste"]
    assert {"type": "string", "format": "date"} in properties["antwoord_voor"]["anyOf"]
    assert "uitnodiging" not in schema.get("required", [])


def test_dates_in_dutch() -> None:
    assert datum(date(2026, 9, 7)) == "maandag 7 september 2026"
    assert datum(date(2027, 3, 1), weekdag=False) == "1 maart 2027"
