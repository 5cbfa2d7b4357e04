"""SOURCE_DATE_EPOCH, the reproducible-builds convention: a fixed moment for what kmg stamps.

fontTools reads it when kmg writes a PDF, and `kmg plan` uses it for the calendars'
DTSTAMP. A bad value is one Dutch sentence before any work starts (fontTools would
otherwise stop with a traceback halfway through a build).
"""

from __future__ import annotations

import os
from datetime import UTC, datetime

from .errors import UserError


def source_date_epoch() -> datetime | None:
    """The moment SOURCE_DATE_EPOCH names, None when unset; a `UserError` when it is no whole number of seconds."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch:
        return None
    try:
        # ASCII digits only, as the convention asks: int() also takes "-1" (1969: an error on
        # Windows only), "1_000" and other scripts' digits
        if not (epoch.isascii() and epoch.isdigit()):
            raise ValueError(epoch)
        return datetime.fromtimestamp(int(epoch), UTC)
    except (ValueError, OverflowError, OSError):
        raise UserError(
            "SOURCE_DATE_EPOCH moet een geheel aantal seconden sinds 1970 zijn (bijvoorbeeld 1788000000); "
            "pas die omgevingsvariabele aan of haal hem weg."
        ) from None
