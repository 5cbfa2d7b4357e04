"""The `kmg` command line: a thin Typer app; the only place that imports typer and rich."""

from __future__ import annotations

import typer

from .. import __version__

app = typer.Typer(
    name="kmg",
    help="kmg: bereid het kennismakingsgesprek voor. Schrijf een agenda, controleer hem en druk alles af.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"kmg {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", help="Toon de versie en stop.", callback=_version, is_eager=True),
) -> None:
    """kmg: bereid het kennismakingsgesprek voor. Schrijf een agenda, controleer hem en druk alles af."""


# Registering the commands imports their modules; `build` keeps WeasyPrint out of its
# module level so that `kmg check` starts fast.
from . import build as _build  # noqa: E402,F401
from . import check as _check  # noqa: E402,F401
from . import init as _init  # noqa: E402,F401
from . import schema as _schema  # noqa: E402,F401


def main() -> None:
    app()
