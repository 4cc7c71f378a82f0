"""Read an uploaded table (CSV or XLSX) row by row, with bounded memory.

Bulk imports come from two kinds of people. CMS publishes its hospital files as plain CSV
(a quoted header, unquoted rows except names that contain a comma), and those files must read
as published. Hospital data managers export from Excel on Windows, so their files carry what
Excel writes: a UTF-8 byte-order mark, or no UTF-8 at all but Windows-1252; semicolons
instead of commas where the locale uses a decimal comma; `\\r\\n` line endings; dates and
numbers as real cell values in XLSX. Some send an old `.xls`, a web page named `.xls`, or a
UTF-16 "Unicode Text" file.

So this module decides the format from the content (not the file name), detects the encoding
over the whole file and the delimiter from the header, and maps header cells to the canonical
columns a caller declares. Files can reach ~100 MB and a million rows, so nothing reads a file
whole: encoding detection decodes chunk by chunk, rows are generated one at a time, and one
CSV record may not grow past a fixed size (an unclosed quotation mark would otherwise swallow
the rest of the file into one cell). An XLSX archive is checked before and while it unpacks, so
that a small upload cannot unpack to gigabytes (xlsx_guard).

Every problem becomes text a data manager can act on: `FileProblem` when nothing can be
imported, `Row.problem` when only one row is malformed. Values are not interpreted here
("Not Available" stays text); the caller validates them.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import sys
from collections.abc import Generator, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Protocol

import openpyxl

from socialrx.registry.importing import xlsx_guard

__all__ = ["Column", "FileProblem", "Row", "Table", "open_table"]

# How much of the start of a file decides its format and, for CSV, its delimiter.
_HEAD_BYTES = 64 * 1024
# Encoding detection reads the file in chunks of this size: memory stays flat for any size.
_CHUNK_BYTES = 1024 * 1024
# A cell longer than this is not a name, an address or a code: the row is reported.
MAX_CELL_CHARS = 10_000
# One CSV record (a row, possibly spread over several lines by quoted newlines) may not be
# longer than this. The csv module keeps a record in memory until it ends, so without a bound
# a quotation mark that is never closed would make it buffer the rest of a 100 MB file.
# Enforced here rather than through csv.field_size_limit, which is process-wide state.
MAX_RECORD_CHARS = 1024 * 1024
_ABSENT = sys.maxsize
# Shown in "The columns found were: …" before the list is cut short.
_HEADERS_SHOWN = 12

_UTF8_BOM = codecs.BOM_UTF8
# What a blank record may hold: whitespace (Excel's no-break space too) and delimiters.
_BLANK_CHARS = " \t\r\n\v\f\xa0\ufeff,;|"
_DELIMITERS = {",": "comma", ";": "semicolon", "\t": "tab", "|": "vertical bar (|)"}

# Content that is recognisably not a table, with the advice for each; checked in order.
_ZIP_MAGIC = b"PK\x03\x04"
_FOREIGN_FORMATS = (
    (
        b"\xd0\xcf\x11\xe0",
        # Excel 97-2003 workbooks and password-protected .xlsx files share this container.
        "{The file} is an old Excel 97–2003 workbook (.xls) or a password-protected workbook, "
        "which cannot be read here. Open it in Excel, remove any password, save it as CSV or "
        "XLSX, and upload that file.",
    ),
    (
        codecs.BOM_UTF16_LE,
        "{The file} is saved as UTF-16 (Excel's “Unicode Text”), which cannot be read here. "
        "Save it as CSV or XLSX (in Excel: “CSV UTF-8 (Comma delimited)”) and upload that file.",
    ),
    (
        codecs.BOM_UTF16_BE,
        "{The file} is saved as UTF-16 (Excel's “Unicode Text”), which cannot be read here. "
        "Save it as CSV or XLSX (in Excel: “CSV UTF-8 (Comma delimited)”) and upload that file.",
    ),
    (
        b"%PDF-",
        "{The file} is a PDF document, not a table. Upload the table itself, saved as CSV or XLSX.",
    ),
)
# Web applications often offer an "Excel export" that is really an HTML page or Excel 2003 XML.
_MARKUP_STARTS = (b"<!doctype", b"<html", b"<table", b"<?xml")
_MARKUP_PROBLEM = (
    "{The file} is a web page or an XML document, not a CSV or XLSX table. Open it in Excel, "
    "save it as CSV or XLSX, and upload that file."
)
_EMPTY_PROBLEM = "{The file} is empty: it has no rows. Check that you chose the right file."
_BINARY_PROBLEM = (
    "{The file} is not a CSV or Excel file: it contains binary data. Save the table as CSV or "
    "XLSX and upload that file."
)


@dataclass(frozen=True)
class Column:
    """A column the caller wants, and the header texts that name it in the files we accept."""

    name: str
    aliases: tuple[str, ...]
    required: bool = False
    label: str = ""

    def __post_init__(self) -> None:
        # A bare string would otherwise be taken as a tuple of its letters.
        aliases = (self.aliases,) if isinstance(self.aliases, str) else tuple(self.aliases)
        if not aliases:
            raise ValueError(f"Column {self.name!r} needs at least one alias.")
        object.__setattr__(self, "aliases", aliases)
        if not self.label:
            object.__setattr__(self, "label", aliases[0])


class FileProblem(Exception):
    """The whole file cannot be read; nothing is imported. `message` says why and what to do."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


# Slots: a large file makes a million of these, and without a __dict__ each is cheaper.
@dataclass(frozen=True, slots=True)
class Row:
    """One data row. `number` is the row number a spreadsheet shows (the header is row 1)."""

    number: int
    values: dict[str, str]
    problem: str = ""


# A generator, not just an iterator: reading only the first records must close the file.
_Records = Generator[tuple[int, list[str]], None, None]


class _Source(Protocol):
    def records(self) -> _Records:
        """Every non-blank record of the file, header included, with its row number."""
        ...


@dataclass
class Table:
    """An opened file: what was detected, and the rows, streamed on demand."""

    format: str
    encoding: str
    delimiter: str
    header: list[str]
    columns: dict[str, int]
    ignored_headers: list[str]
    _source: _Source = field(repr=False, compare=False)
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


def open_table(path: str | Path, columns: Sequence[Column], *, filename: str = "") -> Table:
    """Open an uploaded file, detect its format, and match its header to `columns`.

    `filename` is the name the user gave the file; it only makes messages recognisable.
    Raises FileProblem when the file cannot be imported at all.
    """
    path = Path(path)
    columns = tuple(columns)
    the_file = _the_file(filename)
    with path.open("rb") as raw:
        head = raw.read(_HEAD_BYTES)
    if head.startswith(_ZIP_MAGIC):
        table_format, encoding, delimiter = "xlsx", "", ""
        source: _Source = _XlsxSource(path, the_file)
    else:
        _refuse_foreign_formats(head, the_file)
        table_format = "csv"
        skip = len(_UTF8_BOM) if head.startswith(_UTF8_BOM) else 0
        encoding = _detect_encoding(path, skip)
        delimiter = _detect_delimiter(path, skip, encoding)
        source = _CsvSource(path, encoding, delimiter, skip)

    header_number, header, has_data = _first_records(source, the_file, table_format)
    matched, ignored = _match_header(header, columns)
    _check_columns(header, columns, matched, table_format)
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


# --- Format ------------------------------------------------------------------------------


def _the_file(filename: str) -> str:
    # Only the last part: some browsers send the whole path of the user's computer.
    name = Path(filename.replace("\\", "/")).name if filename else ""
    return f"“{name}”" if name else "the file"


def _say(template: str, the_file: str) -> str:
    return template.replace("{The file}", the_file[0].upper() + the_file[1:])


def _refuse_foreign_formats(head: bytes, the_file: str) -> None:
    if not head.strip():
        raise FileProblem(_say(_EMPTY_PROBLEM, the_file))
    for magic, template in _FOREIGN_FORMATS:
        if head.startswith(magic):
            raise FileProblem(_say(template, the_file))
    if head.removeprefix(_UTF8_BOM).lstrip()[:16].lower().startswith(_MARKUP_STARTS):
        raise FileProblem(_say(_MARKUP_PROBLEM, the_file))
    # Text never contains NUL; images, archives and executables almost always do early on.
    if b"\x00" in head:
        raise FileProblem(_say(_BINARY_PROBLEM, the_file))


# --- CSV: encoding and delimiter -----------------------------------------------------------


def _detect_encoding(path: Path, skip: int) -> str:
    """UTF-8 if the whole file is valid UTF-8, else Windows-1252, else Latin-1.

    The whole file, because a CMS or Excel file can be pure ASCII for its first megabytes and
    hold the first accented name near the end. Latin-1 decodes any byte, so it is the last
    resort: it only differs from cp1252 in the five bytes cp1252 leaves undefined.
    """
    for encoding in ("utf-8", "cp1252"):
        if _decodes(path, skip, encoding):
            return encoding
    return "latin-1"


def _decodes(path: Path, skip: int, encoding: str) -> bool:
    decoder = codecs.getincrementaldecoder(encoding)()
    with path.open("rb") as raw:
        raw.seek(skip)
        try:
            while chunk := raw.read(_CHUNK_BYTES):
                decoder.decode(chunk)
            # A multi-byte character cut off by the end of the file is an error too.
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return False
    return True


@contextmanager
def _open_text(path: Path, skip: int, encoding: str) -> Iterator[io.TextIOWrapper]:
    raw = path.open("rb")
    try:
        # The BOM is skipped in bytes, so it never reaches the first header cell.
        raw.seek(skip)
        # newline="" hands \r\n, \n and \r to the csv module untouched, which is what it needs
        # to tell a line ending from a newline inside a quoted cell.
        text = io.TextIOWrapper(raw, encoding=encoding, newline="")
    except BaseException:
        raw.close()
        raise
    with text:
        yield text


def _detect_delimiter(path: Path, skip: int, encoding: str) -> str:
    """The delimiter that splits the header into the most cells; comma on a tie.

    Only the header is used: data rows of a comma file can hold semicolons in addresses, and
    the header is what must split for the columns to be found at all.
    """
    with _open_text(path, skip, encoding) as text:
        sample = text.read(_HEAD_BYTES)
    best, best_score = ",", (False, 0)
    for delimiter in _DELIMITERS:
        score = _split_header(sample, delimiter)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _split_header(sample: str, delimiter: str) -> tuple[bool, int]:
    """Whether the header parses cleanly with `delimiter`, and into how many cells.

    The csv module, not str.split, so that a delimiter inside quotes does not count; strict,
    so that `"Facility ID";"Facility Name"` read with commas (a quote followed by something
    other than a comma) loses to the semicolon that splits it cleanly.
    """
    for strict in (True, False):
        reader = csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter, strict=strict)
        try:
            header = next((cells for cells in reader if _has_content(cells)), [])
        except csv.Error:
            continue
        return strict, len(header)
    return False, 0


# --- Reading records -------------------------------------------------------------------------


class _RecordTooLong(Exception):
    """Raised through the csv reader when one record exceeds MAX_RECORD_CHARS."""


class _RecordSize:
    """Characters handed to the csv reader since its last complete record."""

    def __init__(self) -> None:
        self.chars = 0


def _bounded_lines(text: io.TextIOWrapper, size: _RecordSize) -> Iterator[str]:
    # readline with a limit: one enormous line (a file without line breaks) is never held
    # whole in memory either.
    while line := text.readline(MAX_RECORD_CHARS + 1):
        size.chars += len(line)
        if size.chars > MAX_RECORD_CHARS:
            raise _RecordTooLong
        yield line


def _has_content(cells: Sequence[str]) -> bool:
    """False for a blank record. Delimiters count as blank: ";;;" is an empty row of a
    semicolon file even when read as one cell with another delimiter."""
    # One join rather than a generator over the cells: this runs for every record.
    return bool("".join(cells).strip(_BLANK_CHARS))


class _CsvSource:
    def __init__(self, path: Path, encoding: str, delimiter: str, skip: int):
        self.path, self.encoding, self.delimiter, self.skip = path, encoding, delimiter, skip

    def records(self) -> _Records:
        with _open_text(self.path, self.skip, self.encoding) as text:
            size = _RecordSize()
            reader = csv.reader(_bounded_lines(text, size), delimiter=self.delimiter)
            # Numbered by record, not by line: a quoted cell may hold line breaks, and a
            # spreadsheet shows such a record as one row.
            number = 0
            try:
                for cells in reader:
                    number += 1
                    size.chars = 0
                    # _has_content, inlined: this line runs for every record of the file.
                    if "".join(cells).strip(_BLANK_CHARS):
                        yield number, cells
            except (csv.Error, _RecordTooLong) as error:
                # The record after the last one read is the one that failed.
                raise FileProblem(_unreadable_record(number + 1, error)) from None


def _unreadable_record(number: int, error: Exception) -> str:
    quote_hint = 'which usually means a quotation mark (") was opened and never closed'
    if isinstance(error, _RecordTooLong):
        reason = f"it is longer than {MAX_RECORD_CHARS:,} characters, {quote_hint}"
    elif "field larger than field limit" in str(error):
        reason = f"a cell is longer than {csv.field_size_limit():,} characters, {quote_hint}"
    else:
        reason = str(error)
    return f"Row {number} could not be read: {reason}. Correct that row and upload the file again."


class _XlsxSource:
    def __init__(self, path: Path, the_file: str):
        self.path, self.the_file = path, the_file

    def records(self) -> _Records:
        with self.path.open("rb") as raw:
            workbook = self._load(raw)
            try:
                yield from self._sheet_records(workbook)
            finally:
                # Read-only workbooks keep their zip archive open until closed.
                workbook.close()

    def _load(self, raw: io.BufferedReader) -> openpyxl.Workbook:
        # A file object, not the path: openpyxl refuses paths not ending in .xlsx, and uploads
        # are stored under temporary names.
        try:
            return xlsx_guard.load_workbook(raw)
        except xlsx_guard.Refused as refused:
            raise FileProblem(_say(refused.template, self.the_file)) from None
        except Exception as error:  # openpyxl raises anything from BadZipFile to KeyError.
            raise FileProblem(
                _say(
                    "{The file} could not be opened as an Excel workbook: it is damaged or "
                    "another kind of file. Open it in Excel, save it as CSV or XLSX, and upload "
                    "that file.",
                    self.the_file,
                )
            ) from error

    def _sheet_records(self, workbook: openpyxl.Workbook) -> _Records:
        if not workbook.worksheets:
            raise FileProblem(_say("{The file} has no worksheet with a table.", self.the_file))
        sheet = workbook.worksheets[0]
        # Some programs write a wrong size into the sheet; without this, openpyxl trusts it
        # and stops early.
        sheet.reset_dimensions()
        # openpyxl yields a row for every sheet row from row 1, gaps included, so counting
        # gives the row numbers Excel shows.
        values = sheet.iter_rows(values_only=True)
        number = 0
        while True:
            number += 1
            try:
                row = next(values)
            except StopIteration:
                return
            except xlsx_guard.Refused as refused:  # A row too large to unpack safely.
                raise FileProblem(_say(refused.template, self.the_file)) from None
            except Exception as error:  # A damaged sheet fails in the zip or XML layer.
                raise FileProblem(
                    f"Row {number} of the workbook could not be read: the file is damaged. "
                    "Open it in Excel, save it again as CSV or XLSX, and upload that file."
                ) from error
            cells = [_cell_text(value) for value in row]
            if _has_content(cells):
                # Cells right of the last one in use are dropped so the header ends there.
                while not cells[-1]:
                    cells.pop()
                yield number, cells


def _cell_text(value: object) -> str:
    """A cell as the text a person reads in Excel, so XLSX and CSV values look alike."""
    if value is None:
        return ""
    if isinstance(value, bool):  # Before int: bool is an int.
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        # 240010.0 is a CCN or ZIP code typed as a number, not a measurement.
        return str(int(value))
    if isinstance(value, datetime):
        if value.time() == time(0):
            return value.date().isoformat()
        return value.isoformat()
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, timedelta):
        return str(value)
    return str(value).strip()


# --- Header ------------------------------------------------------------------------------


def _first_records(
    source: _Source, the_file: str, table_format: str
) -> tuple[int, list[str], bool]:
    """The header's row number, its cells, and whether any data row follows it."""
    records = source.records()
    try:
        first = next(records, None)
        if first is None:
            # Only the first worksheet is read; the table may be on another one.
            subject = f"the first worksheet of {the_file}" if table_format == "xlsx" else the_file
            raise FileProblem(_say(_EMPTY_PROBLEM, subject))
        has_data = next(records, None) is not None
    finally:
        records.close()
    number, cells = first
    return number, [cell.strip() for cell in cells], has_data


def _normalize(header: str) -> str:
    # "Facility ID", "facility_id", "FACILITY-ID" and " Facility  ID " all name one column.
    return re.sub(r"[\s_-]+", " ", header.replace("\ufeff", "")).strip().casefold()


def _match_header(
    header: list[str], columns: tuple[Column, ...]
) -> tuple[dict[str, int], list[str]]:
    by_alias: dict[str, str] = {}
    for column in columns:
        for alias in column.aliases:
            # On an alias shared by two columns, the column declared first wins.
            by_alias.setdefault(_normalize(alias), column.name)
    matched: dict[str, int] = {}
    ignored: list[str] = []
    for index, cell in enumerate(header):
        name = by_alias.get(_normalize(cell))
        if name is not None and name not in matched:
            matched[name] = index
        elif cell:  # An unnamed column is not worth a mention.
            ignored.append(cell)
    return matched, ignored


def _check_columns(
    header: list[str], columns: tuple[Column, ...], matched: dict[str, int], table_format: str
) -> None:
    if table_format == "csv" and len(header) == 1 and not matched:
        tried = ", ".join(list(_DELIMITERS.values())[:-1]) + " and " + _DELIMITERS["|"]
        raise FileProblem(
            "The header row could not be split into columns: none of the delimiters tried "
            f"({tried}) separates it. Save the file as CSV with the column names in the first "
            "row and upload it again."
        )
    missing = [column for column in columns if column.required and column.name not in matched]
    if missing:
        raise FileProblem(
            f"This file has {' and '.join(_no_column(column) for column in missing)}. "
            f"Check the column names in the header row. {_columns_found(header)}"
        )
    if columns and not matched:
        expected = ", ".join(f"“{column.label}”" for column in columns[:_HEADERS_SHOWN])
        raise FileProblem(
            "None of the columns in this file is one that can be imported. Expected columns "
            f"such as {expected}. {_columns_found(header)}"
        )


def _no_column(column: Column) -> str:
    others = [alias for alias in column.aliases if _normalize(alias) != _normalize(column.label)]
    accepted = f" (also accepted: {', '.join(others)})" if others else ""
    return f"no “{column.label}” column{accepted}"


def _columns_found(header: list[str]) -> str:
    named = [cell for cell in header if cell]
    shown = ", ".join(f"“{cell}”" for cell in named[:_HEADERS_SHOWN])
    more = ", …" if len(named) > _HEADERS_SHOWN else "."
    return f"The columns found were: {shown}{more}"


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"
