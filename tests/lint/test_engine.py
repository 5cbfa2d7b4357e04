"""The runner, the registry and RuleContext: what every rule relies on."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from gereedschapskist.agenda.load import load_agenda
from gereedschapskist.agenda.model import Controle
from gereedschapskist.lint import RULES, RuleContext, check_file, check_files

REPO = Path(__file__).resolve().parents[2]

# The contract: agenda.md's rules table.
LEVELS = {
    "KMG001": "error",
    "KMG002": "error",
    "KMG101": "error",
    "KMG102": "warning",
    "KMG103": "warning",
    "KMG104": "warning",
    "KMG105": "warning",
    "KMG106": "error",
    "KMG107": "warning",
    "KMG108": "warning",
    "KMG109": "warning",
    "KMG110": "warning",
    "KMG111": "warning",
    "KMG112": "warning",
    "KMG113": "error",
    "KMG114": "warning",
    "KMG115": "warning",
    "KMG116": "warning",
}


def test_the_base_agenda_is_clean(lint) -> None:
    result = lint.run(lint.base)
    assert result.agenda is not None
    assert result.findings == []


def test_registry_lists_every_rule_in_code_order() -> None:
    assert list(RULES) == list(LEVELS)
    for code, rule in RULES.items():
        assert code == rule.ID
        assert LEVELS[code] == rule.LEVEL
        assert rule.TITLE
        assert rule.__name__.endswith(code.lower())


@pytest.mark.parametrize("code", list(LEVELS))
def test_each_rule_documents_itself(code: str) -> None:
    rule = RULES[code]
    doc = rule.__doc__ or ""
    assert doc.startswith(f"{code} — ")
    # yamllint-style "passes / fails" examples, as reStructuredText literal blocks.
    assert re.search(r"^Goed\b[^\n]*::$", doc, re.MULTILINE), f"{code} has no 'Goed' example"
    assert re.search(r"^Fout\b[^\n]*::$", doc, re.MULTILINE), f"{code} has no 'Fout' example"
    # Every option a rule reads is a `controle:` field, and its documentation names it.
    for option in rule.DEFAULT:
        assert option in Controle.model_fields, f"{code} reads unknown option {option}"
        assert f"``{option}``" in doc, f"{code} does not document {option}"
    if code in ("KMG001", "KMG002"):
        assert not hasattr(rule, "check")  # the loader reports these
    else:
        assert callable(rule.check)
        assert rule.REASON and "Waarom" in doc


def test_the_reasons_quote_the_seed() -> None:
    seed_path = Path("/work/shared/seed/kennismakingsgesprek-basisonderwijs.txt")
    if not seed_path.exists():
        pytest.skip("the seed text is not available here")
    # The PDF text breaks words at line ends ("bespreek-\npunten"); compare without those breaks.
    seed = " ".join(seed_path.read_text(encoding="utf-8").split()).casefold()
    seed = seed.replace("bespreek punten", "bespreekpunten").replace("ontwikke ling", "ontwikkeling")
    for code, rule in RULES.items():
        for sentence in filter(None, (s.strip() for s in rule.REASON.replace(":", ".").split("."))):
            words = sentence.casefold().split()
            # The first few words of each quoted sentence stand in the seed as written.
            assert " ".join(words[:4]) in seed, f"{code}: {sentence!r} is not from the seed"


def test_an_unknown_code_in_uit_is_a_schema_error_with_a_suggestion(lint) -> None:
    text = lint.edit(lint.base, append="controle:\n  uit:\n    - KMG111\n    - KMG199\n")
    result = lint.run(text)
    assert result.agenda is not None
    [finding] = result.findings
    assert (finding.code, finding.level) == ("KMG002", "error")
    assert finding.line == lint.line_of(text, "- KMG199")
    assert finding.column == lint.column_of(text, finding.line, "KMG199")
    assert "KMG199" in finding.message
    assert finding.hint.startswith("Bedoelt u KMG109")


def test_a_far_off_code_lists_the_known_ones(lint) -> None:
    result = lint.run(lint.edit(lint.base, append="controle:\n  uit: [KMG999]\n"))
    [finding] = result.findings
    assert finding.code == "KMG002"
    assert "KMG101" in finding.hint and "KMG113" in finding.hint


def test_an_unknown_code_does_not_stop_the_rules(lint) -> None:
    text = lint.edit(lint.base, replace=[("duur: 25", "duur: 22")], append="controle:\n  uit: [KMG777]\n")
    assert sorted(lint.codes(text)) == ["KMG002", "KMG101"]


def test_kmg001_and_kmg002_in_uit_are_accepted_and_change_nothing(lint) -> None:
    text = lint.edit(lint.base, append="controle:\n  uit: [KMG001, KMG002]\n")
    assert lint.codes(text) == []


def test_uit_switches_off_several_rules(lint) -> None:
    text = lint.edit(
        lint.base,
        replace=[("duur: 25", "duur: 19"), ("leerling_aanwezig: true", "leerling_aanwezig: false")],
    )
    assert lint.codes(text) == ["KMG101", "KMG102", "KMG111"]
    off = lint.edit(text, append="controle:\n  uit: [KMG102, KMG111]\n")
    assert lint.codes(off) == ["KMG101"]


def test_findings_are_sorted_by_line_column_and_code(lint) -> None:
    text = lint.edit(
        lint.base,
        drop_fields=["domeinen"],
        replace=[
            ("duur: 25", "duur: 19"),
            ("leerling_aanwezig: true", "leerling_aanwezig: false"),
            ("minuten: 2", "minuten: 0"),
        ],
    )
    findings = lint.run(text).findings
    keys = [(f.line, f.column, f.code) for f in findings]
    assert keys == sorted(keys)
    assert [f.code for f in findings] == [
        "KMG101",  # duur; same node as KMG102, so code order decides
        "KMG102",
        "KMG111",  # leerling_aanwezig
        "KMG108",
        "KMG108",
        "KMG108",  # onderwerpen: thuis, school, buitenschools in that order
        "KMG104",  # minuten: 0
    ]
    domains = [f.message for f in findings if f.code == "KMG108"]
    assert ["'thuis'" in domains[0], "'school'" in domains[1], "'buitenschools'" in domains[2]] == [True] * 3


def test_invalid_yaml_gives_only_the_loaders_finding(lint) -> None:
    result = lint.run("versie: 1\nschool: [OBS\n")
    assert result.agenda is None
    assert [f.code for f in result.findings] == ["KMG001"]


def test_schema_errors_stop_the_rules(lint) -> None:
    # Too long and a pupil who is absent, but also an unknown key: only the schema error counts.
    text = lint.edit(
        lint.base,
        replace=[
            ("duur: 25", "duur: 19"),
            ("leerling_aanwezig: true", "leerling_aanwezig: false"),
            ("groepen:", "groepn:"),
        ],
    )
    result = lint.run(text)
    assert result.agenda is None
    assert {f.code for f in result.findings} == {"KMG002"}


def test_check_files_keeps_the_order_given(lint) -> None:
    bad = lint.write(lint.edit(lint.base, replace=[("duur: 25", "duur: 22")]))
    good = lint.write(lint.base)
    results = check_files([bad, str(good)])
    assert [r.path for r in results] == [bad, good]
    assert [[f.code for f in r.findings] for r in results] == [["KMG101"], []]


def test_check_file_accepts_a_string_path(lint) -> None:
    path = lint.write(lint.base)
    assert check_file(str(path)).findings == []  # type: ignore[arg-type]


def _context(lint, text: str) -> RuleContext:
    loaded = load_agenda(lint.write(text))
    assert loaded.agenda is not None and loaded.source is not None
    return RuleContext(loaded.agenda, loaded.source, loaded.display)


def test_option_prefers_the_files_value_over_the_default(lint) -> None:
    ctx = _context(lint, lint.edit(lint.base, append="controle:\n  wederkerig_binnen: 0.5\n"))
    assert ctx.for_rule(RULES["KMG105"]).option("wederkerig_binnen") == 0.5
    assert ctx.for_rule(RULES["KMG107"]).option("max_aandeel_leerkracht") == 0.5  # default
    assert ctx.for_rule(RULES["KMG102"]).option("duur_school") == (20, 30)
    with pytest.raises(KeyError):
        ctx.for_rule(RULES["KMG105"]).option("duur_school")  # not an option of KMG105


def test_option_default_when_there_is_no_controle_block(lint) -> None:
    ctx = _context(lint, lint.base).for_rule(RULES["KMG110"])
    assert "controle" in ctx.option("woorden")
    assert list(ctx.option("extra_woorden")) == []


def test_finding_fills_in_position_code_level_and_reason(lint) -> None:
    ctx = _context(lint, lint.base).for_rule(RULES["KMG111"])
    finding = ctx.finding(("leerling_aanwezig",), "bericht", "tip")
    assert finding.line == lint.line_of(lint.base, "leerling_aanwezig:")
    assert finding.column == lint.column_of(lint.base, finding.line, "true")
    assert (finding.code, finding.level, finding.message, finding.hint) == ("KMG111", "warning", "bericht", "tip")
    assert finding.reason == RULES["KMG111"].REASON
    key = ctx.finding(("onderwerpen",), "m", "h", key=True)
    assert (key.line, key.column) == (lint.line_of(lint.base, "onderwerpen:"), 1)


def test_a_context_without_rule_refuses_to_report(lint) -> None:
    with pytest.raises(RuntimeError):
        _context(lint, lint.base).finding(("duur",), "m", "h")


def test_question_paths_follow_how_the_question_was_written(lint) -> None:
    ctx = _context(lint, lint.base)
    # "ouder: tekst" has no item 0; "leerling: [..]" does.
    assert ctx.question_path(0, "ouder", 0) == ("onderwerpen", 0, "ouder")
    assert ctx.question_path(4, "leerling", 1) == ("onderwerpen", 4, "leerling", 1)
    lines = {node.text: ctx.source.position(node.path).line for node in ctx.texts()}
    assert lines["Waar ben je goed in?"] == lint.line_of(lint.base, "Waar ben je goed in?")
    assert lines["Afronding"] == lint.line_of(lint.base, "titel: Afronding")


def test_the_engine_does_not_import_the_heavy_libraries() -> None:
    # `kmg check` must start fast; rich, typer and weasyprint belong to the CLI and the renderer.
    code = (
        "import sys, gereedschapskist.lint as lint\n"
        "heavy = sorted(m for m in ('weasyprint', 'typer', 'rich', 'jinja2') if m in sys.modules)\n"
        "print(','.join(heavy))\n"
    )
    env_path = str(REPO / "src")
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={"PYTHONPATH": env_path, "PATH": ""},
    )
    assert out.stdout.strip() == ""


EXAMPLES = sorted(p for p in (REPO / "agendas").glob("*.yaml") if p.name != "planning.yaml")


@pytest.mark.skipif(not EXAMPLES, reason="no example agendas yet")
@pytest.mark.parametrize("path", EXAMPLES, ids=[p.name for p in EXAMPLES])
def test_the_example_agendas_pass_clean(path: Path) -> None:
    result = check_file(path)
    assert result.agenda is not None
    assert [(f.line, f.code, f.message) for f in result.findings] == []
