"""Whole-school benchmark for `kmg build` (run by hand or with `make bench`; never in the tests).

It makes a synthetic school in a temporary folder (24 classes x 28 pupils, combination
classes, names with diacritics and non-Latin script) with the example agendas, and prints:

- wall time and peak memory (the whole process tree) of `kmg build` for the school (guides,
  forms and invitations), the same build without the invitations and what they add, and
  next to it the wall time of the same build in the slow mode (WeasyPrint's public API
  only, what kmg falls back to with an untested WeasyPrint: KMG_ZONDER_VERSNELLING=1);
- a naive baseline on the first 2 classes (one WeasyPrint `write_pdf` per document, a fresh
  `FontConfiguration` each time, in a process that does nothing else) against kmg on the
  same 2 classes, and the ratios (whole process, and rendering alone in separate processes);
- a second build with nothing changed, after `touch`ing an agenda, and after editing one;
- wall time of `kmg check` on an example agenda;
- whether HarfBuzz subsetting (libharfbuzz-subset0) is in use.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
AGENDAS = ("school-groep-3-8.yaml", "kleuters-groep-1-2.yaml")

FIRST = [
    "Zoë",
    "Daan",
    "Sem",
    "Noah",
    "Emma",
    "Julia",
    "Mila",
    "Tess",
    "Liam",
    "Luuk",
    "Saar",
    "Finn",
    "Yara",
    "Renée",
    "Chloé",
    "Bjørn",
    "Mehmet",
    "Ayşe",
    "Fatima",
    "Mohamed",
    "Youssef",
    "Nour",
    "Đorđe",
    "Milica",
    "Thảo",
    "Minh",
    "أحمد",
    "مريم",
    "Дарина",
    "Ілля",
    "Søren",
    "Ægir",
    "François",
    "Inès",
    "Łucja",
    "Zuzanna",
]
PREFIX = ["", "", "", "van", "de", "van der", "van den", "ter", "el", ""]
LAST = [
    "Jansen",
    "de Vries",
    "Bakker",
    "Visser",
    "Smit",
    "Meijer",
    "Çelik",
    "Yılmaz",
    "Şahin",
    "Đorđević",
    "Nguyễn",
    "Trần",
    "El Amrani",
    "Haddad",
    "حداد",
    "Müller",
    "Kowalski",
    "Nowak",
    "Öztürk",
    "Bos",
    "Mulder",
    "Peeters",
    "Dijkstra",
    "Brouwer",
    "Hendriks",
    "Petrović",
    "Шевченко",
    "Lefèvre",
]
CLASSES = [
    "1/2a",
    "1/2b",
    "1/2c",
    "3a",
    "3b",
    "4a",
    "4/5",
    "5a",
    "5b",
    "6a",
    "6b",
    "6/7",
    "7a",
    "7b",
    "8a",
    "8b",
    "groep 1-2d",
    "3c",
    "4b",
    "5c",
    "6c",
    "7c",
    "8c",
    "8d",
]
TEACHERS = ["Juf Anouk", "Meester Yusuf", "Juf Petra", "Meester Bram", "Juf Samira", "Juf Ilse", "Meester Tim"]


def make_school(folder: Path, classes: list[str], pupils: int = 28, seed: int = 2026) -> Path:
    rng = random.Random(seed)
    lines = ["Roepnaam;Tussenvoegsel;Achternaam;Groep;Leerkracht;Geboortedatum"]
    everyone = [(f, p, a) for f in FIRST for p in sorted(set(PREFIX)) for a in LAST]
    for i, klass in enumerate(classes):
        teacher = TEACHERS[i % len(TEACHERS)]
        # distinct names within a class: kmg merges identical rows (exports repeat a pupil per parent)
        for first, prefix, last in rng.sample(everyone, pupils):
            lines.append(
                f"{first};{prefix};{last};{klass};{teacher};"
                f"{rng.randint(1, 28):02d}-{rng.randint(1, 12):02d}-{rng.randint(2014, 2022)}"
            )
    path = folder / "klassenlijst.csv"
    path.write_text("\ufeff" + "\r\n".join(lines) + "\r\n", encoding="utf-8")
    return path


class TreeMemory:
    """Samples the summed RSS of a process and all its descendants (the build's worker pool),
    and their CPU time (user + system, the last sample of each process)."""

    last_cpu = 0.0  # CPU seconds of the last tree sampled

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.peak = 0
        self.cpu: dict[int, int] = {}  # pid -> clock ticks
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _tree(self) -> list[int]:
        children: dict[int, list[int]] = {}
        for entry in os.listdir("/proc"):
            if entry.isdigit():
                try:
                    stat = Path(f"/proc/{entry}/stat").read_text()
                except OSError:
                    continue
                ppid = int(stat.rsplit(")", 1)[1].split()[1])
                children.setdefault(ppid, []).append(int(entry))
        tree, todo = [], [self.pid]
        while todo:
            pid = todo.pop()
            tree.append(pid)
            todo.extend(children.get(pid, []))
        return tree

    def _rss(self, pid: int) -> int:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) * 1024
        except OSError:
            pass
        return 0

    def _ticks(self, pid: int) -> None:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            return
        self.cpu[pid] = max(self.cpu.get(pid, 0), int(fields[11]) + int(fields[12]))  # utime + stime

    def _run(self) -> None:
        while not self._stop.is_set():
            tree = self._tree()
            self.peak = max(self.peak, sum(self._rss(p) for p in tree))
            for pid in tree:
                self._ticks(pid)
            # 0.2 s: often enough for a build of seconds, rarely enough not to steal a core
            self._stop.wait(0.2)

    def __enter__(self) -> TreeMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        TreeMemory.last_cpu = sum(self.cpu.values()) / os.sysconf("SC_CLK_TCK")


def kmg(*args: str | Path, memory: bool = False, public_api: bool = False) -> tuple[float, int, str]:
    """Run the installed `kmg`; return wall seconds, peak tree memory in bytes (if asked), and its output.

    `public_api` forces the slow mode (WeasyPrint's public API only, see render/compat.py).
    """
    exe = Path(sys.executable).with_name("kmg")
    env = {**os.environ, "KMG_ZONDER_VERSNELLING": "1"} if public_api else None
    started = time.perf_counter()
    proc = subprocess.Popen(
        [str(exe), *map(str, args)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env
    )
    peak = 0
    if memory:
        with TreeMemory(proc.pid) as sampler:
            output, _ = proc.communicate()
        peak = sampler.peak
    else:
        output, _ = proc.communicate()
    wall = time.perf_counter() - started
    if proc.returncode != 0:
        raise SystemExit(f"kmg {' '.join(map(str, args))} failed ({proc.returncode}):\n{output}")
    return wall, peak, output


def naive_baseline(agenda_path: Path, class_list: Path) -> tuple[float, int, float]:
    """One WeasyPrint write_pdf per document with a fresh FontConfiguration: today's naive way.

    The subprocess does the naive way only (nothing of kmg's renderer runs in it but
    filling in the templates, done before the clock starts). Returns the wall time of the
    whole process, the number of documents, and the rendering time of the naive way alone.
    """
    code = f"""
import sys, time
from pathlib import Path
from dataclasses import replace
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from gereedschapskist.lint import check_file
from gereedschapskist.classes import read_class_list
from gereedschapskist.render import Renderer, views
from gereedschapskist.render.contract import FORM_CONTENT_TEMPLATE, FORMS_TEMPLATE, GUIDE_TEMPLATE
from gereedschapskist.render.environment import render_template
agenda = check_file(Path({str(agenda_path)!r})).agenda
classes = read_class_list(Path({str(class_list)!r}))
# Only the Jinja2 environment is used: the templates filled in the way kmg fills them.
templates = Renderer(fast=False)
stylesheet = str(templates.stylesheet_path)
folder = templates.template_dirs[-1].as_uri() + "/"
content, _ = render_template(templates.env, FORM_CONTENT_TEMPLATE, views.form_content_context(agenda))
pages = len(HTML(string=content, base_url=folder).render(stylesheets=[CSS(filename=stylesheet)]).pages)
docs = []
for klass in classes:
    docs.append(render_template(templates.env, GUIDE_TEMPLATE, views.guide_context(agenda, klass))[0])
    docs += [
        templates.flowing_forms_html(agenda, replace(klass, leerlingen=(pupil,)), pages) for pupil in klass.leerlingen
    ]
started = time.perf_counter()
for html in docs:
    css = CSS(filename=stylesheet)
    HTML(string=html, base_url=folder).write_pdf(stylesheets=[css], font_config=FontConfiguration())
print(len(docs), time.perf_counter() - started)
"""
    started = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if out.returncode != 0:
        raise SystemExit(f"naive baseline failed:\n{out.stderr}")
    documents, naive = out.stdout.split()[-2:]
    return seconds, int(documents), float(naive)


def kmg_rendering(agenda_path: Path, class_list: Path, *, fast: bool) -> float:
    """kmg's renderer alone on the same classes (one core, start-up excluded), in a process of its own."""
    code = f"""
import time
from pathlib import Path
from gereedschapskist.lint import check_file
from gereedschapskist.classes import read_class_list
from gereedschapskist.render import Renderer
agenda = check_file(Path({str(agenda_path)!r})).agenda
classes = read_class_list(Path({str(class_list)!r}))
renderer = Renderer(fast={fast!r})
started = time.perf_counter()
for klass in classes:
    renderer.guide_pdf(agenda, klass)
    renderer.forms_pdf(agenda, klass)
print(time.perf_counter() - started)
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    if out.returncode != 0:
        raise SystemExit(f"kmg rendering failed:\n{out.stderr}")
    return float(out.stdout.split()[-1])


def per_class(agenda_path: Path, class_list: Path, classes: int = 4, rounds: int = 3) -> dict[str, float]:
    """CPU seconds per document for one class of 28 pupils, in one process (start-up and the first
    class excluded: the shared layers are laid out once per agenda). The least of `rounds` rounds
    over `classes` classes after the first, so that other work on the machine counts as little as can be."""
    code = f"""
import gc, json, time
from pathlib import Path
from gereedschapskist.classes import read_class_list
from gereedschapskist.invitations import plan_letters
from gereedschapskist.lint import check_file
from gereedschapskist.render import Renderer
from gereedschapskist.render.invitations import invitations_pdf
agenda = check_file(Path({str(agenda_path)!r})).agenda
school = read_class_list(Path({str(class_list)!r}))
chosen = [klass for klass in school if klass.leerlingen][: {classes + 1}]
letters = plan_letters(school, [klass.slug for klass in chosen], "oudste", bytes(32))
renderer = Renderer()
documents = {{
    "leidraad": lambda klass: renderer.guide_pdf(agenda, klass),
    "formulieren": lambda klass: renderer.forms_pdf(agenda, klass),
    "uitnodigingen": lambda klass: invitations_pdf(renderer, agenda, klass, letters[klass.slug]),
}}
for make in documents.values():
    make(chosen[0])
best = {{}}
for _ in range({rounds}):
    for name, make in documents.items():
        spent = 0.0
        for klass in chosen[1:]:
            gc.collect()
            started = time.process_time()
            make(klass)
            spent += time.process_time() - started
        best[name] = min(best.get(name, spent), spent)
print(json.dumps({{name: spent / len(chosen[1:]) for name, spent in best.items()}}))
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    if out.returncode != 0:
        raise SystemExit(f"per-class measurement failed:\n{out.stderr}")
    return json.loads(out.stdout.splitlines()[-1])


def harfbuzz_subset_in_use() -> bool:
    code = "from weasyprint.text.ffi import harfbuzz_subset; print(harfbuzz_subset is not None)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    return out.stdout.strip() == "True"


def pdf_bytes(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*.pdf"))


def mb(n: int) -> str:
    return f"{n / 2**20:.0f} MB"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--classes", type=int, default=24)
    parser.add_argument("--pupils", type=int, default=28)
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    parser.add_argument("--skip-public", action="store_true", help="skip the whole-school build in the slow mode")
    parser.add_argument(
        "--invitations-only", action="store_true", help="only the whole-school builds with and without invitations"
    )
    parser.add_argument(
        "--families",
        action="store_true",
        help="also build the same number of pupils with parents (fewer letters: one per household)",
    )
    parser.add_argument(
        "--rondes",
        type=int,
        default=1,
        help="build the whole school (and with --families the families too) with and without invitations "
        "this many times, alternately (median)",
    )
    parser.add_argument(
        "--per-groep",
        action="store_true",
        help="only the CPU time per document of one class (in one process, a few classes, least of 3 rounds)",
    )
    args = parser.parse_args()

    # An installed wheel has its bytecode compiled at install time; an editable install (and
    # PYTHONDONTWRITEBYTECODE) would make every start-up compile kmg's sources again.
    compileall.compile_dir(REPO / "src" / "gereedschapskist", quiet=1)
    folder = Path(tempfile.mkdtemp(prefix="kmg-bench-"))
    try:
        agendas = []
        for name in AGENDAS:
            shutil.copy(REPO / "agendas" / name, folder / name)
            agendas.append(folder / name)
        shutil.copy(REPO / "agendas" / "kmg-agenda.schema.json", folder)
        classes = (CLASSES * (args.classes // len(CLASSES) + 1))[: args.classes]
        school = make_school(folder, classes, args.pupils)
        (folder / "two").mkdir()
        two = make_school(folder / "two", classes[:2], args.pupils)  # the first 2 classes (kleuters)
        out = folder / "out"
        print(f"kmg benchmark: {len(classes)} classes x {args.pupils} pupils = {len(classes) * args.pupils} pupils")
        print(f"machine: {os.cpu_count()} CPUs, Python {sys.version.split()[0]}")
        print(f"HarfBuzz subsetting (libharfbuzz-subset0) in use: {'yes' if harfbuzz_subset_in_use() else 'no'}")
        if args.per_groep:
            # groups 3 and up (the school agenda); one letter per pupil (no parents in this list)
            (folder / "groups").mkdir()
            groups = make_school(folder / "groups", classes[3:8], args.pupils)
            cpu = per_class(agendas[0], groups)
            plain = cpu["leidraad"] + cpu["formulieren"]
            print(
                f"per class of {args.pupils} (CPU, one process): guide {cpu['leidraad']:.3f} s, forms "
                f"{cpu['formulieren']:.3f} s, letters {cpu['uitnodigingen']:.3f} s: the letters add "
                f"{100 * cpu['uitnodigingen'] / plain:.0f}% to guide and forms (target: at most 20%)"
            )
            return

        wall, peak, output = kmg("build", *agendas, "--klassen", school, "--uitvoer", out, memory=True)
        cpu_all = TreeMemory.last_cpu
        summary = [line for line in output.splitlines() if line.startswith("Klaar")]
        print(f"whole school, clean build:       {wall:6.2f} s wall, peak memory {mb(peak)}, PDFs {mb(pdf_bytes(out))}")
        print(f"   {summary[-1] if summary else output.strip().splitlines()[-1]}")
        plain = ("--documenten", "leidraad,formulieren")
        wall_plain, _, _ = kmg(
            "build", *agendas, "--klassen", school, "--uitvoer", folder / "out-plain", *plain, memory=True
        )
        cpu_plain = TreeMemory.last_cpu
        print(
            f"whole school without invitations: {wall_plain:5.2f} s wall, PDFs {mb(pdf_bytes(folder / 'out-plain'))}; "
            f"the invitations (one letter per pupil: "
            f"no families in this list) add {100 * (wall / wall_plain - 1):.0f}% (target: at most 20%)"
        )
        # CPU time of the whole process tree (sampled from /proc every 0.2 s, so a little low):
        # steadier than wall time on a machine that does other work
        print(
            f"   CPU time (all processes): {cpu_all:.1f} s with, {cpu_plain:.1f} s without invitations: "
            f"+{100 * (cpu_all / cpu_plain - 1):.0f}%"
        )
        if args.families:
            # The same number of pupils with parents (tests/classes/samples.py): brothers and
            # sisters share a letter, parents who live apart get one each.
            sys.path.insert(0, str(REPO))
            from tests.classes.samples import csv_bytes
            from tests.classes.samples import school as school_with_parents

            (folder / "families").mkdir()
            families = folder / "families" / "klassenlijst.csv"
            families.write_bytes(csv_bytes(school_with_parents(len(classes) * args.pupils)))
            wall_f, _, output = kmg(
                "build", *agendas, "--klassen", families, "--uitvoer", folder / "out-families", memory=True
            )
            cpu_f = TreeMemory.last_cpu
            answers = (folder / "out-families" / "antwoorden.csv").read_text("utf-8-sig")
            letters = len(answers.splitlines())
            plain_out = folder / "out-families-plain"
            wall_fp, _, _ = kmg("build", *agendas, "--klassen", families, "--uitvoer", plain_out, *plain, memory=True)
            cpu_fp = TreeMemory.last_cpu
            print(
                f"with families ({letters - 1} letters for {len(classes) * args.pupils} pupils): {wall_f:.2f} s wall "
                f"with, {wall_fp:.2f} s without invitations (+{100 * (wall_f / wall_fp - 1):.0f}%); CPU {cpu_f:.1f} s "
                f"with, {cpu_fp:.1f} s without: +{100 * (cpu_f / cpu_fp - 1):.0f}%"
            )
        if args.rondes > 1:
            # With and without invitations, alternately, a few more times: one pair of builds
            # swings by 10-25% on a shared machine, the median of several pairs much less.
            ratios_wall, ratios_cpu = [wall / wall_plain], [cpu_all / cpu_plain]
            family_ratios = [wall_f / wall_fp] if args.families else []
            for round_number in range(2, args.rondes + 1):
                shutil.rmtree(out, ignore_errors=True)
                shutil.rmtree(folder / "out-plain", ignore_errors=True)
                each, _, _ = kmg("build", *agendas, "--klassen", school, "--uitvoer", out, memory=True)
                each_cpu = TreeMemory.last_cpu
                each_plain, _, _ = kmg(
                    "build", *agendas, "--klassen", school, "--uitvoer", folder / "out-plain", *plain, memory=True
                )
                ratios_wall.append(each / each_plain)
                ratios_cpu.append(each_cpu / TreeMemory.last_cpu)
                print(
                    f"   round {round_number}: {each:.2f} / {each_plain:.2f} s wall "
                    f"(+{100 * (ratios_wall[-1] - 1):.0f}%), CPU +{100 * (ratios_cpu[-1] - 1):.0f}%"
                )
                if args.families:
                    for folder_out in (folder / "out-families", plain_out):
                        shutil.rmtree(folder_out, ignore_errors=True)
                    with_f, _, _ = kmg("build", *agendas, "--klassen", families, "--uitvoer", folder / "out-families")
                    without_f, _, _ = kmg("build", *agendas, "--klassen", families, "--uitvoer", plain_out, *plain)
                    family_ratios.append(with_f / without_f)
                    print(
                        f"   round {round_number}, families: {with_f:.2f} / {without_f:.2f} s wall "
                        f"(+{100 * (family_ratios[-1] - 1):.0f}%)"
                    )
            print(
                f"invitations add, median of {args.rondes} rounds: +{100 * (statistics.median(ratios_wall) - 1):.0f}% "
                f"wall, +{100 * (statistics.median(ratios_cpu) - 1):.0f}% CPU (target: at most 20%)"
            )
            if family_ratios:
                print(
                    f"with families, median of {args.rondes} rounds: "
                    f"+{100 * (statistics.median(family_ratios) - 1):.0f}% wall"
                )
        if args.invitations_only:
            return
        if not args.skip_public:
            wall_public, _, output = kmg(
                "build", *agendas, "--klassen", school, "--uitvoer", folder / "out-public", public_api=True
            )
            print(
                f"whole school, public API only:   {wall_public:6.2f} s wall (the slow mode, "
                f"{wall_public / wall:.1f}x the fast path's {wall:.2f} s)"
            )

        wall_nc, _, _ = kmg("build", *agendas, "--klassen", school, "--uitvoer", out)
        print(f"rebuild, nothing changed:        {wall_nc:6.2f} s wall")
        os.utime(agendas[1])
        wall_touch, _, _ = kmg("build", *agendas, "--klassen", school, "--uitvoer", out)
        print(f"rebuild after touching an agenda:{wall_touch:6.2f} s wall")
        text = agendas[1].read_text(encoding="utf-8")
        agendas[1].write_text(text.replace("titel: Dagroutine", "titel: De dagroutine"), encoding="utf-8")
        wall_edit, _, output = kmg("build", *agendas, "--klassen", school, "--uitvoer", out)
        rebuilt = [line for line in output.splitlines() if "niet veranderd" in line]
        print(f"rebuild after editing an agenda: {wall_edit:6.2f} s wall ({rebuilt[0] if rebuilt else 'all rebuilt'})")

        naive, documents, naive_render = naive_baseline(agendas[1], two)
        kmg_render = kmg_rendering(agendas[1], two, fast=True)
        wall_two, _, _ = kmg("build", agendas[1], "--klassen", two, "--uitvoer", folder / "out-two")
        print(
            f"naive baseline, 2 classes:       {naive:6.2f} s wall "
            f"({documents} write_pdf calls, a fresh FontConfiguration each; nothing else in that process)"
        )
        print(f"kmg, same 2 classes:             {wall_two:6.2f} s wall (including start-up)")
        print(f"ratio naive / kmg:               {naive / wall_two:6.1f}x")
        print(
            f"rendering only (one core, start-up excluded, separate processes): naive {naive_render:.2f} s, "
            f"kmg {kmg_render:.2f} s, ratio {naive_render / kmg_render:.1f}x"
        )

        checks = [kmg("check", REPO / "agendas" / AGENDAS[0])[0] for _ in range(5)]
        print(
            f"kmg check on one agenda:         {min(checks):6.3f} s wall (best of 5; median {sorted(checks)[2]:.3f} s)"
        )
    finally:
        if args.keep:
            print(f"kept: {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
