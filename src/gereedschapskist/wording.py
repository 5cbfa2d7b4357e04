"""Dutch wording shared by the rules, the reports and the documents, so they never drift apart."""

from __future__ import annotations


def aantal(n: int, enkelvoud: str, meervoud: str) -> str:
    """`aantal(1, "minuut", "minuten")` -> "1 minuut"; Dutch has no plural after 1 only."""
    return f"{n} {enkelvoud if n == 1 else meervoud}"


def clock(minutes: int) -> str:
    """Offset from the start of the conversation as a clock time: 3 -> "0:03", 75 -> "1:15"."""
    return f"{minutes // 60}:{minutes % 60:02d}"
