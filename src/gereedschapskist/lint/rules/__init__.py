"""The registry of `kmg check` rules, in code order.

Listed by hand (like yamllint's) rather than discovered, so the order is fixed, a
half-written module never runs by accident, and start-up does not scan a folder.
KMG001 and KMG002 come from the loader; their modules only document them and have
no `check`.
"""

from __future__ import annotations

from types import ModuleType

from . import (
    kmg001,
    kmg002,
    kmg101,
    kmg102,
    kmg103,
    kmg104,
    kmg105,
    kmg106,
    kmg107,
    kmg108,
    kmg109,
    kmg110,
    kmg111,
    kmg112,
    kmg113,
    kmg114,
    kmg115,
    kmg116,
)

RULES: dict[str, ModuleType] = {
    rule.ID: rule
    for rule in (
        kmg001,
        kmg002,
        kmg101,
        kmg102,
        kmg103,
        kmg104,
        kmg105,
        kmg106,
        kmg107,
        kmg108,
        kmg109,
        kmg110,
        kmg111,
        kmg112,
        kmg113,
        kmg114,
        kmg115,
        kmg116,
    )
}

__all__ = ["RULES"]
