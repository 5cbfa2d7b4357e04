"""The class-list file itself: its errors and reading its bytes (formats live in `readers/`).

Reading used to live here whole; it is now split into a reader per format
(`readers.csv.read_csv`) and one builder (`builder.build_class_list`). This module keeps
`ClassListError` and the guarded file read that every format shares.
"""

from __future__ import annotations

from pathlib import Path

from gereedschapskist.errors import UserError
from gereedschapskist.fileio import NotARegularFile, read_limited


class ClassListError(UserError):
    """A class list that cannot be read as it is; the message says what to change."""


# A whole school is some hundreds of kB; refuse what cannot be a class list before decoding it.
MAX_BYTES = 20 * 2**20


def _read_bytes(path: Path) -> bytes:
    try:
        data = read_limited(path, MAX_BYTES)
    except NotARegularFile:
        raise ClassListError(
            "Dit is geen gewoon bestand (maar bijvoorbeeld een apparaat of pijp); geef het CSV-bestand op.", path=path
        ) from None
    except FileNotFoundError:
        raise ClassListError(
            "Dit bestand bestaat niet; controleer de naam en de map van de klassenlijst.", path=path
        ) from None
    except IsADirectoryError:
        raise ClassListError("Dit is een map, geen klassenlijst; geef het CSV-bestand zelf op.", path=path) from None
    except PermissionError:
        raise ClassListError(
            "U heeft geen toegang tot dit bestand; controleer de rechten of kopieer de klassenlijst naar uw eigen map.",
            path=path,
        ) from None
    except OSError:
        raise ClassListError(
            "Dit bestand kan niet worden gelezen; sluit het in Excel en controleer of het nog bereikbaar is.",
            path=path,
        ) from None
    if len(data) > MAX_BYTES:
        raise ClassListError(
            f"Dit bestand is groter dan {MAX_BYTES // 2**20} MB; is het wel de klassenlijst (een CSV-export)?",
            path=path,
        )
    return data


def read_class_list(path: Path):  # noqa: ANN201 - kept for old imports; see classes.read_class_list
    from . import read_class_list as read

    return read(path)
