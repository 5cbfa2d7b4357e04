"""Invitations: which household gets a letter, through which class, and what the letter shows.

No WeasyPrint here: the main process of `kmg build` decides the letters of every class
(a family's letter depends on its children in other classes), puts them in the class's
job, and the job's key hashes them, so a change in a sibling's class re-renders the
letters of the class that hands them out. The worker only lays them out
(`render/invitations.py`).

A family gets one letter per household, handed out through one child: the oldest (by
birth date, else the highest year group, else the first in school order) or, with
`uitnodiging.via: jongste`, the youngest. A pupil without family data is a family of its
own; a family without household data gets one letter "to the parents of ...".

Each letter speaks for the agenda of the child it goes through (`serving.pupil_agenda`:
in class "1/2" under a home-visit agenda for groep 1 and a school agenda for groep 1-2, a
groep-2 child's letter invites to school): its texts, setting, length, topics and moments.
When the family's children fall under agendas with another kind of conversation (a home
visit for the youngest, school for the oldest), the letter says per child what it is
("Voor Eva: het gesprek is op school en duurt ongeveer 25 minuten. Voor Amira: de
leerkracht komt bij u thuis. ..."), and its slip offers the moments of all those agendas.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from .agenda.languages import is_rtl, language_code
from .agenda.model import Agenda, Setting, Soort
from .agenda.uitnodiging import DEFAULT_AANHEF, DEFAULT_CONTACT, DEFAULT_HUISBEZOEK, DEFAULT_TAALHULP, DEFAULT_TEKST
from .classes.model import ClassList, Family, Pupil, SchoolClass, class_label
from .wording import datum

# --- the agenda's `uitnodiging:` section ---------------------------------------------------


@dataclass(frozen=True)
class InvitationSettings:
    """The fields of `Agenda.uitnodiging` the letters use (see agenda/uitnodiging.py)."""

    aanhef: str = DEFAULT_AANHEF
    tekst: tuple[str, ...] = DEFAULT_TEKST
    antwoord_voor: date | None = None
    momenten: tuple[str, ...] = ()
    contact: str = ""
    via: str = "oudste"
    taalhulp: str = DEFAULT_TAALHULP
    huisbezoek: str = DEFAULT_HUISBEZOEK


def invitation_settings(agenda: Agenda) -> InvitationSettings:
    """The agenda's `uitnodiging:` section (always there: defaults when the file has none)."""
    section = agenda.uitnodiging
    return InvitationSettings(
        aanhef=section.aanhef,
        tekst=tuple(section.tekst),
        antwoord_voor=section.antwoord_voor,
        momenten=tuple(section.momenten),
        contact=section.contact.strip(),
        via=section.via,
        taalhulp=section.taalhulp,
        huisbezoek=section.huisbezoek,
    )


def letter_via(agendas: Sequence[Agenda]) -> str:
    """Through which child every family's letters go: the `uitnodiging.via` of the first agenda
    (command-line order) that sets it, else "oudste".

    One rule for the invitations (`kmg build`) and the confirmations (`kmg plan`): a family's
    children can be under different agendas, and the school writes `via` in one of them.
    """
    for agenda in agendas:
        if "via" in agenda.uitnodiging.model_fields_set:
            return agenda.uitnodiging.via
    return "oudste"


def language_of(household_language: str) -> str:
    """The language code ("en") of a class list's Thuistaal value, or "" when kmg does not know it."""
    code = language_code(household_language) if household_language.strip() else None
    # only a plain code can name a template file (uitnodiging.<code>.html.j2); Dutch needs none
    if not code or code == "nl" or not re.fullmatch(r"[a-z]{2,3}(?:-[a-z0-9]{2,8})?", code):
        return ""
    return code


def right_to_left(code: str) -> bool:
    return bool(code) and is_rtl(code)


# --- letters ------------------------------------------------------------------------


@dataclass(frozen=True)
class Child:
    """A child named on a letter: name, class (as a title) and teacher.

    `agenda`: the index of the child's agenda in the agendas of the build (None: not known,
    or no agenda serves its class).
    """

    naam: str
    klas: str
    leerkracht: str
    agenda: int | None = None


@dataclass(frozen=True)
class Letter:
    """One household's letter and reply slip. Everything it prints is in here (and so in the cache key)."""

    code: str
    kinderen: tuple[Child, ...]
    ouders: tuple[str, ...]  # the names of this household's parents, when the class list has them
    huishouden: int  # 1 or 2
    huishoudens: int  # how many households the family has (2: separated parents)
    taal: str = ""  # language code of the household ("en"), "" when none
    klassen: tuple[str, ...] = field(default=(), compare=False)  # class names (SchoolClass.naam), for the CSV
    agenda: int = 0  # the index of the via child's agenda in the agendas of the build: the letter's texts

    @property
    def kinderen_tekst(self) -> str:
        return join_dutch([child.naam for child in self.kinderen])


def join_dutch(items: Sequence[str]) -> str:
    """ "a", "a en b", "a, b en c"."""
    items = [item for item in items if item]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " en " + items[-1]


def join_english(items: Sequence[str]) -> str:
    """ "a", "a and b", "a, b and c" (for the English translation on the back)."""
    items = [item for item in items if item]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def dutch_date(day: date) -> str:
    """date(2026, 9, 7) -> "maandag 7 september 2026" (kmg's one Dutch date formatter)."""
    return datum(day)


def english_date(day: date) -> str:
    """date(2026, 9, 7) -> "Monday 7 September 2026" (for the English translation)."""
    return f"{_EN_DAYS[day.weekday()]} {day.day} {_EN_MONTHS[day.month - 1]} {day.year}"


_EN_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_EN_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def _title(klass: SchoolClass) -> str:
    label = class_label(klass.naam)
    return label[:1].upper() + label[1:]


def _private_key(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:20]


@dataclass(frozen=True)
class _Family:
    """A family with its members as (class, pupil) pairs, in school order."""

    family: Family
    members: tuple[tuple[SchoolClass, Pupil], ...]


def _families(class_list: ClassList) -> list[_Family]:
    """The families of the school; a pupil without one is a family of its own (internal key only)."""
    result: list[_Family] = []
    placed: set[int] = set()
    for family in class_list.families:
        members = tuple(class_list.members(family))
        if members:
            result.append(_Family(family, members))
            placed.update(id(pupil) for _, pupil in members)
    seen: dict[str, int] = {}
    for klass, pupil in class_list.pupils():
        if id(pupil) in placed:
            continue
        # Until the builder gives every pupil a `sleutel`: class + name (+ a counter for namesakes).
        base = pupil.sleutel or f"{klass.naam}\x1f{pupil.naam}"
        seen[base] = seen.get(base, 0) + 1
        key = _private_key("leerling", base, str(seen[base]))
        result.append(_Family(Family(id="", sleutel=key, leerlingen=(pupil.sleutel,)), ((klass, pupil),)))
    return result


def choose_carrier(members: Sequence[tuple[SchoolClass, Pupil]], via: str) -> tuple[SchoolClass, Pupil]:
    """The child through whom the family's letters go: the oldest (or youngest) by birth date,
    else by year group, else the first (or last) in school order."""

    def oldest_first(item: tuple[int, tuple[SchoolClass, Pupil]]) -> tuple:
        index, (klass, pupil) = item
        born = pupil.geboortedatum
        year = max(klass.jaargroepen, default=0)
        return (born is None, born.toordinal() if born else 0, -year, index)

    def youngest_first(item: tuple[int, tuple[SchoolClass, Pupil]]) -> tuple:
        index, (klass, pupil) = item
        born = pupil.geboortedatum
        year = max(klass.jaargroepen, default=0)
        return (born is None, -born.toordinal() if born else 0, year, -index)

    order = youngest_first if via == "jongste" else oldest_first
    return min(enumerate(members), key=order)[1]


def plan_letters(
    class_list: ClassList, served: Iterable[str], via: str, secret: bytes, agendas: Sequence[Agenda] = ()
) -> dict[str, list[Letter]]:
    """The letters per class slug. `served` holds the slugs of the classes that get documents:
    a family's letters go through its chosen child among the children in those classes.

    `agendas` (command-line order): each child's agenda is noted on the letter (`Child.agenda`,
    `Letter.agenda`: the via child's), by `serving.pupil_agenda`. Without them every index is 0.
    """
    from .codes import household_codes, letter_households
    from .serving import pupil_agenda

    indexes = {id(agenda): index for index, agenda in enumerate(agendas)}

    def agenda_of(klass: SchoolClass, pupil: Pupil) -> int | None:
        if not agendas:
            return 0
        chosen = pupil_agenda(klass, pupil, agendas)
        return indexes[id(chosen)] if chosen is not None else None

    served = set(served)
    families = _families(class_list)
    with_households = [
        Family(f.family.id, f.family.sleutel, f.family.leerlingen, letter_households(f.family)) for f in families
    ]
    codes = household_codes(secret, with_households)
    order = {id(pupil): index for index, (_, pupil) in enumerate(class_list.pupils())}
    placed: dict[str, list[tuple[int, Letter]]] = {}
    for each, family in zip(families, with_households, strict=True):
        candidates = [(klass, pupil) for klass, pupil in each.members if klass.slug in served]
        if not candidates:
            continue  # none of its classes is printed: no letter
        klass, pupil = choose_carrier(candidates, via)
        children = tuple(Child(p.naam, _title(k), k.leerkracht, agenda_of(k, p)) for k, p in each.members)
        classes = tuple(dict.fromkeys(k.naam for k, _ in each.members))
        for household in family.huishoudens:
            letter = Letter(
                code=codes[(family.sleutel, household.nummer)],
                kinderen=children,
                ouders=tuple(parent.naam for parent in household.ouders if parent.naam.strip()),
                huishouden=household.nummer,
                huishoudens=len(family.huishoudens),
                taal=language_of(household.taal),
                klassen=classes,
                agenda=agenda_of(klass, pupil) or 0,
            )
            placed.setdefault(klass.slug, []).append((order[id(pupil)] * 3 + household.nummer, letter))
    return {slug: [letter for _, letter in sorted(items, key=lambda x: x[0])] for slug, items in placed.items()}


# --- what the template sees ----------------------------------------------------------


def variant(letter: Letter) -> tuple[int, bool, bool]:
    """What decides the shape of a letter: how many children it names, whether the parents live
    apart, and whether it names the parents (if not, the shared letter prints "Aan de
    ouder(s)/verzorger(s) van:").

    Letters of one variant differ only in the places of uitnodiging_plekken.html.j2.
    """
    return len(letter.kinderen), letter.huishoudens > 1, bool(letter.ouders)


def mixed(letter: Letter) -> bool:
    """Whether the letter's children fall under more than one agenda (see the module docstring)."""
    return len({child.agenda for child in letter.kinderen if child.agenda is not None} | {letter.agenda}) > 1


def shape(letter: Letter) -> str:
    """The key of the letters that share one layout of everything but the places: agenda and variant.

    A letter whose children fall under several agendas names them in its text: its own shape.
    """
    key = "{}-{}-{}-{}".format(letter.agenda, *variant(letter))
    if mixed(letter):
        names = "\x1f".join(f"{child.naam}\x1e{child.agenda}" for child in letter.kinderen)
        key += "-" + _private_key("gesprekken", names)[:12]
    return key


def address_height(children: int) -> float:
    """Height (mm) of the address place: two lines and one per child, and some room below."""
    return 5.0 * (children + 2) + 2.0


def slip_head_height(children: int) -> float:
    """Height (mm) of the slip's place for the code and the children's names, one line (4.3 mm) each."""
    return max(13.0, 4.3 * children + 1.0)


def _topics(agenda: Agenda) -> tuple[str, ...]:
    # the topics briefly: the ordinary ones (the reciprocal agenda is the slip's own question)
    return tuple(o.titel for o in agenda.onderwerpen if o.soort == Soort.gewoon) or tuple(
        o.titel for o in agenda.onderwerpen
    )


def _conversation(agenda: Agenda) -> dict[str, Any]:
    """What a letter shows of its agenda (the variables of uitnodiging.html.j2 that come from it)."""
    settings = invitation_settings(agenda)
    return {
        "titel": agenda.display_title,
        "huisbezoek": agenda.setting == Setting.huisbezoek,
        "duur": agenda.duur,
        "leerling_aanwezig": agenda.leerling_aanwezig,
        "onderwerpen": _topics(agenda),
        "aanhef": settings.aanhef,
        "tekst": settings.tekst,
        "momenten": settings.momenten,
        "antwoord_voor": dutch_date(settings.antwoord_voor) if settings.antwoord_voor else "",
        "antwoord_voor_en": english_date(settings.antwoord_voor) if settings.antwoord_voor else "",
        "contact": settings.contact or DEFAULT_CONTACT,
        "eigen_contact": bool(settings.contact),
        "taalhulp": settings.taalhulp,
        "huisbezoek_tekst": settings.huisbezoek,
    }


def _kinds(letter: Letter, agendas: Sequence[Agenda]) -> list[tuple[Agenda, list[Child]]]:
    """The children of a letter grouped by the kind of conversation of their agenda (setting and length),
    the via child's kind first. Children whose class no agenda serves are left out."""
    groups: dict[tuple[bool, int], tuple[Agenda, list[Child]]] = {}
    own = agendas[letter.agenda]
    groups[(own.setting == Setting.huisbezoek, own.duur)] = (own, [])
    for child in letter.kinderen:
        if child.agenda is None:
            continue
        agenda = agendas[child.agenda]
        groups.setdefault((agenda.setting == Setting.huisbezoek, agenda.duur), (agenda, []))[1].append(child)
    return [group for group in groups.values() if group[1]]


def _names(children: Sequence[Child], join: Callable[[Sequence[str]], str], fallback: str) -> str:
    return join([child.naam or f"{fallback} {child.klas.lower()}" for child in children])


def conversation_lines(letter: Letter, agendas: Sequence[Agenda]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """For a family whose children have different kinds of conversation: one Dutch (and English) sentence
    per kind, naming the children ("Voor Eva: het gesprek is op school en duurt ongeveer 25 minuten.").
    Empty when every child has the same kind (the letter's own sentence says it)."""
    if not agendas or not mixed(letter):
        return (), ()
    kinds = _kinds(letter, agendas)
    if len(kinds) < 2:
        return (), ()
    dutch, english = [], []
    for agenda, children in kinds:
        names = _names(children, join_dutch, "uw kind in")
        names_en = _names(children, join_english, "your child in")
        if agenda.setting == Setting.huisbezoek:
            visit = invitation_settings(agenda).huisbezoek
            dutch.append(
                f"Voor {names}: de leerkracht komt bij u thuis. {visit} "
                f"Het bezoek duurt ongeveer {agenda.duur} minuten."
            )
            english.append(
                f"For {names_en}: the teacher will visit you at home, to get to know each other, not as a check. "
                f"The visit takes about {agenda.duur} minutes."
            )
        else:
            dutch.append(f"Voor {names}: het gesprek is op school en duurt ongeveer {agenda.duur} minuten.")
            english.append(f"For {names_en}: the meeting is at school and takes about {agenda.duur} minutes.")
    return tuple(dutch), tuple(english)


def slip_moments(letter: Letter, agendas: Sequence[Agenda]) -> tuple[str, ...]:
    """The slip's moments: the via child's agenda's, then those of its siblings' other agendas."""
    order = [letter.agenda] + [child.agenda for child in letter.kinderen if child.agenda is not None]
    moments: dict[str, str] = {}
    for index in dict.fromkeys(order):
        for moment in invitation_settings(agendas[index]).momenten:
            moments.setdefault("".join(ch for ch in moment.casefold() if ch.isalnum()), moment)
    return tuple(moments.values())


def invitation_context(
    agenda: Agenda,
    klass: SchoolClass | None,
    letters: Sequence[Letter],
    translation: Callable[[str], str | None] = lambda code: None,
    *,
    laag: str | None = None,
    plekken: dict[str, Any] | None = None,
    agendas: Sequence[Agenda] = (),
) -> dict[str, Any]:
    """The context of uitnodigingen.html.j2: the class's letters and the agenda's texts.

    `translation` gives the template of a language code ("uitnodiging.en.html.j2"), or None.
    `laag` and `plekken`: the layer to print and the measured places (render/invitations.py).
    `agendas`: the agendas the letters' indexes point into (`Letter.agenda`); each letter gets
    the texts of its own agenda (`b.gesprek`). Without them every letter speaks for `agenda`.
    """
    klas = _title(klass) if klass is not None else ""
    general = _conversation(agenda)
    own: dict[int, dict[str, Any]] = {}
    brieven = []
    for letter in letters:
        template = translation(letter.taal) if letter.taal else None
        if agendas:
            gesprek = own.get(letter.agenda) or own.setdefault(letter.agenda, _conversation(agendas[letter.agenda]))
            if mixed(letter):
                gesprek = {**gesprek, "momenten": slip_moments(letter, agendas)}
        else:
            gesprek = general
        lines, lines_en = conversation_lines(letter, agendas)
        brieven.append(
            {
                "brief": letter,
                "aan": (join_dutch(list(letter.ouders)) if letter.ouders else ""),
                "kinderen_tekst": letter.kinderen_tekst,
                # the same names joined in English, for a translation on the back
                "aan_en": join_english(list(letter.ouders)),
                "kinderen_tekst_en": join_english([child.naam for child in letter.kinderen]),
                "vertaling": template,
                "taal": letter.taal,
                "rtl": right_to_left(letter.taal),
                "kinderen": len(letter.kinderen),
                "variant": shape(letter),
                "adres_hoogte": address_height(len(letter.kinderen)),
                "strook_hoogte": slip_head_height(len(letter.kinderen)),
                # the texts of the letter's own agenda, and per kind of conversation a sentence
                "gesprek": gesprek,
                "gesprekken": lines,
                "gesprekken_en": lines_en,
            }
        )
    return {
        "document_title": " – ".join(
            part for part in (f"Uitnodigingen {agenda.display_title.lower()}", klas, f"{agenda.school}") if part
        ),
        "school": agenda.school,
        "schooljaar": agenda.schooljaar,
        "klas": klas,
        **general,
        "brieven": tuple(brieven),
        "laag": laag,
        "plekken": plekken or {},
    }


# --- antwoorden.csv ------------------------------------------------------------------

ANSWERS_FILE = "antwoorden.csv"
NEW_ANSWERS_FILE = "antwoorden-nieuw.csv"
ANSWER_COLUMNS = (
    "code",
    "klassen",
    "kinderen",
    "huishouden",
    "komt",
    "momenten_kan",
    "momenten_niet",
    "apart",
    "taalhulp",
    "onderwerpen",
)
REPLY_COLUMNS = ANSWER_COLUMNS[4:]


def answers_csv(letters: Iterable[Letter]) -> str:
    """antwoorden.csv: one row per household, the reply columns empty (see contracts.md)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(ANSWER_COLUMNS)
    for letter in letters:
        writer.writerow(
            [
                letter.code,
                _as_text(", ".join(letter.klassen)),
                _as_text(", ".join(child.naam for child in letter.kinderen)),
                str(letter.huishouden),
                *([""] * len(REPLY_COLUMNS)),
            ]
        )
    return "\ufeff" + buffer.getvalue()


def _as_text(cell: str) -> str:
    """A cell Excel would run as a formula (=, +, -, @ first) gets a leading apostrophe: text, not a formula."""
    return "'" + cell if cell[:1] in ("=", "+", "-", "@", "\t", "\r") else cell


def read_rows(data: bytes) -> list[dict[str, str]] | None:
    """The rows of an antwoorden.csv as kmg or Excel wrote it (UTF-8 with BOM, or cp1252; `;` or `,`).

    None when it is not such a file (another header): then it is not kmg's to overwrite.
    """
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    lines = text.splitlines()
    if not lines:
        return []
    delimiter = ";" if lines[0].count(";") >= lines[0].count(",") else ","
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    if not rows:
        return []
    header = [cell.strip().casefold() for cell in rows[0]]
    if header[: len(ANSWER_COLUMNS)] != list(ANSWER_COLUMNS):
        return None
    return [dict(zip(ANSWER_COLUMNS, row, strict=False)) for row in rows[1:] if any(cell.strip() for cell in row)]


def holds_answers(data: bytes) -> bool:
    """Whether an existing antwoorden.csv holds anything the office typed in (or is no file of ours)."""
    rows = read_rows(data)
    if rows is None:
        return True
    return any((row.get(column) or "").strip() for row in rows for column in REPLY_COLUMNS)


def write_answers(out_dir: Path, letters: Iterable[Letter]) -> tuple[Path, bool]:
    """Write antwoorden.csv, or antwoorden-nieuw.csv when the first holds answers already.

    A file with answers is never overwritten: not antwoorden.csv, and not antwoorden-nieuw.csv
    either when the office typed into that one (then antwoorden-nieuw-2.csv, -3, ...).
    Returns the path written and whether the existing file was kept because of its answers.
    """
    from .fileio import write_bytes_atomic

    data = answers_csv(letters).encode("utf-8")
    stem, suffix = NEW_ANSWERS_FILE.rsplit(".", 1)
    candidates = [ANSWERS_FILE, NEW_ANSWERS_FILE]
    for index, name in enumerate(candidates):
        path = out_dir / name
        try:
            existing = path.read_bytes()
        except FileNotFoundError:
            existing = None
        if existing is not None and holds_answers(existing):
            candidates.append(f"{stem}-{len(candidates)}.{suffix}")
            continue
        if existing != data:
            write_bytes_atomic(path, data)
        return path, index > 0
    raise AssertionError("unreachable: the list of candidates grows until a free name")
