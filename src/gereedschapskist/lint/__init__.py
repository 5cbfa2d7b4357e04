"""`kmg check`: load an agenda, then run every rule that is not switched off.

The engine stays free of typer, rich and weasyprint: `kmg check` runs in editors and
pre-commit hooks, where start-up time is the user's waiting time.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..agenda.load import AgendaFile, load_agenda
from ..findings import Finding
from .context import RuleContext
from .rules import RULES

__all__ = ["RULES", "RuleContext", "check_file", "check_files"]


def check_file(path: Path) -> AgendaFile:
    """Load `path` and, when it validated, add the findings of every rule that is switched on.

    A file that is no valid YAML or does not fit the schema keeps only the loader's
    KMG001/KMG002 findings: the rules need a complete agenda to say anything sensible.
    Raises `UserError` only when the file cannot be read at all.
    """
    result = load_agenda(Path(path))
    if result.source is not None and is_planning_data(result.source.data):
        return _check_planning(result)
    if result.agenda is not None and result.source is not None:
        ctx = RuleContext(result.agenda, result.source, result.display)
        result.findings.extend(_unknown_codes(ctx))
        switched_off = set(result.agenda.settings.uit)
        for code, rule in RULES.items():
            check = getattr(rule, "check", None)
            if check is None or code in switched_off:
                continue
            result.findings.extend(check(ctx.for_rule(rule)))
    result.findings.sort(key=lambda f: (f.line, f.column, f.code))
    return result


def is_planning_data(data: object) -> bool:
    """planning.yaml (for `kmg plan`) rather than an agenda: `momenten:` at the top and no `onderwerpen:`."""
    return isinstance(data, dict) and "momenten" in data and "onderwerpen" not in data


def _check_planning(loaded: AgendaFile) -> AgendaFile:
    """A planning file given to `kmg check` is checked as a planning file (the class names only at `kmg plan`)."""
    from ..planning.config import load_planning

    planning = load_planning(loaded.path)
    findings = sorted(planning.findings, key=lambda f: (f.line, f.column, f.code))
    return AgendaFile(loaded.path, loaded.display, source=planning.source, findings=findings, planning=True)


def check_files(paths: Iterable[Path | str]) -> list[AgendaFile]:
    """`check_file` for each path, in the order given."""
    return [check_file(Path(path)) for path in paths]


def _unknown_codes(ctx: RuleContext) -> Iterator[Finding]:
    """A code in `controle.uit` that is no rule is a KMG002 error: a typo would leave a rule on."""
    schema = ctx.for_rule(RULES["KMG002"])
    for index, code in enumerate(ctx.agenda.settings.uit):
        if code in RULES:
            continue
        close = difflib.get_close_matches(code, list(RULES), n=1, cutoff=0.8)
        hint = (
            f"Bedoelt u {close[0]} ({RULES[close[0]].TITLE.lower()})?"
            if close
            else f"Bekende codes: {', '.join(RULES)}."
        )
        yield schema.finding(
            ("controle", "uit", index),
            f"De code {code} hoort bij geen enkele regel; hier wordt dus niets uitgezet.",
            hint,
        )
