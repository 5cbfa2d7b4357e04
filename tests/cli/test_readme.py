"""The README a school reads: two commands to start, a part for schools, only options that help shows."""

from __future__ import annotations

import re
from pathlib import Path

from typer.main import get_command

from gereedschapskist.cli import app

REPO = Path(__file__).resolve().parents[2]
README = (REPO / "README.md").read_text(encoding="utf-8")


def code_blocks(text: str) -> list[str]:
    return re.findall(r"```sh\n(.*?)```", text, re.S)


def section(title: str) -> str:
    start = README.index(f"## {title}\n")
    end = README.find("\n## ", start + 1)
    return README[start : end if end != -1 else None]


def visible_options(command: str) -> set[str]:
    click_command = get_command(app).commands[command]  # type: ignore[attr-defined]
    return {
        name
        for param in click_command.params
        if not getattr(param, "hidden", False)
        for name in (*param.opts, *param.secondary_opts)
        if name.startswith("-")
    }


def test_quick_start_is_the_two_commands() -> None:
    assert code_blocks(section("Quick start")) == ["make demo\nmake test\n"]


def test_schools_get_an_install_without_a_checkout() -> None:
    part = section("Voor scholen")
    assert "pipx install" in part and "uv tool install" in part
    assert "kmg init --voorbeeld" in part and "agendas/" in part
    assert ".venv/bin" not in "".join(code_blocks(part))  # the day-to-day commands are plain `kmg`
    assert "### Windows" in part and "mingw-w64-x86_64-pango" in part and "WEASYPRINT_DLL_DIRECTORIES" in part


def test_every_option_the_docs_use_is_one_help_shows() -> None:
    lines = [line for block in code_blocks(README) for line in block.splitlines()]
    lines += [line for line in (REPO / "Makefile").read_text(encoding="utf-8").splitlines() if "kmg " in line]
    used = []
    for line in lines:
        match = re.search(r"kmg (init|check|build|schema)\b(.*)", line.split("#")[0])
        if match:
            used += [(match[1], option) for option in re.findall(r"(?<!\S)(--?[a-z][\w-]*)", match[2])]
    assert used, "the README and Makefile show kmg commands"
    unknown = [(command, option) for command, option in used if option not in visible_options(command) | {"-h"}]
    assert unknown == []


def test_the_benchmark_table_lives_in_bench() -> None:
    assert "piekgeheugen" not in README and "| wat | tijd | doel |" not in README
    bench = (REPO / "bench" / "README.md").read_text(encoding="utf-8")
    assert "| wat | tijd | doel |" in bench and "make bench" in bench
    assert "bench/README.md" in section("Snelheid")


def test_the_daily_commands_for_schools_work_in_an_empty_folder(kmg, tmp_path: Path, monkeypatch) -> None:
    """Each `kmg` line of "Het werk van elke dag", run as written, one after the other."""
    import shlex

    part = section("Voor scholen")
    block = code_blocks(part[part.index("Het werk van elke dag") :])[0]
    commands = [shlex.split(line.split("#")[0])[1:] for line in block.splitlines() if line.startswith("kmg ")]
    assert any(args[:1] == ["build"] for args in commands)
    monkeypatch.chdir(tmp_path)
    for args in commands:
        result = kmg(*args, *(["--processen", "1"] if args[:1] == ["build"] else []))
        assert result.exit_code == 0, (args, result.output)
