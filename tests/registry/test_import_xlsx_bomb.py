"""XLSX zip bombs: a small upload that would unpack to hundreds of megabytes is refused before
it unpacks, naming the part and the limit, and a huge cell is refused while it streams, never
after it was loaded; memory stays bounded, and real workbooks are still read."""

from __future__ import annotations

import os
import tracemalloc
import zipfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from django.core.files import File
from openpyxl.utils import get_column_letter

from socialrx.registry.importing.reading import Column, FileProblem, open_table
from socialrx.registry.models import ImportJob, ImportStatus
from socialrx.registry.services import imports

MIB = 1024 * 1024
# Deflate packs this into about 100 KB: 1,000 times smaller than what it unpacks to.
BOMB_BYTES = 100 * MIB
# What reading a bomb may cost. Before the guard, the 100 MB cell made a peak of 300 MB.
MEMORY_LIMIT = 20 * MIB

COLUMNS = [
    Column("ccn", ("Facility ID",), required=True),
    Column("name", ("Facility Name",), required=True),
]
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


def peak_while(read: Callable[[], object]) -> tuple[object, int]:
    """What `read` returned, or the FileProblem it raised, and the most memory it held."""
    tracemalloc.start()
    try:
        try:
            result = read()
        except FileProblem as problem:
            result = problem
        return result, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def read_all(path: Path, filename: str = "") -> list:
    return list(open_table(path, COLUMNS, filename=filename).rows())


def compression(path: Path, name: str) -> float:
    """How many times smaller than what it unpacks to a part of the archive is."""
    info = zipfile.ZipFile(path).getinfo(name)
    return info.file_size / info.compress_size


@pytest.fixture(scope="module")
def bomb(tmp_path_factory) -> Path:
    """The reported attack: a workbook whose shared strings hold one enormous cell."""
    path = tmp_path_factory.mktemp("bomb") / "bomb.xlsx"
    big = repeated(b"A", BOMB_BYTES)
    workbook(path, sheet([0, 1], [2, 3]), shared_strings(*HEADER, "010001", big))
    assert path.stat().st_size < BOMB_BYTES // 500
    return path


@pytest.fixture
def archive_checks_off(monkeypatch, settings):
    """Lets every archive through the checks made before unpacking: only the checks made while
    unpacking remain, as for a bomb compressed just enough to pass the others."""
    from socialrx.registry.importing import xlsx_guard

    settings.REGISTRY_IMPORT_XLSX_MAX_PART_MB = 1_000_000
    monkeypatch.setattr(xlsx_guard, "MAX_RATIO", 1_000_000)
    monkeypatch.setattr(xlsx_guard, "MAX_SHARED_STRINGS_BYTES", 1_000_000 * MIB)
    return xlsx_guard


# --- Refused before unpacking --------------------------------------------------------------


@pytest.mark.unit
def test_a_zip_bomb_is_refused_before_it_unpacks_naming_the_part_and_the_limit(bomb):
    shrunk = compression(bomb, "xl/sharedStrings.xml")

    problem, peak = peak_while(lambda: read_all(bomb, filename="hospitals.xlsx"))

    assert isinstance(problem, FileProblem)
    assert problem.message == (
        "“hospitals.xlsx” cannot be opened safely: xl/sharedStrings.xml would unpack to 100 MB, "
        f"compressed {shrunk:,.0f}:1 (at most 100:1 is allowed). "
        "Open it in Excel, save it as CSV, and upload that file."
    )
    assert peak < MEMORY_LIMIT


@pytest.mark.integration
def test_a_zip_bomb_uploaded_for_import_leaves_the_job_unreadable(
    bomb, staff, django_capture_on_commit_callbacks
):
    with bomb.open("rb") as handle, django_capture_on_commit_callbacks(execute=True):
        job = imports.upload_import(
            actor=staff, kind="hospitals", uploaded_file=File(handle, name="hospitals.xlsx")
        )
    job.refresh_from_db()

    assert job.status == ImportStatus.UNREADABLE
    assert job.problem.startswith(
        "“hospitals.xlsx” cannot be opened safely: xl/sharedStrings.xml would unpack to 100 MB"
    )
    assert ImportJob.objects.count() == 1


@pytest.mark.unit
def test_a_part_larger_than_the_setting_allows_is_refused(tmp_path, settings):
    settings.REGISTRY_IMPORT_XLSX_MAX_PART_MB = 1
    rows = [[f"{n:06d}", os.urandom(40).hex()] for n in range(10_000)]
    path = workbook(tmp_path / "large.xlsx", sheet(HEADER, *rows))

    problem, _ = peak_while(lambda: read_all(path))

    assert isinstance(problem, FileProblem)
    assert problem.message.startswith(
        "The file cannot be opened safely: xl/worksheets/sheet1.xml would unpack to 1.9 MB "
        "(at most 1 MB per part)."
    )


@pytest.mark.unit
def test_parts_larger_in_all_than_twice_the_setting_are_refused(tmp_path, settings):
    settings.REGISTRY_IMPORT_XLSX_MAX_PART_MB = 1
    extra = {f"customXml/item{n}.xml": os.urandom(MIB // 2) for n in range(5)}
    path = workbook(tmp_path / "parts.xlsx", sheet(HEADER, ["010001", "A"]), extra=extra)

    problem, _ = peak_while(lambda: read_all(path))

    assert isinstance(problem, FileProblem)
    assert problem.message == (
        "The file cannot be opened safely: its parts would unpack to 2.5 MB in all (at most 2 MB). "
        "Open it in Excel, save it as CSV, and upload that file."
    )


@pytest.mark.unit
def test_an_archive_of_too_many_parts_is_refused_before_its_directory_is_read(
    tmp_path, monkeypatch
):
    from socialrx.registry.importing import xlsx_guard

    monkeypatch.setattr(xlsx_guard, "MAX_PARTS", 20)
    extra = {f"customXml/item{n}.xml": b"<a/>" for n in range(20)}
    path = workbook(tmp_path / "parts.xlsx", sheet(HEADER, ["010001", "A"]), extra=extra)

    problem, _ = peak_while(lambda: read_all(path))

    assert isinstance(problem, FileProblem)
    assert problem.message == (
        "The file cannot be opened safely: it holds more than 20 parts (an Excel workbook holds "
        "a few dozen). Open it in Excel, save it as CSV, and upload that file."
    )


@pytest.mark.unit
def test_shared_strings_larger_than_their_limit_are_refused_before_they_are_read(
    tmp_path, monkeypatch
):
    from socialrx.registry.importing import xlsx_guard

    monkeypatch.setattr(xlsx_guard, "MAX_SHARED_STRINGS_BYTES", MIB)
    names = [os.urandom(40).hex() for _ in range(20_000)]
    path = workbook(
        tmp_path / "strings.xlsx", sheet([0, 1], [2, 3]), shared_strings(*HEADER, *names)
    )

    problem, _ = peak_while(lambda: read_all(path))

    assert isinstance(problem, FileProblem)
    assert problem.message.startswith(
        "The file cannot be opened safely: xl/sharedStrings.xml would unpack to 1.8 MB (at most "
        "1 MB for the text the cells share)."
    )


@pytest.mark.unit
def test_a_part_read_whole_is_limited_too(tmp_path, monkeypatch):
    from socialrx.registry.importing import xlsx_guard

    monkeypatch.setattr(xlsx_guard, "MAX_LOADED_PART_BYTES", 512)
    path = workbook(tmp_path / "small.xlsx", sheet(HEADER, ["010001", "A"]))

    problem, _ = peak_while(lambda: read_all(path))

    assert isinstance(problem, FileProblem)
    size = zipfile.ZipFile(path).getinfo("[Content_Types].xml").file_size
    assert problem.message.startswith(
        f"The file cannot be opened safely: [Content_Types].xml would unpack to {size} bytes "
        "(at most 512 bytes for a part that is not a worksheet)."
    )


# --- Refused while unpacking ---------------------------------------------------------------


@pytest.mark.unit
def test_a_huge_shared_string_is_refused_while_it_streams(bomb, archive_checks_off):
    problem, peak = peak_while(lambda: read_all(bomb, filename="hospitals.xlsx"))

    assert isinstance(problem, FileProblem)
    assert problem.message == (
        "“hospitals.xlsx” cannot be opened safely: xl/sharedStrings.xml holds a row or a text "
        "value of more than 2 MB (Excel itself allows at most 32,767 characters in a cell). "
        "Open it in Excel, save it as CSV, and upload that file."
    )
    assert peak < MEMORY_LIMIT


@pytest.mark.unit
def test_a_huge_inline_string_is_refused_while_the_worksheet_streams(tmp_path, archive_checks_off):
    big = repeated(b"A", 64 * MIB)
    path = workbook(tmp_path / "inline.xlsx", sheet(HEADER, ["010001", big]))

    problem, peak = peak_while(lambda: read_all(path))

    assert isinstance(problem, FileProblem)
    assert problem.message.startswith(
        "The file cannot be opened safely: xl/worksheets/sheet1.xml holds a row or a text value "
        "of more than 2 MB"
    )
    assert peak < MEMORY_LIMIT


@pytest.mark.unit
def test_a_cdata_section_cannot_hide_a_huge_cell_behind_fake_row_ends(tmp_path, archive_checks_off):
    # "</row>" inside CDATA is text: were it taken for a tag, every quarter megabyte would pass.
    big = [b"<![CDATA[", *repeated(b"A" * (MIB // 4 - 6) + b"</row>", 16 * MIB), b"]]>"]
    path = workbook(tmp_path / "cdata.xlsx", sheet(HEADER, ["010001", big]))

    problem, peak = peak_while(lambda: read_all(path))

    assert isinstance(problem, FileProblem)
    assert "holds a row or a text value of more than 2 MB" in problem.message
    assert peak < MEMORY_LIMIT


@pytest.mark.unit
def test_a_row_of_countless_cells_is_refused_while_it_streams(tmp_path, archive_checks_off):
    # The widest row Excel allows, each cell full: 3.5 MB of XML.
    wide = ["010001", "A", *["x" * 200] * 16_382]
    path = workbook(tmp_path / "wide.xlsx", sheet(HEADER, wide))

    problem, peak = peak_while(lambda: read_all(path))

    assert isinstance(problem, FileProblem)
    assert "xl/worksheets/sheet1.xml holds a row or a text value of more than 2 MB" in (
        problem.message
    )
    assert peak < 4 * MEMORY_LIMIT


# --- Real workbooks still read -------------------------------------------------------------


@pytest.mark.unit
def test_a_small_part_compressed_far_beyond_the_ratio_is_still_read(tmp_path):
    padding = b"<a>" + b" " * (MIB - 8) + b"</a>"
    path = workbook(
        tmp_path / "padded.xlsx",
        sheet([0, 1], [2, 3]),
        shared_strings(*HEADER, "010001", "SAINT MARYS HOSPITAL"),
        extra={"customXml/item1.xml": padding},
    )
    assert compression(path, "customXml/item1.xml") > 100

    rows = read_all(path)

    assert [(row.number, row.values, row.problem) for row in rows] == [
        (2, {"ccn": "010001", "name": "SAINT MARYS HOSPITAL"}, "")
    ]


@pytest.mark.slow
@pytest.mark.unit
def test_a_workbook_with_shared_strings_and_a_long_cell_is_read_row_by_row(tmp_path):
    long_name = "N" * 10_001
    names = [f"HOSPITAL {n} {os.urandom(500).hex()}" for n in range(2_500)]
    ccns = [f"{n:06d}" for n in range(2_500)]
    rows = [[2 + 2 * n, 3 + 2 * n] for n in range(2_500)]
    strings = [*HEADER, *(value for pair in zip(ccns, names, strict=True) for value in pair)]
    path = workbook(
        tmp_path / "hospitals.xlsx",
        sheet([0, 1], *rows, ["999999", long_name]),
        shared_strings(*strings),
    )
    # The shared strings are larger than the largest row or text value allowed: the limit is
    # on each one, not on the part.
    assert zipfile.ZipFile(path).getinfo("xl/sharedStrings.xml").file_size > 2 * MIB

    read, peak = peak_while(lambda: read_all(path))

    assert len(read) == 2_501
    assert read[0].values == {"ccn": "000000", "name": names[0]}
    assert read[-2].values == {"ccn": "002499", "name": names[-1]}
    assert read[-1].problem == (
        "has a “Facility Name” value of 10,001 characters (at most 10,000 are allowed)"
    )
    assert peak < 4 * MEMORY_LIMIT
