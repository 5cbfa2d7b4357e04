"""Whether the fast renderer may run: the tested library versions and the shapes it relies on.

The fast path (layers stacked page by page, painted operators replayed, see
`renderer`, `layers` and `stacking`) uses WeasyPrint internals and patches pydyf and
tinyhtml5 (`speedups`). It only runs when the installed versions are the ones it was
tested with and every private target still has the expected shape. Otherwise kmg prints
each document with WeasyPrint's public API only: slower, never wrong.
"""

from __future__ import annotations

import inspect
import os
from collections.abc import Callable
from importlib import metadata
from typing import Any

# The releases the fast path was tested with (tests/render/ compares it with the public API path).
TESTED_VERSIONS: dict[str, tuple[str, ...]] = {
    "weasyprint": ("70.0",),
    "pydyf": ("0.13.0",),
    "tinyhtml5": ("2.1.0",),
}

# Set to 1 to force the public-API path (to compare, or to work around a fast-path bug).
FORCE_PUBLIC_API = "KMG_ZONDER_VERSNELLING"

# Said with every document when the fast path is not used; the CLI prints each distinct warning once.
SLOW_MODE_NOTE = (
    "kmg drukt in de langzame stand: de geïnstalleerde versie van WeasyPrint (of pydyf, tinyhtml5) is niet "
    "de geteste. De PDF's zijn goed, het maken duurt alleen langer."
)
FORCED_SLOW_MODE_NOTE = (
    f"kmg drukt in de langzame stand, omdat {FORCE_PUBLIC_API} aan staat. "
    "De PDF's zijn goed, het maken duurt alleen langer."
)


def forced_public_api() -> bool:
    return os.environ.get(FORCE_PUBLIC_API, "").strip() not in ("", "0")


def slow_mode_note() -> str:
    return FORCED_SLOW_MODE_NOTE if forced_public_api() else SLOW_MODE_NOTE


def _parameters(function: Any) -> list[str]:
    try:
        return list(inspect.signature(function).parameters)
    except (TypeError, ValueError):
        return []


def _source_mentions(function: Any, *names: str) -> bool:
    try:
        source = inspect.getsource(function)
    except (OSError, TypeError):
        return False
    return all(name in source for name in names)


def _private_targets() -> list[tuple[str, Callable[[], bool]]]:
    """(name, check) for every WeasyPrint internal the fast path reads, calls or builds."""
    from weasyprint import Document
    from weasyprint.document import Page
    from weasyprint.draw import draw_page, draw_stacking_context
    from weasyprint.formatting_structure import boxes
    from weasyprint.pdf.stream import Stream
    from weasyprint.stacking import StackingContext

    return [
        ("weasyprint.document.Page(page_box)", lambda: _parameters(Page.__init__) == ["self", "page_box"]),
        ("Page._page_box", lambda: _source_mentions(Page.__init__, "self._page_box = page_box")),
        ("Page.paint(stream, scale)", lambda: _parameters(Page.paint)[:3] == ["self", "stream", "scale"]),
        ("Document.copy(pages)", lambda: _parameters(Document.copy)[:2] == ["self", "pages"]),
        ("draw_page(page, stream)", lambda: _parameters(draw_page) == ["page", "stream"]),
        (
            "draw_stacking_context(stream, stacking_context)",
            lambda: _parameters(draw_stacking_context) == ["stream", "stacking_context"],
        ),
        ("StackingContext.from_box", lambda: _parameters(StackingContext.from_box)[:2] == ["box", "page"]),
        (
            "boxes.MarginBox(at_keyword, style)",
            lambda: _parameters(boxes.MarginBox.__init__) == ["self", "at_keyword", "style"],
        ),
        (
            "boxes: PageBox, ParentBox, LineBox, BlockBox, copy()",
            lambda: (
                all(hasattr(boxes, name) for name in ("PageBox", "ParentBox", "LineBox", "BlockBox"))
                and callable(getattr(boxes.Box, "copy", None))
            ),
        ),
        (
            "Stream._tags, _resources, stream, stacked(), transform()",
            lambda: (
                _source_mentions(Stream.__init__, "self._tags = tags", "self._resources = resources")
                and callable(getattr(Stream, "stacked", None))
                and callable(getattr(Stream, "transform", None))
            ),
        ),
    ]


def install_speedups() -> bool:
    """Install the patch table (speedups.py); False when it cannot be (nothing is then patched)."""
    try:
        from . import speedups
    except Exception:  # noqa: BLE001 - see fast_path_problems
        return False
    return speedups.install()


def _version_problems() -> list[str]:
    found = []
    for package, tested in TESTED_VERSIONS.items():
        try:
            version = metadata.version(package)
        except metadata.PackageNotFoundError:
            version = "?"
        if version not in tested:
            found.append(f"{package} {version} (getest: {', '.join(tested)})")
    return found


def fast_path_problems() -> list[str]:
    """Why the fast path may not run (empty: it may). Imports WeasyPrint."""
    if forced_public_api():
        return [f"{FORCE_PUBLIC_API} staat aan"]
    found = _version_problems()
    try:
        from . import speedups

        targets = _private_targets()
    except Exception as error:  # noqa: BLE001 - a module or name that moved: not the expected shape
        return [*found, f"WeasyPrint, pydyf of tinyhtml5 is anders opgebouwd ({type(error).__name__}: {error})"]
    found += [f"{name} heeft een andere vorm" for name in speedups.problems()]
    for name, check in targets:
        try:
            ok = check()
        except Exception:  # noqa: BLE001 - any surprise in a shape check means: not the expected shape
            ok = False
        if not ok:
            found.append(f"{name} heeft een andere vorm")
    return found
