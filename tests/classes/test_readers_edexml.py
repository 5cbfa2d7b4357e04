"""The EDEXML reader: pupils, groups and teachers from ParnasSys / ESIS exchange files."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from gereedschapskist.classes import ClassListError
from gereedschapskist.classes.readers import read_source
from gereedschapskist.classes.readers.edexml import read_edexml
from gereedschapskist.classes.rows import Position
from gereedschapskist.errors import EXIT_USAGE

from .samples import SAMPLES, example_school

DUTCH_WORDS = {"de", "het", "een", "geen", "deze", "dit", "van", "op", "is", "heeft", "als"}

GROEPEN = """\
  <groepen>
    <groep key="G1"><naam>Groep 3</naam><jaargroep>3</jaargroep></groep>
    <groep key="G2"><naam>4/5</naam><jaargroep>C</jaargroep></groep>
    <samengestelde_groep key="SG1"><naam>Plusklas</naam></samengestelde_groep>
    <groep key="G3"><naam>De Egels</naam><jaargroep>S</jaargroep></groep>
  </groepen>
"""


def edexml(leerlingen: str, *, groepen: str = GROEPEN, leerkrachten: str = "", head: str = "") -> str:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n{head}<EDEX>\n'
        "  <school><schooljaar>2024-2025</schooljaar><brincode>99ZZ</brincode></school>\n"
        f"{groepen}  <leerlingen>\n{leerlingen}  </leerlingen>\n"
        + (f"  <leerkrachten>\n{leerkrachten}  </leerkrachten>\n" if leerkrachten else "")
        + "</EDEX>\n"
    )


def pupil(key: str, inner: str) -> str:
    return f'    <leerling key="{key}">\n      {inner}\n    </leerling>\n'


def write(tmp_path: Path, text: str | bytes, name: str = "leerlingen.xml") -> Path:
    path = tmp_path / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return path


def read(path: Path):
    return read_edexml(path, path.read_bytes())


def error_of(path: Path) -> ClassListError:
    with pytest.raises(ClassListError) as info:
        read_source(path)
    error = info.value
    assert error.exit_code == EXIT_USAGE
    assert error.path == path and path.name in str(error)
    assert set(re.findall(r"[a-zë]+", error.message.lower())) & DUTCH_WORDS, error.message
    assert "Traceback" not in str(error)
    return error


ZOE = "<achternaam>Berg</achternaam><voorvoegsel>van der</voorvoegsel><roepnaam>Zoë</roepnaam>"


# --- pupils -------------------------------------------------------------------------


def test_a_pupil_becomes_a_row(tmp_path: Path) -> None:
    text = edexml(
        pupil(
            "00017",
            f"{ZOE}<geboortedatum>2016-03-14</geboortedatum><geslacht>2</geslacht>"
            '<jaargroep>3</jaargroep><groep key="G1"/><bsn>123456782</bsn><postcodenl>9901AB</postcodenl>',
        )
    )
    path = write(tmp_path, text)
    table = read(path)
    [row] = table.rows
    assert dict(row.values) == {
        "roepnaam": "Zoë",
        "tussenvoegsel": "van der",
        "achternaam": "Berg",
        "groep": "Groep 3",
        "leerjaar": "3",
        "leerkracht": "",
        "leerlingnummer": "00017",
        "geboortedatum": "2016-03-14",
        "ouder1_postcode": "9901 AB",
    }
    assert row.position == Position(path, 11)  # the line of <leerling>
    assert "123456782" not in str(table)  # the BSN is not kept
    assert table.postcode_only
    assert table.roles == frozenset(
        {
            "roepnaam",
            "tussenvoegsel",
            "achternaam",
            "groep",
            "leerjaar",
            "leerlingnummer",
            "geboortedatum",
            "ouder1_postcode",
        }
    )


def test_positions_are_the_lines_of_each_leerling(tmp_path: Path) -> None:
    pupils = "".join(pupil(str(n), f'<roepnaam>Kind{n}</roepnaam><groep key="G1"/>') for n in range(3))
    table = read(write(tmp_path, edexml(pupils)))
    assert [row.position.row for row in table.rows] == [11, 14, 17]


def test_a_pupil_without_roepnaam_is_called_by_the_first_voornaam(tmp_path: Path) -> None:
    text = edexml(pupil("1", '<achternaam>Assati</achternaam><voornamen>Ismaël Hassan</voornamen><groep key="G1"/>'))
    assert read(write(tmp_path, text)).rows[0].get("roepnaam") == "Ismaël"


def test_year_group_of_the_pupil_then_of_the_group(tmp_path: Path) -> None:
    pupils = (
        pupil("1", '<roepnaam>A</roepnaam><jaargroep>4</jaargroep><groep key="G2"/>')
        + pupil("2", '<roepnaam>B</roepnaam><jaargroep>5</jaargroep><groep key="G2"/>')
        + pupil("3", '<roepnaam>C</roepnaam><groep key="G1"/>')  # none of its own: the group's
        + pupil("4", '<roepnaam>D</roepnaam><jaargroep>S</jaargroep><groep key="G3"/>')  # speciaal onderwijs
        + pupil("5", '<roepnaam>E</roepnaam><groep key="G2"/>')  # combinatiegroep, none of its own
    )
    table = read(write(tmp_path, edexml(pupils)))
    assert [row.get("leerjaar") for row in table.rows] == ["4", "5", "3", "", ""]


def test_pupils_who_left_are_skipped(tmp_path: Path) -> None:
    pupils = pupil("1", f'{ZOE}<groep key="G1"/>') + pupil("2", "<roepnaam>Weg</roepnaam><jaargroep>H</jaargroep>")
    table = read(write(tmp_path, edexml(pupils)))
    assert [row.get("roepnaam") for row in table.rows] == ["Zoë"]
    assert any("vertrokken" in note.message for note in table.notes)


def test_pupils_without_any_group_are_reported_by_line(tmp_path: Path) -> None:
    pupils = pupil("1", f'{ZOE}<groep key="G1"/>') + pupil("2", "<roepnaam>Nieuw</roepnaam>")
    pupils += pupil("3", '<roepnaam>Fout</roepnaam><groep key="BESTAAT-NIET"/>')
    path = write(tmp_path, edexml(pupils))
    table = read(path)
    assert [row.get("roepnaam") for row in table.rows] == ["Zoë"]
    [note] = [note for note in table.notes if "geen groep" in note.message]
    assert note.position == Position(path, 14)
    assert "2 leerlingen" in note.message and "regel 14, 17" in note.message
    assert "Nieuw" not in note.message and "Fout" not in note.message


# --- groups and teachers ------------------------------------------------------------


def test_samengestelde_groep_is_an_extra_membership(tmp_path: Path) -> None:
    pupils = pupil(
        "1", f'{ZOE}<groep key="G1"/><samengestelde_groepen><samengestelde_groep key="SG1"/></samengestelde_groepen>'
    )
    # Without a stamgroep, the samengestelde groep is the class.
    pupils += pupil(
        "2", '<roepnaam>Sem</roepnaam><samengestelde_groepen><samengestelde_groep key="SG1"/></samengestelde_groepen>'
    )
    table = read(write(tmp_path, edexml(pupils)))
    assert [row.get("groep") for row in table.rows] == ["Groep 3", "Plusklas"]
    assert any("samengestelde groep" in note.message and "2 leerlingen" in note.message for note in table.notes)


TEACHERS = """\
    <leerkracht key="LK1"><achternaam>Bemmel</achternaam><voorvoegsel>van</voorvoegsel><roepnaam>Jan</roepnaam>
      <groepen><groep key="G1"/><samengestelde_groep key="SG1"/></groepen></leerkracht>
    <leerkracht key="LK2"><roepnaam>Juf Lia</roepnaam>
      <groepen><groep key="G1"><rol>LRK</rol></groep><groep key="G2"><rol>STA</rol></groep></groepen></leerkracht>
    <leerkracht key="LK3"><achternaam>Veldman</achternaam><voorletters-1>UGH</voorletters-1><rol>OWA</rol>
      <groepen><groep key="G1"/><groep key="G2"/></groepen></leerkracht>
"""


def test_teachers_per_group(tmp_path: Path) -> None:
    pupils = (
        pupil("1", '<roepnaam>A</roepnaam><groep key="G1"/>')
        + pupil("2", '<roepnaam>B</roepnaam><groep key="G2"/>')
        + pupil("3", '<roepnaam>C</roepnaam><groep key="G3"/>')
        + pupil(
            "4", '<roepnaam>D</roepnaam><samengestelde_groepen><samengestelde_groep key="SG1"/></samengestelde_groepen>'
        )
    )
    table = read(write(tmp_path, edexml(pupils, leerkrachten=TEACHERS)))
    # G1: Jan (no role: a teacher) and Juf Lia (LRK); the assistant (OWA) does not count.
    # G2: only a trainee and an assistant: better their names than none.
    assert [row.get("leerkracht") for row in table.rows] == [
        "Jan van Bemmel en Juf Lia",
        "Juf Lia en U.G.H. Veldman",
        "",
        "Jan van Bemmel",
    ]
    assert "leerkracht" in table.roles


def test_namespaced_edexml_is_read(tmp_path: Path) -> None:
    text = edexml(pupil("1", f'{ZOE}<groep key="G1"/>')).replace("<EDEX>", '<EDEX xmlns="urn:edex:voorbeeld">')
    table = read(write(tmp_path, text))
    assert [(row.get("roepnaam"), row.get("groep")) for row in table.rows] == [("Zoë", "Groep 3")]


@pytest.mark.parametrize(("encoding", "bom"), [("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff"), ("utf-8", b"")])
def test_utf16_and_bom(tmp_path: Path, encoding: str, bom: bytes) -> None:
    text = edexml(pupil("1", f'{ZOE}<groep key="G1"/>'))
    if encoding.startswith("utf-16"):
        text = text.replace('encoding="UTF-8"', 'encoding="UTF-16"')
    else:
        bom = b"\xef\xbb\xbf"
    path = write(tmp_path, bom + text.encode(encoding))
    table = read_source(path)
    assert [row.get("roepnaam") for row in table.rows] == ["Zoë"]
    assert table.rows[0].position.row == 11


def test_windows_1252_declared(tmp_path: Path) -> None:
    text = edexml(pupil("1", f'{ZOE}<groep key="G1"/>')).replace('encoding="UTF-8"', 'encoding="windows-1252"')
    table = read_source(write(tmp_path, text.encode("cp1252")))
    assert table.rows[0].get("roepnaam") == "Zoë"


# --- what the school must fix, and hostile files ------------------------------------------


def test_xml_that_is_not_edexml(tmp_path: Path) -> None:
    path = write(tmp_path, '<?xml version="1.0"?>\n<rss><channel><title>Nieuws</title></channel></rss>\n')
    assert "geen EDEXML" in error_of(path).message


def test_edexml_without_pupils(tmp_path: Path) -> None:
    path = write(tmp_path, edexml(""))
    assert "geen leerlingen" in error_of(path).message


def test_malformed_xml_names_the_line(tmp_path: Path) -> None:
    text = edexml(pupil("1", f'{ZOE}<groep key="G1"/>') + pupil("2", "<roepnaam>Sem</roepnam>"))
    path = write(tmp_path, text)
    error = error_of(path)
    assert error.line == 15  # </roepnam> in the second pupil
    assert f"{path}:15:" in str(error) and "beschadigd" in error.message


def test_truncated_xml(tmp_path: Path) -> None:
    text = edexml(pupil("1", f'{ZOE}<groep key="G1"/>'))
    error = error_of(write(tmp_path, text[: len(text) // 2]))
    assert error.line is not None and "niet compleet" in error.message


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE EDEX [
  <!ENTITY lol "lol">
  <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
  <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
  <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
  <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
  <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
  <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
  <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<EDEX><leerlingen><leerling key="1"><roepnaam>&lol9;</roepnaam></leerling></leerlingen></EDEX>
"""


def test_billion_laughs(tmp_path: Path) -> None:
    error = error_of(write(tmp_path, BILLION_LAUGHS))
    assert "entiteiten" in error.message and error.line is None
    assert "lol" not in error.message


def test_external_entity_is_not_fetched(tmp_path: Path) -> None:
    secret = tmp_path / "geheim.txt"
    secret.write_text("GEHEIME-INHOUD", encoding="utf-8")
    text = (
        f'<?xml version="1.0"?>\n<!DOCTYPE EDEX [<!ENTITY x SYSTEM "{secret.as_uri()}">]>\n'
        '<EDEX><groepen><groep key="G1"><naam>3</naam><jaargroep>3</jaargroep></groep></groepen>'
        '<leerlingen><leerling key="1"><roepnaam>&x;</roepnaam><groep key="G1"/></leerling></leerlingen></EDEX>\n'
    )
    error = error_of(write(tmp_path, text))
    assert "entiteiten" in error.message
    assert "GEHEIME" not in str(error)


def test_external_dtd_is_not_fetched(tmp_path: Path) -> None:
    dtd = tmp_path / "edex.dtd"
    dtd.write_text('<!ENTITY x "GEHEIME-INHOUD">', encoding="utf-8")
    text = edexml(
        pupil("1", '<achternaam>&x;</achternaam><roepnaam>Zoë</roepnaam><groep key="G1"/>'),
        head=f'<!DOCTYPE EDEX SYSTEM "{dtd.as_uri()}">\n',
    )
    # The DTD is never read: the entity stays unknown, and its text ends up nowhere.
    try:
        table = read_source(write(tmp_path, text))
    except ClassListError as error:
        assert "GEHEIME" not in str(error)
    else:
        assert "GEHEIME" not in repr(table.rows)


# --- the sample ---------------------------------------------------------------------


def test_sample_edexml_has_the_example_school() -> None:
    table = read_source(SAMPLES["xml"])
    school = example_school()
    assert [
        (row.get("roepnaam"), row.get("tussenvoegsel"), row.get("achternaam"), row.get("groep")) for row in table.rows
    ] == [(p.roepnaam, p.tussenvoegsel, p.achternaam, p.groep) for p in school]
    assert [row.get("leerkracht") for row in table.rows] == [p.leerkracht for p in school]
    assert [row.get("leerjaar") for row in table.rows] == [str(p.leerjaar) for p in school]
    assert [row.get("ouder1_postcode") for row in table.rows] == [p.postcode for p in school]
    assert table.postcode_only
    assert [note.message for note in table.notes] == [
        "2 leerlingen zitten ook in een samengestelde groep (zoals een plusklas); kmg plant het gesprek in de eigen "
        "groep (stamgroep)."
    ]
    assert all(note.position is not None for note in table.notes)
    lines = SAMPLES["xml"].read_text(encoding="utf-8").splitlines()
    assert all(lines[row.position.row - 1].strip().startswith("<leerling ") for row in table.rows)
