"""Shared fixtures for the render tests: one Renderer per session and a WeasyPrint log guard.

Like WeasyPrint's own `assert_no_logs`, every test fails when WeasyPrint logs a
warning or error while it runs, unless the test is marked `allow_weasyprint_logs`
(the tests that feed hostile templates or unprintable names on purpose).
"""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator

import pypdf
import pytest

from gereedschapskist.render import RenderedPdf, Renderer

from .agendas import agenda, school_class


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "allow_weasyprint_logs: the test expects WeasyPrint to log warnings")


class _Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.fixture(autouse=True)
def assert_no_weasyprint_logs(request: pytest.FixtureRequest) -> Iterator[None]:
    logger = logging.getLogger("weasyprint")
    handler = _Records()
    logger.addHandler(handler)
    try:
        yield
    finally:
        logger.removeHandler(handler)
    if request.node.get_closest_marker("allow_weasyprint_logs") is None:
        messages = [record.getMessage() for record in handler.records]
        assert not messages, f"WeasyPrint logged: {messages}"


@pytest.fixture(scope="session")
def renderer() -> Renderer:
    # One renderer for the whole session, as in a real build: this also tests reuse.
    return Renderer()


@pytest.fixture(scope="session")
def class_forms(renderer: Renderer) -> RenderedPdf:
    """Forms for the standard agenda and a class of 28 with diverse names."""
    return renderer.forms_pdf(agenda(), school_class(28))


@pytest.fixture(scope="session")
def class_guide(renderer: Renderer) -> RenderedPdf:
    return renderer.guide_pdf(agenda(), school_class(28))


def reader(pdf: RenderedPdf | bytes) -> pypdf.PdfReader:
    data = pdf.data if isinstance(pdf, RenderedPdf) else pdf
    return pypdf.PdfReader(io.BytesIO(data))


def page_texts(pdf: RenderedPdf | bytes) -> list[str]:
    return [page.extract_text() for page in reader(pdf).pages]


def page_lines(pdf: RenderedPdf | bytes) -> list[list[str]]:
    """Per page, its lines as a reader sees them (left to right, top to bottom), spaces collapsed.

    The order a PDF paints its text in is not a reading order: the fast way paints a letter's
    places after the shared letter; the tag tree gives the reading order to screen readers."""
    return [
        [" ".join(line.split()) for line in page.extract_text(extraction_mode="layout").splitlines() if line.strip()]
        for page in reader(pdf).pages
    ]


@pytest.fixture(scope="session")
def public_renderer() -> Renderer:
    """A renderer that prints with WeasyPrint's public API only (the slow mode)."""
    return Renderer(fast=False)
