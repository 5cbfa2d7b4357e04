"""Performance fixes for WeasyPrint and pydyf, the PDF writer under it; none changes the output.

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

3. Each object serialised once per PDF (pydyf, same bytes):

With a file identifier (we always give one, for reproducible output) `pydyf.PDF.write`
serialises every object a second time to hash them all: every content stream is
compressed twice, every tag's dictionary rebuilt twice. Nothing changes between the
two passes, so while `write` runs, the bytes of each numbered (indirect) object are
kept and served again; the bytes written are identical.

The same fix makes pydyf's `_to_bytes` (called for every number, name and reference
written) answer the common exact types (bytes, str, int) first, with the very same
result; everything else goes through the original function.

4. The HTML tokenizer's regex cache (tinyhtml5, same parse):

`tinyhtml5`'s `chars_until` caches its regular expressions under the wrong key (the
chained assignment stores the compiled pattern as part of the key), so it builds
the pattern again for every attribute name and text run: ~15% of laying out the
guide. A dict that builds a missing entry under the right key, with tinyhtml5's
own recipe, makes the cache work; the patterns are the same.

5. Pages without margin boxes (WeasyPrint, same layout):

After pagination WeasyPrint builds, for every page, all sixteen possible margin boxes
(resolving their styles and percentages) and then keeps only those whose `content`
generates something. The per-pupil layer of the forms writes its footers itself, so
none of its pages has a margin box, yet building and discarding them cost ~15% of its
layout. The wrapper returns no boxes straight away when no margin box of the page's
type generates content, which is exactly what the full function would return.
"""

from __future__ import annotations

import functools
import re
import threading
import types
import zlib
from typing import Any

import pydyf
import tinyhtml5.inputstream
import weasyprint.layout
from weasyprint.css import PAGE_MARGIN_BOXES

_CACHE_ATTRIBUTE = "_kmg_page_references"
ZLIB_LEVEL = 6


def _compressobj(level: int = ZLIB_LEVEL, *args: Any, **kwargs: Any) -> Any:
    return zlib.compressobj(ZLIB_LEVEL, *args, **kwargs)


# pydyf calls `zlib.compressobj(level=9)` through its module global `zlib`; give it a
# namespace that only differs in that one function, leaving the real zlib module alone.
_PYDYF_ZLIB = types.SimpleNamespace(**{name: getattr(zlib, name) for name in dir(zlib) if not name.startswith("__")})
_PYDYF_ZLIB.compressobj = _compressobj


# The margin boxes WeasyPrint's make_margin_boxes considers (not the footnote and note areas).
_MARGIN_KEYWORDS = tuple(f"@{name}" for name in sorted(PAGE_MARGIN_BOXES) if name not in ("footnote", "note-area"))
# The `content` values for which make_margin_boxes does not generate the box.
_NOT_GENERATED = ("normal", "inhibit", "none")


def _without_empty_margin_boxes(original: Any) -> Any:
    def make_margin_boxes(context: Any, page: Any, state: Any) -> Any:
        for at_keyword in _MARGIN_KEYWORDS:
            style = context.style_for(page.page_type, at_keyword)
            if style is not None and style["content"] not in _NOT_GENERATED:
                return original(context, page, state)
        return iter(())

    make_margin_boxes._kmg_skips_empty = True  # type: ignore[attr-defined]
    make_margin_boxes.__wrapped__ = original  # type: ignore[attr-defined]
    make_margin_boxes.__doc__ = original.__doc__
    return make_margin_boxes


# Serialised objects of the PDF being written by this thread: id -> (object, bytes).
# The entry keeps its object alive, so an id cannot be reused while the cache lives.
_WRITING = threading.local()
_SERIALISED_CLASSES = (pydyf.Dictionary, pydyf.Array, pydyf.String, pydyf.Stream)


def _cached_data(original: property) -> property:
    compute = original.fget

    def data(self: Any) -> bytes:
        cache = getattr(_WRITING, "cache", None)
        if cache is None or self.number is None:
            return compute(self)
        entry = cache.get(id(self))
        if entry is None:
            entry = cache[id(self)] = (self, compute(self))
        return entry[1]

    data._kmg_cached = True  # type: ignore[attr-defined]
    data.__wrapped__ = compute  # type: ignore[attr-defined]
    return property(data, doc=original.__doc__)


def _write_serialising_once(original: Any) -> Any:
    @functools.wraps(original)
    def write(self: Any, *args: Any, **kwargs: Any) -> Any:
        outer = getattr(_WRITING, "cache", None)
        _WRITING.cache = {}
        try:
            return original(self, *args, **kwargs)
        finally:
            _WRITING.cache = outer

    write._kmg_cached = True  # type: ignore[attr-defined]
    return write


def _quick_to_bytes(original: Any) -> Any:
    def _to_bytes(item: Any) -> bytes:
        kind = type(item)
        if kind is bytes:
            return item
        if kind is str or kind is int:
            # What the original does for these exact types: str(item).encode("ascii").
            return str(item).encode("ascii")
        return original(item)

    _to_bytes._kmg_quick = True  # type: ignore[attr-defined]
    _to_bytes.__wrapped__ = original  # type: ignore[attr-defined]
    return _to_bytes


class _RegexCache(dict):  # type: ignore[type-arg]
    """tinyhtml5's `characters_until_regex`, filled on lookup (see 4. above)."""

    def __missing__(self, key: tuple[Any, bool]) -> re.Pattern[str]:
        characters, opposite = key
        # tinyhtml5.inputstream.HTMLInputStream.chars_until, verbatim.
        regex = "".join([f"\\x{ord(character):02x}" for character in characters])
        if not opposite:
            regex = f"^{regex}"
        pattern = self[key] = re.compile(f"[{regex}]+")
        return pattern


def install() -> None:
    """Install the fixes; safe to call more than once."""
    if getattr(pydyf, "zlib", None) is zlib:
        pydyf.zlib = _PYDYF_ZLIB
    if not getattr(pydyf.PDF.write, "_kmg_cached", False):
        known = [vars(cls).get("data") for cls in _SERIALISED_CLASSES]
        if all(isinstance(prop, property) for prop in known):
            for cls, prop in zip(_SERIALISED_CLASSES, known, strict=True):
                if not getattr(prop.fget, "_kmg_cached", False):
                    cls.data = _cached_data(prop)  # type: ignore[method-assign]
            pydyf.PDF.write = _write_serialising_once(pydyf.PDF.write)  # type: ignore[method-assign]
    regexes = getattr(tinyhtml5.inputstream, "characters_until_regex", None)
    if isinstance(regexes, dict) and not isinstance(regexes, _RegexCache):
        tinyhtml5.inputstream.characters_until_regex = _RegexCache()
    to_bytes = getattr(pydyf, "_to_bytes", None)
    if callable(to_bytes) and not getattr(to_bytes, "_kmg_quick", False):
        pydyf._to_bytes = _quick_to_bytes(to_bytes)
    margins = getattr(weasyprint.layout, "make_margin_boxes", None)
    if callable(margins) and not getattr(margins, "_kmg_skips_empty", False):
        weasyprint.layout.make_margin_boxes = _without_empty_margin_boxes(margins)
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
