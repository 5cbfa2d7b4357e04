"""How long kmg takes to read a class list of 1,000 pupils as CSV, Excel workbook and EDEXML.

Run by `make bench` (never by the tests). It writes a synthetic school (1,000 pupils with
parents, families across classes; made with tests/classes/samples.py) in the three formats
to a temporary folder and prints, per format, the file size and the time to read it
(`read_source`), and to read and build it (`build_class_list`) when the builder is there.
The target is under 1 s each. Each figure is the best of a few runs in this process, after
one warm-up run that also pays for importing the reader.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.classes.samples import csv_bytes, edexml_bytes, school, xlsx_sample_bytes  # noqa: E402

from gereedschapskist.classes.readers import read_source  # noqa: E402


def best_of(runs: int, action: Callable[[], object]) -> tuple[float, float]:
    """Seconds of the first run (imports included) and the best of `runs` after it."""
    started = time.perf_counter()
    action()
    first = time.perf_counter() - started
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return first, min(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--leerlingen", type=int, default=1000, help="number of pupils (default 1000)")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    try:
        from gereedschapskist.classes.builder import build_class_list
    except ImportError:
        build_class_list = None
    pupils = school(args.leerlingen)
    files = {"CSV": ("klassen.csv", csv_bytes(pupils)), "Excel (.xlsx)": ("klassen.xlsx", xlsx_sample_bytes(pupils))}
    files["EDEXML"] = ("klassen.xml", edexml_bytes(pupils))
    print(f"Klassenlijst met {args.leerlingen} leerlingen (beste van {args.runs}, na een eerste keer):")
    with tempfile.TemporaryDirectory(prefix="kmg-bench-") as folder:
        for label, (name, data) in files.items():
            path = Path(folder) / name
            path.write_bytes(data)
            line = f"  {label:<14} {len(data) / 1024:7.0f} kB"
            try:
                first, best = best_of(args.runs, lambda path=path: read_source(path))
            except ImportError:  # the CSV reader (readers/csv.py) is not there yet: today's reader
                from gereedschapskist.classes import read_class_list

                _, built = best_of(args.runs, lambda path=path: read_class_list(path))
                print(f"{line}   lezen + opbouwen met de oude CSV-lezer: {built * 1000:6.1f} ms")
                continue
            line += f"   lezen: {best * 1000:6.1f} ms (eerste keer {first * 1000:6.1f} ms)"
            if build_class_list is not None:
                _, built = best_of(args.runs, lambda path=path: build_class_list(read_source(path)))
                line += f"   lezen + opbouwen: {built * 1000:6.1f} ms"
            print(line)
    if build_class_list is None:
        print("  (classes/builder.py ontbreekt nog: alleen lezen gemeten)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
