"""Two performance fixes for pydyf, the PDF writer under WeasyPrint.

1. pydyf compresses every stream with zlib level 9. For our text-and-lines pages level 6
   (zlib's own default) writes a class's forms about 30% faster for 3% more bytes;
   the output stays deterministic.

2. A cache that WeasyPrint's tagged-PDF writer needs (output unchanged):

`pydyf.PDF.page_references` rebuilds a tuple of every page reference on each access,
and WeasyPrint's tagging (`weasyprint/pdf/tags.py`) reads it once per structure
element. For a class of 28 forms (56 pages, ~10 000 elements) that quadratic loop
took about as long as writing the PDF itself. The cached version returns the same
tuple, rebuilt whenever the page list grows, so the bytes written are identical
(tested in tests/render/test_speedups.py).
"""

from __future__ import annotations

import types
import zlib
from typing import Any

import pydyf

_CACHE_ATTRIBUTE = "_kmg_page_references"
ZLIB_LEVEL = 6


def _compressobj(level: int = ZLIB_LEVEL, *args: Any, **kwargs: Any) -> Any:
    return zlib.compressobj(ZLIB_LEVEL, *args, **kwargs)


# pydyf calls `zlib.compressobj(level=9)` through its module global `zlib`; give it a
# namespace that only differs in that one function, leaving the real zlib module alone.
_PYDYF_ZLIB = types.SimpleNamespace(**{name: getattr(zlib, name) for name in dir(zlib) if not name.startswith("__")})
_PYDYF_ZLIB.compressobj = _compressobj


def install() -> None:
    """Install both fixes; safe to call more than once."""
    if getattr(pydyf, "zlib", None) is zlib:
        pydyf.zlib = _PYDYF_ZLIB
    current = getattr(pydyf.PDF, "page_references", None)
    if not isinstance(current, property) or getattr(current.fget, "_kmg_cached", False):
        # Unknown pydyf layout, or already installed: leave pydyf alone.
        return
    original = current.fget

    def page_references(self: Any) -> tuple[bytes, ...]:
        kids = self.pages["Kids"]
        cached = self.__dict__.get(_CACHE_ATTRIBUTE)
        # Pages are only ever appended, so the length says whether the cache is stale.
        if cached is None or cached[0] != len(kids):
            cached = (len(kids), original(self))
            self.__dict__[_CACHE_ATTRIBUTE] = cached
        return cached[1]

    page_references._kmg_cached = True  # type: ignore[attr-defined]
    page_references.__doc__ = original.__doc__
    page_references.__wrapped__ = original  # type: ignore[attr-defined]
    pydyf.PDF.page_references = property(page_references)  # type: ignore[method-assign]
