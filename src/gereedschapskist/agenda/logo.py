"""The school's logo (`logo:` in an agenda): found next to the agenda file, checked, read once.

The path is seen from the agenda's folder and must stay inside it (links followed), the
same rule the template fetcher applies to template folders: an agenda cannot make a
PDF carry a file from elsewhere on the computer. The image is read once, checked to be a
PNG, JPEG, GIF, WebP or SVG of sensible size, and kept in the model as a `data:` URL, so
the workers print it without touching the disk and the build cache sees a changed file.
Every problem is a Dutch sentence: a KMG002 finding in `kmg check` (which `kmg build`
runs first), or a `UserError` for a caller that reads an agenda another way.
"""

from __future__ import annotations

import base64
import re
from pathlib import Path

from ..errors import UserError, os_error_text
from ..fileio import NotARegularFile, read_limited
from ..findings import Finding
from .model import Agenda
from .yamlload import LoadedYaml

CODE = "KMG002"  # the agenda's content does not fit: like a field with a wrong value

MAX_BYTES = 2 * 1024 * 1024  # a logo of a few hundred kilobytes is plenty for print

_SVG_START = re.compile(
    rb"^(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*|<!DOCTYPE[^>]*>\s*)*<svg[\s>]", re.S
)


class LogoProblem(UserError):
    """The agenda's logo cannot be used; the message says why and what to do."""


def image_type(data: bytes) -> str | None:
    """The MIME type of a logo image, by its first bytes; None for anything else."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if data.startswith((b"GIF87a", b"GIF89a")):
        return "image/gif"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    if _SVG_START.match(data[:4096]):
        return "image/svg+xml"
    return None


def read_logo(agenda_path: Path, bestand: str) -> str:
    """The logo `bestand` (seen from the agenda's folder) as a `data:` URL, or `LogoProblem`."""
    folder = agenda_path.parent.resolve()
    given = Path(bestand)
    try:
        real = (folder / given).resolve(strict=True)
    except (OSError, RuntimeError):
        raise LogoProblem(
            f"Het logo '{bestand}' bestaat niet (gezocht vanaf de map {folder}). "
            "Controleer de naam, of zet het plaatje naast het agendabestand."
        ) from None
    if not real.is_relative_to(folder):
        raise LogoProblem(
            f"Het logo '{bestand}' staat buiten de map van de agenda. "
            "Zet het plaatje in dezelfde map als het agendabestand (of in een map daaronder)."
        )
    try:
        data = read_limited(real, MAX_BYTES)
    except (IsADirectoryError, NotARegularFile):
        raise LogoProblem(f"Het logo '{bestand}' is geen bestand. Geef het plaatje zelf op.") from None
    except OSError as exc:
        raise LogoProblem(f"Het logo '{bestand}' kan niet gelezen worden ({os_error_text(exc)}).") from None
    if len(data) > MAX_BYTES:
        raise LogoProblem(
            f"Het logo '{bestand}' is te groot (meer dan {MAX_BYTES // (1024 * 1024)} MB). "
            "Sla het kleiner op, bijvoorbeeld 600 pixels breed."
        )
    mime = image_type(data)
    if mime is None:
        raise LogoProblem(f"Het logo '{bestand}' is geen plaatje. Gebruik een PNG-, JPEG-, GIF- of SVG-bestand.")
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"


def attach_logo(agenda: Agenda, agenda_path: Path) -> Agenda:
    """The agenda with its logo read (see the module docstring); the same agenda without one."""
    if agenda.logo is None:
        return agenda
    logo = agenda.logo.model_copy()
    logo._bron = read_logo(agenda_path, agenda.logo.bestand)
    return agenda.model_copy(update={"logo": logo})


def read_agenda_logo(
    agenda: Agenda, agenda_path: Path, source: LoadedYaml, display: str
) -> tuple[Agenda, list[Finding]]:
    """`attach_logo` for `kmg check`: a problem becomes a finding at the `logo:` line.

    The agenda comes back without the image then, so the rules still run; `kmg build`
    stops on the finding before anything is printed.
    """
    try:
        return attach_logo(agenda, agenda_path), []
    except LogoProblem as problem:
        path = ("logo", "bestand") if ("logo", "bestand") in source.values else ("logo",)
        pos = source.position(path)
        hint = "Zonder 'logo:' drukt kmg de documenten zonder logo af."
        return agenda, [Finding(display, pos.line, pos.column, CODE, "error", problem.message, hint)]
