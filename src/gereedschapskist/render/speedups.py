"""Performance patches for WeasyPrint, pydyf (its PDF writer) and tinyhtml5 (its HTML parser).

All patches are listed in ONE table, `PATCHES`: the owner (module or class), the
attribute replaced, how to make the replacement from the original, and how to check
that the original still has the shape the replacement was written for. `install()`
checks every entry first and then applies all of them, or none; `uninstall()` (and the
`installed()` context manager, for tests) puts the originals back. `problems()` says
what does not have the expected shape; the renderer then leaves these libraries alone
and prints with WeasyPrint's public API only (see `compat.py`).

What each patch does, and whether it changes the bytes written:

1. zlib level 6 (pydyf, CHANGES THE BYTES): pydyf compresses every stream with zlib
   level 9. For our text-and-lines pages level 6 (zlib's own default) writes a class's
   forms about 30% faster, for about 3% more bytes. The output stays deterministic,
   but it is not the byte stream an unpatched WeasyPrint writes.

2. `pydyf.PDF.page_references`, cached (same bytes): the property rebuilds a tuple of
   every page reference on each access, and WeasyPrint's tagging
   (`weasyprint/pdf/tags.py`) reads it once per structure element. For a class of 28
   forms (56 pages, ~10 000 elements) that quadratic loop took about as long as writing
   the PDF itself. The cached tuple is rebuilt whenever the page list grows.

3. Each object serialised once per PDF (pydyf, same bytes): with a file identifier (we
   always give one, for reproducible output) `pydyf.PDF.write` serialises every object
   a second time to hash them all. While `write` runs, the bytes of each numbered
   (indirect) object are kept and served again (`data` of Dictionary, Array, String,
   Stream, and `PDF.write` to scope the cache to one PDF). `pydyf._to_bytes` answers the
   common exact types (bytes, str, int) first, with the very same result.

4. The HTML tokenizer's regex cache (tinyhtml5, same parse): `chars_until` caches its
   regular expressions under the wrong key (the chained assignment stores the compiled
   pattern as part of the key), so it builds the pattern again for every attribute name
   and text run: ~15% of laying out the guide. A dict that builds a missing entry under
   the right key, with tinyhtml5's own recipe, makes the cache work.

5. Pages without margin boxes (WeasyPrint, same layout): after pagination WeasyPrint
   builds all sixteen possible margin boxes of every page and keeps only those whose
   `content` generates something. The per-pupil layer of the forms writes its footers
   itself, so none of its pages has a margin box. The wrapper returns no boxes straight
   away when no margin box of the page's type generates content, which is exactly what
   the full function would return.

6. Dropped font tables not read (fontTools, same font bytes): without libharfbuzz-subset
   WeasyPrint subsets every font of every PDF with fontTools and asks it to drop GSUB
   and GPOS. fontTools 4.68's `Subsetter.subset` first reads (decompiles) GSUB, GPOS
   and GDEF in full to convert them to a compact form (`_compact_layout_tables`), and
   only then drops the tables it was asked to drop. For DejaVu Sans that reading is
   more than half of the subsetting: about 0.1 s per font, per PDF. The wrapper drops
   them first, with the subsetter's own rule and in its own table order
   (`_prune_pre_subset`), so the rest of the subsetting sees the very same font.

7. Font subsets reused across PDFs (WeasyPrint, CHANGES THE BYTES): without
   libharfbuzz-subset every PDF pays fontTools ~0.04-0.06 s per font face to cut the
   font down to the glyphs that PDF uses (the fonts keep their glyph numbers, so a font
   with more glyphs prints the same). The wrapper cuts each face to whole scripts
   instead (blocks of 128 code points, a script's blocks together): always the Latin
   letters, accents and punctuation, plus every other script or block the PDF uses, and
   keeps that subset for the next PDF with the same scripts. A class's letters, guide and
   forms then share one subset per face and process. A glyph no code point of the font
   leads to (a shaped form) falls back to the exact subset. The PDF carries a larger
   font (see bench/README.md); the text, its glyphs and the pages are the same, and the
   bytes stay deterministic: a subset depends only on the scripts used, not on which PDF
   made it first.

8. Shared page content compressed once per PDF (pydyf, CHANGES THE BYTES of those
   streams only, not their content): a letter's or a form's shared content is the same
   PDF operators on every household's or pupil's page
   (render/stacking.py replays them). stacking.py hands them over as one `Deflated`
   item, and a content stream holding one is written as a zlib stream of whole deflate
   pieces: the shared part compressed once (ending on a byte boundary, as zlib's
   Z_SYNC_FLUSH leaves it), the page's own operators compressed around it. It inflates
   to exactly the bytes pydyf would have compressed; only the compressed bytes differ,
   and only for such streams (any other stream is written as before, byte for byte).

9. Text straight into its structure element (WeasyPrint's tagging, CHANGES THE BYTES of the
   tag tree, OPTIONAL): WeasyPrint gives every run of text its own /Span structure element
   with one marked-content id in it, under the element of the paragraph, cell or heading
   the text belongs to. Half of the objects of a class's letters were such Spans. The
   replacement is WeasyPrint's own `_build_box_tree` with one condition widened: text
   marked as Span goes into its element's kids as a marked-content id, as WeasyPrint
   already does for the text of a link. A reader and a screen reader get the same text in
   the same elements in the same order (a Span carries no meaning of its own). The
   replacement is made from WeasyPrint's source; without the source (a frozen install) or
   when the line is not there, this patch alone is left out: the PDF is the same as
   WeasyPrint's, only written a little slower.

Tests (tests/render/test_speedups.py) write the same documents with and without each
same-bytes patch and compare the bytes.
"""

from __future__ import annotations

import functools
import hashlib
import inspect
import os
import re
import textwrap
import threading
import types
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from struct import error as struct_error
from typing import Any

import fontTools.subset
import pydyf
import tinyhtml5.inputstream
import weasyprint.layout
import weasyprint.pdf.fonts
import weasyprint.pdf.tags
from weasyprint.css import PAGE_MARGIN_BOXES

ZLIB_LEVEL = 6
_CACHE_ATTRIBUTE = "_kmg_page_references"
_MISSING = object()


@dataclass(frozen=True)
class Patch:
    """One attribute replaced: `owner.attribute = replace(original)`, if `expected(original)`."""

    owner: Any
    attribute: str
    replace: Callable[[Any], Any]
    expected: Callable[[Any], bool]
    changes_bytes: bool = False
    # An optional patch whose target does not have the expected shape is left out on its own
    # (the others still apply); a required one keeps every patch out.
    optional: bool = False

    @property
    def name(self) -> str:
        return f"{getattr(self.owner, '__module__', '')}.{self.owner.__name__}.{self.attribute}".lstrip(".")

    def current(self) -> Any:
        # The owner's own attribute: a class attribute inherited from a base does not count.
        return vars(self.owner).get(self.attribute, _MISSING)


def _parameters(function: Any) -> list[str]:
    try:
        return list(inspect.signature(function).parameters)
    except (TypeError, ValueError):
        return []


def _has_parameters(*names: str) -> Callable[[Any], bool]:
    return lambda value: callable(value) and _parameters(value)[: len(names)] == list(names)


def _is_property(value: Any) -> bool:
    return isinstance(value, property) and value.fget is not None


# -- 1. zlib level 6 ---------------------------------------------------------------------


def _compressobj(level: int = ZLIB_LEVEL, *args: Any, **kwargs: Any) -> Any:
    return zlib.compressobj(ZLIB_LEVEL, *args, **kwargs)


# pydyf calls `zlib.compressobj(level=9)` through its module global `zlib`; give it a
# namespace that only differs in that one function, leaving the real zlib module alone.
_PYDYF_ZLIB = types.SimpleNamespace(**{name: getattr(zlib, name) for name in dir(zlib) if not name.startswith("__")})
_PYDYF_ZLIB.compressobj = _compressobj


# -- 2. cached page references -----------------------------------------------------------


def _cached_page_references(original: property) -> property:
    compute = original.fget

    def page_references(self: Any) -> tuple[bytes, ...]:
        kids = self.pages["Kids"]
        cached = self.__dict__.get(_CACHE_ATTRIBUTE)
        # Pages are only ever appended, so the length says whether the cache is stale.
        if cached is None or cached[0] != len(kids):
            cached = (len(kids), compute(self))
            self.__dict__[_CACHE_ATTRIBUTE] = cached
        return cached[1]

    page_references.__wrapped__ = compute  # type: ignore[attr-defined]
    return property(page_references, doc=original.__doc__)


# -- 3. each object serialised once per PDF ---------------------------------------------

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

    _to_bytes.__wrapped__ = original  # type: ignore[attr-defined]
    return _to_bytes


# -- 4. the HTML tokenizer's regex cache -------------------------------------------------


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


# -- 5. pages without margin boxes -------------------------------------------------------

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

    make_margin_boxes.__wrapped__ = original  # type: ignore[attr-defined]
    make_margin_boxes.__doc__ = original.__doc__
    return make_margin_boxes


# -- 6. dropped font tables not read -----------------------------------------------------


def _drops_before_reading(original: Any) -> Any:
    def subset(self: Any, font: Any) -> Any:
        options = self.options
        # The first test of fontTools.subset.Subsetter._prune_pre_subset, verbatim, in its
        # order: "kern" (sorted first) sees GPOS still there, exactly as it would.
        for tag in self._sort_tables(font):
            if (
                tag.strip() in options.drop_tables
                or (tag.strip() in options.hinting_tables and not options.hinting)
                or (tag == "kern" and (not options.legacy_kern and "GPOS" in font))
            ):
                del font[tag]
        return original(self, font)

    subset.__wrapped__ = original  # type: ignore[attr-defined]
    subset.__doc__ = original.__doc__
    return subset


def _is_fonttools_subset(value: Any) -> bool:
    subsetter = fontTools.subset.Subsetter
    return (
        _has_parameters("self", "font")(value)
        and _has_parameters("self", "font")(getattr(subsetter, "_sort_tables", None))
        and _has_parameters("self", "font")(getattr(subsetter, "_prune_pre_subset", None))
        and all(hasattr(fontTools.subset.Options(), name) for name in ("drop_tables", "hinting_tables", "legacy_kern"))
    )


# -- 7. font subsets reused across PDFs ----------------------------------------------------

# Fonts are cut to whole units of blocks of 128 code points (code point >> 7). Every subset
# holds the first unit (Latin with its accents: Dutch, Turkish, Polish, Romanian ... names,
# punctuation, currency signs, and the dingbats: the letters' ✂, so that letters, guides and
# forms share their subsets); a script's blocks go together (a class with one Cyrillic name
# gets all of Cyrillic); any other block is a unit of its own. Fewer different subsets: more
# PDFs share one.
_BLOCK_BITS = 7
_UNITS = (
    ((0x0000, 0x027F), (0x2000, 0x20FF), (0x2700, 0x277F)),  # Latin, punctuation, dingbats: always
    ((0x0280, 0x037F), (0x1E00, 0x1EFF)),  # more Latin: IPA, combining accents, Vietnamese
    ((0x0380, 0x03FF), (0x1F00, 0x1FFF)),  # Greek
    ((0x0400, 0x057F),),  # Cyrillic
    ((0x0600, 0x077F), (0xFB00, 0xFEFF)),  # Arabic, with its presentation forms
)
_UNIT_OF_BLOCK = {
    block: unit
    for unit, ranges in enumerate(_UNITS)
    for first, last in ranges
    for block in range(first >> _BLOCK_BITS, (last >> _BLOCK_BITS) + 1)
}
_SUBSETS_KEPT = 16  # subsets per process (a few per face); the least recently used goes first
_subsets: dict[tuple[Any, ...], bytes] = {}
_subsets_lock = threading.Lock()  # a program may write PDFs in several threads
_glyph_units: dict[tuple[bytes, int], dict[int, int] | None] = {}


def _units_of_glyphs(content: bytes, index: int) -> tuple[tuple[bytes, int], dict[int, int] | None]:
    """The font's key and, per glyph id its cmap reaches, the unit of the lowest code point mapped to it."""
    key = (hashlib.blake2b(content, digest_size=16).digest(), index)
    if key not in _glyph_units:
        import io

        from fontTools.ttLib import TTFont, TTLibError

        try:
            font = TTFont(io.BytesIO(content), fontNumber=index, lazy=True)
            cmap = font.getBestCmap() or {}
            order = {name: gid for gid, name in enumerate(font.getGlyphOrder())}
        except (TTLibError, KeyError, ValueError, AssertionError, struct_error):
            _glyph_units[key] = None
        else:
            units: dict[int, int] = {0: 0}  # .notdef
            for codepoint, name in sorted(cmap.items()):
                gid = order.get(name)
                if gid is not None:
                    block = codepoint >> _BLOCK_BITS
                    units.setdefault(gid, _UNIT_OF_BLOCK.get(block, len(_UNITS) + block))
            _glyph_units[key] = units
    return key, _glyph_units[key]


def _reused_subsets(original: Any) -> Any:
    def _fonttools_subset(self: Any, to_unicode: Any, hinting: Any) -> None:
        content = self.file_content
        if self.missing or not to_unicode or not isinstance(content, bytes):
            return original(self, to_unicode, hinting)
        font_key, unit_of = _units_of_glyphs(content, self.index)
        if unit_of is None:
            return original(self, to_unicode, hinting)
        used = {0}
        for gid in to_unicode:
            unit = unit_of.get(gid)
            if unit is None:  # a glyph only shaping reaches: the exact subset
                return original(self, to_unicode, hinting)
            used.add(unit)
        key = (font_key, bool(hinting), os.environ.get("SOURCE_DATE_EPOCH"), frozenset(used))
        with _subsets_lock:
            cached = _subsets.pop(key, None)
            if cached is not None:
                _subsets[key] = cached  # the most recently used last: the least recently used goes first
        if cached is None:
            try:
                original(self, dict.fromkeys(gid for gid, unit in unit_of.items() if unit in used), hinting)
            except Exception:  # e.g. a damaged glyph the text does not use: the exact subset, as WeasyPrint
                self.file_content = content
                _glyph_units[font_key] = None  # and no more blocks for this face
                return original(self, to_unicode, hinting)
            if self.file_content is content:  # fontTools could not cut the blocks: the exact subset
                return original(self, to_unicode, hinting)
            cached = Deflated(self.file_content)  # compressed once per process too (8.)
            with _subsets_lock:
                while len(_subsets) >= _SUBSETS_KEPT:
                    del _subsets[next(iter(_subsets))]
                _subsets[key] = cached
        self.file_content = cached
        return None

    _fonttools_subset.__wrapped__ = original  # type: ignore[attr-defined]
    _fonttools_subset.__doc__ = original.__doc__
    return _fonttools_subset


# -- 9. text straight into its structure element ---------------------------------------------

_SPAN_CONDITION = "if tag == 'Link':"
_SPAN_WIDENED = "if tag == 'Link' or kid['tag'] == 'Span':"


def _tag_tree_source(function: Any) -> str | None:
    try:
        return inspect.getsource(function)
    except (OSError, TypeError):
        return None


def _is_box_tree_builder(value: Any) -> bool:
    source = _tag_tree_source(value) if inspect.isfunction(value) else None
    return (
        source is not None
        and _parameters(value)[:3] == ["box", "parent", "pdf"]
        and source.count(_SPAN_CONDITION) == 1
        and "kid = tags.pop(child)" in source
        and "nums[kid['mcid']] = element.reference" in source
    )


def _text_in_its_element(original: Any) -> Any:
    """WeasyPrint's `_build_box_tree`, compiled again with text marked as Span kept in its element.

    Compiled in WeasyPrint's own module (it sees that module's names as they are when it runs,
    and calls itself through the module, as the original does), with the original's line numbers.
    """
    source = textwrap.dedent(_tag_tree_source(original) or "")
    first_line = original.__code__.co_firstlineno
    widened = "\n" * (first_line - 1) + source.replace(_SPAN_CONDITION, _SPAN_WIDENED)
    namespace = original.__globals__
    before = namespace[original.__name__]
    code = compile(widened, original.__code__.co_filename, "exec")
    exec(code, namespace)  # noqa: S102 - WeasyPrint's own function, one condition changed (checked above)
    replacement = namespace[original.__name__]
    namespace[original.__name__] = before  # install() puts it there, uninstall() takes it away
    replacement.__wrapped__ = original
    return replacement


# -- 8. shared page content compressed once per PDF -----------------------------------------


class Deflated(bytes):
    """Content-stream bytes that many pages of one PDF share: deflated once, on first use."""

    @property
    def deflated(self) -> bytes:
        """Raw deflate blocks (no header, not final) ending on a byte boundary."""
        cached = self.__dict__.get("_deflated")
        if cached is None:
            compressor = zlib.compressobj(ZLIB_LEVEL, zlib.DEFLATED, -zlib.MAX_WBITS)
            cached = self.__dict__["_deflated"] = compressor.compress(self) + compressor.flush(zlib.Z_SYNC_FLUSH)
        return cached


_ZLIB_HEADER = b"\x78\x9c"  # deflate, 32 kB window, default level
_FINAL_EMPTY_BLOCK = b"\x03\x00"  # BFINAL=1, fixed Huffman, end of block


def _spliced(compute: Callable[[Any], bytes]) -> Callable[[Any], bytes]:
    """`pydyf.Stream.data` that compresses `Deflated` items only once (see 8. above)."""

    def data(self: Any) -> bytes:
        items = self.stream
        if not self.compress or not any(type(item) is Deflated for item in items):
            return compute(self)
        pieces = [_ZLIB_HEADER]
        checksum = 1
        plain: list[bytes] = []

        def close_plain() -> None:
            nonlocal checksum
            if plain:
                raw = b"".join(plain)
                plain.clear()
                compressor = zlib.compressobj(ZLIB_LEVEL, zlib.DEFLATED, -zlib.MAX_WBITS)
                pieces.append(compressor.compress(raw) + compressor.flush(zlib.Z_SYNC_FLUSH))
                checksum = zlib.adler32(raw, checksum)

        for index, item in enumerate(items):
            if index:
                plain.append(b"\n")
            if type(item) is Deflated:
                close_plain()
                pieces.append(item.deflated)
                checksum = zlib.adler32(item, checksum)
            else:
                plain.append(pydyf._to_bytes(item))
        close_plain()
        pieces += (_FINAL_EMPTY_BLOCK, checksum.to_bytes(4, "big"))
        stream = b"".join(pieces)
        extra = pydyf.Dictionary(self.extra.copy())
        extra["Filter"] = "/FlateDecode"
        extra["Length"] = len(stream)
        return b"\n".join((extra.data, b"stream", stream, b"endstream"))

    data.__wrapped__ = compute  # type: ignore[attr-defined]
    return data


def _stream_data(original: property) -> property:
    """Stream.data: serialised once per PDF (3.) and with its shared content compressed once (8.)."""
    return _cached_data(property(_spliced(original.fget), doc=original.__doc__))


# -- the table ---------------------------------------------------------------------------

PATCHES: tuple[Patch, ...] = (
    Patch(pydyf, "zlib", lambda original: _PYDYF_ZLIB, lambda value: value is zlib, changes_bytes=True),
    Patch(pydyf.PDF, "page_references", _cached_page_references, _is_property),
    *(Patch(cls, "data", _cached_data, _is_property) for cls in _SERIALISED_CLASSES if cls is not pydyf.Stream),
    Patch(pydyf.Stream, "data", _stream_data, _is_property, changes_bytes=True),
    Patch(pydyf.PDF, "write", _write_serialising_once, _has_parameters("self", "output")),
    Patch(pydyf, "_to_bytes", _quick_to_bytes, _has_parameters("item")),
    Patch(tinyhtml5.inputstream, "characters_until_regex", lambda original: _RegexCache(), lambda v: type(v) is dict),
    Patch(
        weasyprint.layout, "make_margin_boxes", _without_empty_margin_boxes, _has_parameters("context", "page", "state")
    ),
    Patch(fontTools.subset.Subsetter, "subset", _drops_before_reading, _is_fonttools_subset),
    Patch(
        weasyprint.pdf.fonts.Font,
        "_fonttools_subset",
        _reused_subsets,
        _has_parameters("self", "to_unicode", "hinting"),
        changes_bytes=True,
    ),
    Patch(
        weasyprint.pdf.tags,
        "_build_box_tree",
        _text_in_its_element,
        _is_box_tree_builder,
        changes_bytes=True,
        optional=True,
    ),
)

# The (original, replacement) of every installed patch, in table order (None for an optional patch
# left out); None while nothing is installed.
_installed: list[tuple[Any, Any] | None] | None = None
_lock = threading.Lock()


def problems() -> list[str]:
    """The patch targets without the expected shape (empty: all can be patched, or are still patched)."""
    if _installed is not None:
        # Installed: every target must still hold our replacement (nobody patched over it).
        return [
            patch.name
            for patch, entry in zip(PATCHES, _installed, strict=True)
            if entry is not None and patch.current() is not entry[1]
        ]
    return [patch.name for patch in PATCHES if not patch.optional and not patch.expected(patch.current())]


def install() -> bool:
    """Apply every patch of the table (an optional one whose target has another shape is left out),
    or none when a required one's target has an unexpected shape; True when installed."""
    global _installed
    with _lock:
        if _installed is not None:
            return not problems()
        if problems():
            return False
        installed = []
        for patch in PATCHES:
            original = patch.current()
            if patch.optional and not patch.expected(original):
                installed.append(None)  # left out on its own
                continue
            replacement = patch.replace(original)
            setattr(patch.owner, patch.attribute, replacement)
            installed.append((original, replacement))
        _installed = installed
        return True


def uninstall() -> None:
    """Put every original back (for tests); harmless when nothing is installed."""
    global _installed
    with _lock:
        if _installed is None:
            return
        for patch, entry in zip(PATCHES, _installed, strict=True):
            if entry is not None:
                setattr(patch.owner, patch.attribute, entry[0])
        _installed = None


def is_installed() -> bool:
    return _installed is not None


def original(patch: Patch) -> Any:
    """What `patch` replaced (while installed), else what is there now."""
    entry = None if _installed is None else _installed[PATCHES.index(patch)]
    return patch.current() if entry is None else entry[0]


@contextmanager
def installed(wanted: bool = True) -> Iterator[None]:
    """Run a block with the patches installed (or, with `wanted=False`, without), then restore the state."""
    before = is_installed()
    if wanted:
        install()
    else:
        uninstall()
    try:
        yield
    finally:
        if before:
            install()
        else:
            uninstall()
