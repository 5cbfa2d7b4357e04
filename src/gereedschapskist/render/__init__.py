"""Rendering: the per-class PDFs (leidraad and gespreksformulieren) from Jinja2 templates with WeasyPrint."""

from .errors import MissingGlyphs, TemplateProblem
from .renderer import Layout, RenderedPdf, Renderer, UnprintableName, builtin_template_dir, unprintable_names

__all__ = [
    "Layout",
    "MissingGlyphs",
    "RenderedPdf",
    "Renderer",
    "TemplateProblem",
    "UnprintableName",
    "builtin_template_dir",
    "unprintable_names",
]
