"""CSV files (comma, semicolon, tab or vertical bar): the delimiter, found from the header, and
the records, read one at a time with a bound on each."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .formats import HEAD_BYTES
from .records import BLANK_CHARS, FileProblem, Records, has_content

# One CSV record (a row, possibly spread over several lines by quoted newlines) may not be
# longer than this. The csv module keeps a record in memory until it ends, so without a bound
# a quotation mark that is never closed would make it buffer the rest of a 100 MB file.
# Enforced here rather than through csv.field_size_limit, which is process-wide state.
MAX_RECORD_CHARS = 1024 * 1024
DELIMITERS = {",": "comma", ";": "semicolon", "\t": "tab", "|": "vertical bar (|)"}


@contextmanager
def open_text(path: Path, skip: int, encoding: str) -> Iterator[io.TextIOWrapper]:
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


def detect_delimiter(path: Path, skip: int, encoding: str) -> str:
    """The delimiter that splits the header into the most cells; comma on a tie.

    Only the header is used: data rows of a comma file can hold semicolons in addresses, and
    the header is what must split for the columns to be found at all.
    """
    with open_text(path, skip, encoding) as text:
        sample = text.read(HEAD_BYTES)
    best, best_score = ",", (False, 0)
    for delimiter in DELIMITERS:
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
            header = next((cells for cells in reader if has_content(cells)), [])
        except csv.Error:
            continue
        return strict, len(header)
    return False, 0


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


class CsvSource:
    def __init__(self, path: Path, encoding: str, delimiter: str, skip: int):
        self.path, self.encoding, self.delimiter, self.skip = path, encoding, delimiter, skip

    def records(self) -> Records:
        with open_text(self.path, self.skip, self.encoding) as text:
            size = _RecordSize()
            reader = csv.reader(_bounded_lines(text, size), delimiter=self.delimiter)
            # Numbered by record, not by line: a quoted cell may hold line breaks, and a
            # spreadsheet shows such a record as one row.
            number = 0
            try:
                for cells in reader:
                    number += 1
                    size.chars = 0
                    # has_content, inlined: this line runs for every record of the file.
                    if "".join(cells).strip(BLANK_CHARS):
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
