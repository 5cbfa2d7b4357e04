"""The Jinja2 environment for school-supplied and built-in templates, and its error mapping.

Templates may come from a school (`template_dirs`), so they run in Jinja's sandbox:
no `__class__`/`__mro__` walks to Python internals. Autoescaping is on for every
template whatever its extension (`select_autoescape` would not recognise `.html.j2`),
so a pupil called `<b>Jan</b>` prints literally. Undefined names fail loudly
(`StrictUndefined`) instead of printing nothing on a form a teacher relies on.
Every Jinja failure becomes a `TemplateProblem`: a Dutch sentence with file and line.
"""

from __future__ import annotations

import os
import re
import traceback
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from jinja2 import (
    Environment,
    FileSystemLoader,
    StrictUndefined,
    Template,
    TemplateError,
    TemplateNotFound,
    TemplateSyntaxError,
    UndefinedError,
)
from jinja2.loaders import split_template_path
from jinja2.sandbox import SandboxedEnvironment, SecurityError
from markupsafe import Markup, escape

from .errors import TemplateProblem


def template_folder(folder: str | os.PathLike[str]) -> Path:
    """A template folder as a user typed it (relative, `~`, UNC) as an absolute path.

    The HTML's base URL and the stylesheet's links are file URIs, which need an absolute
    path. Symlinks are kept (messages name the folder as the user knows it); `..` goes.
    """
    return Path(os.path.abspath(os.path.expanduser(os.fspath(folder))))


class OutsideTemplateFolders(TemplateError):
    """A template file whose real path (links followed) lies outside every template folder."""

    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.name = name


class NotUtf8(TemplateError):
    """A template file that is not valid UTF-8 (saved as ANSI/cp1252 by an old editor)."""

    def __init__(self, name: str, path: Path, line: int) -> None:
        super().__init__(name)
        self.name = name
        self.path = path
        self.line = line


def not_utf8_message(name: str) -> str:
    """The Dutch sentence for a file that is not saved as UTF-8."""
    return (
        f"{name} is niet opgeslagen als UTF-8 (op deze regel staat een teken dat kmg daardoor niet kan lezen); "
        "open het bestand in een teksteditor en sla het op als UTF-8"
    )


def bad_byte_line(data: bytes, error: UnicodeDecodeError) -> int:
    """The line (from 1) of the first byte that is not UTF-8."""
    return data[: error.start].count(b"\n") + 1


def read_utf8(path: Path, name: str) -> str:
    """The text of a school's file, or a `TemplateProblem` naming the file and line when it is not UTF-8."""
    data = path.read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = bad_byte_line(data, error)
        raise TemplateProblem(not_utf8_message(name), template=name, path=path, line=line) from None


class TemplateFolderLoader(FileSystemLoader):
    """`FileSystemLoader` that refuses files whose real path leaves the template folders.

    Like the URL fetcher: a link `passwd.txt -> /etc/passwd` in a school's folder and
    `{% include 'passwd.txt' %}` would otherwise print the linked file.
    """

    def __init__(self, search_path: Sequence[Path]) -> None:
        super().__init__([str(path) for path in search_path], encoding="utf-8")
        self.roots: tuple[Path, ...] = tuple(Path(path).resolve() for path in search_path)

    def get_source(self, environment: Environment, template: str) -> tuple[str, str, Callable[[], bool]]:
        try:
            source, filename, uptodate = super().get_source(environment, template)
        except UnicodeDecodeError as error:
            raise self._not_utf8(template, error) from None
        real = Path(filename).resolve()
        if not any(real.is_relative_to(root) for root in self.roots):
            raise OutsideTemplateFolders(template)
        return source, filename, uptodate

    def _not_utf8(self, template: str, error: UnicodeDecodeError) -> NotUtf8 | UnicodeDecodeError:
        """Which file failed to decode: the first one on the search path, as FileSystemLoader looks."""
        pieces = split_template_path(template)
        for folder in self.searchpath:
            path = Path(folder, *pieces)
            if path.is_file():
                return NotUtf8(template, path, bad_byte_line(path.read_bytes(), error))
        return error


# An internet address in agenda text: "https://…" or "www.…", up to the next space.
_ADDRESS = re.compile(r"\b(?:https?://|www\.)[^\s<>\"']+")


def mark_addresses(text: object) -> Markup:
    """Escape `text` and wrap internet addresses in `<span class="adres">`.

    print.css hyphenates long words in agenda text; an address must break without a
    hyphen that a reader would type along (`.adres { hyphens: manual }`).
    """
    plain = text.unescape() if isinstance(text, Markup) else str(text)
    parts: list[str] = []
    last = 0
    for match in _ADDRESS.finditer(plain):
        parts.append(escape(plain[last : match.start()]))
        parts.append(f'<span class="adres">{escape(match.group(0))}</span>')
        last = match.end()
    parts.append(escape(plain[last:]))
    return Markup("".join(parts))


def make_environment(search_path: Sequence[Path]) -> SandboxedEnvironment:
    """A sandboxed environment that looks in `search_path` in order (user folders first)."""
    env = SandboxedEnvironment(
        loader=TemplateFolderLoader(search_path),
        autoescape=True,
        undefined=StrictUndefined,
        # Templates stay readable when block tags sit on their own lines.
        trim_blocks=True,
        lstrip_blocks=True,
        # The built-ins never change while a build runs; skip the mtime check per class.
        auto_reload=False,
        keep_trailing_newline=False,
    )
    env.filters["adressen"] = mark_addresses
    return env


def render_template(env: SandboxedEnvironment, name: str, context: Mapping[str, Any]) -> tuple[str, Path | None]:
    """Render template `name`; return the HTML and the folder it came from (the base URL)."""
    template = load_template(env, name)
    try:
        html = template.render(context)
    except Exception as error:  # noqa: BLE001 - any crash inside a school template is that template's fault
        raise _problem(error, name) from None
    folder = Path(template.filename).parent if template.filename else None
    return html, folder


def render_block(env: SandboxedEnvironment, name: str, block: str, context: Mapping[str, Any]) -> str:
    """Render only `block` of template `name` (a fragment to pour into another document)."""
    template = load_template(env, name)
    if block not in template.blocks:
        raise TemplateProblem(f"sjabloon {name} heeft geen blok '{block}'", template=name, path=template.filename)
    try:
        return "".join(template.blocks[block](template.new_context(dict(context))))
    except Exception as error:  # noqa: BLE001 - see render_template
        raise _problem(error, name) from None


def load_template(env: SandboxedEnvironment, name: str) -> Template:
    """Load (and compile) a template, mapping syntax errors to `TemplateProblem`."""
    try:
        return env.get_template(name)
    except TemplateError as error:
        raise _problem(error, name) from None


def _problem(error: BaseException, name: str) -> TemplateProblem:
    """Turn any exception raised while loading or rendering `name` into a Dutch message."""
    if isinstance(error, TemplateSyntaxError):
        template = error.name or name
        path = error.filename or template
        return TemplateProblem(
            f"fout in sjabloon {template}: {_detail(error)}", template=template, path=path, line=error.lineno
        )
    if isinstance(error, NotUtf8):
        return TemplateProblem(not_utf8_message(error.name), template=error.name, path=error.path, line=error.line)
    template, path, line = _template_frame(error, name)
    source = _source(path)
    # Only what the template itself spells out is quoted; a value from the data may be a name.
    shown = _without_data(repr(getattr(error, "name", "")), source)
    detail = _without_data(_detail(error), source)
    if isinstance(error, OutsideTemplateFolders):
        message = (
            f"sjabloon {template} gebruikt {shown}, maar dat bestand ligt buiten de sjabloonmappen "
            "(een koppeling naar een bestand elders); zet het bestand zelf in de sjabloonmap"
        )
    elif isinstance(error, TemplateNotFound):
        message = f"sjabloon {template} gebruikt sjabloon {shown}, maar dat bestaat niet"
    elif isinstance(error, UndefinedError):
        message = f"sjabloon {template} gebruikt iets dat niet bestaat: {detail}"
    elif isinstance(error, SecurityError):
        message = f"sjabloon {template} probeert iets wat niet mag ({detail})"
    else:
        message = f"sjabloon {template} kon niet worden ingevuld ({type(error).__name__}: {detail})"
    return TemplateProblem(message, template=template, path=path, line=line)


# Python's and Jinja's type names in a runtime message ('dict object') are no data.
_TYPE_NAMES = re.compile(
    r"(?:str|int|float|bool|list|dict|tuple|set|bytes|NoneType|None|Undefined|Markup|range|function|method)"
    r"(?: object)?"
)


def _source(path: str) -> str:
    """The text of the template file `path` (from the traceback); empty when that is no file path."""
    if not Path(path).is_absolute():
        return ""
    try:
        return Path(path).read_text(encoding="utf-8")
    except (OSError, ValueError):
        return ""


def _without_data(text: str, source: str) -> str:
    """`text` with every quoted value left out that is neither a type name nor written in the template.

    A runtime error may quote a value from the class list ("'dict object' has no attribute
    'Zoë Berg'" after `{{ {}[form.naam] }}`); the message may end up in a log. What the
    template itself spells out (a variable's name) stays: it helps the school find it.
    """

    def keep_or_drop(match: re.Match[str]) -> str:
        quote, inner = match[1], match[2]
        written = bool(inner) and re.search(rf"(?<!\w){re.escape(inner)}(?!\w)", source) is not None
        if _TYPE_NAMES.fullmatch(inner) or written:
            return match[0]
        return f"{quote}...{quote}"

    return re.sub(r"(['\"])(.*?)\1", keep_or_drop, text)


def _detail(error: BaseException) -> str:
    text = getattr(error, "message", None) or str(error) or type(error).__name__
    # Jinja's own messages are English; keep them (they name the exact construct) but
    # translate the most common one so a teacher recognises it.
    if text.endswith(" is undefined"):
        return f"{text.removesuffix(' is undefined')} is niet gedefinieerd"
    return text.splitlines()[0]


def _template_frame(error: BaseException, name: str) -> tuple[str, str, int | None]:
    """The innermost template file and line in the traceback.

    Jinja rewrites tracebacks so that frames of compiled templates carry the template's
    file name and source line; the innermost such frame is where the mistake is, also
    when it sits in an included or extended template.
    """
    for frame in reversed(traceback.extract_tb(error.__traceback__)):
        if frame.filename.endswith((".j2", ".jinja", ".html", ".jinja2")):
            return Path(frame.filename).name, frame.filename, frame.lineno
    return name, name, None
