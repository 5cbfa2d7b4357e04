"""Planning benchmark for `kmg plan` (run by hand or with `make bench`; never in the tests).

A generated school of 24 classes x 28 pupils over four afternoons/evenings: 35% of the
families have children in 2-3 classes, 8% are separated parents who ask `apart`, 10%
bring someone for the language, 20% have one or two `momenten_niet`, 30% have
`momenten_kan`. The same school is planned twice:

- by kmg's CP-SAT planner (`planning.solve.plan`), and
- first come, first served, as in a booking portal: households in random order each take
  the earliest free time they can (not on a `momenten_niet` moment, a `momenten_kan`
  moment first), trying to sit right before or after a sibling's conversation.

Both are checked by the same independent checker (`planning.verify.check_schedule`) and
printed side by side. Then a 96-class board (four such schools, one planning) is planned.

    python bench/planning.py [--seconden 10] [--bord-seconden 60] [--zonder-bord]
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import sys
import time
from datetime import time as clock

from gereedschapskist.agenda.model import Agenda
from gereedschapskist.classes.model import Address, ClassList, Family, Household, Parent, Pupil, SchoolClass
from gereedschapskist.planning.answers import Answer
from gereedschapskist.planning.config import Planning
from gereedschapskist.planning.greedy import place
from gereedschapskist.planning.model import Conversation, sort_key
from gereedschapskist.planning.tasks import DAY, build_tasks
from gereedschapskist.planning.verify import check_schedule, idle_minutes, quality

MOMENTS = [
    ("ma 7 sep", "2026-09-07", "15:00", "20:30"),
    ("di 8 sep", "2026-09-08", "15:00", "20:30"),
    ("wo 9 sep", "2026-09-09", "13:00", "18:30"),
    ("do 10 sep", "2026-09-10", "15:00", "20:30"),
]


def agendas() -> list[Agenda]:
    def make(groepen: list[int], duur: int) -> Agenda:
        return Agenda.model_validate(
            {
                "versie": 1,
                "school": "Benchschool",
                "schooljaar": "2026-2027",
                "groepen": groepen,
                "setting": "school",
                "duur": duur,
                "onderwerpen": [{"titel": "Kennismaken", "minuten": duur}],
            }
        )

    return [make([1, 2], 20), make([3, 4, 5, 6, 7, 8], 25)]


def generate(schools: int = 1, per_class: int = 28, seed: int = 7) -> tuple[ClassList, Planning, dict]:
    """`schools` x 24 classes; families within one school; answers keyed like read_answers'."""
    rng = random.Random(seed)
    names = [m[0] for m in MOMENTS]
    classes: list[SchoolClass] = []
    families: list[Family] = []
    answers: dict[tuple[str, int], Answer] = {}
    for s in range(schools):
        class_names = [f"{'' if schools == 1 else f'S{s + 1} '}{g}{p}" for g in range(1, 9) for p in "abc"]
        members: dict[str, list[str]] = {n: [] for n in class_names}
        seats = [(n, i) for n in class_names for i in range(per_class)]
        rng.shuffle(seats)
        free = {n: per_class for n in class_names}
        family_pupils: list[list[tuple[str, str]]] = []
        counter = 0
        while any(free.values()):
            open_classes = [n for n in class_names if free[n]]
            size = 1
            roll = rng.random()
            if roll < 0.35 and len(open_classes) >= 2:
                size = 2 if rng.random() < 0.75 else 3
            size = min(size, len(open_classes))
            picked = rng.sample(open_classes, size)
            pupils = []
            for n in picked:
                free[n] -= 1
                counter += 1
                key = f"s{s}p{counter}"
                members[n].append(key)
                pupils.append((n, key))
            family_pupils.append(pupils)
        family_of = {key: fi for fi, pupils in enumerate(family_pupils) for _, key in pupils}
        for n in class_names:
            year = int(n.split()[-1][0])
            pupils = tuple(Pupil(f"Kind{k}", "", "Test", sleutel=k, gezin=f"S{s}G{family_of[k]}") for k in members[n])
            classes.append(SchoolClass(n, n.replace(" ", "-"), frozenset({year}), f"Leerkracht {n}", pupils))
        for fi, pupils in enumerate(family_pupils):
            fid, fkey = f"S{s}G{fi}", f"s{s}-fam{fi}"
            roll = rng.random()
            separated = roll < 0.08
            homes = tuple(
                Household(h, (Parent(f"Ouder {h}"),), Address("Straat", str(fi), "1234 AB", "Dorp"))
                for h in (1, 2 if separated else 1)
            )
            homes = homes[:2] if separated else homes[:1]
            families.append(Family(fid, fkey, tuple(k for _, k in pupils), homes))
            for home in homes:
                niet = frozenset(rng.sample(names, rng.choice((1, 2)))) if rng.random() < 0.20 else frozenset()
                rest = [m for m in names if m not in niet]
                kan = frozenset(rng.sample(rest, rng.choice((1, 2)))) if rng.random() < 0.30 and rest else frozenset()
                taalhulp = rng.random() < 0.10
                if separated or niet or kan or taalhulp:
                    answers[(fkey, home.nummer)] = Answer("ouders", kan, niet, separated, taalhulp, "", code="")
    config = Planning.model_validate(
        {
            "versie": 1,
            "momenten": [{"naam": n, "datum": d, "van": v, "tot": t} for n, d, v, t in MOMENTS],
            "wisseltijd": 5,
            "pauze": {"na": 120, "minuten": 15},
            "reistijd": 15,
            "taalhulp_extra": 10,
        }
    )
    # class order as a school exports it: by name
    return ClassList(tuple(classes), (), tuple(families)), config, answers


def fcfs(class_list: ClassList, config: Planning, answers: dict, seed: int = 11) -> list[Conversation]:
    """First come, first served: each household books the earliest time it can, next to a sibling if possible."""
    problem = build_tasks(class_list, agendas(), config, answers)
    order = sorted(problem.groups)
    random.Random(seed).shuffle(order)
    placed = place(problem, order, portal=True)
    out = []
    for i, (m, s) in placed.items():
        task, moment = problem.tasks[i], problem.moments[m]
        out.append(
            Conversation(
                moment.datum,
                clock(*divmod(s % DAY, 60)),
                clock(*divmod((s + task.duration) % DAY, 60)),
                moment.naam,
                task.klass.naam,
                task.teacher_name,
                tuple(p.sleutel for p in task.pupils),
                task.family_id,
                task.huishouden,
                task.code,
                moment.plaats,
                False,
                task.taalhulp,
                task.apart,
                "",
            )
        )
    return sorted(out, key=sort_key)


def peak_mb() -> float:
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / (1024 * 1024) if sys.platform == "darwin" else rss / 1024


def measure(name: str, class_list: ClassList, config: Planning, answers: dict, run) -> dict:
    began = time.perf_counter()
    conversations, optimal = run()
    wall = time.perf_counter() - began
    problem = build_tasks(class_list, agendas(), config, answers)
    found = check_schedule(conversations, class_list, agendas(), config, answers)
    missing = [p for p in found if p.startswith("pupil")]
    q = quality(problem, conversations)
    return {
        "naam": name,
        "geplaatst": f"{len(conversations)} / {len(problem.tasks)}",
        "overtredingen": len(found) - len(missing),
        "naast_elkaar": f"{q['naast_elkaar']} / {q['ketens']}",
        "wensen": f"{q['wensen_gehonoreerd']} / {q['wensen_gevraagd']}",
        "leegloop": idle_minutes(conversations, config),
        "wand": f"{wall:.1f} s",
        "geheugen": f"{peak_mb():.0f} MB",
        "optimaal": optimal,
        "belasting": _load(),
    }


def _load() -> str:
    """The machine's load (1 minute) after the measurement: wall times mean little without it."""
    try:
        return f"{os.getloadavg()[0]:.1f}"
    except (AttributeError, OSError):  # Windows
        return "-"


def table(rows: list[dict]) -> None:
    labels = [
        ("geplaatst", "gesprekken geplaatst"),
        ("overtredingen", "harde regels gebroken"),
        ("naast_elkaar", "broers/zussen na elkaar"),
        ("wensen", "'kan'-wensen gehonoreerd"),
        ("leegloop", "leegloop leerkrachten (min)"),
        ("wand", "rekentijd (wand)"),
        ("geheugen", "piekgeheugen (proces)"),
        ("optimaal", "optimaal bewezen"),
        ("belasting", "belasting machine (1 min)"),
    ]
    print(f"| {'':30} | " + " | ".join(f"{row['naam']:>44}" for row in rows) + " |")
    print(f"|{'-' * 32}|" + "|".join("-" * 46 for _ in rows) + "|")
    for key, label in labels:
        print(f"| {label:30} | " + " | ".join(f"{str(row[key]):>44}" for row in rows) + " |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconden", type=float, default=10.0)
    parser.add_argument("--bord-seconden", type=float, default=60.0)
    parser.add_argument("--zonder-bord", action="store_true")
    args = parser.parse_args()
    from gereedschapskist.planning.solve import plan

    def run_kmg(cl, cfg, ans, seconds):
        def run():
            reached: list[float] = []

            def progress(text: str, elapsed: float) -> None:
                if not text.startswith("compacte"):
                    reached[:] = [elapsed]  # the last report of level 1 or 2 (of the last part of a board)

            schedule = plan(cl, agendas(), cfg, ans, seconds=seconds, progress=progress)
            levels = ", ".join(f"{k}={'ja' if v else 'nee'}" for k, v in schedule.optimal.items())
            if reached:
                levels += f" (1+2 klaar na {reached[0]:.1f} s)"
            return list(schedule.conversations), levels

        return run

    class_list, config, answers = generate()
    pupils = sum(len(c.leerlingen) for c in class_list)
    multi = sum(1 for f in class_list.families if len(f.leerlingen) > 1)
    print(
        f"School: {len(class_list)} groepen, {pupils} leerlingen, {len(class_list.families)} gezinnen "
        f"({multi} met kinderen in meer groepen), {len(answers)} antwoorden, 4 momenten van 5,5 uur."
    )
    rows = [
        measure(
            "wie het eerst komt (FCFS)", class_list, config, answers, lambda: (fcfs(class_list, config, answers), "-")
        ),
        measure(
            f"kmg plan (--tijd {args.seconden:g})",
            class_list,
            config,
            answers,
            run_kmg(class_list, config, answers, args.seconden),
        ),
    ]
    table(rows)
    if not args.zonder_bord:
        board, bconfig, banswers = generate(schools=4, seed=8)
        print()
        print(f"Bestuur: {len(board)} groepen, {sum(len(c.leerlingen) for c in board)} leerlingen, één planning.")
        table(
            [
                measure(
                    f"kmg plan (--tijd {args.bord_seconden:g})",
                    board,
                    bconfig,
                    banswers,
                    run_kmg(board, bconfig, banswers, args.bord_seconden),
                )
            ]
        )


if __name__ == "__main__":
    main()
