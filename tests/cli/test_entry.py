"""A Ctrl-C while the CLI is still being imported is one Dutch line and exit 130, no traceback."""

from __future__ import annotations

import subprocess
import sys

# Make importing the CLI itself be interrupted, as a Ctrl-C in the first tenths of a second is.
PROGRAM = """
import sys

class Interrupt:
    def find_spec(self, name, path=None, target=None):
        if name == "gereedschapskist.cli":
            raise KeyboardInterrupt
        return None

sys.meta_path.insert(0, Interrupt())
sys.argv[0] = "kmg"
from gereedschapskist.entry import main
main()
"""


def test_ctrl_c_while_the_cli_is_imported_is_one_dutch_line() -> None:
    result = subprocess.run(
        [sys.executable, "-c", PROGRAM, "check", "x.yaml"], capture_output=True, text=True, encoding="utf-8", timeout=60
    )
    assert result.returncode == 130
    assert "Traceback" not in result.stderr
    assert result.stderr.strip() == "kmg: afgebroken; er is niets half weggeschreven."


def test_the_console_script_goes_through_the_door() -> None:
    from importlib.metadata import entry_points

    (script,) = [ep for ep in entry_points(group="console_scripts") if ep.name == "kmg"]
    assert script.value == "gereedschapskist.entry:main"
