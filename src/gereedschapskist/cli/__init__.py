"""The `kmg` command line: a thin Typer app; the only place that imports typer and rich."""

from __future__ import annotations

import sys
from typing import Any

import typer
from typer.core import TyperCommand, TyperGroup

from .. import __version__
from .console import OutputClosed


class _DutchHelp:
    """Dutch help pages; the Dutch strings load only when a help page is shown."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.options_metavar = "[OPTIES]"

    def get_help_option(self, ctx: Any) -> Any:
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.help = "Toon deze uitleg en stop."
        return option

    def format_help(self, ctx: Any, formatter: Any) -> None:
        from .dutch import install

        install()
        return super().format_help(ctx, formatter)  # type: ignore[misc]


class DutchCommand(_DutchHelp, TyperCommand):
    """A `kmg` command with a Dutch help page."""


class DutchGroup(_DutchHelp, TyperGroup):
    """The `kmg` group: Dutch help, and usage errors in Dutch (translated only when one occurs)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.subcommand_metavar = "COMMANDO [ARGUMENTEN]..."

    def main(self, args: Any = None, prog_name: str | None = None, complete_var: str | None = None,
             standalone_mode: bool = True, **extra: Any) -> Any:
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        from typer._click.exceptions import ClickException

        try:
            # Typer's standalone mode would print its errors in English; catch them here instead.
            result = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except SystemExit:
            from typer._click.utils import PacifyFlushWrapper

            if isinstance(sys.stdout, PacifyFlushWrapper):  # Typer's sign of a broken pipe (it exits with 1)
                raise OutputClosed from None
            raise
        except ClickException as exc:
            from .dutch import show_usage_error

            show_usage_error(exc)
            sys.exit(exc.exit_code)
        except typer.Abort:
            typer.echo("kmg: afgebroken.", err=True)
            sys.exit(1)
        sys.exit(result if isinstance(result, int) else 0)


app = typer.Typer(
    name="kmg",
    cls=DutchGroup,
    help="kmg: bereid het kennismakingsgesprek voor. Schrijf een agenda, controleer hem en druk alles af.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def command(name: str) -> Any:
    """`@app.command(name)` with the Dutch help page."""
    return app.command(name, cls=DutchCommand)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"kmg {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(False, "--versie", help="Toon de versie en stop.", callback=_version, is_eager=True),
    version_alias: bool = typer.Option(False, "--version", hidden=True, callback=_version, is_eager=True),
) -> None:
    """kmg: bereid het kennismakingsgesprek voor. Schrijf een agenda, controleer hem en druk alles af."""


# Registering the commands imports their modules; `build` keeps WeasyPrint out of its
# module level so that `kmg check` starts fast.
from . import build as _build  # noqa: E402,F401
from . import check as _check  # noqa: E402,F401
from . import init as _init  # noqa: E402,F401
from . import klassen as _klassen  # noqa: E402,F401
from . import plan as _plan  # noqa: E402,F401
from . import schema as _schema  # noqa: E402,F401


def main() -> None:
    from .common import cut_off_exit_code
    from .console import use_readable_fallback

    try:
        try:
            use_readable_fallback()
            app()
        finally:
            sys.stdout.flush()  # `kmg schema > /dev/full` fails here, not at exit after we are gone
    except KeyboardInterrupt:
        # Ctrl-C before a command took it over (kmg was still starting): no traceback either
        _silence(sys.stdout)
        typer.echo("kmg: afgebroken; er is niets half weggeschreven.", err=True)
        sys.exit(130)
    except (OutputClosed, BrokenPipeError):
        # `kmg check ... | head -1`: the reader has what it wanted; stop without a word
        _silence(sys.stdout, sys.stderr)
        sys.exit(cut_off_exit_code())
    except OSError as exc:
        _os_error_exit(exc)


def _silence(*streams: Any) -> None:
    """Send what is still buffered for `streams` nowhere: writing it would only fail again at exit."""
    import contextlib
    import os

    for stream in streams:
        with contextlib.suppress(OSError, ValueError, AttributeError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), stream.fileno())


def _os_error_exit(exc: OSError) -> None:
    """An OSError no command turned into a sentence (a full disk under `> rapport.txt`): one Dutch line."""
    from ..errors import EXIT_USAGE, os_error_text

    what = f"{exc.filename}: dit kan niet gelezen of geschreven worden" if exc.filename else (
        "de uitvoer kan niet geschreven worden"
    )
    _silence(sys.stdout)
    try:
        typer.echo(f"kmg: {what} ({os_error_text(exc)}).", err=True)
    except OSError:
        _silence(sys.stderr)  # stderr itself cannot be written (`2>/dev/full`): the exit code is all we have
    sys.exit(EXIT_USAGE)
