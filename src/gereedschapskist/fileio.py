"""Write files so that nothing is ever left half-written: a temporary file, then a rename."""

from __future__ import annotations

import contextlib
import errno
import os
import re
import secrets
import unicodedata
from pathlib import Path

from .errors import UserError, os_error_text


class NotARegularFile(OSError):
    """A device, pipe or socket where a file was expected: reading it could block or never end."""


def read_limited(path: Path, limit: int) -> bytes:
    """Read at most `limit + 1` bytes of a regular file (one more tells the caller it is too big).

    Raises the usual OSErrors (FileNotFoundError, IsADirectoryError, PermissionError) and
    `NotARegularFile`, so each caller can say in its own words what went wrong.
    """
    if path.is_dir():
        raise IsADirectoryError(str(path))
    if path.exists() and not path.is_file():
        raise NotARegularFile(str(path))
    with path.open("rb") as handle:
        return handle.read(limit + 1)


# Windows refuses to replace a file that another program (a PDF viewer) holds open:
# ERROR_ACCESS_DENIED, ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION.
_FILE_IN_USE = (5, 32, 33)


def write_bytes_atomic(path: Path, data: bytes) -> None:
    """Write `data` to `path` via a temporary file in the same folder and `os.replace`.

    A reader (or a printer queue) sees either the old file or the complete new one, also
    when the build is interrupted with Ctrl-C halfway. The file gets the permissions of
    any new file (the umask, so colleagues on a shared folder can open it; never
    world-writable), not mkstemp's owner-only 0600.
    """
    try:
        make_folder(path.parent)
    except OSError as exc:
        raise UserError(
            f"De map kan niet gemaakt of beschreven worden ({os_error_text(exc)}).", path=path.parent
        ) from None
    tmp: Path | None = None
    try:
        fd, tmp = _create_temporary(path)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException as exc:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        if isinstance(exc, PermissionError) and getattr(exc, "winerror", None) in _FILE_IN_USE and tmp is not None:
            raise UserError(
                "dit bestand is nog open in een ander programma; sluit het PDF-bestand in uw PDF-lezer "
                "en probeer het opnieuw."
                if path.suffix.lower() == ".pdf"
                else "dit bestand is nog open in een ander programma; sluit het en probeer het opnieuw.",
                path=path,
            ) from None
        if isinstance(exc, OSError) and tmp is None:
            raise UserError(
                f"De map kan niet beschreven worden ({os_error_text(exc)}).", path=path.parent
            ) from None
        if isinstance(exc, OSError):
            raise UserError(f"Het bestand kan niet geschreven worden ({os_error_text(exc)}).", path=path) from None
        raise


def current_umask() -> int:
    umask = os.umask(0o022)
    os.umask(umask)
    return umask


# Colleagues may read what kmg makes (as the umask allows), but nobody else may change it,
# also under umask 000: group-writable at most.
FOLDER_MODE = 0o775
FILE_MODE = 0o664


def make_folder(path: Path) -> None:
    """`mkdir -p` with mode 0775 minus the umask for every folder it makes (never world-writable)."""
    missing = []
    while not path.is_dir():
        missing.append(path)
        if path.parent == path:
            break
        path = path.parent
    for folder in reversed(missing):
        try:
            os.mkdir(folder, FOLDER_MODE)
        except FileExistsError:
            if not folder.is_dir():
                raise


def _create_temporary(path: Path) -> tuple[int, Path]:
    """A new, exclusive temporary file next to `path`, created with mode 0664 minus the umask."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0) | getattr(os, "O_NOFOLLOW", 0)
    for _ in range(100):
        # a short prefix: a name near the length limit fails at the rename, naming the file, not the folder
        tmp = path.parent / f".{path.name[:40]}.{secrets.token_hex(4)}.tmp"
        try:
            return os.open(tmp, flags, FILE_MODE), tmp
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no free temporary file name", str(path.parent))


# The names `_create_temporary` gives: "." + (part of) the file's name + "." + 8 hex digits + ".tmp".
_TEMPORARY = re.compile(r"\..+\.[0-9a-f]{8}\.tmp")


def remove_stale_temporaries(folder: Path) -> None:
    """Remove the temporary files a killed run left in `folder` (call only while holding the build lock)."""
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        if _TEMPORARY.fullmatch(entry.name):
            with contextlib.suppress(OSError):
                if entry.is_file(follow_symlinks=False):
                    os.unlink(entry.path)


def write_text_atomic(path: Path, text: str) -> None:
    write_bytes_atomic(path, text.encode("utf-8"))


def utf16_without_bom(data: bytes) -> str | None:
    """The codec ("utf-16-le" or "utf-16-be") when the NUL bytes say so, else None.

    Agendas and class lists are mostly Latin text, and in UTF-16 every Latin character has a NUL
    byte: after it (little endian, what Windows writes) or before it (big endian).
    """
    sample = data[:4096]
    sample = sample[: len(sample) - len(sample) % 2]
    if len(sample) < 4:
        return None
    half = len(sample) // 2
    nul_odd = sample[1::2].count(0)
    nul_even = sample[0::2].count(0)
    # A few NULs on the other side come from characters such as U+0100 ("Ā") or U+4E00.
    if nul_odd >= half * 0.4 and nul_even * 8 < nul_odd:
        return "utf-16-le"
    if nul_even >= half * 0.4 and nul_odd * 8 < nul_even:
        return "utf-16-be"
    # Names in another script (Cyrillic, Arabic) have few NULs; the separators and line
    # ends still do. Text without a BOM in UTF-8 or Windows-1252 has no NUL at all.
    if not (nul_odd or nul_even) or len(data) % 2:
        return None
    for codec in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        # The wrong byte order gives no line ends, and characters that are controls,
        # unassigned or private; a look at the start is enough to tell.
        if ("\n" in text or "\r" in text) and not any(
            unicodedata.category(char) in {"Cc", "Cn", "Co", "Cs"} and char not in "\t\r\n" for char in text[:65536]
        ):
            return codec
    return None
