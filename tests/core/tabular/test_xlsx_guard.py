"""XLSX zip bombs: a small upload that would unpack to hundreds of megabytes is refused before
it unpacks, naming the part and the limit, and a huge cell is refused while it streams, never
after it was loaded; memory stays bounded, and real workbooks are still read."""

from __future__ import annotations

import os
import tracemalloc
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from socialrx.core.tabular import Column, FileProblem, open_table, xlsx_guard
from tests.core.tabular.xlsx_files import (
    HEADER,
    MIB,
    compression,
    repeated,
    shared_strings,
    sheet,
    workbook,
    write_bomb,
)

# What reading a bomb may cost. Before the guard, the 100 MB cell made a peak of 300 MB.
MEMORY_LIMIT = 20 * MIB

COLUMNS = [
    Column("ccn", ("Facility ID",), required=True),
    Column("name", ("Facility Name",), required=True),
]


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


def read_all(path: Path, filename: str = "", max_part_bytes: int | None = None) -> list:
    table = open_table(path, COLUMNS, filename=filename, xlsx_max_part_bytes=max_part_bytes)
    return list(table.rows())


@pytest.fixture(scope="module")
def bomb(tmp_path_factory) -> Path:
    return write_bomb(tmp_path_factory.mktemp("bomb") / "bomb.xlsx")


@pytest.fixture
def archive_checks_off(monkeypatch):
    """Lets every archive through the checks made before unpacking: only the checks made while
    unpacking remain, as for a bomb compressed just enough to pass the others."""
    monkeypatch.setattr(xlsx_guard, "DEFAULT_MAX_PART_BYTES", 1_000_000 * MIB)
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


@pytest.mark.unit
def test_a_part_larger_than_the_limit_allows_is_refused(tmp_path):
    rows = [[f"{n:06d}", os.urandom(40).hex()] for n in range(10_000)]
    path = workbook(tmp_path / "large.xlsx", sheet(HEADER, *rows))

    problem, _ = peak_while(lambda: read_all(path, max_part_bytes=MIB))

    assert isinstance(problem, FileProblem)
    assert problem.message.startswith(
        "The file cannot be opened safely: xl/worksheets/sheet1.xml would unpack to 1.9 MB "
        "(at most 1 MB per part)."
    )


@pytest.mark.unit
def test_parts_larger_in_all_than_twice_the_limit_are_refused(tmp_path):
    extra = {f"customXml/item{n}.xml": os.urandom(MIB // 2) for n in range(5)}
    path = workbook(tmp_path / "parts.xlsx", sheet(HEADER, ["010001", "A"]), extra=extra)

    problem, _ = peak_while(lambda: read_all(path, max_part_bytes=MIB))

    assert isinstance(problem, FileProblem)
    assert problem.message == (
        "The file cannot be opened safely: its parts would unpack to 2.5 MB in all (at most 2 MB). "
        "Open it in Excel, save it as CSV, and upload that file."
    )


@pytest.mark.unit
def test_an_archive_of_too_many_parts_is_refused_before_its_directory_is_read(
    tmp_path, monkeypatch
):
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
