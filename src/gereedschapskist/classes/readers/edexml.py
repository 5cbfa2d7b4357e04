"""Read an EDEXML 2.x file (the Dutch exchange format that ParnasSys and ESIS write).

EDEXML lists `<groepen>` (each with a key, naam and jaargroep; `<samengestelde_groep>`s
too), `<leerlingen>` (roepnaam, voorvoegsel, achternaam, geboortedatum, jaargroep, a
reference to their groep and to samengestelde groepen, postcodenl) and `<leerkrachten>`
with references to the groepen they teach. This reader turns each pupil into one row,
like a line of a CSV export:

- groep: the naam of the pupil's own groep (stamgroep). A samengestelde groep (a plus
  class, a reading group across classes) is an extra membership: the kennismakingsgesprek
  is with the pupil's own teacher, so kmg uses the stamgroep and says how many pupils
  are also in a samengestelde groep. Only a pupil without a stamgroep gets the naam of
  their first samengestelde groep as class.
- leerjaar: the pupil's jaargroep ("1".."8", "0"), else the groep's; the letters EDEXML
  uses for other cases ("C" combinatiegroep, "S" speciaal onderwijs, ...) leave it empty,
  so the builder takes the year groups from the class name.
- leerkracht: the names of the leerkrachten linked to the groep, joined with "en" as a
  Dutch sentence lists them; a link whose roles are only those of a trainee,
  assistant or test leader (no LRK) does not count while the groep has a real teacher.
- leerlingnummer: the pupil's `key` (only to tell namesakes apart; never printed).
- ouder1_postcode: postcodenl. EDEXML has no parents, addresses or e-mail: families
  can only be guessed from postcode + surname, so the table has `postcode_only=True`.
- Pupils with jaargroep "H" (historisch: they left the school) are skipped.

The parser is defusedxml's: no entity expansion, no DTD or network fetches. A file that
declares entities (a "billion laughs" bomb, an external entity that reads a local file)
is refused with one Dutch sentence. Each row's position is the line of its `<leerling>`.
"""

from __future__ import annotations

import re
import unicodedata
import xml.etree.ElementTree as ET
from pathlib import Path

from ..rows import Position, SourceNote, SourceRow, SourceTable
from . import ClassListError

_TEACHER_ROLES = {"LRK"}  # leerkracht / groepsleraar
_YEAR_GROUP = re.compile(r"[0-8]")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_POSTCODE = re.compile(r"[1-9]\d{3}[A-Z]{2}")


class _LineTarget(ET.TreeBuilder):
    """A tree builder that remembers on which line each <leerling> starts."""

    def __init__(self) -> None:
        super().__init__()
        self.parser: ET.XMLParser | None = None
        self.lines: dict[ET.Element, int] = {}
        self.offset = 0  # lines before the XML declaration that the parser did not see

    def start(self, tag: str, attrs: dict[str, str]) -> ET.Element:
        element = super().start(tag, attrs)
        if _local(tag) == "leerling" and self.parser is not None:
            self.lines[element] = self.parser.parser.CurrentLineNumber + self.offset  # type: ignore[attr-defined]
        return element


def read_edexml(path: Path, data: bytes) -> SourceTable:
    """The pupils of an EDEXML file as rows of text by role."""
    root, lines = _parse(path, data)
    if _local(root.tag) != "EDEX":
        raise ClassListError(
            "Dit is een XML-bestand, maar geen EDEXML-klassenlijst; exporteer de leerlingen uit ParnasSys of ESIS "
            "als EDEXML, of als Excel-werkmap (.xlsx) of CSV.",
            path=path,
        )
    groepen, samengesteld = _groups(root)
    teachers = _teachers(root)
    pupils = _child(root, "leerlingen")
    rows: list[SourceRow] = []
    # Lines of pupils who left, who have no group, who are also in a samengestelde groep.
    left: list[int] = []
    no_group: list[int] = []
    in_samengesteld: list[int] = []
    for ordinal, pupil in enumerate(_children(pupils, "leerling"), start=1):
        line = lines.get(pupil, ordinal)
        jaargroep = _text(pupil, "jaargroep").upper()
        if jaargroep == "H":
            left.append(line)
            continue
        group_key = _key(_child(pupil, "groep"))
        extra = [_key(ref) for ref in _children(_child(pupil, "samengestelde_groepen"), "samengestelde_groep")]
        extra = [key for key in extra if key in samengesteld]
        if extra:
            in_samengesteld.append(line)
        if group_key in groepen:
            naam, group_year = groepen[group_key]
            key = group_key
        elif extra:
            naam, group_year, key = samengesteld[extra[0]], "", extra[0]
        else:
            no_group.append(line)
            continue
        leerjaar = jaargroep if _YEAR_GROUP.fullmatch(jaargroep) else group_year
        roepnaam = _text(pupil, "roepnaam") or _first_name(pupil)
        birth = _text(pupil, "geboortedatum")
        values = {
            "roepnaam": roepnaam,
            "tussenvoegsel": _text(pupil, "voorvoegsel"),
            "achternaam": _text(pupil, "achternaam"),
            "groep": naam,
            "leerjaar": leerjaar,
            "leerkracht": _join(teachers.get(key, [])),
            "leerlingnummer": pupil.get("key", "").strip(),
            "geboortedatum": birth[:10] if _DATE.match(birth) else birth,
            "ouder1_postcode": _postcode(_text(pupil, "postcodenl")),
        }
        rows.append(SourceRow(Position(path, line), values))
    if not rows:
        raise ClassListError(
            "Dit EDEXML-bestand heeft geen leerlingen met een groep; exporteer de leerlingen opnieuw, met hun groepen.",
            path=path,
        )
    notes: list[SourceNote] = []
    if no_group:
        count = len(no_group)
        notes.append(
            SourceNote(
                Position(path, no_group[0]),
                f"{count} {'leerling heeft' if count == 1 else 'leerlingen hebben'} in dit EDEXML-bestand geen groep "
                f"(regel {', '.join(map(str, no_group[:10]))}{' en meer' if count > 10 else ''}) en "
                f"{'krijgt' if count == 1 else 'krijgen'} geen formulier. Geef "
                f"{'die leerling' if count == 1 else 'ze'} een groep in het leerlingvolgsysteem en exporteer opnieuw.",
            )
        )
    if left:
        count = len(left)
        notes.append(
            SourceNote(
                Position(path, left[0]),
                f"{count} {'leerling staat' if count == 1 else 'leerlingen staan'} als vertrokken (jaargroep H) in "
                "het bestand en " + ("is" if count == 1 else "zijn") + " overgeslagen.",
            )
        )
    if in_samengesteld:
        count = len(in_samengesteld)
        notes.append(
            SourceNote(
                Position(path, in_samengesteld[0]),
                f"{count} {'leerling zit' if count == 1 else 'leerlingen zitten'} ook in een samengestelde groep "
                "(zoals een plusklas); kmg plant het gesprek in de eigen groep (stamgroep).",
            )
        )
    return SourceTable(
        path=path,
        rows=rows,
        roles=frozenset(role for role in rows[0].values if any(row.values[role] for row in rows)),
        notes=tuple(notes),
        postcode_only=True,
    )


# --- parsing ------------------------------------------------------------------------


def _parse(path: Path, data: bytes) -> tuple[ET.Element, dict[ET.Element, int]]:
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import DefusedXMLParser

    # Web exports often print blank lines before "<?xml ...?>", which XML forbids; skip them
    # (for UTF-8 and 8-bit files) and count them back into the line numbers.
    skipped = 0
    body = data.removeprefix(b"\xef\xbb\xbf")
    stripped = body.lstrip(b" \t\r\n")
    if len(stripped) != len(body) and stripped.startswith(b"<?xml"):
        skipped = body[: len(body) - len(stripped)].replace(b"\r\n", b"\n").replace(b"\r", b"\n").count(b"\n")
        data = stripped
    target = _LineTarget()
    target.offset = skipped
    parser = DefusedXMLParser(target=target, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    target.parser = parser
    try:
        parser.feed(data)
        root = parser.close()
    except DefusedXmlException:
        # Entity declarations: a "billion laughs" bomb or an external entity that would read
        # a local file or fetch a URL. A real export has neither.
        raise ClassListError(
            "Dit XML-bestand bevat entiteiten of verwijzingen naar andere bestanden, die kmg om veiligheidsredenen "
            "niet leest; exporteer de klassenlijst opnieuw uit ParnasSys of ESIS.",
            path=path,
        ) from None
    except (ET.ParseError, ValueError, LookupError) as error:
        line = getattr(error, "position", (None,))[0]
        line = line + skipped if line else line
        raise ClassListError(
            "Dit XML-bestand is op deze regel beschadigd of niet compleet; exporteer de klassenlijst opnieuw uit "
            "ParnasSys of ESIS (en open het bestand niet eerst in een teksteditor).",
            path=path,
            line=line or None,
        ) from None
    return root, target.lines


def _local(tag: str) -> str:
    """A tag without its namespace ("{urn:x}leerling" -> "leerling")."""
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""


def _children(parent: ET.Element | None, name: str) -> list[ET.Element]:
    return [child for child in parent if _local(child.tag) == name] if parent is not None else []


def _child(parent: ET.Element | None, name: str) -> ET.Element | None:
    found = _children(parent, name)
    return found[0] if found else None


def _text(parent: ET.Element | None, name: str) -> str:
    child = _child(parent, name)
    text = child.text if child is not None and child.text else ""
    return unicodedata.normalize("NFC", " ".join(text.split()))


def _key(element: ET.Element | None) -> str:
    return element.get("key", "").strip() if element is not None else ""


def _postcode(text: str) -> str:
    """EDEXML writes "9901AB"; the school writes (and kmg prints) "9901 AB"."""
    compact = text.replace(" ", "").upper()
    return f"{compact[:4]} {compact[4:]}" if _POSTCODE.fullmatch(compact) else text


def _first_name(person: ET.Element) -> str:
    """The first of the voornamen, or the voorletters ("J.H."), for a person without a roepnaam."""
    voornamen = _text(person, "voornamen").split()
    if voornamen:
        return voornamen[0]
    letters = _text(person, "voorletters-1").replace(".", "").replace(" ", "")
    return "".join(f"{letter}." for letter in letters)


def _join(items: list[str]) -> str:
    """How a Dutch sentence lists things: "a", "a en b", "a, b en c"."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " en " + items[-1]


def _groups(root: ET.Element) -> tuple[dict[str, tuple[str, str]], dict[str, str]]:
    """groep key -> (naam, jaargroep "0".."8" or ""), and samengestelde groep key -> naam."""
    groepen: dict[str, tuple[str, str]] = {}
    samengesteld: dict[str, str] = {}
    container = _child(root, "groepen")
    for element in container if container is not None else []:
        key, naam = _key(element), _text(element, "naam")
        if not key or not naam:
            continue
        if _local(element.tag) == "groep":
            jaargroep = _text(element, "jaargroep")
            groepen[key] = (naam, jaargroep if _YEAR_GROUP.fullmatch(jaargroep) else "")
        elif _local(element.tag) == "samengestelde_groep":
            samengesteld[key] = naam
    return groepen, samengesteld


def _teachers(root: ET.Element) -> dict[str, list[str]]:
    """groep key -> the names of its teachers, in file order."""
    linked: dict[str, list[tuple[str, bool]]] = {}
    for teacher in _children(_child(root, "leerkrachten"), "leerkracht"):
        name = _person_name(teacher)
        if not name:
            continue
        own_roles = {_text_of(role) for role in _children(teacher, "rol")}
        for link in list(_child(teacher, "groepen") or []):
            key = _key(link)
            roles = {_text_of(role) for role in _children(link, "rol")} or own_roles
            # No role at all is a teacher too: most exports leave roles out.
            is_teacher = not roles or bool(roles & _TEACHER_ROLES)
            names = linked.setdefault(key, [])
            if name not in [n for n, _ in names]:
                names.append((name, is_teacher))
    result: dict[str, list[str]] = {}
    for key, names in linked.items():
        teachers = [name for name, is_teacher in names if is_teacher]
        result[key] = teachers or [name for name, _ in names]
    return result


def _text_of(element: ET.Element) -> str:
    return (element.text or "").strip().upper()


def _person_name(person: ET.Element) -> str:
    first = _text(person, "roepnaam") or _first_name(person)
    return " ".join(part for part in (first, _text(person, "voorvoegsel"), _text(person, "achternaam")) if part)
