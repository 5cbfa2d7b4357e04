"""A broken school template is reported in Dutch, and never with a value from the class list."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from gereedschapskist.cli.foreign import redact, template_error

REPO = Path(__file__).resolve().parents[2]
SCHOOL = REPO / "agendas" / "school-groep-3-8.yaml"
CLASSES = REPO / "agendas" / "klassenlijst-voorbeeld.csv"
FORMS = REPO / "templates" / "gespreksformulieren.html.j2"
ENGLISH = ("concatenate", "unexpected", "Encountered", "nesting", "has no attribute", "TypeError", "Jinja")


def _pupil_words() -> set[str]:
    with CLASSES.open(encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle, delimiter=";"))
    return {row[key] for row in rows for key in ("Roepnaam", "Achternaam") if row[key]}


def _school_templates(tmp_path: Path, insert: str) -> Path:
    folder = tmp_path / "sjablonen"
    folder.mkdir()
    text = FORMS.read_text(encoding="utf-8").replace('<h1 class="naam">', '<h1 class="naam">' + insert, 1)
    (folder / FORMS.name).write_text(text, encoding="utf-8")
    return folder


def _build(kmg, tmp_path: Path, templates: Path, *extra: str):
    return kmg("build", SCHOOL, "--klassen", CLASSES, "--sjablonen", templates, "--uitvoer", tmp_path / "out",
               "--processen", "1", *extra)


@pytest.mark.parametrize(
    ("insert", "dutch"),
    [
        ("{{ form.naam + 1 }}", "tekst en een getal kunnen niet bij elkaar opgeteld worden"),
        ("{{ titel }", "hier staat een losse '}'"),
    ],
)
def test_common_jinja_errors_are_dutch(kmg, tmp_path: Path, insert: str, dutch: str) -> None:
    result = _build(kmg, tmp_path, _school_templates(tmp_path, insert))
    assert result.exit_code == 2, result.output
    assert f"fout in sjabloon {FORMS.name}, regel " in result.output
    assert dutch in result.output
    assert not [word for word in ENGLISH if word in result.output], result.output


def test_a_pupil_name_never_appears_in_a_template_error(kmg, tmp_path: Path) -> None:
    templates = _school_templates(tmp_path, "{{ {}[form.naam] }}")
    for extra in ((), ("--uitgebreid",)):
        result = _build(kmg, tmp_path, templates, *extra)
        assert result.exit_code == 2, result.output
        assert "er wordt een veld gebruikt dat niet bestaat" in result.output
        assert not [word for word in _pupil_words() if word in result.output], result.output


def test_a_missing_endif() -> None:
    english = (
        "Encountered unknown tag 'endfor'. You probably made a nesting mistake. Jinja is expecting this tag, but "
        "currently looking for 'elif' or 'else' or 'endif'. The innermost block that needs to be closed is 'if'."
    )
    text = template_error("x.j2:4: ", f"fout in sjabloon x.j2: {english}", 4, verbose=False)
    assert text == (
        "x.j2:4: fout in sjabloon x.j2, regel 4: {% endfor %} staat hier te vroeg: eerst moet {% endif %} komen."
    )
    verbose = template_error("x.j2:4: ", f"fout in sjabloon x.j2: {english}", 4, verbose=True)
    assert verbose.endswith(f"\n    origineel: {english}")  # a syntax error cannot carry data


def test_an_unknown_english_message_gets_the_general_dutch_line() -> None:
    message = "sjabloon x.j2 kon niet worden ingevuld (ValueError: substring not found)"
    text = template_error("x.j2:9: ", message, 9, verbose=False)
    assert text == "x.j2:9: fout in sjabloon x.j2, regel 9: de sjabloontaal klopt hier niet."
    assert template_error("x.j2:9: ", message, 9, verbose=True).endswith("origineel: ValueError: substring not found")


def test_the_original_of_a_runtime_error_leaves_quoted_values_out() -> None:
    message = "sjabloon x.j2 kon niet worden ingevuld (ValueError: time data 'Zoë Berg' does not match format '%Y')"
    text = template_error("", message, 2, verbose=True)
    assert "Zoë" not in text and "'...'" in text
    assert redact("""can only concatenate str (not "int") to str""") == 'can only concatenate str (not "int") to str'
    assert redact("'dict object' has no attribute 'mila'") == "'dict object' has no attribute '...'"
