"""The `kmg` console script: a tiny door in front of the CLI.

Importing the CLI (Typer, pydantic, ...) takes a few tenths of a second. A Ctrl-C in that
moment would otherwise end in a Python traceback, before `cli.main` can answer it in Dutch.
"""

from __future__ import annotations

import sys

INTERRUPTED = 130


def main() -> None:
    try:
        from .cli import main as cli_main
    except KeyboardInterrupt:
        sys.stderr.write("kmg: afgebroken; er is niets half weggeschreven.\n")
        sys.exit(INTERRUPTED)
    cli_main()
