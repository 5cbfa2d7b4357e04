"""Household codes: the short code on a reply slip ("K7-4QF") that the office types back in.

A code must be stable (the same household gets the same code when other rows of the class
list change, so a slip printed last week still matches), distinct between households, and
not guessable from a name (a slip travels in a schoolbag). It is an HMAC of the family's
internal key and the household number under a secret that kmg keeps in the output folder
of `kmg build` (`.kmg-sleutel`, next to `antwoorden.csv`); `kmg plan --antwoorden` reads
the secret from the folder of the answers file.

The alphabet leaves out letters and digits that are easy to confuse when typed from a
handwritten slip (0/O, 1/I/L, 5/S, 2/Z, 8/B, U/V).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Iterable
from pathlib import Path

from .classes.model import Family, Household

SECRET_FILE = ".kmg-sleutel"
ALPHABET = "34679ACDEFGHJKMNPQRTWXY"  # 23 symbols, none confusable with another
_SECRET_BYTES = 32


def load_secret(folder: Path, *, create: bool) -> bytes | None:
    """The school's code secret in `folder`; made (and written) when absent and `create` is set.

    Returns None when absent and not created, or when the file is unreadable or damaged
    (the caller says what that means for the codes).
    """
    path = Path(folder) / SECRET_FILE
    try:
        text = path.read_text(encoding="ascii").strip()
        secret = bytes.fromhex(text)
        if len(secret) == _SECRET_BYTES:
            return secret
    except (OSError, ValueError, UnicodeDecodeError):
        pass
    if not create or path.exists():
        return None
    secret = secrets.token_bytes(_SECRET_BYTES)
    from .fileio import write_bytes_atomic  # the umask's mode, never world-writable

    write_bytes_atomic(path, (secret.hex() + "\n").encode("ascii"))
    return secret


def _symbols(digest: bytes, count: int) -> str:
    number = int.from_bytes(digest, "big")
    out = []
    for _ in range(count):
        number, index = divmod(number, len(ALPHABET))
        out.append(ALPHABET[index])
    return "".join(out)


def household_code(secret: bytes, family: Family, household: Household, *, length: int = 5) -> str:
    """The code of one household, e.g. "K7-4QF" (two symbols, a hyphen, the rest)."""
    message = f"{family.sleutel}\x1f{household.nummer}".encode()
    symbols = _symbols(hmac.new(secret, message, hashlib.sha256).digest(), length)
    return f"{symbols[:2]}-{symbols[2:]}"


def letter_households(family: Family) -> tuple[Household, ...]:
    """The households a family gets a letter (and a code) for: its own, or one without names when it has none.

    The one rule for the letters, antwoorden.csv and kmg plan: a family without parent data
    is household 1, so the reply to its letter reaches the planning.
    """
    return family.huishoudens or (Household(1),)


def household_codes(secret: bytes, families: Iterable[Family]) -> dict[tuple[str, int], str]:
    """(family.sleutel, household.nummer) -> code for every household, all distinct.

    Two households whose 5-symbol codes collide (about 1 in 300 for a school of 500
    households) both get a 6-symbol code instead, decided only by their own keys, so a
    household's code changes only when a new household collides with it.
    """
    keyed = [(family, household) for family in families for household in letter_households(family)]
    codes = {(f.sleutel, h.nummer): household_code(secret, f, h) for f, h in keyed}
    length = 5
    while len(set(codes.values())) < len(codes):
        length += 1
        counts: dict[str, int] = {}
        for code in codes.values():
            counts[code] = counts.get(code, 0) + 1
        for family, household in keyed:
            key = (family.sleutel, household.nummer)
            if counts[codes[key]] > 1:
                codes[key] = household_code(secret, family, household, length=length)
        if length > 12:  # pragma: no cover - needs an HMAC collision
            raise RuntimeError("household codes keep colliding")
    return codes


def normalise_code(text: str) -> str:
    """A code as typed by the office ("k7 4qf", "K74QF") in its printed form ("K7-4QF")."""
    compact = "".join(ch for ch in text.upper() if ch.isalnum())
    return f"{compact[:2]}-{compact[2:]}" if len(compact) > 2 else compact
