"""User errors of the render step: a broken school template and text no font can draw.

Both are `UserError`s: a school causes them with what it feeds us (its own templates,
its class list), so the CLI shows one Dutch sentence instead of a traceback. Both keep
all their data when they cross the process pool of a build (pickled and unpickled).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..errors import UserError


def _restore(cls: type[UserError], state: dict[str, Any]) -> UserError:
    error = cls.__new__(cls)
    error.__dict__.update(state)
    Exception.__init__(error, error.render())
    return error


class _KeepsItsData(UserError):
    def __reduce__(self) -> tuple:
        # UserError's own __reduce__ keeps only message, path and line.
        return (_restore, (type(self), dict(self.__dict__)))


class TemplateProblem(_KeepsItsData):
    """A template could not be read, parsed or filled in; names the template file and line."""

    def __init__(self, message: str, *, template: str, path: Path | str | None = None, line: int | None = None) -> None:
        self.template = template
        super().__init__(message, path=path if path is not None else template, line=line)


class MissingGlyphs(_KeepsItsData):
    """Some characters have no glyph in any installed font and would print as empty boxes.

    Only the characters and the class are named, never the pupil: the message may end up
    in a log or a screenshot, and the class list is personal data.
    """

    def __init__(self, characters: str, *, document: str, klass: str | None = None) -> None:
        self.characters = characters
        self.document = document
        self.klass = klass
        shown = ", ".join(f"'{ch}' (U+{ord(ch):04X})" for ch in characters)
        where = f"{document} van {klass}" if klass else document
        super().__init__(
            f"{where}: geen enkel geïnstalleerd lettertype kan deze tekens afdrukken: {shown}. "
            "Installeer een lettertype dat deze tekens bevat (bijvoorbeeld Noto Sans) en probeer het opnieuw."
        )
