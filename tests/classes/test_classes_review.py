"""Class lists a hostile reviewer made: mixed encodings, control characters, odd year groups."""

from __future__ import annotations

from pathlib import Path

import pytest

from gereedschapskist.classes import ClassListError, parse_year_groups, read_class_list

BOM = b"\xef\xbb\xbf"


def write(tmp_path: Path, content: bytes, name: str = "klassenlijst.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(content)
    return path


def by_name(classes) -> dict:
    return {c.naam: c for c in classes}


def read_error(path: Path) -> ClassListError:
    with pytest.raises(ClassListError) as info:
        read_class_list(path)
    return info.value


# --- 1: one ANSI line in a UTF-8 export ----------------------------------------


def test_one_cp1252_line_in_a_utf8_export_is_read_per_line(tmp_path: Path) -> None:
    data = (
        BOM
        + "Roepnaam;Achternaam;Groep\r\nZoë;Çelik;3\r\n".encode()
        + "Joël;Müller;4\r\n".encode("cp1252")
        + "Noé;Öztürk;3\r\n".encode()
    )
    path = write(tmp_path, data)
    result = read_class_list(path)
    pupils = sorted(p.naam for c in result for p in c.leerlingen)
    assert pupils == ["Joël Müller", "Noé Öztürk", "Zoë Çelik"]
    [warning] = [w for w in result.warnings if "UTF-8" in w.message]
    assert warning.line == 3
    assert "regel 3" in warning.message
    assert "Joël" not in warning.message and "Müller" not in warning.message


def test_a_whole_cp1252_export_reads_without_warning(tmp_path: Path) -> None:
    path = write(tmp_path, "Roepnaam;Achternaam;Groep\r\nZoë;Çelik;3\r\nJoël;Müller;4\r\n".encode("cp1252"))
    result = read_class_list(path)
    assert sorted(p.naam for c in result for p in c.leerlingen) == ["Joël Müller", "Zoë Çelik"]
    assert result.warnings == ()


@pytest.mark.parametrize("header", ["First name;Achternaam;Groep", "Achternaam;Groep", "Voorletters;Achternaam;Klas"])
def test_a_surname_column_without_a_first_name_column_stops(tmp_path: Path, header: str) -> None:
    row = "Bakker;3" if header.count(";") == 1 else "A;Bakker;3"
    path = write(tmp_path, f"{header}\n{row}\n".encode())
    error = read_error(path)
    assert error.line == 1
    assert "Roepnaam" in error.message and "Voornaam" in error.message


# --- 2: control characters -------------------------------------------------------


def test_control_characters_are_reported_by_line_without_the_name(tmp_path: Path) -> None:
    data = "Roepnaam;Achternaam;Groep\r\nAn\x07na;Bak\x1b[31mker;3\r\nBo;Smit;3\x1b[2J\r\nCe;De\x7f;4\r\nDo;Vos;4\r\n"
    path = write(tmp_path, data.encode())
    error = read_error(path)
    assert error.line == 2
    assert "stuurteken" in error.message
    assert "3" in error.message and "4" in error.message  # the other lines too
    for name in ("An", "Bak", "Smit", "De"):
        assert name not in error.message.split()


def test_a_tab_and_a_line_break_inside_a_quoted_cell_are_no_control_characters(tmp_path: Path) -> None:
    path = write(tmp_path, b'Roepnaam;Achternaam;Groep\r\n"An\tna";"Bak\nker";3\r\n')
    [groep] = read_class_list(path)
    assert groep.leerlingen[0].naam == "An na Bak ker"


# --- 5: classes without a year group ----------------------------------------------


@pytest.mark.parametrize("value", ["-", "n.v.t.", "00", "Groep 0", "nvt", "geen"])
def test_a_leerjaar_that_means_none_gives_a_class_without_year_group(tmp_path: Path, value: str) -> None:
    path = write(tmp_path, f"Roepnaam;Achternaam;Groep;Leerjaar\nAnna;Bakker;3;3\nBo;Smit;Taalklas;{value}\n".encode())
    result = read_class_list(path)
    classes = by_name(result)
    assert classes["Taalklas"].jaargroepen == frozenset()
    assert classes["3"].jaargroepen == frozenset({3})
    [warning] = result.warnings
    assert warning.line == 3
    assert "jaargroep" in warning.message


def test_a_leerjaar_0_wins_over_digits_in_the_class_name(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        b"Roepnaam;Achternaam;Groep;Leerjaar\nAnna;Bakker;NT2;0\nBo;Smit;Nieuwkomers 1;0\nCe;Do;Groep 0/1;0\n",
    )
    classes = by_name(read_class_list(path))
    assert {naam: c.jaargroepen for naam, c in classes.items()} == {
        "NT2": frozenset(),
        "Nieuwkomers 1": frozenset(),
        "Groep 0/1": frozenset(),
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("NT2", set()),
        ("Nieuwkomers 1", set()),
        ("3 (2)", set()),
        ("Taalklas 2", set()),
        ("3", {3}),
        ("3a", {3}),
        ("8 B", {8}),
        ("groep 3", {3}),
        ("Gr. 3", {3}),
        ("gr3", {3}),
        ("1/2", {1, 2}),
        ("4-5", {4, 5}),
        ("1 t/m 3", {1, 2, 3}),
        ("groep 8b", {8}),
        ("Jaargroep 5", {5}),
        ("Combinatiegroep 5/6", {5, 6}),
        ("Kleutergroep 1/2", {1, 2}),
        ("Groep 7/8 (combi)", {7, 8}),
        ("Groep 5 (2)", set()),
    ],
)
def test_year_groups_only_from_names_that_look_like_a_group(text: str, expected: set[int]) -> None:
    assert parse_year_groups(text) == frozenset(expected)


# --- 6: concatenated exports --------------------------------------------------------


def test_concatenated_exports_with_a_bom_each_give_no_phantom_class(tmp_path: Path) -> None:
    part = "Roepnaam;Achternaam;Groep\r\n"
    data = BOM + (part + "Anna;Bakker;3\r\n").encode() + BOM + (part + "Bo;Smit;4\r\n").encode()
    path = write(tmp_path, data)
    classes = by_name(read_class_list(path))
    assert sorted(classes) == ["3", "4"]
    assert all("\ufeff" not in p.naam for c in classes.values() for p in c.leerlingen)


# --- 12: UTF-16 without BOM in another script ----------------------------------------


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_with_cyrillic_names(tmp_path: Path, codec: str) -> None:
    text = "Naam;Groep\r\n" + "".join(f"Алексей Дмитриевич {i};5\r\n" for i in range(30))
    path = write(tmp_path, text.encode(codec))
    [groep] = read_class_list(path)
    assert len(groep.leerlingen) == 30
    assert groep.leerlingen[0].naam.startswith("Алексей")


def test_binary_data_is_still_refused(tmp_path: Path) -> None:
    path = write(tmp_path, bytes(range(256)) * 8)
    message = read_error(path).message
    assert "binaire" in message or "niet te lezen" in message


# --- 14: wording ---------------------------------------------------------------------


def test_one_field_is_singular(tmp_path: Path) -> None:
    path = write(tmp_path, b"Roepnaam;Achternaam;Groep\r\nAnna\r\n")
    error = read_error(path)
    assert "1 veld " in error.message


def test_an_unclosed_quote_gets_a_hint_about_quotes(tmp_path: Path) -> None:
    path = write(tmp_path, b'Roepnaam;Achternaam;Groep\r\n"Anna;Bakker;3\r\nBo;Smit;3\r\n')
    error = read_error(path)
    assert error.line == 2
    assert "aanhalingsteken" in error.message


# --- 8: one label for the terminal and the PDF --------------------------------------


@pytest.mark.parametrize(
    ("naam", "label"),
    [
        ("Gr. 3", "Groep 3"),
        ("gr3", "groep 3"),
        ("Gr 1/2", "Groep 1/2"),
        ("gr.3", "groep 3"),
        ("3", "groep 3"),
        ("4/5", "groep 4/5"),
        ("groep 5a", "groep 5a"),
        ("Groep 1/2a", "Groep 1/2a"),
        ("De Egels", "De Egels"),
        ("Taalklas", "Taalklas"),
    ],
)
def test_the_terminal_and_the_pdf_name_a_class_alike(naam: str, label: str) -> None:
    from gereedschapskist.classes.model import SchoolClass
    from gereedschapskist.render import views

    assert SchoolClass(naam, "x", frozenset(), "", ()).label == label
    assert views.class_label(naam) == label[:1].upper() + label[1:]
