"""Which agenda serves a class, and which one serves each pupil of a class that several agendas serve.

One rule for `kmg build` (folders, letters) and `kmg plan` (length, setting, moments), so
that a letter and the planned conversation never disagree:

* The agendas that serve a class (`serving_agendas`): those that name the class in
  `groepen` ("Taalklas", "1/2a"); when none does, those that share a year group with it.
  `kmg build` makes a subfolder per serving agenda when there are several.
* The agenda of one pupil of that class (`pupil_agenda`), when several serve it: of the
  serving agendas, those whose year groups hold the pupil's own year group
  (`Pupil.jaargroep`, from a Leerjaar/Jaargroep column or EDEXML) when the class list gives
  one; otherwise those whose year groups hold *all* year groups of the class. Of these the
  most specific wins: one that names the class, then the one with the fewest year groups,
  then the first on the command line. When none qualifies, the first serving agenda.

Example: class "1/2" under `huisbezoek-groep-1.yaml` (groepen [1]) and
`kleuters-groep-1-2.yaml` (groepen [1, 2]): a pupil in jaargroep 1 gets the home visit
(fewest year groups), a pupil in jaargroep 2 the school conversation, and a pupil whose
year group is unknown the kleuters agenda (the only one that holds both 1 and 2).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from .classes.model import Pupil, SchoolClass

T = TypeVar("T")


def _agenda(item: Any) -> Any:
    """An `Agenda`, also when given as a (path, Agenda) pair the way `kmg build` holds them."""
    return item[1] if isinstance(item, tuple) else item


def serving_agendas(klass: SchoolClass, agendas: Sequence[T]) -> list[T]:
    """The agendas (or (path, agenda) pairs) that serve `klass`, in command-line order."""
    named = [item for item in agendas if klass.named_in(_agenda(item).class_names)]
    return named or [item for item in agendas if klass.jaargroepen & _agenda(item).year_groups]


def pupil_agenda(klass: SchoolClass, pupil: Pupil | None, agendas: Sequence[T]) -> T | None:
    """The agenda (or pair) that serves `pupil` of `klass` (see the module docstring); None when none serves the class.

    `pupil` None: the class as a whole (as for a pupil whose year group is unknown).
    """
    serving = serving_agendas(klass, agendas)
    if len(serving) <= 1:
        return serving[0] if serving else None
    year = getattr(pupil, "jaargroep", None) if pupil is not None else None
    if year is not None:
        fitting = [item for item in serving if year in _agenda(item).year_groups]
    else:
        fitting = [item for item in serving if klass.jaargroepen <= _agenda(item).year_groups]
    if not fitting:
        return serving[0]
    order = {id(item): index for index, item in enumerate(serving)}

    def specific(item: T) -> tuple[bool, int, int]:
        agenda = _agenda(item)
        return (not klass.named_in(agenda.class_names), len(agenda.year_groups), order[id(item)])

    return min(fitting, key=specific)
