"""`kmg init`: write a starter agenda from the seed's topic table; never overwrite a file."""

from __future__ import annotations

import contextlib
import os
import sys
from enum import StrEnum
from pathlib import Path

import typer

from ..agenda.model import is_school_year
from ..agenda.schema import agenda_schema_text
from ..agenda.starter import DEFAULT_DURATION, PLACEHOLDERS, SCHEMA_FILENAME, parse_groups, starter_agenda
from ..agenda.yamlload import describe_character, is_unprintable
from ..errors import os_error_text
from ..resources import examples_dir
from . import command
from .common import fail, shell_arg, user_errors


class SettingChoice(StrEnum):
    school = "school"
    huisbezoek = "huisbezoek"


def _create_exclusive(path: Path, text: str) -> None:
    # O_EXCL makes "never overwrite" hold even if two people run init at the same moment.
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    except BaseException:
        # A full disk must not leave a half-written agenda that init then refuses to replace.
        with contextlib.suppress(OSError):
            path.unlink()
        raise


EXAMPLE_CLASS_LIST = "klassenlijst-voorbeeld.csv"
EXAMPLE_PLANNING = "planning.yaml"  # the sample for `kmg plan`, next to the agendas: no agenda


def example_names() -> list[str]:
    return sorted(p.stem for p in examples_dir().glob("*.yaml") if p.name != EXAMPLE_PLANNING)


def _copy_example(name: str, path: Path) -> None:
    """Copy example agenda `name` to `path`, with the example class list and the schema beside it."""
    names = example_names()
    if name.removesuffix(".yaml") not in names:
        raise fail(f"--voorbeeld: er is geen voorbeeld '{name}'. Kies uit: {', '.join(names)}.")
    source = examples_dir() / f"{name.removesuffix('.yaml')}.yaml"
    with user_errors():
        _refuse_unusable_path(path)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            _create_exclusive(path, source.read_text(encoding="utf-8"))
        except FileExistsError:
            raise fail(f"{path} bestaat al; kmg overschrijft geen bestaande agenda. Kies een andere naam.") from None
        except OSError as exc:
            raise fail(f"{path}: het bestand kan niet geschreven worden ({os_error_text(exc)}).") from None
        extras = []
        for extra in (EXAMPLE_CLASS_LIST, SCHEMA_FILENAME):
            try:
                _create_exclusive(path.parent / extra, (examples_dir() / extra).read_text(encoding="utf-8"))
                extras.append(extra)
            except FileExistsError:
                pass  # a file the school already has stays as it is
            except OSError as exc:
                raise fail(
                    f"{path.parent / extra}: het bestand kan niet geschreven worden ({os_error_text(exc)}); "
                    f"de agenda {path} is wel geschreven."
                ) from None
    lines = [f"Voorbeeldagenda '{source.stem}' geschreven naar {path}."]
    if EXAMPLE_CLASS_LIST in extras:
        lines.append(f"Voorbeeldklassenlijst geschreven naar {path.parent / EXAMPLE_CLASS_LIST}.")
    lines.append(f"Controleer hem met: kmg check {shell_arg(str(path))}")
    lines.append(
        f"Druk af met: kmg build {shell_arg(str(path))} --klassen {shell_arg(str(path.parent / EXAMPLE_CLASS_LIST))}"
    )
    _tell(path, lines)


def _refuse_unusable_path(path: Path) -> None:
    """A folder, or a path under a file, gets its own sentence instead of "bestaat al"."""
    try:
        _look_at_path(path)
    except OSError as exc:  # e.g. a folder on the way that may not be read
        raise fail(f"{path}: het bestand kan niet geschreven worden ({os_error_text(exc)}).") from None


def _look_at_path(path: Path) -> None:
    if path.is_dir():
        # `kmg init sub` (or `kmg init ''`, which is the current folder) means a file in it.
        raise fail(f"{path} is een map; geef een bestandsnaam, bijvoorbeeld: kmg init {path / 'agenda.yaml'}")
    if path.exists() or path.is_symlink():
        raise fail(f"{path} bestaat al; kmg overschrijft geen bestaande agenda. Kies een andere naam.")
    for parent in path.parents:
        if parent.exists() and not parent.is_dir():
            raise fail(f"{parent} is een bestand, geen map; kies een map voor de nieuwe agenda.")


@command("init")
def init_command(
    path: Path = typer.Argument(
        Path("agenda.yaml"), metavar="PAD", help="Waar de nieuwe agenda komt (standaard agenda.yaml)."
    ),
    setting: SettingChoice = typer.Option(SettingChoice.school, "--setting", help="Op school of een huisbezoek."),
    groepen: str = typer.Option("3-8", "--groepen", help="Voor welke groepen, bijvoorbeeld 1-2, 3-8 of 4,5."),
    duur: int | None = typer.Option(
        None, "--duur", min=1, max=600, help="Minuten per gesprek (standaard 25 op school, 60 bij een huisbezoek)."
    ),
    school: str = typer.Option(PLACEHOLDERS["school"].text, "--school", help="Naam van de school."),
    schooljaar: str = typer.Option("2026-2027", "--schooljaar", help="Het schooljaar, bijvoorbeeld 2026-2027."),
    voorbeeld: str | None = typer.Option(
        None,
        "--voorbeeld",
        metavar="NAAM",
        help=f"Kopieer een voorbeeldagenda (en de voorbeeldklassenlijst) in plaats van een startagenda: "
        f"{', '.join(example_names())}. De andere opties tellen dan niet.",
    ),
) -> None:
    """Schrijf een startagenda met de tien onderwerpen uit de gereedschapskist."""
    if voorbeeld is not None:
        _copy_example(voorbeeld, path)
        return
    try:
        groups = parse_groups(groepen)
    except ValueError as exc:
        raise fail(f"--groepen: {exc}") from None
    if not school.strip():
        raise fail("--school: vul de naam van de school in.")
    if bad := next((c for c in school if is_unprintable(c) or c in "\n\r"), None):
        # The agenda would fail its own `kmg check`: refuse it before writing.
        raise fail(f"--school: de naam bevat {describe_character(bad)}; typ de naam op één regel zonder dat teken.")
    if not is_school_year(schooljaar):
        raise fail("--schooljaar: schrijf het schooljaar als 2026-2027.")
    text = starter_agenda(
        setting=setting.value,
        groups=groups,
        duration=duur or DEFAULT_DURATION[setting.value],
        school=school,
        school_year=schooljaar,
    )
    with user_errors():
        _refuse_unusable_path(path)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            _create_exclusive(path, text)
        except FileExistsError:
            raise fail(f"{path} bestaat al; kmg overschrijft geen bestaande agenda. Kies een andere naam.") from None
        except OSError as exc:
            raise fail(f"{path}: het bestand kan niet geschreven worden ({os_error_text(exc)}).") from None
        schema_path = path.parent / SCHEMA_FILENAME
        if not schema_path.exists():
            # the schema only helps the editor; the agenda itself is written either way
            with contextlib.suppress(OSError):
                _create_exclusive(schema_path, agenda_schema_text())
    _tell(path, [
        f"Startagenda geschreven naar {path}.",
        f"Pas hem aan met het team en controleer hem daarna met: kmg check {shell_arg(str(path))}",
    ])


def _tell(path: Path, lines: list[str]) -> None:
    """Confirm what was written; a stdout that cannot be written (`> /dev/full`) does not hide that it was."""
    try:
        for line in lines:
            typer.echo(line)
    except BrokenPipeError:
        raise  # the reader stopped early (`| head -1`): cli.main stops quietly
    except OSError as exc:
        with contextlib.suppress(OSError, ValueError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # don't fail again at exit
        raise fail(
            f"{path} is geschreven, maar deze melding kon niet getoond worden ({os_error_text(exc)})."
        ) from None
