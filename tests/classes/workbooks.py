"""A tiny .xlsx writer for tests and samples (openpyxl is no dependency of kmg).

It writes what Excel and the exports of pupil systems write: shared strings, numbers
as numbers, dates as numbers with a date format, merged cells, several sheets (one
hidden, if asked), hidden rows and formulas without a stored value. Nothing more.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from xml.sax.saxutils import escape, quoteattr


@dataclass(frozen=True)
class Formula:
    """A formula cell without a stored value (`<f>` without `<v>`), as some tools write them."""

    text: str


Cell = str | int | float | bool | dt.date | dt.datetime | Formula | None

_EPOCH = dt.datetime(1899, 12, 30)


@dataclass
class Sheet:
    name: str
    rows: Sequence[Sequence[Cell]]
    merged: Sequence[str] = field(default_factory=tuple)  # "A1:F1"
    hidden: bool = False
    hidden_rows: Sequence[int] = field(default_factory=tuple)  # 1-based rows with hidden="1"


def column_letters(index: int) -> str:
    """0 -> "A", 25 -> "Z", 26 -> "AA"."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def xlsx_bytes(*sheets: Sheet) -> bytes:
    strings: dict[str, int] = {}
    sheet_xml = [_sheet_xml(sheet, strings) for sheet in sheets]
    parts = {
        "[Content_Types].xml": _content_types(len(sheets)),
        "_rels/.rels": _ROOT_RELS,
        "xl/workbook.xml": _workbook(sheets),
        "xl/_rels/workbook.xml.rels": _workbook_rels(len(sheets)),
        "xl/styles.xml": _STYLES,
        "xl/sharedStrings.xml": _shared_strings(strings),
    }
    parts.update({f"xl/worksheets/sheet{n}.xml": xml for n, xml in enumerate(sheet_xml, start=1)})
    return zip_bytes(parts)


def zip_bytes(parts: dict[str, str | bytes]) -> bytes:
    """A deflated zip with fixed timestamps, so that the same parts give the same bytes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, content)
    return buffer.getvalue()


def _cell(ref: str, value: Cell, strings: dict[str, int]) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, Formula):
        return f'<c r="{ref}" t="str"><f>{escape(value.text)}</f></c>'
    if isinstance(value, bool):
        return f'<c r="{ref}" t="b"><v>{int(value)}</v></c>'
    if isinstance(value, int | float):
        return f'<c r="{ref}"><v>{value!r}</v></c>'
    if isinstance(value, dt.datetime):
        serial = (value - _EPOCH).total_seconds() / 86400
        return f'<c r="{ref}" s="2"><v>{serial!r}</v></c>'
    if isinstance(value, dt.date):
        serial = (value - _EPOCH.date()).days
        return f'<c r="{ref}" s="1"><v>{serial}</v></c>'
    index = strings.setdefault(value, len(strings))
    return f'<c r="{ref}" t="s"><v>{index}</v></c>'


def _sheet_xml(sheet: Sheet, strings: dict[str, int]) -> str:
    rows = []
    for r, row in enumerate(sheet.rows, start=1):
        cells = "".join(_cell(f"{column_letters(c)}{r}", value, strings) for c, value in enumerate(row))
        hidden = ' hidden="1"' if r in sheet.hidden_rows else ""
        if cells:
            rows.append(f'<row r="{r}"{hidden}>{cells}</row>')
    merged = ""
    if sheet.merged:
        refs = "".join(f'<mergeCell ref="{ref}"/>' for ref in sheet.merged)
        merged = f'<mergeCells count="{len(sheet.merged)}">{refs}</mergeCells>'
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"<sheetData>{''.join(rows)}</sheetData>{merged}</worksheet>"
    )


def _shared_strings(strings: dict[str, int]) -> str:
    items = "".join(f'<si><t xml:space="preserve">{escape(text)}</t></si>' for text in strings)
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        f'count="{len(strings)}" uniqueCount="{len(strings)}">{items}</sst>'
    )


def _workbook(sheets: Sequence[Sheet]) -> str:
    entries = "".join(
        f'<sheet name={quoteattr(sheet.name)} sheetId="{n}" r:id="rId{n}"'
        + (' state="hidden"' if sheet.hidden else "")
        + "/>"
        for n, sheet in enumerate(sheets, start=1)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        f"<sheets>{entries}</sheets></workbook>"
    )


def _workbook_rels(count: int) -> str:
    rels = "".join(
        f'<Relationship Id="rId{n}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        f'worksheet" Target="worksheets/sheet{n}.xml"/>'
        for n in range(1, count + 1)
    )
    base = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    rels += f'<Relationship Id="rId{count + 1}" Type="{base}/styles" Target="styles.xml"/>'
    rels += f'<Relationship Id="rId{count + 2}" Type="{base}/sharedStrings" Target="sharedStrings.xml"/>'
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}</Relationships>'
    )


def _content_types(count: int) -> str:
    main = "application/vnd.openxmlformats-officedocument.spreadsheetml"
    sheets = "".join(
        f'<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="{main}.worksheet+xml"/>'
        for n in range(1, count + 1)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/xl/workbook.xml" ContentType="{main}.sheet.main+xml"/>'
        f'<Override PartName="/xl/styles.xml" ContentType="{main}.styles+xml"/>'
        f'<Override PartName="/xl/sharedStrings.xml" ContentType="{main}.sharedStrings+xml"/>'
        f"{sheets}</Types>"
    )


_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'officeDocument" Target="xl/workbook.xml"/></Relationships>'
)

# Style 1: a date (built-in format 14, d-m-yyyy in a Dutch Excel); style 2: date and time (22).
_STYLES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
    '<fills count="1"><fill><patternFill patternType="none"/></fill></fills>'
    '<borders count="1"><border/></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="22" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>'
    "</styleSheet>"
)
