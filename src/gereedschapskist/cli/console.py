"""Console output that never crashes on a console that cannot show a character.

A Windows console or a redirect (`kmg check > rapport.txt`) often uses cp1252 or cp850;
'✓', '█', '·' and '’' are not in every such code page and would stop kmg with a
UnicodeEncodeError. There, kmg writes a readable ASCII stand-in instead.
"""

from __future__ import annotations

import codecs
import sys

ERRORS = "kmg-ascii"

# Readable stand-ins for the characters kmg itself prints, and a few common ones.
_STAND_INS = {
    "✓": "v",
    "✗": "x",
    "█": "#",
    "·": "-",
    "’": "'",
    "‘": "'",
    "“": '"',
    "”": '"',
    "–": "-",
    "—": "-",
    "…": "...",
    "×": "x",
    "→": "->",
    "≤": "<=",
    "≥": ">=",
    "€": "EUR",
}


def _stand_in(char: str) -> str:
    if char in _STAND_INS:
        return _STAND_INS[char]
    import unicodedata

    # "ễ" -> "e", "ﬁ" -> "fi": keep the letters a reader recognises
    plain = "".join(c for c in unicodedata.normalize("NFKD", char) if c.isascii() and not unicodedata.combining(c))
    return plain or "?"


def _replace(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeEncodeError):
        raise error
    return "".join(_stand_in(c) for c in error.object[error.start : error.end]), error.end


def use_readable_fallback() -> None:
    """Let stdout and stderr write stand-ins for what their encoding cannot show."""
    for stream in (sys.stdout, sys.stderr):
        encoding = getattr(stream, "encoding", None)
        if not encoding or not hasattr(stream, "reconfigure"):
            continue
        try:
            if codecs.lookup(encoding).name in ("utf-8", "utf-16", "utf-32"):
                continue
        except LookupError:
            continue
        try:
            codecs.lookup_error(ERRORS)
        except LookupError:
            codecs.register_error(ERRORS, _replace)
        stream.reconfigure(errors=ERRORS)


class OutputClosed(Exception):
    """Whoever read kmg's output stopped early (`kmg check ... | head -1`): stop quietly."""


def rich_raises_broken_pipe() -> None:
    """Let rich raise BrokenPipeError like any other write, instead of exiting with 1 on its own."""
    from rich.console import Console

    def on_broken_pipe(self: Console) -> None:
        self.quiet = True
        raise BrokenPipeError

    Console.on_broken_pipe = on_broken_pipe  # type: ignore[method-assign]
