"""Incremental builds: skip a class whose inputs have not changed since the last build.

A job's key is a hash of everything its PDFs depend on: kmg's and WeasyPrint's
versions, the agenda (as validated data, so a comment edit re-renders nothing), that one
class (name, teacher, pupils' names), every template file, and which documents it makes with
the invitations it hands out (they name children of other classes and household codes).
The manifest in the output folder records the key and the hash of each written file; a job
is skipped only when its key
matches and the files on disk are still the ones we wrote.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import asdict, is_dataclass
from importlib import metadata
from pathlib import Path

from . import __version__
from .errors import UserError, os_error_text
from .fileio import make_folder, write_text_atomic

MANIFEST = ".kmg-cache.json"


def _weasyprint_version() -> str:
    # metadata lookup instead of importing weasyprint: a no-change rebuild must stay fast
    try:
        return metadata.version("weasyprint")
    except metadata.PackageNotFoundError:  # pragma: no cover
        return "?"


def templates_digest(template_dirs: Iterable[Path]) -> str:
    digest = hashlib.sha256()
    for folder in template_dirs:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            digest.update(str(path.relative_to(folder)).encode())
            try:
                digest.update(hashlib.sha256(path.read_bytes()).digest())
            except OSError:  # an unreadable file (notes, a lock file) is no template kmg can use: skip it
                continue
    return digest.hexdigest()


def _json_default(value: object) -> object:
    # dates (a pupil's birth date) as ISO text; sets and tuples as lists
    if hasattr(value, "isoformat"):
        return value.isoformat()  # type: ignore[attr-defined]
    return list(value)  # type: ignore[call-overload]


# What the guide and the forms show of a pupil. A pupil's key, family and birth date (and
# so a parent's changed e-mail address) do not change those documents: no re-render.
_SHOWN_PUPIL_FIELDS = ("roepnaam", "tussenvoegsel", "achternaam")


def _shown(klass: object | None) -> object:
    if not is_dataclass(klass) or isinstance(klass, type):
        return None
    payload = asdict(klass)
    if isinstance(payload.get("leerlingen"), list | tuple):
        payload["leerlingen"] = [
            {name: pupil.get(name) for name in _SHOWN_PUPIL_FIELDS} if isinstance(pupil, dict) else pupil
            for pupil in payload["leerlingen"]
        ]
    return payload


def job_key(agenda_json: str, klass: object | None, templates: str, extra: object = None) -> str:
    """`extra`: what else the job's documents show (the invitations name siblings in other classes)."""
    payload = {
        "kmg": __version__,
        "weasyprint": _weasyprint_version(),
        "agenda": agenda_json,
        "class": _shown(klass),
        "templates": templates,
    }
    if extra is not None:
        payload["extra"] = _plain(extra)
    return hashlib.sha256(json.dumps(payload, sort_keys=True, default=_json_default).encode()).hexdigest()


def _plain(value: object) -> object:
    """Dataclasses (the letters) as dicts, recursively, so that json can hash them."""
    if is_dataclass(value) and not isinstance(value, type):
        return asdict(value)
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def file_digest(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def _well_formed(entry: object) -> bool:
    if not isinstance(entry, dict):
        return False
    files, pages, pupils = entry.get("files"), entry.get("pages"), entry.get("pupils")
    return (
        isinstance(entry.get("key"), str)
        and isinstance(files, dict)
        and all(isinstance(name, str) and isinstance(digest, str | None) for name, digest in files.items())
        and isinstance(pages, int)
        and not isinstance(pages, bool)
        and (pupils is None or (isinstance(pupils, int) and not isinstance(pupils, bool)))
    )


class Manifest:
    """What the last build wrote into an output folder, and under which key."""

    def __init__(self, out_dir: Path) -> None:
        self.path = out_dir / MANIFEST
        self.out_dir = out_dir
        try:
            loaded = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            loaded = {}
        # An entry that is not what kmg writes (edited by hand, another version) is dropped:
        # that class is simply made again.
        if not isinstance(loaded, dict):
            loaded = {}
        self.entries: dict[str, dict] = {folder: entry for folder, entry in loaded.items() if _well_formed(entry)}

    def is_fresh(self, folder: Path, key: str, files: Sequence[Path]) -> bool:
        entry = self.entries.get(folder.as_posix())
        if not entry or entry.get("key") != key:
            return False
        recorded = entry.get("files", {})
        return all(recorded.get(f.name) and file_digest(self.out_dir / f) == recorded[f.name] for f in files)

    def pages(self, folder: Path) -> int:
        return int(self.entries.get(folder.as_posix(), {}).get("pages", 0))

    def pupils(self, folder: Path) -> int | None:
        """How many pupils the class had when its forms were last made (None: not known)."""
        pupils = self.entries.get(folder.as_posix(), {}).get("pupils")
        return pupils if isinstance(pupils, int) else None

    def record(self, folder: Path, key: str, files: Sequence[Path], pages: int, pupils: int | None = None) -> None:
        self.entries[folder.as_posix()] = {
            "key": key,
            "pages": pages,
            "pupils": pupils,
            "files": {f.name: file_digest(self.out_dir / f) for f in files},
        }

    def save(self) -> str | None:
        """Best effort: without a manifest the next build simply renders everything again.

        Returns None when saved, else a Dutch sentence to tell the user why it was not.
        """
        try:
            make_folder(self.out_dir)
            write_text_atomic(self.path, json.dumps(self.entries, indent=1, sort_keys=True))
        except (OSError, UserError) as exc:
            why = os_error_text(exc) if isinstance(exc, OSError) else exc.message.rstrip(".")
            if self.path.is_dir():
                why = "dit is een map"
            return (
                f"{self.path}: kmg kon hier niet onthouden wat er gemaakt is ({why}); "
                "de volgende keer maakt kmg alles opnieuw."
            )
        return None
