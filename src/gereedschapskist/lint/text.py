"""Small Dutch wording helpers so every rule counts and lists things the same way."""

from __future__ import annotations

from collections.abc import Sequence

from ..wording import aantal

__all__ = ["aantal", "minuten", "onderwerpen", "opsomming", "procent"]


def minuten(n: int) -> str:
    return aantal(n, "minuut", "minuten")


def onderwerpen(n: int) -> str:
    return aantal(n, "onderwerp", "onderwerpen")


def opsomming(items: Sequence[str], voegwoord: str = "en") -> str:
    """List items the way a Dutch sentence does: "a", "a en b", "a, b en c"."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {voegwoord} {items[-1]}"


def procent(fraction: float) -> str:
    return f"{round(fraction * 100)}%"
