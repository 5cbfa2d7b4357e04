"""Small things a school reads: each message says the right thing once, in Dutch, without nested brackets."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from gereedschapskist.cache import templates_digest
from gereedschapskist.cli.foreign import translate, warning_lines
from gereedschapskist.cli.systemlibs import pango_missing_message
from gereedschapskist.errors import os_error_text

REPO = Path(__file__).resolve().parents[2]
SCHOOL = REPO / "agendas" / "school-groep-3-8.yaml"


def test_templates_given_as_a_file_are_called_a_file(kmg, tmp_path: Path) -> None:
    result = kmg("build", SCHOOL, "--sjablonen", SCHOOL, "--uitvoer", tmp_path / "out")
    assert result.exit_code == 2
    assert "dit is een bestand, geen map" in result.output
    assert "bestaat niet" not in result.output
    missing = kmg("build", SCHOOL, "--sjablonen", tmp_path / "nergens", "--uitvoer", tmp_path / "out")
    assert "deze map met sjablonen bestaat niet" in missing.output


@pytest.mark.parametrize("platform", ["win32", "darwin", "linux"])
def test_the_pango_message_does_not_repeat_kmg(platform: str) -> None:
    assert not pango_missing_message(platform).startswith("kmg")


def test_a_read_only_disk_has_no_brackets_inside_brackets() -> None:
    assert "(" not in os_error_text(OSError(errno.EROFS, "Read-only file system"))


def test_two_suggested_commands_are_joined_with_of(kmg) -> None:
    result = kmg("chek")
    assert "Bedoelt u 'check' of 'schema'?" in " ".join(result.output.replace("│", " ").split())


@pytest.mark.parametrize("value", ["mens", "tekst", "human", "Mens"])
def test_the_human_format_has_a_dutch_name(kmg, value: str) -> None:
    result = kmg("check", SCHOOL, "--formaat", value, "--geen-samenvatting")
    assert result.exit_code == 0, result.output
    assert "gecontroleerd" in result.output


def test_help_shows_the_dutch_format_name(kmg) -> None:
    text = kmg("check", "--help").output
    assert "mens" in text and "human" not in text
    bad = kmg("check", SCHOOL, "--formaat", "pdf")
    flat = " ".join(bad.output.replace("│", " ").split())
    assert bad.exit_code == 2 and "'pdf' kan niet; kies uit 'mens', 'json', 'github'" in flat


def test_with_verbose_an_unknown_warning_does_not_send_you_to_verbose() -> None:
    lines = warning_lines("Inline grids are not supported", verbose=True)
    assert "--uitgebreid" not in lines[0]
    assert lines[1].endswith("Inline grids are not supported")


def test_a_missing_anchor_is_dutch_and_does_not_repeat_the_anchor() -> None:
    dutch = translate("No anchor #Zoe-Berg for internal URI reference")
    assert dutch is not None and "anker" in dutch
    assert "Zoe" not in dutch and "No anchor" not in dutch
    assert "Zoe" not in "".join(warning_lines("No anchor #Zoe-Berg for internal URI reference", verbose=True))


def test_a_too_long_schema_name_names_the_file(kmg, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    name = "s" * 300 + ".json"
    result = kmg("schema", "--uitvoer", name)
    assert result.exit_code == 2
    assert "de naam of het pad is te lang" in result.output
    assert name in result.output and "kmg: .:" not in result.output


def test_an_unreadable_unrelated_file_among_the_templates_is_skipped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "leidraad.html.j2").write_text("{{ titel }}", encoding="utf-8")
    (tmp_path / "notities.docx").write_bytes(b"PK")
    read_bytes = Path.read_bytes

    def locked(path: Path) -> bytes:
        if path.name == "notities.docx":
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
        return read_bytes(path)

    monkeypatch.setattr(Path, "read_bytes", locked)
    first = templates_digest([tmp_path])
    (tmp_path / "leidraad.html.j2").write_text("{{ titel }}!", encoding="utf-8")
    assert templates_digest([tmp_path]) != first  # the templates themselves still count
