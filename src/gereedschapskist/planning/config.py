"""planning.yaml (format v1): the moments, the teachers' availability and the time rules.

Read like an agenda (`kmg check`): every problem is a `Finding` with line and column,
never a traceback. An example::

    versie: 1
    momenten:
      - naam: di 8 sep
        datum: 2026-09-08
        van: "15:00"
        tot: "19:00"
        groepen: [3, 4, 5]        # optioneel: standaard alle groepen
        plaats: Lokaal van de groep
    klassen:                      # optioneel, per groep (naam uit de klassenlijst)
      "4/5":
        momenten: [di 8 sep]      # de leerkracht kan alleen op deze momenten
        leerkracht: Juf Marieke   # optioneel: dezelfde persoon als bij een andere groep
    wisseltijd: 5                 # minuten tussen twee gesprekken
    pauze: {na: 120, minuten: 15}
    reistijd: 15                  # minuten tussen twee huisbezoeken
    taalhulp_extra: 10            # minuten extra als iemand meekomt voor de taal

The teacher of a class is the class list's `leerkracht` text (or `klassen.<groep>.leerkracht`):
two classes with the same text are one person, who is never in two conversations at once.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from datetime import date, time
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError, model_validator
from pydantic_core import PydanticCustomError

from ..agenda.yamlload import LoadedYaml, Path_, YamlSyntaxError, load_yaml
from ..errors import UserError
from ..findings import Finding

YAML_CODE = "KMG001"
SCHEMA_CODE = "KMG002"
PLAN_CODE = "KMG301"  # a planning.yaml that parses but does not fit the class list


_DATE_ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")
_DATE_NL = re.compile(r"^\s*(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})\s*$")


def _date(value: object) -> object:
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        iso, dutch = _DATE_ISO.match(value), _DATE_NL.match(value)
        try:
            if iso:
                return date(int(iso[1]), int(iso[2]), int(iso[3]))
            if dutch:
                return date(int(dutch[3]), int(dutch[2]), int(dutch[1]))
        except ValueError:
            pass
    raise PydanticCustomError(
        "kmg_planning",
        "'{value}' is geen datum",
        {"value": value, "hint": "Schrijf de datum als 2026-09-08 (jaar-maand-dag)."},
    )


_RANGE = re.compile(r"^\s*(?:groep\s*)?\d{1,2}\s*(?:-|–|t/m|tm)\s*\d{1,2}\s*$", re.IGNORECASE)
_TIME = re.compile(r"^\s*(\d{1,2})[:.](\d{2})\s*(?:uur)?\s*$")


def _time(value: object) -> object:
    if isinstance(value, time):
        return value
    if isinstance(value, str):
        match = _TIME.match(value)
        if match and int(match[1]) < 24 and int(match[2]) < 60:
            return time(int(match[1]), int(match[2]))
    raise PydanticCustomError(
        "kmg_planning",
        "'{value}' is geen tijd",
        {"value": value, "hint": "Schrijf de tijd als uren:minuten, bijvoorbeeld 15:30."},
    )


def _as_list(value: object) -> object:
    return [value] if isinstance(value, (str, int)) and not isinstance(value, bool) else value


def _str_keys(value: object) -> object:
    # `klassen: {3: ...}` names class "3"; YAML reads the key as a number.
    if isinstance(value, dict):
        return {str(k) if isinstance(k, int) and not isinstance(k, bool) else k: v for k, v in value.items()}
    return value


Datum = Annotated[date, BeforeValidator(_date)]
Tijd = Annotated[time, BeforeValidator(_time)]
Groep = int | str


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class Moment(_Strict):
    """Eén moment waarop gesprekken kunnen: een middag of avond."""

    naam: str = Field(min_length=1, description="De naam op het antwoordstrookje en in antwoorden.csv.")
    datum: Datum = Field(description="De datum, bijvoorbeeld 2026-09-08.")
    van: Tijd = Field(description='Begintijd, bijvoorbeeld "15:00".')
    tot: Tijd = Field(description='Eindtijd, bijvoorbeeld "19:00": het laatste gesprek is dan klaar.')
    groepen: Annotated[list[Groep], BeforeValidator(_as_list)] | None = Field(
        default=None, description="Jaargroepen of groepsnamen voor wie dit moment is (standaard alle groepen)."
    )
    plaats: str = Field(default="", description="Waar de gesprekken zijn, bijvoorbeeld 'Lokaal van de groep'.")

    @model_validator(mode="after")
    def _order(self) -> Moment:
        if self.tot <= self.van:
            raise PydanticCustomError(
                "kmg_planning",
                "'tot' ({tot}) ligt niet na 'van' ({van})",
                {"tot": self.tot.strftime("%H:%M"), "van": self.van.strftime("%H:%M"), "hint": "Verbeter de tijden."},
            )
        return self

    @property
    def minutes(self) -> int:
        """Length of the moment in minutes."""
        return (self.tot.hour * 60 + self.tot.minute) - (self.van.hour * 60 + self.van.minute)


class Klas(_Strict):
    """Wat alleen voor één groep geldt."""

    momenten: Annotated[list[str], BeforeValidator(_as_list)] | None = Field(
        default=None, description="De momenten waarop de leerkracht van deze groep kan (standaard alle)."
    )
    leerkracht: str | None = Field(
        default=None,
        description="Wie de gesprekken voert, als dat anders moet dan in de klassenlijst; "
        "dezelfde naam bij twee groepen is één persoon.",
    )


class Pauze(_Strict):
    """Na hoogstens `na` minuten gesprekken een pauze van `minuten`."""

    na: int = Field(default=120, ge=30, le=600, description="Hoogstens zoveel minuten achter elkaar.")
    minuten: int = Field(default=15, ge=1, le=120, description="Zo lang duurt de pauze.")


class Planning(_Strict):
    """planning.yaml: de momenten en de tijdregels voor `kmg plan`."""

    versie: Literal[1] = Field(default=1, description="Versie van het formaat; altijd 1.")
    momenten: list[Moment] = Field(min_length=1, description="De middagen en avonden met gesprekken.")
    klassen: Annotated[dict[str, Klas], BeforeValidator(_str_keys)] = Field(
        default_factory=dict, description="Per groep: beschikbaarheid van de leerkracht."
    )
    wisseltijd: int = Field(default=5, ge=0, le=60, description="Minuten tussen twee gesprekken van één leerkracht.")
    pauze: Pauze | None = Field(
        default_factory=Pauze, description="Pauze voor de leerkracht; null of weglaten van de sleutel: standaard."
    )
    reistijd: int = Field(default=15, ge=0, le=180, description="Minuten tussen twee huisbezoeken.")
    taalhulp_extra: int = Field(
        default=10, ge=0, le=60, description="Minuten extra als het gezin iemand meeneemt die helpt met de taal."
    )

    @model_validator(mode="after")
    def _unique(self) -> Planning:
        seen: set[str] = set()
        for index, moment in enumerate(self.momenten):
            key = moment_key(moment.naam)
            if key in seen:
                raise PydanticCustomError(
                    "kmg_planning",
                    "moment {index}: de naam '{naam}' staat er twee keer",
                    {"index": index + 1, "naam": moment.naam, "hint": "Geef elk moment een eigen naam."},
                )
            seen.add(key)
        return self

    def moment(self, naam: str) -> Moment | None:
        key = moment_key(naam)
        return next((m for m in self.momenten if moment_key(m.naam) == key), None)


FIELD_NAMES: dict[str, tuple[str, ...]] = {
    "": tuple(Planning.model_fields),
    "momenten": tuple(Moment.model_fields),
    "klassen": tuple(Klas.model_fields),
    "pauze": tuple(Pauze.model_fields),
}


def moment_key(naam: str) -> str:
    """What makes two spellings one moment name: case and spaces do not count."""
    return " ".join(naam.casefold().split())


def planning_schema() -> dict[str, Any]:
    """The JSON Schema of planning.yaml (for `kmg schema --planning`)."""
    schema = Planning.model_json_schema(mode="validation")
    for name, moment_field in (("datum", "string"), ("van", "string"), ("tot", "string")):
        props = schema["$defs"]["Moment"]["properties"][name]
        props.pop("format", None)
        props["type"] = moment_field
    schema["$defs"]["Moment"]["properties"]["datum"]["pattern"] = r"^\d{4}-\d{1,2}-\d{1,2}$|^\d{1,2}-\d{1,2}-\d{4}$"
    for name in ("van", "tot"):
        schema["$defs"]["Moment"]["properties"][name]["pattern"] = r"^\d{1,2}[:.]\d{2}$"
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}


@dataclass
class PlanningFile:
    """planning.yaml as read: the model when it validated, and the findings."""

    path: Path
    display: str
    planning: Planning | None = None
    source: LoadedYaml | None = None
    findings: list[Finding] = field(default_factory=list)

    def raise_for_errors(self) -> Planning:
        """The model, or a `UserError` (exit 2) with every error finding, one per line."""
        errors = [f for f in self.findings if f.level == "error"]
        if self.planning is None or errors:
            lines = [f"{f.file}:{f.line}:{f.column}: {f.message} {f.hint}".strip() for f in errors]
            raise UserError("\n".join(lines) or "planning.yaml is niet bruikbaar.")
        return self.planning


def load_planning(path: Path) -> PlanningFile:
    """Read and validate planning.yaml; bad content becomes findings, an unreadable file a `UserError`."""
    from ..agenda.load import read_bytes

    result = PlanningFile(path=Path(path), display=str(path))
    try:
        raw = read_bytes(Path(path))
    except UserError as exc:
        raise UserError(exc.message.replace("agendabestand", "planningsbestand"), path=path) from None
    try:
        source = load_yaml(raw)
    except YamlSyntaxError as exc:
        result.findings.extend(
            Finding(result.display, e.position.line, e.position.column, YAML_CODE, "error", e.message, e.hint)
            for e in (exc, *exc.more)
        )
        return result
    result.source = source
    for dup in source.duplicates:
        result.findings.append(
            Finding(
                result.display,
                dup.position.line,
                dup.position.column,
                SCHEMA_CODE,
                "error",
                f"De sleutel '{dup.key}' staat er twee keer (eerst op regel {dup.first.line}).",
                "Haal een van de twee weg.",
            )
        )
    if not isinstance(source.data, dict):
        result.findings.append(
            Finding(
                result.display,
                1,
                1,
                SCHEMA_CODE,
                "error",
                "Het bestand is geen reeks sleutels met waarden.",
                "Begin met 'versie: 1' en 'momenten:'; zie agendas/planning.yaml.",
            )
        )
        return result
    try:
        planning = Planning.model_validate(_times_as_written(source))
    except ValidationError as exc:
        result.findings.extend(_schema_findings(result.display, source, exc))
        return result
    result.findings.extend(_date_warnings(result.display, source, planning))
    if not any(f.level == "error" for f in result.findings):
        result.planning = planning
    return result


_DOTTED = re.compile(r"""["']?(\d{1,2}\.\d{2})\b""")
_WEEKDAYS = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")


def _times_as_written(source: LoadedYaml) -> Any:
    """The data, with `van: 15.00` (a number to YAML: 15.0) as the text the school wrote ("15.00")."""
    data = source.data
    moments = data.get("momenten")
    if not isinstance(moments, list):
        return data
    fixed = []
    for index, moment in enumerate(moments):
        if isinstance(moment, dict):
            moment = dict(moment)
            for key in ("van", "tot"):
                if isinstance(moment.get(key), float):
                    pos = source.position(("momenten", index, key))
                    match = _DOTTED.match(source.line_text(pos.line)[pos.column - 1 :])
                    moment[key] = match[1] if match else str(moment[key])
        fixed.append(moment)
    return {**data, "momenten": fixed}


def _date_warnings(display: str, source: LoadedYaml, planning: Planning) -> list[Finding]:
    """A moment on a Saturday or Sunday is most likely a typing error in the date."""
    findings = []
    for index, moment in enumerate(planning.momenten):
        if moment.datum.weekday() >= 5:
            pos = source.position(("momenten", index, "datum"))
            findings.append(
                Finding(
                    display,
                    pos.line,
                    pos.column,
                    PLAN_CODE,
                    "warning",
                    f"Moment {index + 1}: {moment.datum.isoformat()} is een {_WEEKDAYS[moment.datum.weekday()]}.",
                    "Kijk of de datum klopt.",
                )
            )
    return findings


def _where(path: Path_) -> str:
    parts: list[str] = []
    i = 0
    while i < len(path):
        part = path[i]
        if part == "momenten" and i == 0 and i + 1 < len(path) and isinstance(path[i + 1], int):
            parts.append(f"moment {path[i + 1] + 1}")
            i += 2
            continue
        if part == "klassen" and i == 0 and i + 1 < len(path):
            parts.append(f"groep '{path[i + 1]}'")
            i += 2
            continue
        parts.append(f"item {part + 1}" if isinstance(part, int) else f"'{part}'")
        i += 1
    return ", ".join(parts) or "het bestand"


def _context(path: Path_) -> str:
    if not path:
        return ""
    if path[0] == "momenten":
        return "momenten"
    if path[0] == "klassen":
        return "klassen"
    return str(path[0])


def _message(err: dict, path: Path_) -> tuple[str, str]:
    kind = err["type"]
    ctx = err.get("ctx") or {}
    where = _where(path)
    where = where[0].upper() + where[1:]
    value = err.get("input")
    if kind == "kmg_planning":
        return f"{where}: {err['msg']}.", str(ctx.get("hint", ""))
    if kind == "missing":
        parent = _where(path[:-1]) if path[:-1] else "planning.yaml"
        return f"{parent[0].upper()}{parent[1:]}: het veld '{path[-1]}' ontbreekt.", f"Voeg '{path[-1]}:' toe."
    if kind == "extra_forbidden":
        key = str(path[-1])
        known = FIELD_NAMES.get(_context(path[:-1]), ())
        close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
        hint = f"Bedoelt u '{close[0]}'?" if close else f"Bekende sleutels hier: {', '.join(known)}."
        return f"De sleutel '{key}' is onbekend.", hint
    if kind == "literal_error":
        return "Deze versie van het planningsformaat is onbekend.", "Schrijf 'versie: 1'."
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return f"{where}: hier hoort een heel getal, geen '{value}'.", "Schrijf een aantal minuten, bijvoorbeeld 15."
    if kind in ("greater_than_equal", "less_than_equal"):
        bound = ctx.get("ge", ctx.get("le"))
        word = "minstens" if kind == "greater_than_equal" else "hooguit"
        return f"{where}: {value} kan niet.", f"De waarde moet {word} {bound} zijn."
    if kind in ("string_type", "str_type"):
        return f"{where}: hier hoort tekst.", "Zet de waarde tussen aanhalingstekens."
    if kind in ("too_short", "string_too_short"):
        return f"{where}: dit is leeg.", "Vul het in of haal de regel weg."
    if kind in ("list_type",):
        return f"{where}: hier hoort een lijst.", "Schrijf bijvoorbeeld [3, 4, 5]."
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return f"{where}: hier hoort een blok met sleutels.", "Zie het voorbeeld in agendas/planning.yaml."
    return f"{where}: {err['msg']}.", "Zie het voorbeeld in agendas/planning.yaml."


def _schema_findings(display: str, source: LoadedYaml, exc: ValidationError) -> list[Finding]:
    findings: list[Finding] = []
    seen: set[tuple[int, int, str]] = set()
    for err in exc.errors(include_url=False):
        path = source.clean_path(err["loc"], FIELD_NAMES)
        message, hint = _message(err, path)
        if err["type"] == "missing":
            pos = source.position(path[:-1])
        elif err["type"] == "kmg_planning" and path == () and "index" in (err.get("ctx") or {}):
            pos = source.position(("momenten", int(err["ctx"]["index"]) - 1, "naam"))
        else:
            pos = source.position(path, key=err["type"] == "extra_forbidden")
        key = (pos.line, pos.column, message)
        if key in seen:
            continue
        seen.add(key)
        findings.append(Finding(display, pos.line, pos.column, SCHEMA_CODE, "error", message, hint))
    return sorted(findings)


def class_findings(planning_file: PlanningFile, class_names: list[str]) -> list[Finding]:
    """Names in planning.yaml that fit no class or no moment (needs the class list)."""
    from ..classes.model import class_key

    planning, source = planning_file.planning, planning_file.source
    if planning is None or source is None:
        return []
    keys = {class_key(n): n for n in class_names}
    moment_names = [m.naam for m in planning.momenten]
    findings: list[Finding] = []

    def error(pos: Any, message: str, hint: str) -> Finding:
        return Finding(planning_file.display, pos.line, pos.column, PLAN_CODE, "error", message, hint)

    for name, klas in planning.klassen.items():
        if class_key(name) not in keys:
            pos = source.position(("klassen", name), key=True)
            close = difflib.get_close_matches(class_key(name), list(keys), n=1, cutoff=0.6)
            hint = f'Bedoelt u "{keys[close[0]]}"?' if close else "Gebruik de naam uit de klassenlijst."
            findings.append(error(pos, f"De groep '{name}' staat niet in de klassenlijst.", hint))
        for index, moment in enumerate(klas.momenten or []):
            if planning.moment(moment) is None:
                pos = source.position(("klassen", name, "momenten", index))
                close = difflib.get_close_matches(moment, moment_names, n=1, cutoff=0.6)
                hint = f"Bedoelt u '{close[0]}'?" if close else f"Kies uit: {', '.join(moment_names)}."
                findings.append(
                    error(pos, f"Het moment '{moment}' bij groep '{name}' staat niet bij 'momenten'.", hint)
                )
    for index, moment in enumerate(planning.momenten):
        for position, groep in enumerate(moment.groepen or []):
            if not isinstance(groep, str) or class_key(groep) in keys:
                continue
            pos = source.position(("momenten", index, "groepen", position))
            if _RANGE.match(groep):
                first, last = (int(n) for n in re.findall(r"\d+", groep))
                hint = f"Schrijf de jaargroepen als getallen: {list(range(first, last + 1))}."
            elif class_key(groep).isdigit():
                hint = f"Schrijf de jaargroep als getal, zonder aanhalingstekens: {class_key(groep)}."
            else:
                close = difflib.get_close_matches(class_key(groep), list(keys), n=1, cutoff=0.6)
                hint = (
                    f'Bedoelt u "{keys[close[0]]}"?'
                    if close
                    else "Gebruik de naam uit de klassenlijst of een jaargroep."
                )
            findings.append(
                error(pos, f"Moment {index + 1}: de groep '{groep}' bij 'groepen' staat niet in de klassenlijst.", hint)
            )
    return findings
