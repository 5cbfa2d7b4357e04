"""Fill in sample replies, so that `make demo` can plan the sample school with the families' wishes.

The codes on the reply slips come from the secret that `kmg build` keeps next to
antwoorden.csv (`.kmg-sleutel`), so sample replies cannot be shipped ready-made: this script
takes the antwoorden.csv that `kmg build` wrote and fills in the reply columns the way an
office would after the slips come back (the same replies for the same code, every time):
about a third of the households tick the moments they can, one in five a moment they
cannot, one in ten brings someone for the language, and separated parents (household 2)
ask for their own conversation.

    python agendas/antwoorden-voorbeeld.py out/antwoorden.csv agendas/planning.yaml \
        out/antwoorden-voorbeeld.csv

Keep the result next to antwoorden.csv: `kmg plan --antwoorden` reads `.kmg-sleutel` from there.
"""

from __future__ import annotations

import csv
import hashlib
import io
import sys
from pathlib import Path

from gereedschapskist.planning.config import load_planning

TOPICS = [
    "Hoe gaat het met vriendjes in de klas?",
    "Zwemles en sport na school",
    "Ze is wat verlegen in een nieuwe groep",
    "Hij leest graag; wat kan hij thuis lezen?",
    "",
    "",
]


def fill(answers: Path, planning: Path, target: Path) -> int:
    moments = [m.naam for m in load_planning(planning).raise_for_errors().momenten]
    text = answers.read_bytes().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    header = rows[0]
    col = {name: header.index(name) for name in header}
    for row in rows[1:]:
        if not row or not row[col["code"]].strip():
            continue
        roll = hashlib.sha256(row[col["code"]].encode()).digest()
        row[col["komt"]] = "ouder(s) en kind"
        if roll[0] % 10 < 3:  # 30%: the moments they can
            row[col["momenten_kan"]] = ", ".join(
                sorted({moments[roll[1] % len(moments)], moments[roll[2] % len(moments)]})
            )
        if roll[3] % 10 < 2:  # 20%: one moment they cannot
            cannot = moments[roll[4] % len(moments)]
            if cannot not in row[col["momenten_kan"]]:
                row[col["momenten_niet"]] = cannot
        row[col["apart"]] = "ja" if row[col["huishouden"]].strip() == "2" else "nee"
        row[col["taalhulp"]] = "ja" if roll[5] % 10 == 0 else "nee"
        row[col["onderwerpen"]] = TOPICS[roll[6] % len(TOPICS)]
    out = io.StringIO()
    csv.writer(out, delimiter=";", lineterminator="\r\n").writerows(rows)
    target.write_bytes(b"\xef\xbb\xbf" + out.getvalue().encode("utf-8"))
    return len(rows) - 1


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    count = fill(Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]))
    print(f"{count} voorbeeldantwoorden geschreven in {sys.argv[3]}.")
