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


# What an OSError means, in the words of the Dutch sentence it ends up in. The English
# `strerror` ("No space left on device") would otherwise stand in the middle of Dutch.
_OS_ERRORS = {
    "ENOSPC": "de schijf is vol",
    "EDQUOT": "de ruimte die u op deze schijf mag gebruiken is op",
    "EACCES": "daarvoor heeft u geen toestemming",
    "EPERM": "dat mag niet op deze plek",
    "EROFS": "op deze schijf mag alleen gelezen worden, niet geschreven",
    "EIO": "de schijf of het netwerk gaf een lees- of schrijffout",
    "EBUSY": "het bestand is in gebruik door een ander programma",
    "ETXTBSY": "het bestand is in gebruik door een ander programma",
    "ENOENT": "het bestand of de map bestaat niet",
    "EEXIST": "er staat al een bestand met die naam",
    "EISDIR": "dit is een map, geen bestand",
    "ENOTDIR": "een deel van het pad is geen map",
    "ENAMETOOLONG": "de naam of het pad is te lang",
    "EMFILE": "er staan te veel bestanden tegelijk open",
    "ENFILE": "er staan te veel bestanden tegelijk open",
    "ELOOP": "het pad verwijst in een kring naar zichzelf",
    "EFBIG": "het bestand wordt te groot",
    "EPIPE": "het programma dat de uitvoer las, is gestopt",
    "ENXIO": "het apparaat is niet bereikbaar",
    "ENODEV": "het apparaat is niet bereikbaar",
    "ESTALE": "de netwerkmap is niet meer bereikbaar",
    "ETIMEDOUT": "de netwerkmap reageert niet",
    "EAGAIN": "het bestand is tijdelijk niet beschikbaar",
}
# Windows' own codes (winerror) for the cases a school meets most.
_WINDOWS_ERRORS = {
    32: "het bestand is geopend in een ander programma (sluit het bijvoorbeeld in uw PDF-lezer)",
    33: "het bestand is geopend in een ander programma (sluit het bijvoorbeeld in uw PDF-lezer)",
    112: "de schijf is vol",
    5: "daarvoor heeft u geen toestemming",
}


def os_error_text(exc: OSError) -> str:
    """A short Dutch phrase for an OSError, to put inside a sentence: "(de schijf is vol)"."""
    import errno

    winerror = getattr(exc, "winerror", None)
    if winerror in _WINDOWS_ERRORS:
        return _WINDOWS_ERRORS[winerror]
    name = errno.errorcode.get(exc.errno or 0)
    if name in _OS_ERRORS:
        return _OS_ERRORS[name]
    if exc.errno:
        return f"systeemfout {name or exc.errno}"
    return "onbekende systeemfout"
