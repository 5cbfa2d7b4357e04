"""User errors of the render step: a broken school template and text no font can draw.

Both are `UserError`s: a school causes them with what it feeds us (its own templates,
its class list), so the CLI shows one Dutch sentence instead of a traceback.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import UserError


class TemplateProblem(UserError):
    """A template could not be read, parsed or filled in; names the template file and line."""

    def __init__(self, message: str, *, template: str, path: Path | str | None = None, line: int | None = None) -> None:
        self.template = template
        super().__init__(message, path=path if path is not None else template, line=line)


class MissingGlyphs(UserError):
    """Some characters have no glyph in any installed font and would print as empty boxes.

    Only the characters are named, never the pupil: the message may end up in a log or a
    screenshot, and the class list is personal data.
    """

    def __init__(self, characters: str, *, document: str) -> None:
        self.characters = characters
        shown = ", ".join(f"'{ch}' (U+{ord(ch):04X})" for ch in characters)
        super().__init__(
            f"{document}: geen enkel geïnstalleerd lettertype kan deze tekens afdrukken: {shown}. "
            "Installeer een lettertype dat deze tekens bevat (bijvoorbeeld Noto Sans) en probeer het opnieuw."
        )
