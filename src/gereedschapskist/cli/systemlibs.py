"""The system libraries WeasyPrint needs (Pango, HarfBuzz), looked up per platform, with Dutch advice.

On Linux, macOS and Windows the libraries have other names and are installed another
way; what kmg says must fit the computer it runs on (no `sudo apt-get` on Windows).
"""

from __future__ import annotations

import contextlib
import io
import os
import sys

from .common import fail

# The names WeasyPrint tries for libharfbuzz-subset (weasyprint/text/ffi.py), per platform.
HARFBUZZ_SUBSET_NAMES = {
    "win32": ("libharfbuzz-subset-0", "harfbuzz-subset-0", "libharfbuzz-subset-0.dll"),
    "darwin": ("harfbuzz-subset", "libharfbuzz-subset.0.dylib", "libharfbuzz-subset.dylib"),
    "linux": ("harfbuzz-subset", "libharfbuzz-subset.so.0"),
}


def _platform_key(platform: str) -> str:
    if platform.startswith(("win", "cygwin", "msys")):
        return "win32"
    return "darwin" if platform == "darwin" else "linux"


def harfbuzz_subset_available(platform: str | None = None) -> bool:
    """Whether libharfbuzz-subset is installed (WeasyPrint then subsets fonts several times faster)."""
    import ctypes.util

    ffi = sys.modules.get("weasyprint.text.ffi")
    if platform is None and ffi is not None:
        return getattr(ffi, "harfbuzz_subset", None) is not None  # what WeasyPrint itself found
    names = HARFBUZZ_SUBSET_NAMES[_platform_key(platform or sys.platform)]
    return any(ctypes.util.find_library(name) for name in names)


def harfbuzz_tip(platform: str | None = None) -> str | None:
    """A speed tip when the subsetter is missing, with this platform's way to install it."""
    if harfbuzz_subset_available(platform):
        return None
    key = _platform_key(platform or sys.platform)
    if key == "win32":
        return None  # the GTK runtime from MSYS2 brings it; nothing a school should install by hand
    how = "brew install harfbuzz" if key == "darwin" else "Debian/Ubuntu: sudo apt-get install libharfbuzz-subset0"
    return f"Tip: met HarfBuzz-subset ({how}) maakt kmg de PDF's een stuk sneller."


PANGO_HOW = {
    "win32": (
        "installeer de GTK-runtime met MSYS2 (pacman -S mingw-w64-x86_64-pango) en zet zo nodig "
        "WEASYPRINT_DLL_DIRECTORIES op de map met de DLL's; zie 'Windows' in de README"
    ),
    "darwin": "installeer Pango met: brew install pango",
    "linux": (
        "installeer het pakket pango van uw Linux-versie "
        "(Debian/Ubuntu: sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0; Fedora: sudo dnf install pango)"
    ),
}


def pango_missing_message(platform: str | None = None) -> str:
    how = PANGO_HOW[_platform_key(platform or sys.platform)]
    return f"er kunnen geen PDF's gemaakt worden, want Pango ontbreekt op deze computer: {how}. kmg check werkt wel."


# The libraries WeasyPrint loads when it is imported, under the names it tries
# (weasyprint/text/ffi.py). Only used for a quick look; the import itself decides.
PANGO_LIBRARIES = (
    ("libgobject-2.0-0", "gobject-2.0-0", "gobject-2.0", "libgobject-2.0.so.0", "libgobject-2.0.0.dylib"),
    ("libpango-1.0-0", "pango-1.0-0", "pango-1.0", "libpango-1.0.so.0", "libpango-1.0.dylib"),
    ("libharfbuzz-0", "harfbuzz", "harfbuzz-0.0", "libharfbuzz.so.0", "libharfbuzz.0.dylib"),
    ("libfontconfig-1", "fontconfig-1", "fontconfig", "libfontconfig.so.1", "libfontconfig.1.dylib"),
    ("libpangoft2-1.0-0", "pangoft2-1.0-0", "pangoft2-1.0", "libpangoft2-1.0.so.0", "libpangoft2-1.0.dylib"),
)


def _pango_loads_quickly() -> bool:
    """A quick look (~50 ms) whether WeasyPrint will find Pango, without importing WeasyPrint (~0.5 s).

    The build's workers import WeasyPrint themselves; the main process only needs to know
    that they can. When this look says no, `require_pango` asks the import itself, so a
    name WeasyPrint learns in a later release costs time here, never a wrong refusal.
    """
    import importlib.util

    try:
        import cffi

        if importlib.util.find_spec("weasyprint") is None:
            return False
    except (ImportError, ValueError):
        return False
    if hasattr(os, "add_dll_directory"):  # Windows: the folders WeasyPrint adds before loading
        default = r"C:\msys64\ucrt64\bin;C:\msys64\mingw64\bin;C:\Program Files\GTK3-Runtime Win64\bin"
        for folder in os.environ.get("WEASYPRINT_DLL_DIRECTORIES", default).split(";"):
            with contextlib.suppress(OSError):
                os.add_dll_directory(folder)
    ffi = cffi.FFI()
    flags = 0x00001000 if os.name == "nt" else ffi.RTLD_NOW  # as WeasyPrint loads them
    for names in PANGO_LIBRARIES:
        for name in (*names, f"{names[0]}.dll"):
            try:
                ffi.dlopen(name, flags)
                break
            except OSError:
                continue
        else:
            return False
    return True


def require_pango() -> None:
    """Stop with one Dutch sentence when WeasyPrint cannot load Pango (or is not installed)."""
    if sys.modules.get("weasyprint") is not None or _pango_loads_quickly():
        return
    try:
        # WeasyPrint prints an English banner on stdout before it raises; keep that out
        with contextlib.redirect_stdout(io.StringIO()):
            import weasyprint  # noqa: F401
    except (OSError, ImportError):
        raise fail(pango_missing_message()) from None
