"""The YAML loader: text stays text, positions are kept, hostile files give one finding."""

from __future__ import annotations

from pathlib import Path

import pytest

from gereedschapskist.agenda.load import load_agenda
from gereedschapskist.agenda.yamlload import MAX_BYTES, YamlSyntaxError, load_yaml


def data(text: str):
    return load_yaml(text.encode()).data


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: 12:30", "12:30"),  # YAML 1.1 would give 750 (sexagesimal)
        ("a: 2026-2027", "2026-2027"),
        ("a: 2026-09-01", "2026-09-01"),  # no date object
        ("a: nee", "nee"),
        ("a: no", "no"),  # YAML 1.1 would give False
        ("a: on", "on"),
        ("a: 010", "010"),  # YAML 1.1 would give 8 (octal)
        ("a: 0x1F", "0x1F"),
        ("a: 1_000", "1_000"),
        ("a: .5", ".5"),
        ("a: 25", 25),
        ("a: -3", -3),
        ("a: 2.5", 2.5),
        ("a: true", True),
        ("a: false", False),
        ("a: ~", None),
        ("a:", None),
        ('a: "25"', "25"),
    ],
)
def test_scalars_follow_a_strict_yaml_12_core_schema(text: str, expected: object) -> None:
    assert data(text) == {"a": expected}
    assert type(data(text)["a"]) is type(expected)


def test_positions_are_recorded_for_keys_and_values() -> None:
    loaded = load_yaml(b"versie: 1\nonderwerpen:\n  - titel: A\n    minuten: 3\n")
    assert loaded.position(("onderwerpen", 0, "minuten")).line == 4
    assert loaded.position(("onderwerpen", 0, "minuten")).column == 14
    assert loaded.position(("onderwerpen", 0, "minuten"), key=True).column == 5
    # an unknown deeper path falls back to the nearest known ancestor
    assert loaded.position(("onderwerpen", 0, "nergens")).line == 3


def test_duplicate_keys_are_collected_keeping_the_first() -> None:
    loaded = load_yaml(b"a: 1\nb: 2\na: 3\n")
    assert loaded.data == {"a": 1, "b": 2}
    [dup] = loaded.duplicates
    assert (dup.key, dup.position.line, dup.first.line) == ("a", 3, 1)


def test_aliases_are_refused_so_a_billion_laughs_cannot_expand() -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(9)
    )
    with pytest.raises(YamlSyntaxError) as info:
        load_yaml(bomb.encode())
    assert "alias" in info.value.message.lower()
    assert info.value.position.line == 2


def test_tabs_get_a_dutch_message_with_the_line() -> None:
    with pytest.raises(YamlSyntaxError) as info:
        load_yaml(b"versie: 1\nonderwerpen:\n\t- titel: A\n")
    assert "tab" in info.value.message
    assert info.value.position.line == 3


def test_non_utf8_is_refused_with_the_line_of_the_bad_byte() -> None:
    with pytest.raises(YamlSyntaxError) as info:
        load_yaml("versie: 1\nschool: OBS Zoë\n".encode("cp1252"))
    assert "UTF-8" in info.value.message
    assert info.value.position.line == 2


def test_a_bom_is_accepted() -> None:
    assert load_yaml("\ufeffschool: Zoë".encode()).data == {"school": "Zoë"}


def test_binary_garbage_is_refused() -> None:
    with pytest.raises(YamlSyntaxError) as info:
        load_yaml(bytes(range(256)) * 4)
    assert "tekstbestand" in info.value.message


def test_control_characters_are_refused() -> None:
    with pytest.raises(YamlSyntaxError) as info:
        load_yaml(b"school: a\x07b\n")
    assert info.value.message


def test_a_file_of_several_megabytes_is_refused_before_parsing() -> None:
    with pytest.raises(YamlSyntaxError) as info:
        load_yaml(b"# " + b"x" * (3 * 1024 * 1024))
    assert "te groot" in info.value.message
    assert MAX_BYTES < 3 * 1024 * 1024


def test_custom_tags_are_refused() -> None:
    with pytest.raises(YamlSyntaxError) as info:
        load_yaml(b"a: !!python/object:os.system x\n")
    assert info.value.position.line == 1


@pytest.mark.parametrize(
    ("content", "needle"),
    [
        (b"", "leeg"),
        (b"# alleen commentaar\n", "leeg"),
        (b"- a\n- b\n", "lijst"),
        (b"gewoon een zin\n", "losse tekst"),
        (b"42\n", "losse waarde"),
    ],
)
def test_a_file_that_is_not_a_mapping_gives_one_kmg002(tmp_path: Path, content: bytes, needle: str) -> None:
    path = tmp_path / "agenda.yaml"
    path.write_bytes(content)
    result = load_agenda(path)
    [finding] = result.findings
    assert finding.code == "KMG002"
    assert needle in finding.message
    assert result.agenda is None


def test_broken_yaml_gives_kmg001_with_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "agenda.yaml"
    path.write_text('versie: 1\nschool: "OBS De Regenboog\nduur: 25\n', encoding="utf-8")
    [finding] = load_agenda(path).findings
    assert finding.code == "KMG001"
    assert finding.level == "error"
    assert finding.line >= 2


@pytest.mark.parametrize(
    ("raw", "line", "column", "needle"),
    [
        (b"versie: 1\nschool: De Regen\x0bboog\n", 2, 17, "Shift+Enter, U+000B"),
        (b"versie: 1\r\ntitel: a\r\nschool: \x0c\n", 3, 9, "pagina-einde"),
        (b"versie: 1\n# een \x07 in commentaar\n", 2, 7, "stuurteken (U+0007)"),
    ],
)
def test_a_raw_control_character_is_named_at_its_place(raw: bytes, line: int, column: int, needle: str) -> None:
    with pytest.raises(YamlSyntaxError) as info:
        load_yaml(raw)
    assert (info.value.position.line, info.value.position.column) == (line, column)
    assert needle in info.value.message
    assert "UTF-8" not in info.value.message + info.value.hint


ESCAPED_AGENDA = """\
versie: 1
school: OBS De Regenboog
schooljaar: "2026-2027"
groepen: [3]
setting: school
duur: 25
onderwerpen:
  - titel: Introductie
    minuten: 3
    ouder: {value}
"""


@pytest.mark.parametrize(
    ("value", "column", "needle"),
    [
        ('"Hoe gaat het\\x0bthuis?"', 25, "U+000B"),
        ('"Bel \\u0007 ons"', 17, "U+0007"),
        ('["Eerste", "Twee\\vde"]', 28, "U+000B"),
        ('"\\\\x0b is geen code, \\e wel"', 33, "U+001B"),
    ],
)
def test_an_escaped_control_character_is_a_kmg002_error_at_its_place(
    tmp_path: Path, value: str, column: int, needle: str
) -> None:
    path = tmp_path / "agenda.yaml"
    path.write_text(ESCAPED_AGENDA.format(value=value), encoding="utf-8")
    result = load_agenda(path)
    assert result.agenda is None
    [finding] = result.findings
    assert (finding.code, finding.level, finding.line, finding.column) == ("KMG002", "error", 10, column)
    assert needle in finding.message
    assert "onderwerp 1, 'ouder'" in finding.message.lower()


def test_tabs_and_line_breaks_in_text_are_fine(tmp_path: Path) -> None:
    path = tmp_path / "agenda.yaml"
    path.write_text(ESCAPED_AGENDA.format(value='"Een\\tvraag\\nover twee regels"'), encoding="utf-8")
    assert load_agenda(path).findings == []
