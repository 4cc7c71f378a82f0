"""Validators every app's forms and imports share."""

from __future__ import annotations

import unicodedata

from django.core.exceptions import ValidationError


def first_control_character(value: str) -> str | None:
    """The first control character (line breaks, tabs, NUL, escape…) in `value`, if any."""
    return next((char for char in value if unicodedata.category(char) == "Cc"), None)


def describe_character(char: str) -> str:
    names = {"\n": "a line break", "\r": "a line break", "\t": "a tab", "\x00": "a NUL byte"}
    return names.get(char, f"the control character U+{ord(char):04X}")


def validate_single_line(value: str) -> None:
    """Names, titles, cities… are one line: a line break in one would end up in an email's
    subject (where it is refused), a CSV row or a page heading."""
    if not isinstance(value, str):  # a CharField subclass that cleans to a number or a date
        return
    char = first_control_character(value)
    if char is not None:
        raise ValidationError(
            "Use a single line of text: this contains %(what)s.",
            code="control_character",
            params={"what": describe_character(char)},
        )
