"""Open an XLSX upload without letting it exhaust memory: the guard against zip bombs.

An .xlsx file is a zip archive of XML parts, and deflate packs repetitive XML up to a thousand
times. A 410 KB upload whose shared strings held one 400 MB cell took an import worker from
177 MB to 1.9 GB before the 10,000-character cell limit could refuse the row: openpyxl loads
the whole table of shared strings when it opens a workbook, and builds each cell's text before
anyone can look at it. So this module checks the archive in two stages.

Before openpyxl reads anything, the archive's directory: how many parts it holds, how large each
would unpack (the caller's `max_part_bytes`, and twice that in all), and how compressed each
is (MAX_RATIO, for a part larger than RATIO_FROM_BYTES: a small one costs nothing however well
it compresses). Zip entries' declared sizes can be trusted: zipfile unpacks no more than that.

Then each part while it unpacks. The parts openpyxl keeps whole have a size limit: the shared
strings (MAX_SHARED_STRINGS_BYTES) and the rest (MAX_LOADED_PART_BYTES), such as the styles.
Worksheets are streamed, so their size costs time, not memory, except that openpyxl builds a
whole row, and a whole shared string, before handing it on. No row or shared string may take
more than MAX_RECORD_BYTES of XML: the bytes are counted as they unpack, and the part is refused
once that many went by without a row or shared string starting or ending, before the parser is
handed more. The memory of a read is then bounded by these limits, whatever the upload: the
most a file within them can take is a table of shared strings at its limit, which for six
million short strings (a 15 MB upload) is some 420 MB.

Real files sit far inside them. The CMS hospital file saved as XLSX is a 10 MB worksheet
compressed 11:1; a million physicians (bench/registry_import.py) a 450 MB worksheet compressed
13:1, and its shared strings, when Excel writes them, some 30 to 55 MB.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
from functools import partial
from typing import IO

from openpyxl.cell.text import Text
from openpyxl.reader.excel import ExcelReader
from openpyxl.workbook import Workbook
from openpyxl.xml.constants import SHARED_STRINGS, SHEET_MAIN_NS
from openpyxl.xml.functions import iterparse

__all__ = ["Refused", "load_workbook"]

_MB = 1024 * 1024
# How large one part may unpack unless the caller says otherwise; the archive may unpack to
# twice that in all.
DEFAULT_MAX_PART_BYTES = 1024 * _MB
MAX_PARTS = 10_000
MAX_RATIO = 100
RATIO_FROM_BYTES = _MB
MAX_SHARED_STRINGS_BYTES = 128 * _MB
MAX_LOADED_PART_BYTES = 32 * _MB
MAX_RECORD_BYTES = 2 * _MB

# Parts are unpacked this much at a time.
_CHUNK = 64 * 1024
_ADVICE = "Open it in Excel, save it as CSV, and upload that file."
_SHOWN_NAME = 100
# The end of the archive's directory, with the number of parts; a comment may follow it.
_DIRECTORY_END = b"PK\x05\x06"
_DIRECTORY_END_SIZE = 22
_MAX_COMMENT = 65_535


class Refused(Exception):
    """The workbook may not be unpacked. `template` says why, naming the file "{The file}"."""

    def __init__(self, template: str):
        super().__init__(template)
        self.template = template


def load_workbook(raw: IO[bytes], *, max_part_bytes: int | None = None) -> Workbook:
    """openpyxl's read-only `load_workbook(raw, data_only=True)`, refusing a bomb.

    `max_part_bytes` is the most one part may unpack to (all parts: twice that); None for
    DEFAULT_MAX_PART_BYTES. Raises Refused, or whatever openpyxl raises for a damaged file.
    Reading the workbook's sheets later can raise Refused too.
    """
    limit = DEFAULT_MAX_PART_BYTES if max_part_bytes is None else max_part_bytes
    _check_part_count(raw)
    archive = _Archive(raw)
    try:
        _check_directory(archive.infolist(), limit)
        reader = _Reader(raw, archive)
        reader.read()
    except BaseException:
        archive.close()
        raise
    return reader.wb


# --- Before unpacking ----------------------------------------------------------------------


def _check_part_count(raw: IO[bytes]) -> None:
    """Before zipfile reads the directory: it keeps an entry in memory for every part."""
    end = raw.seek(0, io.SEEK_END)
    raw.seek(max(0, end - _DIRECTORY_END_SIZE - _MAX_COMMENT))
    tail = raw.read()
    raw.seek(0)
    at = tail.rfind(_DIRECTORY_END)
    # Without that record, zipfile refuses the file as damaged.
    if at < 0 or len(tail) < at + _DIRECTORY_END_SIZE:
        return
    (count,) = struct.unpack_from("<H", tail, at + 10)
    if count > MAX_PARTS:
        raise Refused(
            _unsafe(f"it holds more than {MAX_PARTS:,} parts (an Excel workbook holds a few dozen)")
        )


def _check_directory(parts: list[zipfile.ZipInfo], limit: int) -> None:
    for part in parts:
        too_large = part.file_size > limit
        ratio = part.file_size / max(part.compress_size, 1)
        too_compressed = part.file_size > RATIO_FROM_BYTES and ratio > MAX_RATIO
        if too_large or too_compressed:
            found = f"{_name(part.filename)} would unpack to {_size(part.file_size)}"
            if too_large:
                found += f" (at most {_size(limit)} per part)"
            if too_compressed:
                found += f", compressed {ratio:,.0f}:1 (at most {MAX_RATIO:,}:1 is allowed)"
            raise Refused(_unsafe(found))
    total = sum(part.file_size for part in parts)
    if total > 2 * limit:
        raise Refused(
            _unsafe(f"its parts would unpack to {_size(total)} in all (at most {_size(2 * limit)})")
        )


# --- While unpacking -----------------------------------------------------------------------


class _Archive(zipfile.ZipFile):
    """The upload, with every part checked as openpyxl unpacks it."""

    def read(self, name: str | zipfile.ZipInfo, pwd: bytes | None = None) -> bytes:
        # openpyxl reads the parts it keeps whole this way: the workbook, its styles, …
        part = name if isinstance(name, zipfile.ZipInfo) else self.getinfo(name)
        _check_size(part, MAX_LOADED_PART_BYTES, "for a part that is not a worksheet")
        with super().open(part, pwd=pwd) as stream:
            return stream.read()

    def open(self, name, mode="r", pwd=None, **options):  # type: ignore[override]
        # …and streams the worksheets and the shared strings from this.
        stream = super().open(name, mode, pwd, **options)
        return _Records(stream, stream.name) if mode == "r" else stream


class _Reader(ExcelReader):
    """openpyxl's reader, reading through the guarded archive."""

    def __init__(self, raw: IO[bytes], archive: _Archive):
        super().__init__(raw, read_only=True, data_only=True)
        # The archive openpyxl opened itself leaves the file open when closed.
        self.archive.close()
        self.archive = archive

    def read_strings(self) -> None:
        # openpyxl keeps the whole table in memory, so its size is checked first.
        part = self.package.find(SHARED_STRINGS)
        if part is not None:
            name = part.PartName[1:]
            _check_size(
                self.archive.getinfo(name), MAX_SHARED_STRINGS_BYTES, "for the text the cells share"
            )
            with self.archive.open(name) as stream:
                self.shared_strings = _read_shared_strings(stream)


_SHARED_STRING = f"{{{SHEET_MAIN_NS}}}si"


def _read_shared_strings(stream: IO[bytes]) -> list[str]:
    """openpyxl's read_string_table, but keeping only the strings: it keeps an emptied element
    for each of them too, which for millions of short strings doubles the memory."""
    strings = []
    events = iterparse(stream, events=("start", "end"))
    _, root = next(events)
    for event, node in events:
        if event == "end" and node.tag == _SHARED_STRING:
            strings.append(Text.from_tree(node).content.replace("x005F_", ""))
            root.clear()
    return strings


def _check_size(part: zipfile.ZipInfo, limit: int, what: str) -> None:
    # The size the directory declares is the most zipfile unpacks: past it, the part is damaged.
    if part.file_size > limit:
        raise Refused(
            _unsafe(
                f"{_name(part.filename)} would unpack to {_size(part.file_size)} "
                f"(at most {_size(limit)} {what})"
            )
        )


# What starts a row or a shared string, or ends one, whatever the namespace prefix. Written
# so that the "<" of every other tag is passed over quickly (possessive, no prefix tried first):
# a million-row worksheet holds some fifty million.
_RECORD_TAGS = re.compile(rb"</?(?:row|si|[\w.-]++:(?:row|si))[\s/>]")
# What starts a comment, a CDATA section, a declaration or a processing instruction: inside
# one, "</row>" is text, so each is skipped up to what ends it.
_SKIPPED = re.compile(rb"<!--|<!\[CDATA\[|<!|<\?")
_SKIPPED_UNTIL = {b"<!--": b"-->", b"<![CDATA[": b"]]>", b"<!": b">", b"<?": b"?>"}
# Bytes left for the next chunk, so that no tag is cut in two (a longer one is missed, which
# can only refuse a file, never let one through).
_OVERLAP = 64


class _Records:
    """A part as it unpacks, refused once MAX_RECORD_BYTES of it went by without a row or a
    shared string starting or ending.

    Tags are found, not parsed: "<" cannot occur in text or in a value unescaped, so a row tag
    cannot hide there. It can in a comment or a CDATA section, so those are skipped whole, and
    count towards the row they are in.
    """

    def __init__(self, stream: IO[bytes], name: str):
        self._stream, self._name = stream, name
        self._pending = b""  # read but not yet searched
        self._offset = 0  # where in the part _pending starts
        self._closing = b""  # what ends the comment or CDATA section being skipped
        self._last_mark = 0

    def read(self, size: int | None = -1) -> bytes:
        if size is None or size < 0:
            return b"".join(iter(partial(self.read, _CHUNK), b""))
        data = self._stream.read(min(size, _CHUNK))
        self._search(data)
        return data

    def close(self) -> None:
        self._stream.close()

    def __enter__(self) -> _Records:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def _search(self, data: bytes) -> None:
        text, offset = self._pending + data, self._offset
        # At the end of the part, everything is searched.
        end = len(text) - _OVERLAP if data else len(text)
        at = 0
        while at < end:
            if self._closing:
                found = text.find(self._closing, at)
                if found < 0:
                    at = end
                else:
                    at, self._closing = found + len(self._closing), b""
                continue
            skipped = _SKIPPED.search(text, at)
            if skipped is not None and skipped.start() >= end:
                skipped = None  # Searched again with the next chunk, whole.
            stop = end if skipped is None else skipped.start()
            # Run once per row of a worksheet: kept to local variables.
            last = self._last_mark
            for tag in _RECORD_TAGS.finditer(text, at):
                start = offset + tag.start()
                if start >= offset + stop:
                    break
                if start - last > MAX_RECORD_BYTES:
                    self._refuse()
                last = start
            self._last_mark, at = last, stop
            if skipped is not None:
                self._closing, at = _SKIPPED_UNTIL[skipped.group()], skipped.end()
        self._pending, self._offset = text[at:], offset + at
        if offset + len(text) - self._last_mark > MAX_RECORD_BYTES:
            self._refuse()

    def _refuse(self) -> None:
        raise Refused(
            _unsafe(
                f"{_name(self._name)} holds a row or a text value of more than "
                f"{_size(MAX_RECORD_BYTES)} (Excel itself allows at most 32,767 characters in a "
                "cell)"
            )
        )


# --- Messages ------------------------------------------------------------------------------


def _unsafe(reason: str) -> str:
    return f"{{The file}} cannot be opened safely: {reason}. {_ADVICE}"


def _name(name: str) -> str:
    # The names are the sender's: a long one is cut short.
    return name if len(name) <= _SHOWN_NAME else name[: _SHOWN_NAME - 1] + "…"


def _size(size: int) -> str:
    # In the units of the upload limit's message: 1 MB is 1024 × 1024 bytes.
    if size < 1024:
        return f"{size:,} bytes"
    unit, scale = ("MB", _MB) if size >= _MB else ("KB", 1024)
    return f"{size / scale:,.1f}".removesuffix(".0") + f" {unit}"
