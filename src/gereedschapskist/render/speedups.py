"""A performance fix for pydyf that WeasyPrint's tagged-PDF writer needs (output unchanged).

`pydyf.PDF.page_references` rebuilds a tuple of every page reference on each access,
and WeasyPrint's tagging (`weasyprint/pdf/tags.py`) reads it once per structure
element. For a class of 28 forms (56 pages, ~10 000 elements) that quadratic loop
took about as long as writing the PDF itself. The cached version returns the same
tuple, rebuilt whenever the page list grows, so the bytes written are identical
(tested in tests/render/test_speedups.py).
"""

from __future__ import annotations

from typing import Any

import pydyf

_CACHE_ATTRIBUTE = "_kmg_page_references"


def install() -> None:
    """Replace `PDF.page_references` by a cached equivalent; safe to call more than once."""
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
