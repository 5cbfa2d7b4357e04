"""Read an agenda file into the model, turning every YAML and schema problem into a finding.

KMG001 covers text that is not YAML we accept; KMG002 covers everything the schema
refuses (unknown or duplicate keys, wrong types, missing fields). Both carry the line
and column of the node they are about, so a teacher can jump straight to it.
"""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from ..errors import UserError, os_error_text
from ..fileio import NotARegularFile, read_limited
from ..findings import Finding
from .logo import read_agenda_logo
from .model import FIELD_NAMES, Agenda
from .yamlload import (
    MAX_BYTES,
    MAX_CHARACTER_FINDINGS,
    LoadedYaml,
    Path_,
    YamlSyntaxError,
    character_hint,
    describe_character,
    is_unprintable,
    line_text,
    load_yaml,
)

YAML_CODE = "KMG001"
SCHEMA_CODE = "KMG002"


@dataclass
class AgendaFile:
    """One agenda file as read: the model when it validated, and the findings so far."""

    path: Path
    display: str
    source: LoadedYaml | None = None
    agenda: Agenda | None = None
    findings: list[Finding] = field(default_factory=list)
    # A file the agenda names (the logo) is missing or unusable: `kmg build` stops with exit 2.
    unusable_files: bool = False
    text: str = ""  # the decoded file when it is no YAML we accept (to show the line of a finding)
    # planning.yaml for `kmg plan` (it has `momenten:` and no `onderwerpen:`), checked as such;
    # `kmg build agendas/*.yaml` skips it with a note instead of calling it a broken agenda.
    planning: bool = False

    def line_text(self, line: int) -> str:
        return self.source.line_text(line) if self.source else line_text(self.text, line)


def read_bytes(path: Path) -> bytes:
    """Read a file or raise a Dutch `UserError` (exit code 2) that names it."""
    try:
        return read_limited(path, MAX_BYTES)
    except IsADirectoryError:
        raise UserError("Dit is een map, geen agendabestand. Geef het .yaml-bestand op.", path=path) from None
    except NotARegularFile:
        raise UserError("Dit is geen gewoon bestand (maar bijvoorbeeld een apparaat of pijp).", path=path) from None
    except FileNotFoundError:
        raise UserError("Dit bestand bestaat niet. Controleer de naam en de map.", path=path) from None
    except PermissionError:
        raise UserError("Dit bestand mag niet gelezen worden (geen leesrechten).", path=path) from None
    except OSError as exc:
        raise UserError(f"Dit bestand kan niet gelezen worden ({os_error_text(exc)}).", path=path) from None


def _file_identity(path: Path) -> object:
    """What makes two names one file: device and inode (a hard link, a symlink), else the resolved path."""
    try:
        stat = os.stat(path)
        if stat.st_ino:
            return (stat.st_dev, stat.st_ino)
    except OSError:
        pass  # a missing file: reading it later says why
    try:
        return os.path.normcase(Path(path).resolve())
    except OSError:  # pragma: no cover - resolve() rarely fails
        return os.path.normcase(os.path.abspath(path))


def repeated_files(paths: Sequence[Path]) -> list[tuple[Path, Path]]:
    """(later name, first name) for every path that names a file given before (another spelling or a link)."""
    first: dict[object, Path] = {}
    repeats = []
    for path in paths:
        seen = first.setdefault(_file_identity(path), path)
        if seen is not path:
            repeats.append((path, seen))
    return repeats


def refuse_repeated_files(paths: Sequence[Path]) -> None:
    """A `UserError` when one agenda file is named twice in a command (its documents would collide)."""
    for path, first in repeated_files(paths):
        raise UserError(
            f"Dit bestand staat twee keer in de opdracht (ook als {first}); noem elke agenda één keer.",
            path=path,
        )


def load_agenda(path: Path) -> AgendaFile:
    """Load and validate; never raises for bad content (only for an unreadable file)."""
    result = AgendaFile(path=path, display=str(path))
    raw = read_bytes(path)
    try:
        source = load_yaml(raw)
    except YamlSyntaxError as exc:
        result.text = exc.text or ""
        result.findings.extend(
            Finding(result.display, e.position.line, e.position.column, YAML_CODE, "error", e.message, e.hint)
            for e in (exc, *exc.more)
        )
        return result
    result.source = source
    result.findings.extend(_duplicate_findings(result.display, source))
    result.findings.extend(_unprintable_findings(result.display, source))
    data = source.data
    if not isinstance(data, dict):
        what = {type(None): "leeg", list: "een lijst", str: "een losse tekst"}.get(type(data), "een losse waarde")
        result.findings.append(
            Finding(
                result.display,
                1,
                1,
                SCHEMA_CODE,
                "error",
                f"Het bestand is {what}, maar een agenda is een reeks sleutels met waarden.",
                "Begin met 'versie: 1' en 'school: ...'; `kmg init` maakt een voorbeeld.",
            )
        )
        return result
    try:
        agenda = Agenda.model_validate(data)
    except ValidationError as exc:
        result.findings.extend(_schema_findings(result.display, source, exc))
        return result
    if not result.findings:
        # The logo file is checked here, next to the agenda; a problem is one more finding.
        result.agenda, logo_findings = read_agenda_logo(agenda, path, source, result.display)
        result.findings.extend(logo_findings)
        result.unusable_files = bool(logo_findings)
    return result


def _duplicate_findings(display: str, source: LoadedYaml) -> list[Finding]:
    return [
        Finding(
            display,
            d.position.line,
            d.position.column,
            SCHEMA_CODE,
            "error",
            f"De sleutel '{d.key}' staat er twee keer (eerst op regel {d.first.line}).",
            "Haal een van de twee weg; anders is niet duidelijk welke waarde geldt.",
        )
        for d in source.duplicates
    ]


# How a double-quoted YAML string can write a control character: "\v", "\x0b", "\u000B".
_SHORT_ESCAPES = {
    "\x00": "0",
    "\x07": "a",
    "\x08": "b",
    "\x0b": "v",
    "\x0c": "f",
    "\x1b": "e",
    "\x85": "N",
    "\u2028": "L",
    "\u2029": "P",
}


def _escape_column(line_text: str, start: int, char: str) -> int | None:
    """The 1-based column of `char` in `line_text` (from `start`), as an escape code or as itself."""
    code = ord(char)
    forms = [rf"\\x(?i:{code:02x})", rf"\\u(?i:{code:04x})", rf"\\U(?i:{code:08x})", re.escape(char)]
    if char in _SHORT_ESCAPES:
        forms.append(rf"\\{_SHORT_ESCAPES[char]}")
    # A doubled backslash is a literal one, not the start of an escape.
    match = re.compile(rf"(?<!\\)(?:\\\\)*({'|'.join(forms)})").search(line_text, start)
    if match is None:
        return None
    return match.start(1) + 1


def _strings(data: object, path: Path_) -> Iterator[tuple[Path_, str]]:
    if isinstance(data, str):
        yield path, data
    elif isinstance(data, list):
        for index, item in enumerate(data):
            yield from _strings(item, (*path, index))
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from _strings(value, (*path, key))


def _unprintable_findings(display: str, source: LoadedYaml) -> list[Finding]:
    """Characters written as escape codes ("\x0b", "\u2028") would pass YAML and then stop the build."""
    findings: list[Finding] = []
    for path, text in _strings(source.data, ()):
        pos = source.position(path)
        line = source.line_text(pos.line)
        start = pos.column - 1
        for char in (c for c in text if is_unprintable(c)):
            if len(findings) == MAX_CHARACTER_FINDINGS:
                return findings
            found = _escape_column(line, start, char)
            column = found or pos.column
            start = found if found else start
            findings.append(
                Finding(
                    display,
                    pos.line,
                    column,
                    SCHEMA_CODE,
                    "error",
                    f"{_where(path).capitalize()}: hier staat {describe_character(char)}, "
                    "dat niet kan worden afgedrukt.",
                    "Haal de code weg of vervang hem door een spatie."
                    if char not in "\x0b\x85\u2028\u2029"
                    else character_hint(char).replace("het door", "de code door"),
                )
            )
    return findings


def _context(path: Path_) -> str:
    if len(path) == 0:
        return "agenda"
    if path[0] == "onderwerpen" and len(path) == 2:
        return "onderwerp"
    if path == ("controle",):
        return "controle"
    if path == ("logo",):
        return "logo"
    if path == ("uitnodiging",):
        return "uitnodiging"
    return ""


def _where(path: Path_) -> str:
    """A Dutch description of a location, e.g. "onderwerp 3, 'minuten'"."""
    parts: list[str] = []
    i = 0
    while i < len(path):
        part = path[i]
        if part == "onderwerpen" and i + 1 < len(path) and isinstance(path[i + 1], int):
            parts.append(f"onderwerp {path[i + 1] + 1}")
            i += 2
            continue
        parts.append(f"item {part + 1}" if isinstance(part, int) else f"'{part}'")
        i += 1
    return ", ".join(parts) or "het bestand"


_TYPE_NAMES = {
    "int": "een heel getal",
    "string": "tekst",
    "bool": "true of false",
    "list": "een lijst",
    "dict": "een blok met sleutels",
    "model": "een blok met sleutels",
    "float": "een getal",
    "tuple": "een lijst van twee getallen",
}


def _schema_message(err: dict, path: Path_) -> tuple[str, str]:
    kind = err["type"]
    ctx = err.get("ctx") or {}
    where = _where(path)
    value = err.get("input")
    if kind.startswith("kmg_"):
        # the model's own checks carry their Dutch message and hint
        return f"{where.capitalize()}: {err['msg']}.", str(ctx.get("hint", ""))
    if kind == "missing":
        parent = _where(path[:-1]) if path[:-1] else "De agenda"
        return (
            f"{parent[0].upper()}{parent[1:]}: het veld '{path[-1]}' ontbreekt.",
            f"Voeg '{path[-1]}:' toe; het is verplicht.",
        )
    if kind == "extra_forbidden":
        key = str(path[-1])
        known = FIELD_NAMES.get(_context(path[:-1]), ())
        close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
        hint = f"Bedoelt u '{close[0]}'?" if close else f"Bekende sleutels hier: {', '.join(known)}."
        where_parent = f" ({_where(path[:-1])})" if path[:-1] else ""
        return f"De sleutel '{key}' is onbekend{where_parent}.", hint
    if kind == "literal_error" and path == ("versie",):
        return "Deze versie van het agendaformaat is onbekend.", "Schrijf 'versie: 1'."
    if kind == "enum":
        return (
            f"{where.capitalize()}: '{value}' is geen toegestane waarde.",
            f"Kies uit: {str(ctx.get('expected', '')).replace(' or ', ' of ')}.",
        )
    if kind in ("int_parsing", "int_from_float", "int_type"):
        return (
            f"{where.capitalize()}: hier hoort een heel getal, geen '{value}'.",
            "Schrijf alleen het getal, zonder aanhalingstekens en zonder voorloopnul, bijvoorbeeld 25.",
        )
    if kind in ("string_type",):
        hint = (
            "Zet de waarde tussen aanhalingstekens, dan blijft het tekst."
            if isinstance(value, (int, float, bool))
            else "Schrijf hier een tekst."
        )
        return f"{where.capitalize()}: hier hoort tekst.", hint
    if kind == "bool_type":
        return f"{where.capitalize()}: hier hoort true (ja) of false (nee), geen '{value}'.", "Schrijf true of false."
    if kind == "string_pattern_mismatch":
        if path == ("schooljaar",):
            return (
                "Het schooljaar moet de vorm 2026-2027 hebben.",
                'Schrijf het tussen aanhalingstekens: schooljaar: "2026-2027".',
            )
        return f"{where.capitalize()}: '{value}' heeft niet de juiste vorm.", "Een regelcode ziet eruit als KMG111."
    if kind in ("greater_than_equal", "greater_than"):
        return (
            f"{where.capitalize()}: {value} is te klein.",
            f"De waarde moet minstens {ctx.get('ge', ctx.get('gt'))} zijn.",
        )
    if kind in ("less_than_equal", "less_than"):
        return (
            f"{where.capitalize()}: {value} is te groot.",
            f"De waarde mag hooguit {ctx.get('le', ctx.get('lt'))} zijn.",
        )
    if kind in ("too_long", "string_too_long"):
        return f"{where.capitalize()}: dit is te lang.", f"Het mogen er hooguit {ctx.get('max_length', '')} zijn."
    if kind in ("float_parsing", "float_type", "finite_number"):
        return f"{where.capitalize()}: hier hoort een getal, geen '{value}'.", "Schrijf een getal, bijvoorbeeld 0.5."
    if kind == "string_unicode":
        return f"{where.capitalize()}: deze tekst bevat ongeldige tekens.", "Typ de tekst opnieuw in."
    if kind in ("too_short", "string_too_short"):
        if isinstance(value, str):
            return f"{where.capitalize()}: de tekst is leeg.", "Vul een tekst in of haal de regel weg."
        return f"{where.capitalize()}: de lijst is leeg.", "Zet er minstens één item in."
    if kind.endswith("_type"):
        expected = _TYPE_NAMES.get(kind.removesuffix("_type"), kind)
        return f"{where.capitalize()}: hier hoort {expected}.", "Vergelijk met een voorbeeldagenda uit de map agendas/."
    return f"{where.capitalize()}: {err['msg']}.", "Vergelijk met een voorbeeldagenda uit de map agendas/."


def _schema_findings(display: str, source: LoadedYaml, exc: ValidationError) -> list[Finding]:
    findings = []
    seen: set[tuple[int, int, str]] = set()
    for err in exc.errors(include_url=False):
        path = source.clean_path(err["loc"], FIELD_NAMES)
        message, hint = _schema_message(err, path)
        if err["type"] == "missing":
            pos = source.position(path[:-1])
        else:
            pos = source.position(path, key=err["type"] == "extra_forbidden")
        key = (pos.line, pos.column, message)
        if key in seen:
            continue
        seen.add(key)
        findings.append(Finding(display, pos.line, pos.column, SCHEMA_CODE, "error", message, hint))
    return sorted(findings)
