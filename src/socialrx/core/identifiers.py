"""Identifiers of US health organizations: CMS certification numbers and NPIs.

Organizations, the registry and imports all check them, so the rules live here, once."""

import re

from django.core.exceptions import ValidationError

CCN_PATTERN = re.compile(r"^[0-9A-Z]{2}([0-9A-Z][0-9]{3}|[0-9]{3}F)$")


def validate_ccn(value: str) -> None:
    """A CMS certification number: six characters, a two-character state code then four more
    (digits, except that the third may be a letter for some facility kinds). Care Compare
    lists federal hospitals (VA, Department of Defense) with an F at the end: 01014F."""
    if not CCN_PATTERN.match(value or ""):
        raise ValidationError(
            "A CMS certification number has 6 characters, for example 240010.",
            code="invalid_ccn",
        )


def npi_check_digit_ok(npi: str) -> bool:
    """Luhn check over the 80840 prefix + first nine digits, as CMS specifies for the NPI."""
    if not re.fullmatch(r"\d{10}", npi or ""):
        return False
    digits = [int(c) for c in "80840" + npi[:9]]
    total = 0
    for position, digit in enumerate(reversed(digits)):
        if position % 2 == 0:
            digit *= 2
            if digit > 9:
                digit -= 9
        total += digit
    return (10 - total % 10) % 10 == int(npi[9])


def validate_npi(value: str) -> None:
    if not npi_check_digit_ok(value):
        raise ValidationError(
            "An NPI has 10 digits and a valid check digit, for example 1234567893.",
            code="invalid_npi",
        )
