"""Helpers shared by the commands: printing a user error as one Dutch line and exiting."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TypeVar

import typer

from ..errors import EXIT_OK, EXIT_USAGE, UserError

T = TypeVar("T")


def either(dutch: T, english: T | None) -> T:
    """The value of an option given under its old English name, else under its Dutch name."""
    return dutch if english is None else english


_cut_off_code = EXIT_OK


def exit_code_if_cut_off(code: int) -> None:
    """The exit code when the reader of stdout stops early (`| head -1`): what the command found so far.

    Help, `schema` and `init` stop quietly with 0, as `kmg --help | head -1` should; `check` keeps
    the code of its findings; `build` says 2, as not every PDF may have been made.
    """
    global _cut_off_code
    _cut_off_code = code


def cut_off_exit_code() -> int:
    return _cut_off_code


_PLAIN_ARG = re.compile(r"[\w@%+=:,./\\-]+")


def shell_arg(text: str) -> str:
    """A path as a school can copy it behind a command: in double quotes when it needs them.

    Double quotes work the same in cmd.exe, PowerShell and a Unix shell for the usual names
    ("Mijn map/agenda 2026.yaml"); a Unix shell gets single quotes when $, ` or " would
    otherwise mean something there.
    """
    if text and _PLAIN_ARG.fullmatch(text):
        return text
    if os.name != "nt" and any(c in text for c in '"$`\\!'):
        import shlex

        return shlex.quote(text)
    return f'"{text}"'


def fail(message: str, code: int = EXIT_USAGE) -> typer.Exit:
    typer.echo(f"kmg: {message}", err=True)
    return typer.Exit(code)


@contextmanager
def user_errors(*, verbose: bool = False) -> Iterator[None]:
    """Turn a `UserError` into its sentence on stderr and the right exit code: never a traceback."""
    try:
        yield
    except UserError as exc:
        from .foreign import explain  # a template error may carry Jinja's English

        raise fail(explain(exc, verbose=verbose), exc.exit_code) from None
    except KeyboardInterrupt:
        typer.echo("\nkmg: afgebroken; er is niets half weggeschreven.", err=True)
        raise typer.Exit(130) from None


def without_planning_files(checked: list, command: str, *, momenten: object = None) -> list:
    """The checked files that are agendas: `kmg build agendas/*.yaml` also matches planning.yaml.

    A planning file is skipped with a note (none when it is the file given with --momenten);
    when nothing else is left, the user is told which file is missing.
    """
    from pathlib import Path

    agendas = [file for file in checked if not file.planning]
    for file in checked:
        if file.planning and (momenten is None or Path(file.path).resolve() != Path(momenten).resolve()):
            typer.echo(
                f"Let op: {file.display} is een planning (momenten) voor kmg plan, geen agenda; "
                f"kmg {command} slaat het over.",
                err=True,
            )
    if checked and not agendas:
        raise fail("Er is geen agenda opgegeven, alleen een planning. Geef ook de agenda('s) (.yaml) op.")
    return agendas
