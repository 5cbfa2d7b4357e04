"""WeasyPrint's and Jinja's own English messages, said in Dutch before a school sees them.

A warning like "Failed to load image at 'file:///…/logo.png': …" comes from WeasyPrint
while it lays out a school's own template; a template error like "Range too big" comes
from Jinja's sandbox. The patterns below are the ones a school template can trigger; a
message no pattern knows becomes one general Dutch line. The original text is shown
only with `--uitgebreid` (or `--verbose`) (it helps whoever maintains the templates).
"""

from __future__ import annotations

import re


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
        (r"Malformed URL: (.*)", lambda m: f"het adres {_url(m[1])} is ongeldig en is overgeslagen."),
        (r"Failed to render SVG image (.*)", lambda m: f"de SVG-afbeelding {_url(m[1])} kon niet getekend worden."),
        (
            r"(?:OverflowError: )?Range too big\. The sandbox blocks ranges larger than MAX_RANGE \((\d+)\)\.?",
            lambda m: f"een range() in het sjabloon is te groot (meer dan {m[1]} stappen mag niet).",
        ),
        (
            r"(?:TemplateSyntaxError: )?unexpected end of template.*",
            lambda m: "het sjabloon houdt onverwacht op: er mist een {% end... %}.",
        ),
        (
            r"(?:TemplateSyntaxError: )?expected token '(.+?)', got '(.+?)'",
            lambda m: f"hier verwachtte het sjabloon '{m[1]}', maar er staat '{m[2]}'.",
        ),
        (r"(?:UndefinedError: )?'(.+?)' has no attribute '(.+?)'", lambda m: f"'{m[1]}' heeft geen veld '{m[2]}'."),
        (r"(?:UndefinedError: )?'(.+?)' is undefined", lambda m: f"'{m[1]}' is niet gedefinieerd."),
    )
)

UNKNOWN = "WeasyPrint gaf een melding over de opmaak (in het Engels); kmg build --uitgebreid toont die."


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
        dutch = message if _looks_dutch(message) else UNKNOWN
    lines = [f"Let op (opmaak): {dutch}"]
    if verbose and dutch != message:
        lines.append(f"    origineel: {message}")
    return lines


def _looks_dutch(message: str) -> bool:
    # kmg's own warnings (from the renderer) are Dutch already
    return any(word in message.lower() for word in (" de ", " het ", " een ", "geweigerd", " niet "))
