"""CSV export that spreadsheet programs cannot execute: a cell starting with = + - @ (or a
tab/carriage return) is prefixed with an apostrophe, as OWASP recommends."""

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
