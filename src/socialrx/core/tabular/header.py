"""The header row: found as the first record, matched to the columns a caller wants whatever
its case, spacing or punctuation, and refused, with the columns that were found, when a
required column is missing."""

from __future__ import annotations

import re

from .delimited import DELIMITERS
from .formats import EMPTY_PROBLEM, say
from .records import Column, FileProblem, Source

# Shown in "The columns found were: …" before the list is cut short.
_HEADERS_SHOWN = 12


def first_records(source: Source, the_file: str, table_format: str) -> tuple[int, list[str], bool]:
    """The header's row number, its cells, and whether any data row follows it."""
    records = source.records()
    try:
        first = next(records, None)
        if first is None:
            # Only the first worksheet is read; the table may be on another one.
            subject = f"the first worksheet of {the_file}" if table_format == "xlsx" else the_file
            raise FileProblem(say(EMPTY_PROBLEM, subject))
        has_data = next(records, None) is not None
    finally:
        records.close()
    number, cells = first
    return number, [cell.strip() for cell in cells], has_data


def _normalize(header: str) -> str:
    # "Facility ID", "facility_id", "FACILITY-ID" and " Facility  ID " all name one column.
    return re.sub(r"[\s_-]+", " ", header.replace("\ufeff", "")).strip().casefold()


def match_header(
    header: list[str], columns: tuple[Column, ...]
) -> tuple[dict[str, int], list[str]]:
    """Each wanted column's position in the header, and the header cells no column wants."""
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


def check_columns(
    header: list[str], columns: tuple[Column, ...], matched: dict[str, int], table_format: str
) -> None:
    """Raise FileProblem when the header cannot be split, lacks a required column, or names
    none of the columns wanted."""
    if table_format == "csv" and len(header) == 1 and not matched:
        tried = ", ".join(list(DELIMITERS.values())[:-1]) + " and " + DELIMITERS["|"]
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
