"""Write files so that nothing is ever left half-written: a temporary file, then a rename."""

from __future__ import annotations

import contextlib
import os
import tempfile
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


def write_bytes_atomic(path: Path, data: bytes) -> None:
    """Write `data` to `path` via a temporary file in the same folder and `os.replace`.

    A reader (or a printer queue) sees either the old file or the complete new one, also
    when the build is interrupted with Ctrl-C halfway.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name[:40]}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise UserError(
            f"De map kan niet gemaakt of beschreven worden ({os_error_text(exc)}).", path=path.parent
        ) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise UserError(f"Het bestand kan niet geschreven worden ({os_error_text(exc)}).", path=path) from None
        raise


def write_text_atomic(path: Path, text: str) -> None:
    write_bytes_atomic(path, text.encode("utf-8"))
