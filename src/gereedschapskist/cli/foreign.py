"""WeasyPrint's and Jinja's own English messages, said in Dutch before a school sees them.

A warning like "Failed to load image at 'file:///…/logo.png': …" comes from WeasyPrint
while it lays out a school's own template; a template error like "Range too big" comes
from Jinja's sandbox. The patterns below are the ones a school template can trigger; a
message no pattern knows becomes one general Dutch line. The original text is shown
only with `--uitgebreid` (or `--verbose`) (it helps whoever maintains the templates).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..errors import UserError


def _url(text: str) -> str:
    """Only the file name of a template-relative URL: the full path says little to a teacher."""
    text = text.strip("'\"")
    return text.rsplit("/", 1)[-1] if text.startswith("file:") else text


def _reason(text: str) -> str:
    # kmg's own fetcher refuses in Dutch ("RefusedURL: geweigerd: ..."); WeasyPrint's reasons are English
    if "niet gevonden" in text:
        return " (dat bestand bestaat niet)"
    if "geweigerd" in text:
        return " (kmg laadt alleen bestanden uit de sjabloonmappen)"
    return ""


_PATTERNS: tuple[tuple[re.Pattern[str], object], ...] = tuple(
    (re.compile(pattern, re.S), dutch)
    for pattern, dutch in (
        (
            r"Failed to load image at (.+?): (.*)",
            lambda m: f"de afbeelding {_url(m[1])} kon niet geladen worden en is weggelaten{_reason(m[2])}.",
        ),
        (
            r'Image "(.*?)" has no required alt description',
            lambda m: f"de afbeelding {_url(m[1])} heeft geen beschrijving (alt-tekst) voor schermlezers; "
            'geef de <img> een alt="..." mee.',
        ),
        (
            r"Failed to load stylesheet at (.+?) ?: (.*)",
            lambda m: f"het opmaakbestand {_url(m[1])} kon niet geladen worden en is overgeslagen{_reason(m[2])}.",
        ),
        (
            r"Ignored `(.+?)` at (\d+):(\d+), (.*)",
            lambda m: f"de CSS-regel `{m[1]}` (regel {m[2]}, kolom {m[3]}) wordt niet begrepen en is overgeslagen.",
        ),
        (
            r"(?:Deprecated|Ignored) `(.+?)` at (\d+):(\d+), prefix.*",
            lambda m: f"de CSS-regel `{m[1]}` (regel {m[2]}, kolom {m[3]}) heeft een voorvoegsel dat niet werkt.",
        ),
        (
            r"Error: (.*) at (\d+):(\d+)\.",
            lambda m: f"een fout in de CSS op regel {m[2]}, kolom {m[3]}; dat deel is overgeslagen.",
        ),
        (
            r"Invalid or unsupported selector '(.*?)',.*",
            lambda m: f"de CSS-kiezer '{m[1]}' wordt niet ondersteund en is overgeslagen.",
        ),
        (
            r"Font-face '(.+?)' cannot be loaded",
            lambda m: f"het lettertype '{m[1]}' kon niet geladen worden; er is een ander gebruikt.",
        ),
        (r"Anchor defined twice: '(.+?)'", lambda m: f"het anker '{m[1]}' staat twee keer in het sjabloon."),
        # the anchor may come from the class list (href="#{{ form.naam }}"): not repeated
        (r"No anchor #.*? for internal URI reference", lambda m: "een link in het sjabloon wijst naar een anker "
         "(#...) dat niet bestaat; de link doet niets."),
        (r"Malformed URL: (.*)", lambda m: f"het adres {_url(m[1])} is ongeldig en is overgeslagen."),
        (r"Failed to render SVG image (.*)", lambda m: f"de SVG-afbeelding {_url(m[1])} kon niet getekend worden."),
        (
            r"(?:OverflowError: )?Range too big\. The sandbox blocks ranges larger than MAX_RANGE \((\d+)\)\.?",
            lambda m: f"een range() in het sjabloon is te groot (meer dan {m[1]} stappen mag niet).",
        ),
    )
)

UNKNOWN = "WeasyPrint gaf een melding over de opmaak (in het Engels); kmg build --uitgebreid toont die."
UNKNOWN_SHOWN = "WeasyPrint gaf een melding over de opmaak (in het Engels, hieronder)."


def translate(message: str) -> str | None:
    """The message with its first known English part in Dutch; None when no pattern knows it."""
    for pattern, dutch in _PATTERNS:
        if match := pattern.search(message):
            return message[: match.start()] + dutch(match) + message[match.end() :]  # type: ignore[operator]
    return None


def warning_lines(message: str, *, verbose: bool) -> list[str]:
    """What to print for one warning from the renderer: Dutch, and the original with --verbose."""
    dutch = translate(message)
    if dutch is None:
        dutch = message if _looks_dutch(message) else UNKNOWN_SHOWN if verbose else UNKNOWN
    lines = [f"Let op (opmaak): {dutch}"]
    if verbose and dutch != message:
        # an anchor may be made from a pupil's name: the original leaves it out too
        lines.append(f"    origineel: {re.sub(r'No anchor #.*? for', 'No anchor #... for', message)}")
    return lines


def _looks_dutch(message: str) -> bool:
    # kmg's own warnings (from the renderer) are Dutch already
    return any(word in message.lower() for word in (" de ", " het ", " een ", "geweigerd", " niet "))


# --- Template errors -------------------------------------------------------------------------
# The renderer words a template error as "<Dutch frame>: <Jinja's or Python's English>". The
# English part is said in Dutch here; what no pattern knows becomes one general Dutch line.
# A runtime error may carry a value from the class list ("'dict object' has no attribute
# 'Zoë Berg'" after `{{ {}[form.naam] }}`): such values are never shown, not even with
# --uitgebreid, where the original appears with every quoted value left out.

GENERAL = "de sjabloontaal klopt hier niet"

_FRAMES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern, re.S))
    for kind, pattern in (
        ("syntax", r"fout in sjabloon (?P<name>\S+): (?P<detail>.*)"),
        ("undefined", r"sjabloon (?P<name>\S+) gebruikt iets dat niet bestaat: (?P<detail>.*)"),
        ("security", r"sjabloon (?P<name>\S+) probeert iets wat niet mag \((?P<detail>.*)\)"),
        ("runtime", r"sjabloon (?P<name>\S+) kon niet worden ingevuld \((?P<detail>.*)\)"),
    )
)


def _tag(name: str) -> str:
    return "{% " + name + " %}"


def _closing(looking_for: str) -> str:
    """The end tag among Jinja's "'elif' or 'else' or 'endif'", as {% endif %}."""
    ends = [t for t in re.findall(r"'(\w+)'", looking_for) if t.startswith("end")]
    return _tag(ends[-1]) if ends else "de afsluitende tag"


_SYNTAX: tuple[tuple[re.Pattern[str], object], ...] = tuple(
    (re.compile(pattern, re.S | re.I), dutch)
    for pattern, dutch in (
        (
            r"Encountered unknown tag '(end\w*)'\..*?currently looking for (.*?)\. The innermost block.*",
            lambda m: f"{_tag(m[1])} staat hier te vroeg: eerst moet {_closing(m[2])} komen.",
        ),
        (
            r"Encountered unknown tag '(\w+)'\. Jinja was looking for the following tags: (.*?)\. .*",
            lambda m: f"{_tag(m[1])} hoort hier niet: eerst moet {_closing(m[2])} komen.",
        ),
        (r"Encountered unknown tag '(.+?)'\..*", lambda m: f"de tag {_tag(m[1])} bestaat niet."),
        (
            r"Unexpected end of template\. Jinja was looking for the following tags: (.*?)\. .*",
            lambda m: f"het sjabloon houdt onverwacht op: er mist een {_closing(m[1])}.",
        ),
        (r"unexpected end of template.*", lambda m: "het sjabloon houdt onverwacht op: er mist een {% end... %}."),
        (
            r"unexpected '\}'.*",
            lambda m: "hier staat een losse '}': sluit {{ ... }} af met }} en {% ... %} met %}.",
        ),
        (r"unexpected char (.+?) at \d+", lambda m: f"het teken {m[1]} hoort hier niet."),
        (r"unexpected '(.+?)'", lambda m: f"hier staat '{m[1]}', maar dat hoort hier niet."),
        (
            r"expected token 'end of print statement', got '(.+?)'",
            lambda m: f"hier verwachtte het sjabloon }}}}, maar er staat '{m[1]}'.",
        ),
        (
            r"expected token 'end of statement block', got '(.+?)'",
            lambda m: f"hier verwachtte het sjabloon %}}, maar er staat '{m[1]}'.",
        ),
        (
            r"expected token '(.+?)', got '(.+?)'",
            lambda m: f"hier verwachtte het sjabloon '{m[1]}', maar er staat '{m[2]}'.",
        ),
        (r"Expected an expression, got .*", lambda m: "hier ontbreekt iets tussen de haakjes {{ }} of {% %}."),
        (r"tag name expected", lambda m: "na {% hoort de naam van een tag, zoals if, for of block."),
        (r"block '(.+?)' defined twice", lambda m: f"het blok '{m[1]}' staat twee keer in het sjabloon."),
    )
)

# Runtime errors: no pattern repeats a value, only what kind of thing went wrong.
_RUNTIME: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.S), dutch)
    for pattern, dutch in (
        (
            r"(?:TypeError: )?can only concatenate str",
            "tekst en een getal kunnen niet bij elkaar opgeteld worden; plak tekst aan elkaar met ~.",
        ),
        (
            r"(?:TypeError: )?unsupported operand type",
            "deze rekensom kan niet: de waarden zijn geen getallen (of niet allemaal).",
        ),
        (r"(?:TypeError: )?can't multiply sequence", "deze vermenigvuldiging kan niet: een van de waarden is tekst."),
        (r"(?:TypeError: )?.*object is not callable", "iets dat geen functie is, wordt aangeroepen met ( )."),
        (r"(?:TypeError: )?.*object is not iterable", "een {% for %} loopt over iets dat geen lijst is."),
        (r"(?:ZeroDivisionError: )?.*division.* by zero", "er wordt door nul gedeeld."),
        (
            r"(?:OverflowError: )?Range too big\. The sandbox blocks ranges larger than MAX_RANGE \((\d+)\)\.?",
            "een range() in het sjabloon is te groot (meer dan {0} stappen mag niet).",
        ),
    )
)

_UNDEFINED: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.S), dutch)
    for pattern, dutch in (
        # the name of a variable is template text, never data: it may be shown
        (r"(?:UndefinedError: )?'(\w+)' is (?:undefined|niet gedefinieerd)", "'{0}' bestaat niet in dit sjabloon."),
        # the missing field may be a value from the class list: never shown
        (r"(?:UndefinedError: )?.*has no (?:attribute|element)", "er wordt een veld gebruikt dat niet bestaat."),
    )
)

# Python's and Jinja's type names in a runtime message are safe to show; any other quoted text may be data.
_TYPE_NAMES = r"str|int|float|bool|list|dict|tuple|set|bytes|NoneType|None|Undefined|Markup|range|function|method"
_SAFE_QUOTED = re.compile(rf"(?:{_TYPE_NAMES})(?: object)?")


def redact(text: str) -> str:
    """`text` with every quoted value left out, but Python's own type names ('str', 'dict object')."""

    def keep_or_drop(match: re.Match[str]) -> str:
        quote, inner = match[1], match[2]
        return match[0] if _SAFE_QUOTED.fullmatch(inner) else f"{quote}...{quote}"

    return re.sub(r"(['\"])(.*?)\1", keep_or_drop, text)


def explain(exc: UserError, *, verbose: bool) -> str:
    """The Dutch line for a user error: Jinja's and WeasyPrint's English said in Dutch."""
    message = exc.render()
    where = message[: len(message) - len(exc.message)]
    text = template_error(where, exc.message, exc.line, verbose=verbose)
    if text is not None:
        return text
    dutch = translate(message)
    if dutch is not None and verbose:
        dutch += f"\n    origineel: {message}"
    return dutch or message


def template_error(where: str, message: str, line: int | None, *, verbose: bool) -> str | None:
    """The Dutch line for a template error (`message` as the renderer wrote it), None if it is none."""
    found = next(((kind, m) for kind, frame in _FRAMES if (m := frame.fullmatch(message))), None)
    if found is None:
        return None
    kind, match = found
    name, detail = match["name"], match["detail"]
    dutch = None
    if kind == "syntax":
        table = _SYNTAX
    elif kind == "undefined":
        table = tuple((p, _filler(d)) for p, d in _UNDEFINED)
    else:
        table = tuple((p, _filler(d)) for p, d in _RUNTIME)
    for pattern, say in table:
        if hit := pattern.match(detail):
            dutch = say(hit)  # type: ignore[operator]
            break
    at = f", regel {line}" if line is not None else ""
    if kind == "security" and dutch is None:
        dutch = "het sjabloon probeert iets wat niet mag."
    text = f"{where}fout in sjabloon {name}{at}: {dutch or GENERAL + '.'}"
    if verbose:
        # A syntax error comes from the template text alone; a runtime one may carry data.
        original = detail if kind == "syntax" else redact(detail)
        text += f"\n    origineel: {original}"
    return text


def _filler(dutch: str) -> object:
    return lambda m: dutch.format(*(group or "" for group in m.groups()))
