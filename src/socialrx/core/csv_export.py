"""CSV export that spreadsheet programs cannot execute: a cell starting with = + - @ (or a
tab/carriage return) is prefixed with an apostrophe, as OWASP recommends."""

import csv
import itertools

from django.http import HttpResponse, StreamingHttpResponse

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


class _Echo:
    """A file-like object whose write returns the line, for streaming csv.writer output."""

    def write(self, value: str) -> str:
        return value


def csv_stream_response(filename: str, header: list[str], rows) -> StreamingHttpResponse:
    """Like `csv_response`, streamed row by row: for exports too long to build in memory."""
    writer = csv.writer(_Echo())
    lines = itertools.chain([writer.writerow(header)], (writer.writerow(safe_row(r)) for r in rows))
    response = StreamingHttpResponse(lines, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
