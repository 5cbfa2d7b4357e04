"""Large-build benchmark for `kmg build`'s process pool (run by hand; never in the tests).

A school board prints for hundreds of classes in one go. Until the pool was recycled by
kmg itself, a build of more than 64 x (processes) classes hung for ever (CPython
gh-115634, `max_tasks_per_child`). This makes N small classes (default 300 classes of 1
pupil, so that the pool, not the layout, is what is measured) and prints:

- whether every class got its folder, and the wall time and peak memory (process tree);
- the number of pools that took part (a new one every 64 classes per process).

    .venv/bin/python bench/pool.py [--klassen 300] [--leerlingen 1] [--processen 2]
"""

from __future__ import annotations

import argparse
import itertools
import string
import sys
import tempfile
from pathlib import Path

from gereedschapskist.batch import TASKS_PER_WORKER
from school import REPO, kmg, mb  # bench/school.py: the same runner and memory sampler


def class_names(count: int) -> list[str]:
    """'3a', '4a', ..., '8z', '3aa', ...: distinct classes of year groups 3 to 8."""
    names = (
        f"{group}{''.join(suffix)}"
        for width in (1, 2, 3)
        for suffix in itertools.product(string.ascii_lowercase, repeat=width)
        for group in range(3, 9)
    )
    return list(itertools.islice(names, count))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--klassen", type=int, default=300)
    parser.add_argument("--leerlingen", type=int, default=1)
    parser.add_argument("--processen", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kmg-bench-pool-") as tmp:
        folder = Path(tmp)
        rows = ["Roepnaam;Tussenvoegsel;Achternaam;Groep;Leerkracht"]
        for number, naam in enumerate(class_names(args.klassen)):
            rows += [f"Kind{p};;Nummer{number};{naam};Juf Anouk" for p in range(args.leerlingen)]
        classes = folder / "klassen.csv"
        classes.write_text("\n".join(rows) + "\n", encoding="utf-8")
        out = folder / "out"
        agenda = REPO / "agendas" / "school-groep-3-8.yaml"
        wall, peak, output = kmg(
            "build", agenda, "--klassen", classes, "--uitvoer", out, "--processen", str(args.processen), memory=True
        )
        made = len(list(out.rglob("gespreksformulieren.pdf")))
        pools = -(-args.klassen // (TASKS_PER_WORKER * args.processen))
        setup = f"{args.processen} processes, {args.klassen} classes of {args.leerlingen} pupil(s)"
        print(f"python {sys.version.split()[0]}, {setup}")
        print(f"classes built:   {made} of {args.klassen}")
        print(f"wall time:       {wall:6.1f} s ({wall / max(made, 1):.2f} s per class)")
        print(f"peak memory:     {mb(peak)} (whole process tree)")
        print(f"pools:           {pools} (a fresh one every {TASKS_PER_WORKER} classes per process)")
        print(next((line for line in output.splitlines() if line.startswith("Klaar")), output))


if __name__ == "__main__":
    main()
