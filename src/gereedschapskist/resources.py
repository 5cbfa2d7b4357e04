"""Where the built-in templates are, without importing the renderer (and so WeasyPrint)."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def builtin_template_dir() -> Path:
    """`gereedschapskist/templates` inside an installed wheel; the repo's `templates/` in a checkout."""
    packaged = _PACKAGE / "templates"
    if packaged.is_dir():
        return packaged
    return _PACKAGE.parents[1] / "templates"


def examples_dir() -> Path:
    """The example agendas and class list: `gereedschapskist/voorbeelden` in a wheel; `agendas/` in a checkout."""
    packaged = _PACKAGE / "voorbeelden"
    if packaged.is_dir():
        return packaged
    return _PACKAGE.parents[1] / "agendas"
