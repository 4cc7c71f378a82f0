"""XLSX workbooks: the first worksheet's rows, with each cell as the text Excel shows. The
archive is opened through `xlsx_guard`, so a small upload cannot unpack to gigabytes."""

from __future__ import annotations

import io
from datetime import date, datetime, time, timedelta
from pathlib import Path

import openpyxl

from . import xlsx_guard
from .formats import say
from .records import FileProblem, Records, has_content


class XlsxSource:
    def __init__(self, path: Path, the_file: str, max_part_bytes: int | None = None):
        self.path, self.the_file, self.max_part_bytes = path, the_file, max_part_bytes

    def records(self) -> Records:
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
            return xlsx_guard.load_workbook(raw, max_part_bytes=self.max_part_bytes)
        except xlsx_guard.Refused as refused:
            raise FileProblem(say(refused.template, self.the_file)) from None
        except Exception as error:  # openpyxl raises anything from BadZipFile to KeyError.
            raise FileProblem(
                say(
                    "{The file} could not be opened as an Excel workbook: it is damaged or "
                    "another kind of file. Open it in Excel, save it as CSV or XLSX, and upload "
                    "that file.",
                    self.the_file,
                )
            ) from error

    def _sheet_records(self, workbook: openpyxl.Workbook) -> Records:
        if not workbook.worksheets:
            raise FileProblem(say("{The file} has no worksheet with a table.", self.the_file))
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
                raise FileProblem(say(refused.template, self.the_file)) from None
            except Exception as error:  # A damaged sheet fails in the zip or XML layer.
                raise FileProblem(
                    f"Row {number} of the workbook could not be read: the file is damaged. "
                    "Open it in Excel, save it again as CSV or XLSX, and upload that file."
                ) from error
            cells = [_cell_text(value) for value in row]
            if has_content(cells):
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
