"""Helpers shared by the commands: printing a user error as one Dutch line and exiting."""

from __future__ import annotations

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
