"""KMG113 in detail: the finding names the line of the first topic with the same title."""

from __future__ import annotations


def test_the_second_title_names_the_line_of_the_first(lint) -> None:
    text = lint.edit(lint.base, replace=[("titel: Interesses en ambities", "titel: Dagroutine")])
    [finding] = lint.findings(text, "KMG113")
    first = lint.line_of(text, "titel: Dagroutine", 1)
    second = lint.line_of(text, "titel: Dagroutine", 2)
    assert (finding.line, finding.level) == (second, "error")
    assert f"eerst op regel {first})" in finding.message


def test_every_later_copy_points_back_at_the_first(lint) -> None:
    text = lint.edit(
        lint.base,
        replace=[("titel: Interesses en ambities", "titel: dagroutine"), ("titel: Verwachtingen", "titel: DAGROUTINE")],
    )
    findings = lint.findings(text, "KMG113")
    first = lint.line_of(text, "titel: Verwachtingen".replace("Verwachtingen", "DAGROUTINE"))
    assert [f.line for f in findings] == [lint.line_of(text, "titel: Dagroutine"), lint.line_of(text, "dagroutine")]
    assert all(f"eerst op regel {first})" in f.message for f in findings)
