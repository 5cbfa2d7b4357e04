"""Load an agenda's YAML safely, keep the position of every node, and stay close to YAML 1.2.

Plain PyYAML follows YAML 1.1: `12:30` becomes 750, `nee`/`no` a boolean, `010` an octal,
`2026-09-01` a date, and a duplicate key silently keeps the last value. Teachers write
these files by hand, so every one of those surprises is a bug for us. This loader:

- resolves only `true`/`false`, `null`/`~`, plain decimal integers (no leading zero) and
  plain decimal floats; everything else stays a string;
- reports duplicate keys;
- refuses aliases (`*anker`), which closes the "billion laughs" expansion attack;
- records `(line, column)` (1-based) for every mapping key and value, keyed by the path
  of the node, so that validation errors can point at the exact spot.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.resolver import Resolver
from yaml.scanner import Scanner

Path_ = tuple[str | int, ...]

# Large enough for any real agenda (a full one is ~5 kB), small enough to refuse a pasted
# PDF or a log file before PyYAML spends seconds on it.
MAX_BYTES = 512 * 1024


class _Resolver(Resolver):
    """A resolver with only YAML 1.2 core-schema-like implicit types, stricter about ints."""


_Resolver.yaml_implicit_resolvers = {}
_Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
_Resolver.add_implicit_resolver("tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""])
# `010` stays text: a leading zero is how people write a code, not a number.
_Resolver.add_implicit_resolver("tag:yaml.org,2002:int", re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$"), list("-+0123456789"))
_Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"^[-+]?(?:(?:0|[1-9][0-9]*)\.[0-9]+)(?:[eE][-+]?[0-9]+)?$"),
    list("-+0123456789"),
)


class AliasNotAllowed(yaml.MarkedYAMLError):
    """Raised when the document uses an alias; we never expand them."""


class _Composer(Composer):
    def compose_node(self, parent: Node | None, index: Any) -> Node:  # type: ignore[override]
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise AliasNotAllowed(None, None, "alias", event.start_mark)
        return super().compose_node(parent, index)


class _Loader(Reader, Scanner, Parser, _Composer, SafeConstructor, _Resolver):
    def __init__(self, stream: str) -> None:
        Reader.__init__(self, stream)
        Scanner.__init__(self)
        Parser.__init__(self)
        _Composer.__init__(self)
        SafeConstructor.__init__(self)
        _Resolver.__init__(self)


@dataclass(frozen=True)
class Position:
    line: int  # 1-based
    column: int  # 1-based


@dataclass
class DuplicateKey:
    path: Path_
    key: str
    position: Position
    first: Position


@dataclass
class LoadedYaml:
    """The plain data plus where each piece of it stood in the file."""

    data: Any
    text: str
    # position of the value at a path, and of the key that introduced it
    values: dict[Path_, Position] = field(default_factory=dict)
    keys: dict[Path_, Position] = field(default_factory=dict)
    duplicates: list[DuplicateKey] = field(default_factory=list)

    def position(self, path: Path_, *, key: bool = False) -> Position:
        """The best position for `path`: the exact node, or the nearest ancestor we know."""
        table = self.keys if key else self.values
        probe = tuple(path)
        while probe:
            if probe in table:
                return table[probe]
            if probe in self.values:
                return self.values[probe]
            probe = probe[:-1]
        return self.values.get((), Position(1, 1))

    def line_text(self, line: int) -> str:
        lines = self.text.splitlines()
        return lines[line - 1] if 1 <= line <= len(lines) else ""


class YamlSyntaxError(Exception):
    """The text is not YAML we accept; `message` is Dutch, position 1-based."""

    def __init__(self, message: str, position: Position, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.position = position
        self.hint = hint


def _pos(node: Node) -> Position:
    return Position(node.start_mark.line + 1, node.start_mark.column + 1)


_CONVERT = {
    "tag:yaml.org,2002:str": str,
    "tag:yaml.org,2002:int": int,
    "tag:yaml.org,2002:float": float,
    "tag:yaml.org,2002:bool": lambda v: v.lower() == "true",
    "tag:yaml.org,2002:null": lambda v: None,
}


def _scalar(node: ScalarNode) -> Any:
    convert = _CONVERT.get(node.tag)
    if convert is None:
        raise YamlSyntaxError(
            f"Het label '{node.tag}' wordt niet ondersteund.",
            _pos(node),
            "Haal het label met '!' weg; gewone tekst, getallen en lijsten zijn genoeg.",
        )
    try:
        return convert(node.value)
    except ValueError:
        if node.tag == "tag:yaml.org,2002:int" and node.value.lstrip("+-").isdigit():
            # Python refuses to read integers of thousands of digits
            raise YamlSyntaxError(
                "Dit getal is veel te groot.", _pos(node), "Schrijf een gewoon aantal minuten, bijvoorbeeld 25."
            ) from None
        raise YamlSyntaxError(
            f"De waarde '{node.value}' past niet bij het label '{node.tag}'.",
            _pos(node),
            "Haal het label met '!!' weg.",
        ) from None


def _build(node: Node, path: Path_, out: LoadedYaml) -> Any:
    out.values[path] = _pos(node)
    if isinstance(node, ScalarNode):
        return _scalar(node)
    if isinstance(node, SequenceNode):
        return [_build(item, (*path, i), out) for i, item in enumerate(node.value)]
    if isinstance(node, MappingNode):
        result: dict[Any, Any] = {}
        seen: dict[Any, Position] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                raise YamlSyntaxError(
                    "Een sleutel moet gewone tekst zijn, geen lijst of blok.",
                    _pos(key_node),
                    "Schrijf de sleutel als tekst gevolgd door een dubbele punt, zoals 'titel:'.",
                )
            # Keys are always text: `5:` is an unknown key '5', not a number (and no int() to fail).
            key = key_node.value
            key_path = (*path, key)
            if key in seen:
                out.duplicates.append(DuplicateKey(path, str(key), _pos(key_node), seen[key]))
                continue  # keep the first: a later copy is the likelier accident
            seen[key] = _pos(key_node)
            out.keys[key_path] = _pos(key_node)
            result[key] = _build(value_node, key_path, out)
        return result
    raise YamlSyntaxError("Onbekend soort YAML-knoop.", _pos(node))  # pragma: no cover - PyYAML has only three


_PROBLEMS_NL = [
    (
        "found character '\\t' that cannot start any token",
        "Er staat een tab in het bestand.",
        "YAML accepteert geen tabs voor inspringen: gebruik spaties.",
    ),
    (
        "found character that cannot start any token",
        "Hier staat een teken waarmee geen YAML-waarde kan beginnen.",
        'Zet de tekst tussen aanhalingstekens, bijvoorbeeld "...".',
    ),
    (
        "mapping values are not allowed here",
        "Hier staat een dubbele punt die YAML niet verwacht.",
        "Staat er een ': ' in een tekst? Zet die tekst dan tussen aanhalingstekens.",
    ),
    (
        "could not find expected ':'",
        "Hier ontbreekt een dubbele punt na een sleutel.",
        "Schrijf 'sleutel: waarde', met een spatie na de dubbele punt.",
    ),
    (
        "found unexpected end of stream",
        "Het bestand houdt midden in een waarde op.",
        "Sluit aanhalingstekens en haakjes die geopend zijn.",
    ),
    ("bad indentation", "De inspringing klopt hier niet.", "Lijn de regels uit met spaties zoals de regels erboven."),
    (
        "expected <block end>",
        "De inspringing klopt hier niet.",
        "Lijn de regels uit met spaties zoals de regels erboven.",
    ),
    (
        "did not find expected key",
        "De inspringing klopt hier niet of er ontbreekt een '-'.",
        "Vergelijk de inspringing met de regels erboven.",
    ),
    (
        "did not find expected '-' indicator",
        "Hier verwacht YAML een nieuw lijstitem dat met '- ' begint.",
        "Vergelijk de inspringing met de regels erboven.",
    ),
    (
        "while scanning a quoted scalar",
        "Een tekst tussen aanhalingstekens wordt niet afgesloten.",
        "Sluit de tekst af met hetzelfde aanhalingsteken waarmee hij begint.",
    ),
    (
        "special characters are not allowed",
        "Het bestand bevat onleesbare tekens (is het wel een tekstbestand?).",
        "Open het agendabestand in een teksteditor en sla het op als UTF-8.",
    ),
    (
        "expected ',' or ']'",
        "Een lijst tussen [ ] wordt niet goed afgesloten.",
        "Scheid de items met komma's en sluit af met ']'.",
    ),
    (
        "expected ',' or '}'",
        "Een blok tussen { } wordt niet goed afgesloten.",
        "Scheid de items met komma's en sluit af met '}'.",
    ),
]


def _translate(exc: yaml.YAMLError) -> YamlSyntaxError:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    position = Position(mark.line + 1, mark.column + 1) if mark is not None else Position(1, 1)
    if isinstance(exc, AliasNotAllowed):
        return YamlSyntaxError(
            "Verwijzingen met '*' (YAML-aliassen) worden niet ondersteund.",
            position,
            "Schrijf de tekst voluit in plaats van '&anker' en '*anker' te gebruiken.",
        )
    text = str(exc)
    for needle, message, hint in _PROBLEMS_NL:
        if needle in text:
            return YamlSyntaxError(message, position, hint)
    if isinstance(exc, yaml.reader.ReaderError):
        return YamlSyntaxError(
            "Het bestand bevat tekens die niet in een tekstbestand horen.",
            Position(1, 1),
            "Is dit wel het agendabestand? Sla het op als platte tekst (UTF-8).",
        )
    problem = getattr(exc, "problem", None) or text.splitlines()[0]
    return YamlSyntaxError(
        f"Dit is geen geldige YAML ({problem}).",
        position,
        "Vergelijk deze regel met een voorbeeldagenda uit de map agendas/.",
    )


# What PyYAML's reader refuses in a file (its NON_PRINTABLE), found by us first so that
# the message can say where it stands and what it is.
_NOT_IN_YAML = re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")

# Control characters with a name a school user may recognise.
_CONTROL_NAMES = {
    "\x0b": "een regeleinde uit Word (Shift+Enter, U+000B)",
    "\x0c": "een pagina-einde (U+000C)",
    "\x1b": "een Escape-teken (U+001B)",
}


def describe_character(char: str) -> str:
    """A control character in words: "een regeleinde uit Word (Shift+Enter, U+000B)"."""
    code = f"U+{ord(char):04X}"
    if char in _CONTROL_NAMES:
        return _CONTROL_NAMES[char]
    if unicodedata.category(char) == "Cc":
        return f"een onzichtbaar stuurteken ({code})"
    return f"een teken dat niet in tekst hoort ({code})"


def is_unprintable(char: str) -> bool:
    """A control character that no font can print (a tab and line ends are fine)."""
    return unicodedata.category(char) == "Cc" and char not in "\t\n\r"


def _refuse_unprintable(text: str) -> None:
    match = _NOT_IN_YAML.search(text)
    if match is None:
        return
    index = match.start()
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    char = match.group()
    hint = (
        "Vervang het door een spatie, of begin met Enter een nieuwe regel."
        if char == "\x0b"
        else "Haal het teken weg (het is onzichtbaar: zet de cursor op deze plek) of vervang het door een spatie."
    )
    raise YamlSyntaxError(
        f"Hier staat {describe_character(char)}; dat teken kan niet in een agenda.", Position(line, column), hint
    )


def decode(raw: bytes) -> str:
    """UTF-8 (a BOM is allowed); anything else is refused with the line of the first bad byte."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise YamlSyntaxError(
            "Het bestand is niet opgeslagen als UTF-8.",
            Position(line, 1),
            "Sla het bestand opnieuw op met de codering UTF-8 (in Kladblok: Opslaan als, Codering: UTF-8).",
        ) from None


def load_yaml(raw: bytes) -> LoadedYaml:
    """Parse bytes into data with positions; raises `YamlSyntaxError` in Dutch."""
    if len(raw) > MAX_BYTES:
        raise YamlSyntaxError(
            f"Het bestand is te groot voor een agenda (meer dan {MAX_BYTES // 1024} kB).",
            Position(1, 1),
            "Is dit wel het agendabestand? Een agenda is meestal een paar kilobyte.",
        )
    if b"\x00" in raw:
        raise YamlSyntaxError(
            "Het bestand bevat binaire gegevens en is geen tekstbestand.",
            Position(raw[: raw.index(b"\x00")].count(b"\n") + 1, 1),
            "Kies het .yaml-bestand met de agenda, niet een document of afbeelding.",
        )
    text = decode(raw)
    _refuse_unprintable(text)
    loader = None
    try:
        loader = _Loader(text)
        node = loader.get_single_node()
        out = LoadedYaml(data=None, text=text)
        if node is not None:
            out.data = _build(node, (), out)
        return out
    except yaml.YAMLError as exc:
        raise _translate(exc) from None
    except RecursionError:
        raise YamlSyntaxError(
            "Het bestand is te diep genest.",
            Position(1, 1),
            "Een agenda heeft maar een paar niveaus; kijk of er haakjes niet gesloten zijn.",
        ) from None
    finally:
        if loader is not None:
            loader.dispose()
