"""CSV export that spreadsheet programs cannot execute: a cell starting with = + - @ (or a
tab/carriage return) is prefixed with an apostrophe, as OWASP recommends."""

import csv

from django.http import HttpResponse

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value) -> str:
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_TRIGGERS) and not _is_number(text):
        return "'" + text
    return text


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def safe_row(values) -> list[str]:
    return [safe_cell(value) for value in values]


def csv_response(filename: str, header: list[str], rows) -> HttpResponse:
    """A CSV download of `rows` (iterables of cells), every cell made safe."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    writer = csv.writer(response)
    writer.writerow(header)
    writer.writerows(safe_row(row) for row in rows)
    return response
