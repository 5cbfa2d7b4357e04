"""Class lists: read the school's pupil export into classes with year groups and pupils.

`read_class_list` reads a ParnasSys / ESIS / Excel CSV export; `parse_year_groups`
turns a class name such as "4/5" or "groep 1-2" into the year groups it holds.
"""

from .csvlist import ClassListError, read_class_list
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
