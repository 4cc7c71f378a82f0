"""Cell values of import files, read the way the sources write them.

CMS writes "Not Available" for a missing value, percentages as "73.8343%", points as
"0 out of 10" and dates as 10/01/2022; Excel drops the leading zeros of CCNs and ZIP codes
typed as numbers. Each reader returns a Python value or raises `RowRejected` with a reason a
person can act on."""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email

from socialrx.core.geography import US_STATES
from socialrx.core.identifiers import npi_check_digit_ok, validate_ccn
from socialrx.core.validators import describe_character, first_control_character

US_STATE_CODES = frozenset(code for code, _ in US_STATES)
NULL_VALUES = frozenset({"", "not available", "not applicable", "n/a", "na", "none", "null", "-"})
TRUE_VALUES = frozenset({"yes", "y", "true", "t", "1", "verified"})
FALSE_VALUES = frozenset({"no", "n", "false", "f", "0"})
MAX_TEXT = 300
# Compiled once: each runs for every row of a file that may have a million.
_EXCEL_WHOLE = re.compile(r"\d+\.0+")
_WHOLE = re.compile(r"-?\d+")
_POINTS = re.compile(r"\s*(\d+)(?:\s+out\s+of\s+(\d+))?\s*")
_SHORT_CCN = re.compile(r"\d{4,5}(\.0+)?")
_EXCEL_NPI = re.compile(r"\d{10}\.0+")
_NPI = re.compile(r"\d{10}")
_SHORT_ZIP = re.compile(r"\d{3,4}(\.0+)?")
_ZIP = re.compile(r"\d{5}(-?\d{4})?")


class RowRejected(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def is_null(value: str) -> bool:
    return value.strip().lower() in NULL_VALUES


def text(value: str, label: str, *, required: bool = False, max_length: int = MAX_TEXT) -> str:
    if is_null(value):
        if required:
            raise RowRejected(f"{label} is empty.")
        return ""
    value = " ".join(value.split())  # a line break inside a cell becomes a space
    # isprintable() is False for every control character: the character-by-character search
    # (slow, and run for every cell of a million-row file) only runs when it will find one.
    control = None if value.isprintable() else first_control_character(value)
    if control is not None:
        raise RowRejected(f"{label} contains {describe_character(control)}; remove it.")
    if len(value) > max_length:
        raise RowRejected(f"{label} is longer than {max_length} characters.")
    return value


def integer(value: str, label: str, *, minimum: int = 0, maximum: int | None = None) -> int | None:
    if is_null(value):
        return None
    cleaned = value.replace(",", "").strip()
    if _EXCEL_WHOLE.fullmatch(cleaned):  # Excel's 350.0
        cleaned = cleaned.split(".")[0]
    if not _WHOLE.fullmatch(cleaned):
        raise RowRejected(f"{label} “{value}” is not a whole number.")
    number = int(cleaned)
    if number < minimum or (maximum is not None and number > maximum):
        bound = f"between {minimum:,} and {maximum:,}" if maximum is not None else f"≥ {minimum}"
        raise RowRejected(f"{label} {number:,} is out of range (it must be {bound}).")
    return number


def boolean(value: str, label: str) -> bool | None:
    lowered = value.strip().lower()
    if lowered in TRUE_VALUES:
        return True
    if lowered in FALSE_VALUES:
        return False
    if is_null(value):
        return None
    raise RowRejected(f"{label} “{value}” is not Yes or No.")


def percent(value: str, label: str) -> Decimal | None:
    """'73.8343%' → Decimal('73.8343')."""
    if is_null(value):
        return None
    try:
        number = Decimal(value.strip().rstrip("%").strip())
    except InvalidOperation:
        number = None
    # Decimal reads "NaN" and "Infinity" too, and comparing a NaN raises: neither is a rate.
    if number is None or not number.is_finite():
        raise RowRejected(f"{label} “{value}” is not a percentage.")
    if not Decimal(0) <= number <= Decimal(100):
        raise RowRejected(f"{label} {value} is not between 0% and 100%.")
    return number.quantize(Decimal("0.0001"))


# No CMS score runs past 100 points (HVBP dimension points are out of 10, the HCAHPS base
# score out of 80); a larger number is a typing error, and would overflow the small column.
MAX_POINTS = 100


def points(value: str, label: str) -> int | None:
    """'3 out of 10' → 3 (also a bare '3'), at most the "out of" or MAX_POINTS."""
    if is_null(value):
        return None
    match = _POINTS.fullmatch(value)
    if not match:
        raise RowRejected(f"{label} “{value}” is not a number of points.")
    number = int(match.group(1))
    maximum = min(int(match.group(2) or MAX_POINTS), MAX_POINTS)
    if number > maximum:
        raise RowRejected(f"{label} “{value}” is more than {maximum} points.")
    return number


DATE_FORMATS = ("%Y-%m-%d", "%m/%d/%Y", "%m/%d/%y", "%Y/%m/%d", "%Y-%m-%dT%H:%M:%S")


def day(value: str, label: str) -> date | None:
    if is_null(value):
        return None
    cleaned = value.strip()
    for pattern in DATE_FORMATS:
        try:
            return datetime.strptime(cleaned, pattern).date()
        except ValueError:
            continue
    raise RowRejected(f"{label} “{value}” is not a date (use 2024-06-30 or 06/30/2024).")


def ccn(value: str, label: str = "CCN") -> str:
    """A CMS certification number; Excel's lost leading zeros are put back."""
    cleaned = value.strip().upper()
    if _SHORT_CCN.fullmatch(cleaned):
        cleaned = cleaned.split(".")[0].zfill(6)
    if not cleaned:
        raise RowRejected(f"{label} is empty.")
    try:
        validate_ccn(cleaned)
    except ValidationError:
        raise RowRejected(
            f"{label} “{value}” is not a CMS certification number (6 characters, e.g. 240010)."
        ) from None
    return cleaned


def npi(value: str, label: str = "NPI") -> str:
    cleaned = value.strip()
    if _EXCEL_NPI.fullmatch(cleaned):
        cleaned = cleaned.split(".")[0]
    if not cleaned:
        raise RowRejected(f"{label} is empty.")
    if not _NPI.fullmatch(cleaned):
        raise RowRejected(f"{label} “{value}” does not have 10 digits.")
    if not npi_check_digit_ok(cleaned):
        raise RowRejected(f"{label} {cleaned} fails the NPI check digit: it is mistyped.")
    return cleaned


def state(value: str, label: str = "State", *, required: bool = True) -> str:
    cleaned = value.strip().upper()
    if is_null(cleaned):
        if required:
            raise RowRejected(f"{label} is empty.")
        return ""
    if cleaned not in US_STATE_CODES:
        raise RowRejected(f"{label} “{value}” is not a two-letter US state or territory code.")
    return cleaned


def zip_code(value: str, label: str = "ZIP code") -> str:
    cleaned = value.strip()
    if is_null(cleaned):
        return ""
    if _SHORT_ZIP.fullmatch(cleaned):  # leading zeros lost in Excel
        cleaned = cleaned.split(".")[0].zfill(5)
    if not _ZIP.fullmatch(cleaned):
        raise RowRejected(f"{label} “{value}” is not a US ZIP code.")
    return cleaned


_url_validator = URLValidator(schemes=["http", "https"])


def website(value: str, label: str = "Website") -> str:
    cleaned = value.strip()
    if is_null(cleaned):
        return ""
    if "://" not in cleaned:
        cleaned = "https://" + cleaned
    try:
        _url_validator(cleaned)
    except ValidationError:
        raise RowRejected(f"{label} “{value}” is not a web address.") from None
    if len(cleaned) > 500:
        raise RowRejected(f"{label} is longer than 500 characters.")
    return cleaned


def email(value: str, label: str = "Email") -> str:
    cleaned = value.strip()
    if is_null(cleaned):
        return ""
    try:
        validate_email(cleaned)
    except ValidationError:
        raise RowRejected(f"{label} “{value}” is not an email address.") from None
    return cleaned.lower()
