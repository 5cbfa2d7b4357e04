"""Dutch wording shared by the rules, the reports and the documents, so they never drift apart."""

from __future__ import annotations

from datetime import date, time


def aantal(n: int, enkelvoud: str, meervoud: str) -> str:
    """`aantal(1, "minuut", "minuten")` -> "1 minuut"; Dutch has no plural after 1 only."""
    return f"{n} {enkelvoud if n == 1 else meervoud}"


def clock(minutes: int) -> str:
    """Offset from the start of the conversation as a clock time: 3 -> "0:03", 75 -> "1:15"."""
    return f"{minutes // 60}:{minutes % 60:02d}"


MAANDEN = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)
DAGEN = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")


def datum(day: date, *, weekdag: bool = True) -> str:
    """A date as a Dutch letter writes it: "maandag 7 september 2026" (or "7 september 2026")."""
    text = f"{day.day} {MAANDEN[day.month - 1]} {day.year}"
    return f"{DAGEN[day.weekday()]} {text}" if weekdag else text


def kloktijd(moment: time) -> str:
    """A time of day as Dutch letters and schedules write it: "15.05", "9.30"."""
    return f"{moment.hour}.{moment.minute:02d}"
