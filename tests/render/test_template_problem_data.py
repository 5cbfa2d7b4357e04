"""A TemplateProblem never carries a value from the class list, only the template, line and a description.

The CLI cleans what it prints (cli/foreign.py), but the exception itself may end up in a
log or a traceback: "'dict object' has no attribute 'Zoë Berg'" must not be in it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from gereedschapskist.classes.model import Pupil, SchoolClass
from gereedschapskist.render import Renderer, TemplateProblem, builtin_template_dir

from .agendas import agenda

FORMS = "gespreksformulieren.html.j2"
KLASS = SchoolClass(
    naam="4/5", slug="groep-4-5", jaargroepen=frozenset({4, 5}), leerkracht="Juf Ingrid",
    leerlingen=(Pupil("Zoë", "", "Berg"),),
)  # fmt: skip


def problem_with(tmp_path: Path, insert: str) -> TemplateProblem:
    folder = tmp_path / "s"
    folder.mkdir(exist_ok=True)
    text = (builtin_template_dir() / FORMS).read_text(encoding="utf-8")
    (folder / FORMS).write_text(text.replace('<h1 class="naam">', '<h1 class="naam">' + insert, 1), encoding="utf-8")
    with pytest.raises(TemplateProblem) as caught:
        Renderer([folder], fast=False).forms_pdf(agenda(), KLASS)
    return caught.value


@pytest.mark.parametrize(
    "insert",
    [
        "{{ {}[form.naam] }}",
        "{{ form.naam | int(base=2) + form.naam | float + ''.join([form.naam, 1]) }}",
        "{{ form.naam.foo() }}",
        "{% include form.naam %}",
        "{{ range(form.naam) }}",
    ],
)
def test_no_pupil_name_in_the_exception(tmp_path: Path, insert: str) -> None:
    problem = problem_with(tmp_path, insert)
    for text in (str(problem), problem.message, repr(problem.args)):
        assert "Zoë" not in text and "Berg" not in text, text
    assert problem.template == FORMS and problem.line is not None


def test_a_name_from_the_template_text_is_still_shown(tmp_path: Path) -> None:
    problem = problem_with(tmp_path, "{{ onbekend_veld }}{{ form.bestaat_niet }}")
    assert "onbekend_veld" in problem.message


def test_a_missing_include_written_in_the_template_is_named(tmp_path: Path) -> None:
    problem = problem_with(tmp_path, '{% include "eigen_kop.html.j2" %}')
    assert "'eigen_kop.html.j2'" in problem.message
