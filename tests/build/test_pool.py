"""The process pool of `kmg build`: every job finishes (also hundreds), on every start method and platform."""

from __future__ import annotations

import multiprocessing
import subprocess
import sys
from pathlib import Path

import pytest

from gereedschapskist import batch

REPO = Path(__file__).resolve().parents[2]
SCHOOL = REPO / "agendas" / "school-groep-3-8.yaml"


def class_list(path: Path, classes: int, pupils: int = 1) -> Path:
    """`classes` classes of year groups 3..8 ("3a", "4a", ..., "8z", "3aa", ...) of `pupils` each."""
    import itertools
    import string

    names = (
        f"{group}{''.join(suffix)}"
        for width in (1, 2)
        for suffix in itertools.product(string.ascii_lowercase, repeat=width)
        for group in range(3, 9)
    )
    rows = ["Roepnaam;Tussenvoegsel;Achternaam;Groep;Leerkracht"]
    for number, naam in zip(range(classes), names, strict=False):
        rows += [f"Kind;;Nummer{number}x{p};{naam};Juf Anouk" for p in range(pupils)]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_workers_are_capped_at_61_on_windows() -> None:
    # ProcessPoolExecutor refuses more than 61 workers on Windows (WaitForMultipleObjects).
    assert batch.worker_count(64, 300, platform="win32") == 61
    assert batch.worker_count(64, 300, platform="linux") == 64
    assert batch.worker_count(64, 3, platform="win32") == 3
    assert batch.worker_count(None, 0, platform="linux") == 1


def test_start_method_is_spawn_where_forkserver_is_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(multiprocessing, "get_all_start_methods", lambda: ["spawn"])
    assert batch.start_method() == "spawn"
    monkeypatch.setattr(multiprocessing, "get_all_start_methods", lambda: ["fork", "spawn", "forkserver"])
    assert batch.start_method() == "forkserver"


def test_a_multi_class_build_works_with_spawn_alone(kmg, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Windows has no forkserver: force "spawn" here, build several classes, compare with a serial build."""
    classes = class_list(tmp_path / "klassen.csv", 4, pupils=2)
    serial = kmg("build", SCHOOL, "--klassen", classes, "--uitvoer", tmp_path / "serieel", "--processen", "1")
    assert serial.exit_code == 0, serial.output
    (tmp_path / "spawn").mkdir()  # the same secret: the same household codes on the letters
    (tmp_path / "spawn" / ".kmg-sleutel").write_bytes((tmp_path / "serieel" / ".kmg-sleutel").read_bytes())

    real_get_context = multiprocessing.get_context
    asked: list[str | None] = []

    def windows_get_context(method: str | None = None):
        asked.append(method)
        if method in ("fork", "forkserver"):
            raise ValueError(f"cannot find context for {method!r}")  # what Windows says
        return real_get_context(method)

    monkeypatch.setattr(multiprocessing, "get_all_start_methods", lambda: ["spawn"])
    monkeypatch.setattr(multiprocessing, "get_context", windows_get_context)
    result = kmg("build", SCHOOL, "--klassen", classes, "--uitvoer", tmp_path / "spawn", "--processen", "2")
    assert result.exit_code == 0, result.output
    assert "spawn" in asked
    serial_pdfs = sorted(p.relative_to(tmp_path / "serieel") for p in (tmp_path / "serieel").rglob("*.pdf"))
    assert len(serial_pdfs) == 12  # guide, forms and letters of 4 classes
    assert serial_pdfs == sorted(p.relative_to(tmp_path / "spawn") for p in (tmp_path / "spawn").rglob("*.pdf"))
    for rel in serial_pdfs:
        assert (tmp_path / "serieel" / rel).read_bytes() == (tmp_path / "spawn" / rel).read_bytes()


POOL_SCRIPT = """
import sys
from gereedschapskist import batch
results = list(batch.pool_map(abs, range(-{n}, 0), workers=2, tasks_per_worker=2, method=sys.argv[1]))
print(len(results), sum(results))
"""


@pytest.mark.parametrize("method", ["forkserver", "spawn"])
def test_recycled_pools_finish_every_job(method: str) -> None:
    # Fresh workers every 2 tasks per worker, so many pools one after the other; CPython's
    # max_tasks_per_child (gh-115634) stops after 4 tasks here. The timeout only guards against a hang.
    if method not in multiprocessing.get_all_start_methods():
        pytest.skip(f"{method} does not exist here")
    n = 60 if method == "forkserver" else 20
    done = subprocess.run(
        [sys.executable, "-c", POOL_SCRIPT.format(n=n), method], capture_output=True, text=True, timeout=240
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == [str(n), str(n * (n + 1) // 2)]


LOW_LIMIT_BUILD = """
import sys
from concurrent.futures import ProcessPoolExecutor
from gereedschapskist import batch

# The real limit is 64 tasks per process: a school of more than 64 x processes classes hung for ever.
# Lower every limit to 2 so that a handful of classes reaches it (a worker replaced after one
# task each time does not show the bug: only tasks that end without an exit are miscounted).
real_init = ProcessPoolExecutor.__init__

def low_limit(self, *args, **kwargs):
    if kwargs.get("max_tasks_per_child"):
        kwargs["max_tasks_per_child"] = 2
    real_init(self, *args, **kwargs)

ProcessPoolExecutor.__init__ = low_limit
batch.TASKS_PER_WORKER = 2

from gereedschapskist.cli import main
main()
"""


def test_a_build_past_the_per_process_limit_finishes(tmp_path: Path) -> None:
    """130 classes with 2 processes stopped at exactly 128 folders, for ever (CPython gh-115634)."""
    classes = class_list(tmp_path / "klassen.csv", 9)
    out = tmp_path / "out"
    command = [sys.executable, "-c", LOW_LIMIT_BUILD, "build", str(SCHOOL), "--klassen", str(classes)]
    command += ["--uitvoer", str(out), "--processen", "2"]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=120)
    except subprocess.TimeoutExpired:
        folders = len([p for p in out.iterdir() if p.is_dir()]) if out.exists() else 0
        pytest.fail(f"kmg build hangs: {folders} of 9 class folders after the timeout")
    assert done.returncode == 0, done.stderr
    assert len(list(out.rglob("gespreksformulieren.pdf"))) == 9
    assert "Klaar: 9 groepen, 9 leerlingen" in done.stdout
