"""XLSX workbooks for tests, laid out as Excel lays them out and written part by part, so that
a part of hundreds of megabytes never sits in memory: zip bombs and real workbooks alike."""

from __future__ import annotations

import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from xml.sax.saxutils import escape

from openpyxl.utils import get_column_letter

MIB = 1024 * 1024
# Deflate packs this into about 100 KB: 1,000 times smaller than what it unpacks to.
BOMB_BYTES = 100 * MIB
HEADER = ["Facility ID", "Facility Name"]

SHEET_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE = "http://schemas.openxmlformats.org/package/2006"
SPREADSHEET = "application/vnd.openxmlformats-officedocument.spreadsheetml"
CONTENT_TYPES = (
    f'<Types xmlns="{PACKAGE}/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    f'<Override PartName="/xl/workbook.xml" ContentType="{SPREADSHEET}.sheet.main+xml"/>'
    f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{SPREADSHEET}.worksheet+xml"/>'
    f'<Override PartName="/xl/sharedStrings.xml" ContentType="{SPREADSHEET}.sharedStrings+xml"/>'
    "</Types>"
)
STATIC_PARTS = {
    "[Content_Types].xml": CONTENT_TYPES,
    "_rels/.rels": (
        f'<Relationships xmlns="{PACKAGE}/relationships"><Relationship Id="rId1" '
        f'Type="{RELATIONSHIPS}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
    ),
    "xl/workbook.xml": (
        f'<workbook xmlns="{SHEET_NS}" xmlns:r="{RELATIONSHIPS}"><sheets>'
        '<sheet name="Hospitals" sheetId="1" r:id="rId1"/></sheets></workbook>'
    ),
    "xl/_rels/workbook.xml.rels": (
        f'<Relationships xmlns="{PACKAGE}/relationships"><Relationship Id="rId1" '
        f'Type="{RELATIONSHIPS}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'
    ),
}

# A cell: an int is an index into the shared strings, a str an inline string, and an iterable
# of bytes an inline string written a megabyte at a time.
Cell = int | str | Iterable[bytes]


def repeated(piece: bytes, size: int) -> Iterator[bytes]:
    """`piece` repeated to `size` bytes, a megabyte at a time, never all in memory at once."""
    block = piece * (MIB // len(piece))
    for _ in range(size // len(block)):
        yield block


def text(value: str | Iterable[bytes]) -> Iterator[bytes]:
    if isinstance(value, str):
        yield escape(value).encode()
    else:
        yield from value


def shared_strings(*strings: str | Iterable[bytes]) -> Iterator[bytes]:
    yield f'<sst xmlns="{SHEET_NS}">'.encode()
    for string in strings:
        yield b"<si><t>"
        yield from text(string)
        yield b"</t></si>"
    yield b"</sst>"


def sheet(*rows: list[Cell]) -> Iterator[bytes]:
    yield f'<worksheet xmlns="{SHEET_NS}"><sheetData>'.encode()
    for number, cells in enumerate(rows, start=1):
        yield f'<row r="{number}">'.encode()
        for column, cell in enumerate(cells, start=1):
            where = f"{get_column_letter(column)}{number}"
            if isinstance(cell, int):
                yield f'<c r="{where}" t="s"><v>{cell}</v></c>'.encode()
            else:
                yield f'<c r="{where}" t="inlineStr"><is><t>'.encode()
                yield from text(cell)
                yield b"</t></is></c>"
        yield b"</row>"
    yield b"</sheetData></worksheet>"


def workbook(
    path: Path,
    worksheet: Iterable[bytes],
    strings: Iterable[bytes] | None = None,
    extra: dict[str, bytes] | None = None,
) -> Path:
    """A minimal workbook as Excel lays it out, each large part written as it is generated."""
    strings = shared_strings() if strings is None else strings
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in STATIC_PARTS.items():
            archive.writestr(name, content)
        for name, chunks in (
            ("xl/worksheets/sheet1.xml", worksheet),
            ("xl/sharedStrings.xml", strings),
        ):
            with archive.open(name, "w") as part:
                for chunk in chunks:
                    part.write(chunk)
        for name, content in (extra or {}).items():
            archive.writestr(name, content)
    return path


def compression(path: Path, name: str) -> float:
    """How many times smaller than what it unpacks to a part of the archive is."""
    info = zipfile.ZipFile(path).getinfo(name)
    return info.file_size / info.compress_size


def write_bomb(path: Path) -> Path:
    """The reported attack: a workbook whose shared strings hold one enormous cell."""
    big = repeated(b"A", BOMB_BYTES)
    workbook(path, sheet([0, 1], [2, 3]), shared_strings(*HEADER, "010001", big))
    assert path.stat().st_size < BOMB_BYTES // 500
    return path
