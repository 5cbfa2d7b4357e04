"""The example school in three formats (CSV, Excel workbook, EDEXML), from one source.

`agendas/klassenlijst-voorbeeld.csv`, `.xlsx` and `.xml` are written by this module, so
that the three stay the same school: run `python tests/classes/samples.py` after a change
here (a test fails while the files are out of date). The bench (`bench/classlists.py`)
uses `school(n)` for a synthetic school of any size.

Every name, address, e-mail address and phone number here is made up: e-mail addresses
are at example.nl / example.org, phone numbers are 06-1234xxxx, streets and the town
"Voorbeeldstad" do not exist.

The families in the example (all spanning classes):
- El Amrani (1/2 and 7): the parents live apart, so the family has two households;
- Şahin (1/2 and 8): one address, home language Turkish;
- Visser and Schouten (1/2 and 7): the same mother (shared e-mail address);
- de Jong, de Graaf and de Wit (3, 6 and 8): three children at one address; Luuk's row has
  no e-mail address (the address rule finds him), Isa's has her mother as parent 2;
- Hendriks and Meijer (3 and 6): a shared parent e-mail address written in different case,
  once as parent 1 and once as parent 2.
Julia Kowalska and Gabriel Silva have no parent data; أحمد Haddad's family speaks Arabic,
Bjørn Andersen's English. In the EDEXML file (postcode only) Femke Willems and Stijn van
Leeuwen are also in the samengestelde groep "Plusklas".
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

if __package__:
    from .workbooks import Sheet, column_letters, xlsx_bytes
else:  # run as a script
    from workbooks import Sheet, column_letters, xlsx_bytes

REPO = Path(__file__).resolve().parents[2]
SAMPLES = {
    "csv": REPO / "agendas" / "klassenlijst-voorbeeld.csv",
    "xlsx": REPO / "agendas" / "klassenlijst-voorbeeld.xlsx",
    "xml": REPO / "agendas" / "klassenlijst-voorbeeld.xml",
}
TOWN = "Voorbeeldstad"


@dataclass(frozen=True)
class Ouder:
    naam: str
    email: str = ""
    telefoon: str = ""
    straat: str = ""
    huisnummer: str = ""
    postcode: str = ""  # "9901 AB"
    woonplaats: str = ""


@dataclass(frozen=True)
class Leerling:
    roepnaam: str
    tussenvoegsel: str
    achternaam: str
    groep: str
    leerkracht: str
    geboren: dt.date
    leerjaar: int
    nummer: int
    ouders: tuple[Ouder, ...] = ()
    taal: str = ""
    samengesteld: tuple[str, ...] = field(default=())

    @property
    def postcode(self) -> str:
        return self.ouders[0].postcode if self.ouders else ""


# The pupils of agendas/klassenlijst-voorbeeld.csv since the first release (Roepnaam;Tussenvoegsel;
# Achternaam;Groep;Leerkracht;Geboortedatum); tests and `make demo` rely on every one of them.
PUPILS = """\
Zoë;van der;Berg;1/2;Juf Anouk;14-03-2020
Mila;;Jansen;1/2;Juf Anouk;02-11-2020
Noah;de;Vries;1/2;Juf Anouk;27-06-2020
Amira;;El Amrani;1/2;Juf Anouk;09-01-2021
Finn;;Bakker;1/2;Juf Anouk;18-08-2020
Yara;;Şahin;1/2;Juf Anouk;30-04-2021
Bảo;;Nguyễn;1/2;Juf Anouk;11-12-2019
Sem;;Visser;1/2;Juf Anouk;05-02-2021
أحمد;;Haddad;3;Meester Yusuf;21-09-2018
Elif;;Çelik;3;Meester Yusuf;03-05-2018
Lucas;;Müller;3;Meester Yusuf;16-07-2018
Tess;de;Jong;3;Meester Yusuf;29-10-2018
Daan;;Hendriks;3;Meester Yusuf;08-03-2019
Mei;;Chen;3;Meester Yusuf;12-01-2019
Julia;;Kowalska;3;Meester Yusuf;24-11-2018
Bjørn;;Andersen;4/5;Juf Marieke;19-02-2017
Renée;;Dekker;4/5;Juf Marieke;07-06-2016
Milan;;Đorđević;4/5;Juf Marieke;25-09-2016
Sara;;Ahmed;4/5;Juf Marieke;13-12-2016
Levi;van;Dijk;4/5;Juf Marieke;01-04-2017
Nora;;Boukhari;4/5;Juf Marieke;22-08-2017
Jesse;;Mulder;4/5;Juf Marieke;15-05-2016
Lotte;;Peeters;4/5;Juf Marieke;04-10-2017
Ilyas;;Aydın;4/5;Juf Marieke;28-01-2017
Chloé;;Lambert;6;Meester Bas;10-07-2015
Mohamed;;El Idrissi;6;Meester Bas;17-03-2015
Femke;;Willems;6;Meester Bas;06-11-2014
Kerem;;Öztürk;6;Meester Bas;23-02-2015
Sophie;van den;Broek;6;Meester Bas;31-08-2015
Thijs;;Meijer;6;Meester Bas;14-12-2014
Hiba;;Mansour;6;Meester Bas;09-05-2015
Luuk;de;Graaf;6;Meester Bas;20-01-2015
Anh;;Trần;7;Juf Samira;02-09-2013
Ruben;;Kok;7;Juf Samira;18-04-2014
Noor;;Hassan;7;Juf Samira;26-10-2013
Maja;;Nowak;7;Juf Samira;11-06-2014
Jayden;;Martina;7;Juf Samira;03-03-2014
Eva;;Schouten;7;Juf Samira;27-12-2013
Yusuf;;Demir;7;Juf Samira;15-08-2014
Ayoub;;El Amrani;7;Juf Samira;08-02-2014
Дарина;;Kovalenko;8;Meester Joost;19-05-2013
Stijn;van;Leeuwen;8;Meester Joost;30-09-2012
Fleur;;Bos;8;Meester Joost;12-07-2013
Omar;;Benali;8;Meester Joost;05-11-2012
Isa;de;Wit;8;Meester Joost;22-01-2013
Ahmet;;Şahin;8;Meester Joost;16-03-2013
Sanne;;Hoekstra;8;Meester Joost;09-10-2012
Gabriel;;Silva;8;Meester Joost;01-06-2013
"""

STREETS = [
    "Regenboogstraat",
    "Zonnebloemlaan",
    "Klaproosweg",
    "Tulpenhof",
    "Vlinderpad",
    "Merelstraat",
    "Zwaluwhof",
    "Lijsterbeslaan",
    "Dotterbloemstraat",
    "Korenbloemweg",
    "Margrietlaan",
    "Akkerwindepad",
]
PARENT_FIRST = [
    "Anna",
    "Bram",
    "Caroline",
    "Dennis",
    "Esra",
    "Frank",
    "Grace",
    "Hamid",
    "Inge",
    "Jeroen",
    "Khadija",
    "Lars",
    "Monique",
    "Nadia",
    "Olga",
    "Patrick",
    "Rania",
    "Sven",
    "Tamara",
    "Umut",
    "Vera",
    "Wouter",
    "Xandra",
    "Youssef",
]


def _ascii(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(ch for ch in plain.lower() if ch.isalnum())


def _year_group(groep: str, geboren: dt.date) -> int:
    """The pupil's own year group: in a combination class the older children are in the higher one.

    Class 1/2 has pupils of both year groups, some of them with an older sibling elsewhere:
    the demo shows a home-visit letter (groep 1), a school letter (groep 2) and letters of
    families whose children have both kinds of conversation.
    """
    if groep == "1/2":
        return 1 if geboren >= dt.date(2020, 10, 1) else 2
    if groep == "4/5":
        return 4 if geboren.year >= 2017 else 5
    return int(groep)


def _address(n: int) -> tuple[str, str, str]:
    """Street, house number and postcode of made-up address n."""
    letters = "ABCDEFGHJKLMNPRSTVWXZ"
    postcode = f"{9910 + n // 20} {letters[n % 20]}{letters[(n * 7) % 20]}"
    return STREETS[n % len(STREETS)], str(2 + n * 3 % 97), postcode


def _parent(
    naam: str, n: int, address: tuple[str, str, str], *, email: bool = True, domain: str = "example.nl"
) -> Ouder:
    first, _, last = naam.partition(" ")
    straat, huisnummer, postcode = address
    return Ouder(
        naam=naam,
        email=f"{_ascii(first)}.{_ascii(last)}@{domain}" if email else "",
        telefoon=f"06-1234{6000 + n:04d}",
        straat=straat,
        huisnummer=huisnummer,
        postcode=postcode,
        woonplaats=TOWN,
    )


# Families that span classes: pupil (roepnaam, achternaam) -> parents.
_EL_AMRANI_1 = Ouder(
    "Fatima El Amrani", "fatima.elamrani@example.nl", "06-12345601", "Kastanjelaan", "12", "9901 AB", TOWN
)
_EL_AMRANI_2 = Ouder(
    "Karim El Amrani", "karim.elamrani@example.org", "06-12345602", "Beukenstraat", "3", "9902 CD", TOWN
)
_SAHIN_1 = Ouder("Ayşe Şahin", "ayse.sahin@example.nl", "06-12345603", "Lindelaan", "7", "9903 EF", TOWN)
_SAHIN_2 = Ouder("Mehmet Şahin", "mehmet.sahin@example.org", "06-12345604", "Lindelaan", "7", "9903 EF", TOWN)
_SCHOUTEN = Ouder("Marloes Schouten", "m.schouten@example.nl", "06-12345605", "Wilgenhof", "4", "9904 GH", TOWN)
_VISSER = Ouder("Pieter Visser", "pieter.visser@example.org", "06-12345606", "Wilgenhof", "4", "9904 GH", TOWN)
_DE_JONG = Ouder("Sandra de Jong", "s.dejong@example.nl", "06-12345607", "Populierenpad", "15", "9906 JK", TOWN)
_DE_JONG_NO_MAIL = Ouder("Sandra de Jong", "", "06-12345607", "Populierenpad", "15", "9906 JK", TOWN)
_DE_WIT = Ouder("Rob de Wit", "rob.dewit@example.org", "06-12345608", "Populierenpad", "15", "9906 JK", TOWN)
_HENDRIKS = Ouder("Anne Hendriks", "anne.hendriks@example.nl", "06-12345609", "Esdoornstraat", "30", "9907 LM", TOWN)
_MEIJER_1 = Ouder("Ruud Meijer", "R.Meijer@example.nl", "06-12345610", "Esdoornstraat", "30", "9907 LM", TOWN)
_MEIJER_2 = Ouder("Ruud Meijer", "r.meijer@example.nl", "06-12345610", "Esdoornstraat", "30", "9907 LM", TOWN)
FAMILIES: dict[tuple[str, str], tuple[Ouder, ...]] = {
    ("Amira", "El Amrani"): (_EL_AMRANI_1, _EL_AMRANI_2),
    ("Ayoub", "El Amrani"): (_EL_AMRANI_1, _EL_AMRANI_2),
    ("Yara", "Şahin"): (_SAHIN_1, _SAHIN_2),
    ("Ahmet", "Şahin"): (_SAHIN_1, _SAHIN_2),
    ("Sem", "Visser"): (_SCHOUTEN, _VISSER),
    ("Eva", "Schouten"): (_SCHOUTEN,),
    ("Tess", "Jong"): (_DE_JONG,),
    ("Luuk", "Graaf"): (_DE_JONG_NO_MAIL,),
    ("Isa", "Wit"): (_DE_WIT, _DE_JONG),
    ("Daan", "Hendriks"): (_MEIJER_1,),
    ("Thijs", "Meijer"): (_HENDRIKS, _MEIJER_2),
    ("Julia", "Kowalska"): (),
    ("Gabriel", "Silva"): (),
}
LANGUAGES = {
    ("أحمد", "Haddad"): "Arabisch",
    ("Bjørn", "Andersen"): "Engels",
    ("Yara", "Şahin"): "Turks",
    ("Ahmet", "Şahin"): "Turks",
}
PLUSKLAS = {("Femke", "Willems"), ("Stijn", "Leeuwen")}


def example_school() -> list[Leerling]:
    """The 48 pupils of the example school with their parents."""
    pupils = []
    for n, line in enumerate(PUPILS.strip().splitlines()):
        roepnaam, tussenvoegsel, achternaam, groep, leerkracht, geboren_text = line.split(";")
        geboren = dt.datetime.strptime(geboren_text, "%d-%m-%Y").date()
        who = (roepnaam, achternaam)
        if who in FAMILIES:
            ouders = FAMILIES[who]
        else:
            # A family of its own: parent 1, and for every other pupil parent 2 at the same address.
            address = _address(n)
            first = PARENT_FIRST[n % len(PARENT_FIRST)]
            surname = f"{tussenvoegsel} {achternaam}".strip()
            ouders = (_parent(f"{first} {surname}", 2 * n, address),)
            if n % 2:
                partner = PARENT_FIRST[(n + 7) % len(PARENT_FIRST)]
                ouders += (_parent(f"{partner} {surname}", 2 * n + 1, address, domain="example.org"),)
        pupils.append(
            Leerling(
                roepnaam,
                tussenvoegsel,
                achternaam,
                groep,
                leerkracht,
                geboren,
                _year_group(groep, geboren),
                nummer=1001 + n,
                ouders=ouders,
                taal=LANGUAGES.get(who, ""),
                samengesteld=("Plusklas",) if who in PLUSKLAS else (),
            )
        )
    return pupils


def school(size: int, seed: int = 1) -> list[Leerling]:
    """A synthetic school of `size` pupils in classes of about 28, with families across classes."""
    rng = random.Random(seed)
    base = example_school()
    classes = max(1, round(size / 28))
    pupils: list[Leerling] = []
    family: tuple[Ouder, ...] = ()
    for n in range(size):
        model = base[n % len(base)]
        year = 1 + n * 8 // size
        groep = f"{year}{'abcdefgh'[n % max(1, classes // 8)]}" if classes > 8 else str(year)
        surname = f"{model.achternaam}{n // len(base) or ''}"
        if n % 3 == 0 or not family:  # a new family every few pupils; the others are siblings
            address = _address(n)
            family = (_parent(f"{PARENT_FIRST[n % 24]} {surname}", n, address),)
            if rng.random() < 0.5:
                other = address if rng.random() < 0.8 else _address(n + 100_000)
                family += (_parent(f"{PARENT_FIRST[(n + 5) % 24]} {surname}", n + 1, other, domain="example.org"),)
        pupils.append(
            Leerling(
                model.roepnaam,
                model.tussenvoegsel,
                surname,
                groep,
                f"Juf {PARENT_FIRST[year]}",
                model.geboren,
                year,
                nummer=10_001 + n,
                ouders=family,
            )
        )
    pupils.sort(key=lambda p: (p.leerjaar, p.groep))
    return pupils


# --- the three formats ------------------------------------------------------------------

COLUMNS = [
    "Roepnaam",
    "Tussenvoegsel",
    "Achternaam",
    "Groep",
    "Leerkracht",
    "Geboortedatum",
    "Leerjaar",
    "Leerlingnummer",
    "Naam ouder/verzorger 1",
    "E-mailadres ouder/verzorger 1",
    "Telefoon ouder/verzorger 1",
    "Straat",
    "Huisnummer",
    "Postcode",
    "Woonplaats",
    "Naam ouder/verzorger 2",
    "E-mailadres ouder/verzorger 2",
    "Telefoon ouder/verzorger 2",
    "Straat ouder/verzorger 2",
    "Huisnummer ouder/verzorger 2",
    "Postcode ouder/verzorger 2",
    "Woonplaats ouder/verzorger 2",
    "Thuistaal",
]


def _parent_cells(ouder: Ouder | None, *, address: bool) -> list[str]:
    if ouder is None:
        return [""] * (7 if address else 3)
    cells = [ouder.naam, ouder.email, ouder.telefoon]
    if address:
        cells += [ouder.straat, ouder.huisnummer, ouder.postcode, ouder.woonplaats]
    return cells


def _row(pupil: Leerling) -> list[str]:
    first = pupil.ouders[0] if pupil.ouders else None
    second = pupil.ouders[1] if len(pupil.ouders) > 1 else None
    # Parent 2's address columns are filled only where it differs, as exports do.
    same = (
        second is not None
        and first is not None
        and (second.postcode, second.huisnummer) == (first.postcode, first.huisnummer)
    )
    return [
        pupil.roepnaam,
        pupil.tussenvoegsel,
        pupil.achternaam,
        pupil.groep,
        pupil.leerkracht,
        pupil.geboren.strftime("%d-%m-%Y"),
        str(pupil.leerjaar),
        str(pupil.nummer),
        *_parent_cells(first, address=False),
        *_parent_cells(first, address=True)[3:],
        *_parent_cells(second, address=False),
        *(["", "", "", ""] if same or second is None else _parent_cells(second, address=True)[3:]),
        pupil.taal,
    ]


def csv_bytes(pupils: list[Leerling]) -> bytes:
    """A ParnasSys-style CSV: UTF-8 with BOM, `;`, CRLF, one row per pupil."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(COLUMNS)
    writer.writerows(_row(pupil) for pupil in pupils)
    return b"\xef\xbb\xbf" + out.getvalue().encode("utf-8")


def _typed(column: str, text: str) -> object:
    """What Excel holds: numbers as numbers, dates as dates, the rest as text."""
    if column in ("Leerlingnummer", "Huisnummer", "Huisnummer ouder/verzorger 2", "Leerjaar") and text.isdigit():
        return int(text)
    if column == "Geboortedatum" and text:
        return dt.datetime.strptime(text, "%d-%m-%Y").date()
    return text


def xlsx_sample_bytes(pupils: list[Leerling], title: str = "Leerlingen met ouders/verzorgers") -> bytes:
    """A Social Schools-style workbook: a merged title, a Leerjaar column, an empty row between classes."""
    # Leerjaar right after Groep, as Social Schools has it (the CSV keeps its first six columns first)
    columns = COLUMNS[:4] + ["Leerjaar"] + COLUMNS[4:6] + COLUMNS[7:]
    rows: list[list[object]] = [[title], [], columns]
    previous = None
    for pupil in pupils:
        if previous is not None and pupil.groep != previous:
            rows.append([])
        previous = pupil.groep
        cells = _row(pupil)
        cells = cells[:4] + [cells[6]] + cells[4:6] + cells[7:]
        rows.append([_typed(column, text) for column, text in zip(columns, cells, strict=True)])
    merged = [f"A1:{column_letters(len(columns) - 1)}1"]
    return xlsx_bytes(Sheet("Leerlingen", rows, merged=merged))


def edexml_bytes(pupils: list[Leerling], school_name: str = "OBS De Regenboog") -> bytes:
    """An EDEXML 2.1 file as ParnasSys or ESIS writes it: pupils with postcode, groups, teachers.

    EDEXML has no parents and no address but the postcode. The teachers carry only a
    roepnaam here ("Juf Anouk"), so that the three example files name the same teachers.
    """
    groups: dict[str, tuple[str, set[int]]] = {}
    for pupil in pupils:
        groups.setdefault(pupil.groep, (pupil.leerkracht, set()))[1].add(pupil.leerjaar)
    keys = {groep: f"G{n:03d}" for n, groep in enumerate(groups, start=1)}
    extra = sorted({name for pupil in pupils for name in pupil.samengesteld})
    extra_keys = {name: f"SG{n}" for n, name in enumerate(extra, start=1)}
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<EDEX xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
        ' xsi:noNamespaceSchemaLocation="EDEXML.structuur.xsd">',
        "\t<school>",
        "\t\t<schooljaar>2026-2027</schooljaar>",
        "\t\t<brincode>99ZZ</brincode>",
        "\t\t<aanmaakdatum>2026-08-31T12:00:00</aanmaakdatum>",
        "\t\t<xsdversie>2.1</xsdversie>",
        f"\t\t<commentaar>{escape(school_name)} (voorbeeld, verzonnen gegevens)</commentaar>",
        "\t</school>",
        "\t<groepen>",
    ]
    for groep, (_, years) in groups.items():
        jaargroep = str(next(iter(years))) if len(years) == 1 else "C"  # C: combinatiegroep
        out += [
            f"\t\t<groep key={quoteattr(keys[groep])}>",
            f"\t\t\t<naam>{escape(groep)}</naam>",
            f"\t\t\t<jaargroep>{jaargroep}</jaargroep>",
            "\t\t</groep>",
        ]
    for name, key in extra_keys.items():
        out += [
            f"\t\t<samengestelde_groep key={quoteattr(key)}>",
            f"\t\t\t<naam>{escape(name)}</naam>",
            "\t\t</samengestelde_groep>",
        ]
    out += ["\t</groepen>", "\t<leerlingen>"]
    for pupil in pupils:
        out.append(f'\t\t<leerling key="{pupil.nummer}">')
        out.append(f"\t\t\t<achternaam>{escape(pupil.achternaam)}</achternaam>")
        if pupil.tussenvoegsel:
            out.append(f"\t\t\t<voorvoegsel>{escape(pupil.tussenvoegsel)}</voorvoegsel>")
        out.append(f"\t\t\t<roepnaam>{escape(pupil.roepnaam)}</roepnaam>")
        out.append(f"\t\t\t<geboortedatum>{pupil.geboren.isoformat()}</geboortedatum>")
        out.append(f"\t\t\t<jaargroep>{pupil.leerjaar}</jaargroep>")
        out.append(f'\t\t\t<groep key="{keys[pupil.groep]}"/>')
        if pupil.samengesteld:
            refs = "".join(f'<samengestelde_groep key="{extra_keys[name]}"/>' for name in pupil.samengesteld)
            out.append(f"\t\t\t<samengestelde_groepen>{refs}</samengestelde_groepen>")
        if pupil.postcode:
            out.append(f"\t\t\t<postcodenl>{pupil.postcode.replace(' ', '')}</postcodenl>")
        out.append("\t\t</leerling>")
    out += ["\t</leerlingen>", "\t<leerkrachten>"]
    for n, (groep, (teacher, _)) in enumerate(groups.items(), start=1):
        out += [
            f'\t\t<leerkracht key="LK{n}">',
            f"\t\t\t<roepnaam>{escape(teacher)}</roepnaam>",
            f'\t\t\t<groepen><groep key="{keys[groep]}"><rol>LRK</rol></groep></groepen>',
            "\t\t</leerkracht>",
        ]
    out += ["\t</leerkrachten>", "</EDEX>", ""]
    return "\n".join(out).encode("utf-8")


def sample_files() -> dict[str, bytes]:
    """The bytes of the three example files, by extension."""
    pupils = example_school()
    return {"csv": csv_bytes(pupils), "xlsx": xlsx_sample_bytes(pupils), "xml": edexml_bytes(pupils)}


def main() -> int:
    for kind, data in sample_files().items():
        SAMPLES[kind].write_bytes(data)
        print(f"{SAMPLES[kind].relative_to(REPO)}: {len(data)} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
