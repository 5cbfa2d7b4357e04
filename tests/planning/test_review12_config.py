"""Review of issue 12: planning.yaml as schools write it."""

from __future__ import annotations

from datetime import time

from gereedschapskist.planning.config import class_findings, load_planning

HEAD = "versie: 1\nmomenten:\n  - naam: di\n"


def write(tmp_path, text):
    path = tmp_path / "planning.yaml"
    path.write_text(text, encoding="utf-8")
    return load_planning(path)


def test_times_with_a_dot_and_no_quotes_are_read_as_written(tmp_path):
    # YAML reads 15.00 as the number 15.0 and 19.30 as 19.3; the school wrote 15.00 and 19.30.
    loaded = write(tmp_path, HEAD + "    datum: 2026-09-08\n    van: 15.00\n    tot: 19.30\n")
    assert [f.message for f in loaded.findings] == []
    moment = loaded.planning.momenten[0]
    assert (moment.van, moment.tot) == (time(15, 0), time(19, 30))


def test_a_number_that_is_no_time_names_what_the_school_wrote(tmp_path):
    loaded = write(tmp_path, HEAD + "    datum: 2026-09-08\n    van: 15.5\n    tot: '19:00'\n")
    assert loaded.planning is None
    (finding,) = loaded.findings
    assert finding.line == 5 and "'15.5'" in finding.message


def test_a_moment_on_a_sunday_is_a_warning_with_its_line(tmp_path):
    loaded = write(tmp_path, HEAD + "    datum: 2026-09-06\n    van: '15:00'\n    tot: '19:00'\n")
    assert loaded.planning is not None
    (finding,) = loaded.findings
    assert finding.level == "warning" and finding.line == 4 and "zondag" in finding.message


def test_groepen_that_name_no_class_are_findings(tmp_path):
    loaded = write(
        tmp_path,
        HEAD + "    datum: 2026-09-08\n    van: '15:00'\n    tot: '19:00'\n    groepen: [1/2, Taalkas, '3-5', 3]\n",
    )
    findings = class_findings(loaded, ["1/2", "3", "Taalklas"])
    messages = [(f.line, f.level, f.message, f.hint) for f in findings]
    assert len(findings) == 2, messages
    assert all(f.line == 7 and f.level == "error" for f in findings)
    assert "Taalkas" in findings[0].message and "Taalklas" in findings[0].hint
    assert "3-5" in findings[1].message and "[3, 4, 5]" in findings[1].hint
