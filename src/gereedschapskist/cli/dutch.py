"""Dutch for Typer's own frame: help pages and usage errors.

Typer (with its vendored Click) writes "Usage", "Options", "[default: ...]", "Missing
argument ..." and so on in English, as literal strings and module constants. This module
puts Dutch in their place. It is imported only when a help page or a usage error is
about to be shown (see `cli.DutchGroup`), so `kmg check` does not pay for it.
"""

from __future__ import annotations

import re
from typing import Any

# The English option names from before the Dutch ones; they still work but help hides them.
ALIASES = {
    "--classes": "--klassen",
    "--out": "--uitvoer",
    "--output": "--uitvoer",
    "--templates": "--sjablonen",
    "--jobs": "--processen",
    "--force": "--opnieuw",
    "--format": "--formaat",
    "--strict": "--streng",
    "--summary": "--samenvatting",
    "--no-summary": "--geen-samenvatting",
    "--verbose": "--uitgebreid",
    "--version": "--versie",
}

_TYPE_LABELS = {
    "<bool>": "",
    "<path>": "<pad>",
    "<list[Path]>": "<pad>",
    "<int>": "<getal>",
    "<int range>": "<getal>",
    "<str>": "<tekst>",
    "<float>": "<getal>",
}

# Pydantic's and Typer's wording of a bad value, after "Invalid value for ...: ".
_VALUE_DETAILS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.S), dutch)
    for pattern, dutch in (
        (r"Input should be greater than or equal to (\S+?)\.?$", r"kies {0} of meer."),
        (r"Input should be less than or equal to (\S+?)\.?$", r"kies {0} of minder."),
        (r"Input should be greater than (\S+?)\.?$", r"kies meer dan {0}."),
        (r"Input should be less than (\S+?)\.?$", r"kies minder dan {0}."),
        (r"Input should be a valid integer.*", r"schrijf een heel getal, bijvoorbeeld 4."),
        (r"Input should be a valid number.*", r"schrijf een getal."),
        (r"(?:Value error, )?'(.*)' is not one of (.*?)\.?$", r"'{0}' kan niet; kies uit {1}."),
        (r"Value (.*) is not a valid (.*?)\.?$", r"{0} is geen geldige waarde."),
        (r"(?:Path|File|Directory) '(.*)' does not exist\.?$", r"'{0}' bestaat niet."),
    )
)

_MESSAGES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.S), dutch)
    for pattern, dutch in (
        (r"Missing argument '(.+?)'\.?$", "Er ontbreekt nog iets: geef {0} op."),
        (r"Missing option '(.+?)'\.?$", "De optie {0} is verplicht."),
        (r"Missing parameter: (.+)$", "Er ontbreekt nog iets: geef {0} op."),
        (r"Missing command\.?$", "Kies een commando: build, check, init, klassen, plan of schema."),
        (r"No such command '(.+?)'\.(?: Did you mean (.+?)\?)?$", "Het commando '{0}' bestaat niet. "),
        (
            r"Got unexpected extra argument(?:\(s\)|s)? \((.+)\)$",
            "Dit begrijpt kmg niet: {0}. Staat er een spatie te veel?",
        ),
        (r"Option '(.+?)' requires an argument\.?$", "Na {0} hoort een waarde."),
        (r"Option '(.+?)' requires (\d+) arguments\.?$", "Na {0} horen {1} waarden."),
        (r"Option '(.+?)' does not take a value\.?$", "Na {0} hoort geen waarde."),
    )
)

_installed = False


def install() -> None:
    """Replace Typer's English strings for help and errors by Dutch ones (once per process)."""
    global _installed
    if _installed:
        return
    _installed = True
    from typer import core
    from typer._click import formatting

    # The plain help page (TYPER_USE_RICH=0, or rich not installed) takes its words from gettext.
    english = core._

    def dutch_gettext(text: str) -> str:
        return _PLAIN_WORDS.get(text) or english(text)

    core._ = dutch_gettext
    rich_utils = _rich_utils()
    if rich_utils is not None:
        _install_rich(rich_utils)

    write_usage = formatting.HelpFormatter.write_usage

    def dutch_write_usage(self: Any, prog: str, args: str = "", prefix: str | None = None) -> None:
        write_usage(self, prog, args, "Gebruik: " if prefix is None else prefix)

    formatting.HelpFormatter.write_usage = dutch_write_usage

    display_type = core._TyperParameter.display_type

    def dutch_display_type(self: Any, ctx: Any) -> str:
        label = display_type(self, ctx)
        return _TYPE_LABELS.get(label, label)

    core._TyperParameter.display_type = dutch_display_type

    usage_name = core.TyperArgument._usage_display_name

    def plain_usage_name(self: Any) -> str:
        # "{AGENDA}..." on the plain usage line: the braces mean "required" to a programmer only
        name = usage_name(self)
        return name[1:].replace("}", "", 1) if name.startswith("{") else name

    core.TyperArgument._usage_display_name = plain_usage_name


# Typer's gettext words on the plain help page; its usage-error texts stay English for translate_error.
_PLAIN_WORDS = {
    "Arguments": "Argumenten",
    "Options": "Opties",
    "Commands": "Commando's",
    "default: {default}": "standaard: {default}",
    "required": "verplicht",
    "env var: {var}": "omgevingsvariabele: {var}",
    "(dynamic)": "(wisselend)",
    "Aborted!": "Afgebroken.",
}


def _rich_utils() -> Any:
    """Typer's rich help, or None when it is switched off (TYPER_USE_RICH=0) or rich is not installed."""
    from typer import core

    if not core.HAS_RICH:
        return None
    try:
        from typer import rich_utils
    except ImportError:
        core.HAS_RICH = False  # Typer would try rich for every help page and fail
        return None
    return rich_utils


def _install_rich(rich_utils: Any) -> None:
    from .console import rich_raises_broken_pipe

    rich_raises_broken_pipe()
    rich_utils.DEPRECATED_STRING = "(verouderd) "
    rich_utils.DEFAULT_STRING = "[standaard: {}]"
    rich_utils.ENVVAR_STRING = "[omgevingsvariabele: {}]"
    rich_utils.REQUIRED_LONG_STRING = "[verplicht]"
    rich_utils.ARGUMENTS_PANEL_TITLE = "Argumenten"
    rich_utils.OPTIONS_PANEL_TITLE = "Opties"
    rich_utils.COMMANDS_PANEL_TITLE = "Commando's"
    rich_utils.ERRORS_PANEL_TITLE = "Fout"
    rich_utils.ABORTED_TEXT = "Afgebroken."
    rich_utils.RICH_HELP = "Uitleg: [blue]{command_path} {help_option}[/]"
    rich_utils.OptionHighlighter.highlights = [
        pattern.replace("Usage: ", "Gebruik: ") for pattern in rich_utils.OptionHighlighter.highlights
    ]


def _fill(template: str, match: re.Match[str]) -> str:
    return template.format(*(group or "" for group in match.groups()))


def _dutch_option(name: str) -> str:
    return ALIASES.get(name, name)


def translate_error(exc: Any) -> str:
    """The Dutch sentence for a usage error raised by Typer or Click."""
    from typer._click.exceptions import BadParameter, MissingParameter, NoSuchOption

    if isinstance(exc, NoSuchOption):
        text = f"De optie {exc.option_name} bestaat niet."
        suggestions = list(dict.fromkeys(_dutch_option(p) for p in exc.possibilities or ()))
        if suggestions:
            text += f" Bedoelt u {' of '.join(sorted(suggestions))}?"
        return text
    if isinstance(exc, BadParameter) and not isinstance(exc, MissingParameter) and exc.param is not None:
        names = [n for n in exc.param.opts if n.startswith("--")] or [exc.param.human_readable_name]
        name = _dutch_option(names[0])
        detail = str(exc.message)
        for pattern, dutch in _VALUE_DETAILS:
            if match := pattern.match(detail):
                return f"Verkeerde waarde bij {name}: {_fill(dutch, match)}"
        return f"Verkeerde waarde bij {name}. Kijk met -h welke waarden kunnen."
    message = exc.format_message()
    for pattern, dutch in _MESSAGES:
        if match := pattern.match(message):
            if message.startswith("No such command") and match.group(2):
                return _fill(dutch, match) + "Bedoelt u " + _or(match.group(2).split(", ")) + "?"
            return _fill(dutch, match).rstrip()
    return "Dit commando klopt niet. Kijk met -h hoe het moet."


def _or(choices: list[str]) -> str:
    """'check', 'schema' -> 'check' of 'schema'; three or more: 'a', 'b' of 'c'."""
    return ", ".join(choices[:-1]) + " of " + choices[-1] if len(choices) > 1 else "".join(choices)


def show_usage_error(exc: Any) -> None:
    """Print a usage error the way Typer does (usage line, hint, a panel), but in Dutch."""
    install()
    no_args = type(exc).__name__ == "NoArgsIsHelpError"  # its message is the help page
    if not no_args:
        dutch = translate_error(exc)
        exc.format_message = lambda: dutch
    rich_utils = _rich_utils()
    if rich_utils is not None:
        rich_utils.rich_format_error(exc)
    elif no_args:
        exc.show()
    else:
        _plain_error(exc)


def _plain_error(exc: Any) -> None:
    """A usage error without rich: usage line, where help is, and the Dutch sentence."""
    import typer

    ctx = getattr(exc, "ctx", None)
    if ctx is not None:
        typer.echo(ctx.get_usage(), err=True)
        if ctx.command.get_help_option(ctx) is not None:
            typer.echo(f"Uitleg: {ctx.command_path} {ctx.help_option_names[0]}", err=True)
        typer.echo(err=True)
    typer.echo(f"Fout: {exc.format_message()}", err=True)
