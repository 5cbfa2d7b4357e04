"""Printing findings: for a person on a terminal (rich), or as GitHub Actions annotations."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from ..agenda.load import AgendaFile
from ..agenda.model import PERSPECTIVE_LABELS, PERSPECTIVES, Agenda
from ..agenda.yamlload import is_unprintable
from ..findings import LEVEL_LABELS
from ..wording import aantal as _count
from ..wording import clock

if TYPE_CHECKING:
    from rich.console import Console

# rich is imported inside the functions that draw for people: `--formaat json` and
# `--formaat github` then start without it (start-up time counts for `kmg check`).

BAR_WIDTH = 30
MIN_BAR_WIDTH = 12
MIN_TITLE_WIDTH = 12
# Everything on a time-bar line but the title and the bar: indent, clock, gaps, " 600 min".
BAR_LINE_REST = 4 + 5 + 2 + 2 + 1 + 7


def _title_and_bar_width(longest_title: int, line_width: int) -> tuple[int, int]:
    """Widths (in terminal cells) that keep each time-bar line within the terminal.

    First the bar gives way, then the titles; on a very narrow terminal the minimum
    widths give way too, so that nothing wraps.
    """
    room = max(line_width - BAR_LINE_REST, 2)
    bar = max(min(MIN_BAR_WIDTH, room // 2), min(BAR_WIDTH, room - longest_title))
    title = max(1, min(longest_title, room - bar))
    return title, bar


def _shorten(text: str, width: int) -> str:
    """`text` cut to `width` terminal cells (a CJK character or an emoji takes two), padded to exactly that."""
    from rich.cells import cell_len, set_cell_size

    if cell_len(text) > width:
        text = set_cell_size(text, width - 1).rstrip() + "…"
    return set_cell_size(text, width)


def _console() -> Console:
    from rich.console import Console

    from .console import rich_raises_broken_pipe

    rich_raises_broken_pipe()  # `kmg check ... | head -1`: cli.main decides the exit code, not rich
    # highlight=False: rich would otherwise colour numbers and quotes in Dutch sentences
    return Console(highlight=False, soft_wrap=True)


def print_human(files: list[AgendaFile], *, strict: bool, summary: bool = True, next_step: bool = False) -> None:
    from rich.markup import escape
    from rich.text import Text

    console = _console()
    errors = warnings = 0
    for file in files:
        console.print(Text(file.display, style="bold underline"))
        if not file.findings:
            verdict = "deze planning is bruikbaar voor kmg plan" if file.planning else "deze agenda is in balans"
            console.print(f"  [green]✓[/green] Geen opmerkingen: {verdict}.")
        for f in file.findings:
            style = "red" if f.level == "error" else "yellow"
            errors += f.level == "error"
            warnings += f.level == "warning"
            console.print(
                f"  {escape(file.display)}:{f.line}:{f.column}  [{style}]{LEVEL_LABELS[f.level]}[/{style}]"
                f"  [bold]{f.code}[/bold]  {escape(f.message)}"
            )
            # A character that cannot be printed would act on the terminal (a line end,
            # an escape); show a stand-in at its place, where the caret points.
            source_line = "".join("\ufffd" if is_unprintable(c) else c for c in file.line_text(f.line))
            if source_line.strip():
                console.print(Text(f"      {f.line:>4} | {source_line}", style="dim"))
                console.print(Text("      " + " " * 4 + " | " + " " * (f.column - 1) + "^", style=style))
            if f.hint:
                console.print(f"      [cyan]tip:[/cyan] {escape(f.hint)}")
            if f.reason:
                console.print(f"      [dim]waarom: {escape(f.reason)}[/dim]")
        if summary and file.agenda is not None:
            print_summary(console, file.agenda)
        console.print()
    if not files:
        return  # nothing could be read; the error itself is printed by the caller
    plannings = sum(file.planning for file in files)
    checked = [_count(len(files) - plannings, "agenda", "agenda’s")] if len(files) > plannings else []
    checked += [_count(plannings, "planning", "planningen")] if plannings else []
    verdict = (
        f"{' en '.join(checked)} gecontroleerd: {_count(errors, 'fout', 'fouten')}, "
        + _count(warnings, "waarschuwing", "waarschuwingen")
    )
    if strict and warnings:
        verdict += " (met --streng tellen waarschuwingen als fout)"
    console.print(verdict + ".")
    # A placeholder from `kmg init` (KMG114) would land on every document: fill it in first.
    placeholder = any(f.code == "KMG114" for file in files for f in file.findings)
    if next_step and not errors and not (strict and warnings) and not placeholder:
        console.print(_next_step(files, clean=not warnings))


def _next_step(files: list[AgendaFile], *, clean: bool) -> str:
    from rich.markup import escape

    from .common import shell_arg

    # Quote a path with spaces the way both cmd.exe and a Unix shell accept it.
    agendas = " ".join(shell_arg(f.display) for f in files if not f.planning)
    if not agendas:  # only planning files: they are for kmg plan
        return (
            "Volgende stap: [bold]kmg plan <agenda.yaml> --klassen <klassenlijst> "
            "--momenten <planning.yaml> --uitvoer <map>[/bold]"
        )
    start = "Alles in orde. " if clean else ""
    return f"{start}Volgende stap: [bold]kmg build {escape(agendas)} --klassen <klassenlijst.csv>[/bold]"


def print_summary(console: Console, agenda: Agenda) -> None:
    """Minutes per topic as a bar, and each perspective's share of the questions."""
    from rich.markup import escape

    planned = agenda.planned_minutes
    console.print(f"  [bold]Tijd[/bold]: {planned} van {agenda.duur} minuten gepland")
    scale = max(planned, agenda.duur, 1)
    from rich.cells import cell_len

    width, bar = _title_and_bar_width(max(cell_len(t.titel) for t in agenda.onderwerpen), console.width)
    for topic, start in zip(agenda.onderwerpen, agenda.start_minutes(), strict=True):
        cells = min(bar, max(1, round(topic.minuten * bar / scale))) if topic.minuten else 0
        console.print(
            f"    {clock(start):>5}  {escape(_shorten(topic.titel, width))}  [blue]{'█' * cells}[/blue]"
            f"{'·' * (bar - cells)} {topic.minuten} min"
        )
    counts = agenda.question_counts()
    total = sum(counts.values()) or 1
    shares = "  ·  ".join(f"{PERSPECTIVE_LABELS[p].lower()} {round(100 * counts[p] / total)}%" for p in PERSPECTIVES)
    console.print(f"  [bold]Vragen[/bold]: {shares}")


def _github_escape(text: str, *, prop: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def print_github(files: list[AgendaFile]) -> None:
    """One `::error`/`::warning` workflow command per finding, as GitHub Actions reads them."""
    for file in files:
        for f in file.findings:
            props = (
                f"file={_github_escape(f.file, prop=True)},line={f.line},col={f.column},"
                f"title={_github_escape(f.code, prop=True)}"
            )
            message = f.message + (f" Tip: {f.hint}" if f.hint else "")
            typer.echo(f"::{f.level} {props}::{_github_escape(message)}")
