"""Review of issue 10 (EDEXML): files as web-based pupil systems really write them."""

from __future__ import annotations

from pathlib import Path

from gereedschapskist.classes import read_class_list, read_table

from .test_readers_edexml import edexml, pupil

PUPILS = (
    pupil("L1", '<roepnaam>Sem</roepnaam><achternaam>Visser</achternaam><jaargroep>3</jaargroep><groep key="G1"/>')
    + "\n"
    + pupil("L2", '<roepnaam>Lot</roepnaam><achternaam>Visser</achternaam><jaargroep>3</jaargroep><groep key="G1"/>')
    + "\n"
)


def test_blank_lines_before_the_xml_declaration_are_read_and_lines_still_count(tmp_path: Path) -> None:
    # Web exports (PHP templates) often print a line break before "<?xml ...?>"; strictly
    # that is no XML, but every browser and Excel opens it.
    path = tmp_path / "edexml.xml"
    path.write_bytes(b"\xef\xbb\xbf\r\n\r\n  " + edexml(PUPILS).encode())
    plain = tmp_path / "plain.xml"
    plain.write_bytes(edexml(PUPILS).encode())
    result = read_class_list(path)
    assert [pupil.naam for pupil in result.classes[0].leerlingen] == ["Lot Visser", "Sem Visser"]
    # Two more lines above: every line number moves down by two.
    lines = [row.position.row for row in read_table(path).rows]
    assert lines == [row.position.row + 2 for row in read_table(plain).rows]
