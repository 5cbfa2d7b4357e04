"""Rule tests as data (sqlfluff style): every `cases/KMG*.yml` holds pass and fail cases for one rule.

A case edits the clean base agenda (see conftest.py) and lists the findings of its rule
that it expects, each with the line it must point at. Every failing case also runs a
second time with the rule in `controle.uit`, which must silence that rule and nothing else.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from gereedschapskist.lint import RULES

CASES = Path(__file__).parent / "cases"
EDITS = ("replace", "drop_topics", "drop_fields", "extra_topics", "append")


def _load_cases() -> list[Any]:
    params = []
    for file in sorted(CASES.glob("KMG*.yml")):
        spec = yaml.safe_load(file.read_text(encoding="utf-8"))
        code = spec["rule"]
        assert file.stem == code, f"{file.name} holds cases for {code}"
        for case in spec["cases"]:
            params.append(pytest.param(code, case, False, id=f"{code}-{case['name']}"))
            if case["expect"]:
                params.append(pytest.param(code, case, True, id=f"{code}-{case['name']}-uit"))
    return params


def _switch_off(text: str, code: str) -> str:
    if "\ncontrole:\n" in text:
        assert "\n  uit:" not in text, "a case with its own 'uit' list needs no automatic variant"
        return text.replace("\ncontrole:\n", f"\ncontrole:\n  uit: [{code}]\n")
    return text.rstrip("\n") + f"\ncontrole:\n  uit: [{code}]\n"


@pytest.mark.parametrize(("code", "case", "switched_off"), _load_cases())
def test_case(lint, code: str, case: dict[str, Any], switched_off: bool) -> None:
    text = lint.edit(lint.base, **{key: case[key] for key in EDITS if key in case})
    result = lint.run(text)
    assert result.agenda is not None, f"the case's agenda must load: {result.findings}"
    found = [f for f in result.findings if f.code == code]

    if switched_off:
        quiet = lint.run(_switch_off(text, code))
        assert [f for f in quiet.findings if f.code == code] == []
        assert [f for f in quiet.findings if f.code == "KMG002"] == []
        # Switching one rule off leaves every other finding as it was.
        assert [(f.code, f.line, f.message) for f in quiet.findings] == [
            (f.code, f.line, f.message) for f in result.findings if f.code != code
        ]
        return

    expected = case["expect"]
    assert len(found) == len(expected), "\n".join(f"{f.line}:{f.column} {f.message}" for f in found)
    for finding, want in zip(found, expected, strict=True):
        assert finding.level == RULES[code].LEVEL
        assert finding.reason == RULES[code].REASON
        assert finding.file == str(result.path)
        line = lint.line_of(text, want["line"], want.get("nth", 1))
        assert finding.line == line, finding
        if "column" in want:
            assert finding.column == want["column"], finding
        if "column_of" in want:
            assert finding.column == lint.column_of(text, line, want["column_of"]), finding
        for part in want.get("message", []):
            assert part in finding.message
        for part in want.get("hint", []):
            assert part in finding.hint


def test_every_rule_has_passing_and_failing_cases() -> None:
    by_rule: dict[str, list[dict[str, Any]]] = {}
    for file in CASES.glob("KMG*.yml"):
        spec = yaml.safe_load(file.read_text(encoding="utf-8"))
        by_rule[spec["rule"]] = spec["cases"]
    checked = [code for code, rule in RULES.items() if hasattr(rule, "check")]
    assert sorted(by_rule) == checked
    for code, cases in by_rule.items():
        assert any(case["expect"] == [] for case in cases), f"{code} has no passing case"
        assert any(case["expect"] for case in cases), f"{code} has no failing case"
        names = [case["name"] for case in cases]
        assert len(names) == len(set(names)), f"{code} has two cases with the same name"
