"""The class-list error type (reading lives in `readers/`, building in `builder`).

Reading used to live here whole; it is now split into a reader per format
(`readers.csv`, `readers.xlsx`, `readers.edexml`, chosen by `readers.read_source`) and
one builder (`builder.build_class_list`).
"""

from __future__ import annotations

from gereedschapskist.errors import UserError


class ClassListError(UserError):
    """A class list that cannot be read as it is; the message says what to change."""
