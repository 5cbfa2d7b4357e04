"""Helpers for driving the CLI through Typer's test runner, as a user would."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from gereedschapskist.cli import app


class Kmg:
    def __init__(self) -> None:
        self.runner = CliRunner()

    def __call__(self, *args: str):
        result = self.runner.invoke(app, [str(a) for a in args])
        # A traceback must never reach a user: only typer's own Exit/SystemExit is fine.
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            raise result.exception
        return result


@pytest.fixture
def kmg() -> Kmg:
    return Kmg()
