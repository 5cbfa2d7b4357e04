"""Folder-safe names: the one place that turns Dutch (or any) text into ascii slugs.

Class folders (`groep-5a`) and agenda subfolders (`school-groep-3-8`) both come
from here, so "Đorđević" or "Égels" end up the same way in every path kmg writes.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

# A folder name is at most 255 bytes on most file systems, and Windows paths stay under
# 260 characters in all: long names are cut, with a short hash of the whole slug so that
# two names that differ only at the end keep apart.
MAX_SLUG = 60

# Letters that NFKD does not decompose into "ascii letter + accent", so stripping
# combining marks alone would drop them: "Đorđević" must sort with D, not vanish.
_NON_DECOMPOSING = str.maketrans(
    {
        "Đ": "D",
        "đ": "d",
        "Ø": "O",
        "ø": "o",
        "Ł": "L",
        "ł": "l",
        "ı": "i",
        "ß": "ss",
        "Æ": "AE",
        "æ": "ae",
        "Œ": "OE",
        "œ": "oe",
        "Þ": "Th",
        "þ": "th",
        "Ð": "D",
        "ð": "d",
    }
)


def strip_accents(text: str) -> str:
    """`text` with diacritics removed ("Çelik" -> "Celik"); non-Latin scripts are kept."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_NON_DECOMPOSING))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def slugify(text: str, empty: str = "agenda") -> str:
    """Lowercase ascii words joined by '-': "Kleuters Égels 1/2" -> "kleuters-egels-1-2".

    `empty` is returned when nothing ascii is left (a name in another script, or only
    punctuation), so a folder name is never empty.
    """
    ascii_text = strip_accents(text).encode("ascii", "ignore").decode("ascii").lower()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-") or empty
    if len(slug) > MAX_SLUG:
        digest = hashlib.sha256(slug.encode("ascii")).hexdigest()[:8]
        slug = f"{slug[: MAX_SLUG - len(digest) - 1].rstrip('-')}-{digest}"
    return slug
