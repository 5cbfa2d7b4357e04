"""Rendering: the per-class PDFs (leidraad and gespreksformulieren) from Jinja2 templates with WeasyPrint."""

from .errors import MissingGlyphs, TemplateProblem
from .renderer import Layout, RenderedPdf, Renderer, builtin_template_dir

__all__ = ["Layout", "MissingGlyphs", "RenderedPdf", "Renderer", "TemplateProblem", "builtin_template_dir"]
