"""Without libharfbuzz-subset (Windows, a fresh Linux) WeasyPrint subsets fonts with fontTools.

That path must give the same bytes every run and no warning about the document: the
speed note is the CLI's to give, in Dutch. These tests force that path even where the
library is installed.
"""

from __future__ import annotations

import time

import pytest
import weasyprint.pdf.fonts

from gereedschapskist.render import Renderer

from .agendas import agenda, school_class


@pytest.fixture
def fonttools_subsetting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(weasyprint.pdf.fonts, "harfbuzz_subset", None)


def test_fonttools_subsetting_gives_the_same_bytes_at_another_time(
    fonttools_subsetting: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    renderer = Renderer()
    first = renderer.forms_pdf(agenda(), school_class(2))
    # fontTools stamps the fonts it writes with the current time unless told otherwise.
    later = time.time() + 3 * 24 * 3600
    monkeypatch.setattr(time, "time", lambda: later)
    second = renderer.forms_pdf(agenda(), school_class(2))
    assert first.data == second.data


def test_fonttools_subsetting_is_no_warning_about_the_document(fonttools_subsetting: None) -> None:
    pdf = Renderer().guide_pdf(agenda(), school_class(2))
    assert pdf.warnings == ()
