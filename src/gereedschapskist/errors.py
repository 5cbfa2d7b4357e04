"""Exception types: user errors (bad input, shown as one Dutch sentence) vs. internal errors.

Modelled on rendercv's split: anything a school can cause by what it feeds us is a
`UserError` and must never surface as a traceback.
"""

from __future__ import annotations

from pathlib import Path

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2


class UserError(Exception):
    """A problem with the user's input; `message` is Dutch and names what to change."""

    exit_code = EXIT_USAGE

    def __init__(self, message: str, *, path: Path | str | None = None, line: int | None = None) -> None:
        self.message = message
        self.path = Path(path) if path is not None else None
        self.line = line
        super().__init__(self.render())

    def __reduce__(self) -> tuple:
        # Build jobs run in worker processes; the error must survive the trip back intact.
        return (_rebuild, (type(self), self.message, self.path, self.line))

    def render(self) -> str:
        """One sentence with the file and line in front, like a compiler would print it."""
        where = ""
        if self.path is not None:
            where = str(self.path)
            if self.line is not None:
                where += f":{self.line}"
            where += ": "
        return f"{where}{self.message}"


def _rebuild(cls: type[UserError], message: str, path: Path | None, line: int | None) -> UserError:
    error = cls.__new__(cls)
    UserError.__init__(error, message, path=path, line=line)
    return error
