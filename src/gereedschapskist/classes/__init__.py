"""Class lists: read the school's pupil export into classes with year groups, pupils and families.

`read_class_list` reads an export (a reader per format in `readers/`, one builder in
`builder.py`); `parse_year_groups` turns a class name such as "4/5" or "groep 1-2" into
the year groups it holds.
"""

from __future__ import annotations

from pathlib import Path

from .builder import build_class_list
from .csvlist import ClassListError
from .model import (
    Address,
    ClassList,
    ClassListWarning,
    Family,
    Household,
    Parent,
    Pupil,
    SchoolClass,
    parse_year_groups,
)

__all__ = [
    "Address",
    "build_class_list",
    "read_table",
    "Family",
    "Household",
    "Parent",
    "ClassList",
    "ClassListError",
    "ClassListWarning",
    "Pupil",
    "SchoolClass",
    "parse_year_groups",
    "read_class_list",
]


def read_table(path: Path):  # noqa: ANN201 - rows.SourceTable
    """The rows of a class-list file (CSV, .xlsx or EDEXML, chosen by content), before any pupil exists."""
    from .readers import read_source

    return read_source(Path(path))


def read_class_list(path: Path) -> ClassList:
    """Read a class-list export into classes sorted by lowest year group, then name, and families.

    Raises `ClassListError` (a `UserError`) for anything the school has to fix; what
    kmg fixed by itself (repeated rows, two spellings of one class) comes back as
    `ClassList.warnings`. A class without a year group ("Taalklas") is kept with
    empty `jaargroepen`: an agenda can still name it.
    """
    return build_class_list(read_table(path))
