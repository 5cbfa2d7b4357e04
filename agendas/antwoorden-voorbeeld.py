"""Fill in sample replies, so that `make demo` can plan the sample school with the families' wishes.

The codes on the reply slips come from the secret that `kmg build` keeps next to
antwoorden.csv (`.kmg-sleutel`), so sample replies cannot be shipped ready-made: this script
takes the antwoorden.csv that `kmg build` wrote and fills in the reply columns the way an
office would after the slips come back (the same replies for the same code, every time):
about a third of the households tick the moments they can, one in five a moment they
cannot (both among the moments on their own slip), one in ten brings someone for the
language, and separated parents (household 2) ask for their own conversation.

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


def _key(text: str) -> str:
    return "".join(ch for ch in text.casefold() if ch.isalnum())


def slip_moments(answers: Path, moments: list[str]) -> dict[str, list[str]]:
    """Per household code, the planning moments its slip offers (parents tick only those).

    The letters are made again from the sample school beside this script, with the secret
    beside antwoorden.csv; a code that is not found keeps every moment.
    """
    from gereedschapskist.agenda.load import load_agenda
    from gereedschapskist.classes import read_class_list
    from gereedschapskist.codes import load_secret
    from gereedschapskist.invitations import letter_via, plan_letters
    from gereedschapskist.invitations import slip_moments as offered

    here = Path(__file__).resolve().parent
    secret = load_secret(answers.parent, create=False)
    if secret is None:
        return {}
    agendas = [load_agenda(p).agenda for p in sorted(here.glob("*.yaml")) if p.name != "planning.yaml"]
    class_list = read_class_list(here / "klassenlijst-voorbeeld.csv")
    served = [klass.slug for klass in class_list.classes]
    letters = plan_letters(class_list, served, letter_via(agendas), secret, agendas)
    by_key = {_key(name): name for name in moments}
    return {
        letter.code: [by_key[_key(text)] for text in offered(letter, agendas) if _key(text) in by_key]
        for each in letters.values()
        for letter in each
    }


def fill(answers: Path, planning: Path, target: Path) -> int:
    every = [m.naam for m in load_planning(planning).raise_for_errors().momenten]
    offered = slip_moments(answers, every)
    text = answers.read_bytes().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    header = rows[0]
    col = {name: header.index(name) for name in header}
    for row in rows[1:]:
        if not row or not row[col["code"]].strip():
            continue
        roll = hashlib.sha256(row[col["code"]].encode()).digest()
        moments = offered.get(row[col["code"]].strip()) or every
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
