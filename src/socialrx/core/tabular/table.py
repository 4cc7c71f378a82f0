"""An opened table: `open_table` detects what the file is and matches its header, and the
`Table` it returns streams the data rows, reporting the malformed ones."""

from __future__ import annotations

import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .delimited import CsvSource, detect_delimiter
from .formats import (
    HEAD_BYTES,
    UTF8_BOM,
    ZIP_MAGIC,
    detect_encoding,
    refuse_foreign_formats,
    the_file,
)
from .header import check_columns, first_records, match_header
from .records import MAX_CELL_CHARS, Column, FileProblem, Row, Source
from .workbooks import XlsxSource

_ABSENT = sys.maxsize


@dataclass
class Table:
    """An opened file: what was detected, and the rows, streamed on demand."""

    format: str
    encoding: str
    delimiter: str
    header: list[str]
    columns: dict[str, int]
    ignored_headers: list[str]
    _source: Source = field(repr=False, compare=False)
    _header_number: int = field(repr=False, compare=False)
    _wanted: tuple[Column, ...] = field(repr=False, compare=False)

    def rows(self) -> Iterator[Row]:
        """The data rows, blank ones skipped. Each call reads the file again from the start."""
        # Worked out once per pass: the loop below runs a million times for a large file, so
        # it allocates nothing it does not keep. A column missing from the file gets an index
        # no row reaches, so it reads as "".
        positions = [
            (column.name, self.columns.get(column.name, _ABSENT)) for column in self._wanted
        ]
        # In a spreadsheet every cell sits under its header; in a CSV file a stray delimiter
        # shifts every later value into the wrong column, so such a row cannot be trusted.
        check_width = self.format == "csv"
        width = len(self.header)
        for number, cells in self._source.records():
            if number <= self._header_number:
                continue
            count = len(cells)
            suspect = check_width and count != width
            values = {}
            for name, index in positions:
                value = cells[index].strip() if index < count else ""
                values[name] = value
                suspect = suspect or len(value) > MAX_CELL_CHARS
            problem = self._problem(cells, values) if suspect else ""
            yield Row(number=number, values=values, problem=problem)

    def count_rows(self) -> int:
        """How many rows `rows()` yields, for a progress bar; reads the file once."""
        return sum(1 for number, _ in self._source.records() if number > self._header_number)

    def _problem(self, cells: list[str], values: dict[str, str]) -> str:
        problems = []
        if self.format == "csv" and len(cells) != len(self.header):
            problems.append(
                f"has {_count(len(cells), 'value')} but the header has "
                f"{_count(len(self.header), 'column')}"
            )
        for column in self._wanted:
            length = len(values[column.name])
            if length > MAX_CELL_CHARS:
                problems.append(
                    f"has a “{column.label}” value of {length:,} characters "
                    f"(at most {MAX_CELL_CHARS:,} are allowed)"
                )
        # Read after "The row": "has 4 values but the header has 3 columns and has a …".
        return " and ".join(problems)


def open_table(
    path: str | Path,
    columns: Sequence[Column],
    *,
    filename: str = "",
    xlsx_max_part_bytes: int | None = None,
) -> Table:
    """Open an uploaded file, detect its format, and match its header to `columns`.

    `filename` is the name the user gave the file; it only makes messages recognisable.
    `xlsx_max_part_bytes` is the most one part of an XLSX archive may unpack to (the archive:
    twice that); None for xlsx_guard's default.
    Raises FileProblem when the file cannot be imported at all.
    """
    path = Path(path)
    columns = tuple(columns)
    named = the_file(filename)
    with path.open("rb") as raw:
        head = raw.read(HEAD_BYTES)
    if head.startswith(ZIP_MAGIC):
        table_format, encoding, delimiter = "xlsx", "", ""
        source: Source = XlsxSource(path, named, xlsx_max_part_bytes)
    else:
        refuse_foreign_formats(head, named)
        table_format = "csv"
        skip = len(UTF8_BOM) if head.startswith(UTF8_BOM) else 0
        encoding = detect_encoding(path, skip)
        delimiter = detect_delimiter(path, skip, encoding)
        source = CsvSource(path, encoding, delimiter, skip)

    header_number, header, has_data = first_records(source, named, table_format)
    matched, ignored = match_header(header, columns)
    check_columns(header, columns, matched, table_format)
    if not has_data:
        raise FileProblem(
            "The file has a header but no data rows. Add the rows below the header and upload "
            "the file again."
        )
    return Table(
        format=table_format,
        encoding=encoding,
        delimiter=delimiter,
        header=header,
        columns=matched,
        ignored_headers=ignored,
        _source=source,
        _header_number=header_number,
        _wanted=columns,
    )


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"
