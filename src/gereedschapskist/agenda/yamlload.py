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

from ..fileio import utf16_without_bom

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
        return line_text(self.text, line)

    def clean_path(self, loc: tuple, field_names: dict[str, tuple[str, ...]]) -> Path_:
        """A pydantic error location without the parts pydantic adds (union branch names like 'str').

        A part stays when it is an index, a field name of the model, or a key in this file.
        """
        known = {name for names in field_names.values() for name in names}
        path: list[str | int] = []
        for part in loc:
            if isinstance(part, int) or part in known or (*path, part) in self.keys:
                path.append(part)
        return tuple(path)


# What an editor counts as a line end; str.splitlines() would also split at U+000B,
# U+0085 or U+2028, and then line numbers would not match what the teacher sees.
_LINE_END = re.compile(r"\r\n|\r|\n")


def line_text(text: str, line: int) -> str:
    """Line `line` (1-based) of `text`, or "" when there is no such line."""
    lines = _LINE_END.split(text)
    return lines[line - 1] if 1 <= line <= len(lines) else ""


class YamlSyntaxError(Exception):
    """The text is not YAML we accept; `message` is Dutch, position 1-based.

    `more` holds further problems of the same kind (every unprintable character,
    not only the first); `text` is the decoded file when it could be decoded.
    """

    def __init__(
        self, message: str, position: Position, hint: str = "", more: tuple[YamlSyntaxError, ...] = ()
    ) -> None:
        super().__init__(message)
        self.message = message
        self.position = position
        self.hint = hint
        self.more = more
        self.text: str | None = None


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


# What PyYAML's reader refuses (its NON_PRINTABLE) plus what it reads but no font prints
# or YAML takes for a line end (U+0085, U+2028, U+2029, private use), found by us first
# so that the message can say where it stands and what it is. Line ends come along to
# count lines the way an editor does.
_SCAN = re.compile(
    "\r\n|\r|\n|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ue000-\uf8ff\ufffe\uffff"
    "\U000f0000-\U0010ffff]"
)
# Enough to see the pattern (a paste from Word has one on every line); the rest is counted.
MAX_CHARACTER_FINDINGS = 20

# Characters with a name a school user may recognise.
_CHARACTER_NAMES = {
    "\x0b": "een regeleinde uit Word (Shift+Enter, U+000B)",
    "\x0c": "een pagina-einde (U+000C)",
    "\x1b": "een Escape-teken (U+001B)",
    "\x85": "een onzichtbaar regeleinde (U+0085)",
    "\u2028": "een onzichtbaar regeleinde (U+2028, vaak uit Word of een webpagina)",
    "\u2029": "een onzichtbaar alinea-einde (U+2029)",
}
# Line ends that are not Enter: a space or a real new line is what was meant.
_LINE_END_LIKE = {"\x0b", "\x85", "\u2028", "\u2029"}


def describe_character(char: str) -> str:
    """A character that cannot be printed, in words: "een regeleinde uit Word (Shift+Enter, U+000B)"."""
    code = f"U+{ord(char):04X}"
    if char in _CHARACTER_NAMES:
        return _CHARACTER_NAMES[char]
    category = unicodedata.category(char)
    if category == "Cc":
        return f"een onzichtbaar stuurteken ({code})"
    if category == "Co":
        return f"een eigen teken van één lettertype ({code}, privégebied van Unicode)"
    return f"een teken dat niet in tekst hoort ({code})"


def is_unprintable(char: str) -> bool:
    """A character no font prints: controls (a tab and line ends are fine), U+2028/U+2029, private use.

    Format characters (category Cf) are not among them: the zero-width (non-)joiner
    belongs in Persian and Arabic words, and the PDF handles the others.
    """
    category = unicodedata.category(char)
    return (category == "Cc" and char not in "\t\n\r") or category in {"Zl", "Zp", "Co", "Cs"}


def character_hint(char: str) -> str:
    if char in _LINE_END_LIKE:
        return "Vervang het door een spatie, of begin met Enter een nieuwe regel."
    return "Haal het teken weg (het is onzichtbaar: zet de cursor op deze plek) of vervang het door een spatie."


def _refuse_unprintable(text: str) -> None:
    problems: list[YamlSyntaxError] = []
    line, line_start = 1, 0
    for match in _SCAN.finditer(text):
        char = match.group()
        if char in ("\r\n", "\r", "\n"):
            line, line_start = line + 1, match.end()
            continue
        problems.append(
            YamlSyntaxError(
                f"Hier staat {describe_character(char)}; dat teken kan niet in een agenda.",
                Position(line, match.start() - line_start + 1),
                character_hint(char),
            )
        )
    if not problems:
        return
    first, *rest = problems
    if len(problems) > MAX_CHARACTER_FINDINGS:
        first.hint += f" In het hele bestand staan {len(problems)} van zulke tekens."
    raise YamlSyntaxError(first.message, first.position, first.hint, tuple(rest[: MAX_CHARACTER_FINDINGS - 1]))


def _utf16_codec(raw: bytes) -> str | None:
    """"utf-16" for Notepad's "Unicode" (with a BOM), "utf-16-le"/"-be" for text without one, else None."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    return utf16_without_bom(raw)


def _is_utf16(raw: bytes) -> bool:
    return _utf16_codec(raw) is not None


def decode(raw: bytes) -> str:
    """UTF-8 (a BOM is allowed) or UTF-16; anything else is refused at the first bad byte."""
    if codec := _utf16_codec(raw):
        try:
            return raw.decode(codec)
        except UnicodeDecodeError:
            raise YamlSyntaxError(
                "Het bestand lijkt UTF-16 maar is beschadigd.",
                Position(1, 1),
                "Sla het bestand opnieuw op met de codering UTF-8 (in Kladblok: Opslaan als, Codering: UTF-8).",
            ) from None
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = re.split(rb"\r\n|\r|\n", raw[: exc.start])
        # The column counts characters, as an editor does: decode what stands before the byte.
        column = len(before[-1].decode("utf-8", errors="replace")) + 1
        raise YamlSyntaxError(
            "Het bestand is niet opgeslagen als UTF-8.",
            Position(len(before), column),
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
    if b"\x00" in raw and not _is_utf16(raw):
        raise YamlSyntaxError(
            "Het bestand bevat binaire gegevens en is geen tekstbestand.",
            Position(raw[: raw.index(b"\x00")].count(b"\n") + 1, 1),
            "Kies het .yaml-bestand met de agenda, niet een document of afbeelding.",
        )
    text = decode(raw)
    try:
        _refuse_unprintable(text)
    except YamlSyntaxError as exc:
        exc.text = text  # so that the findings can show their line
        raise
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
