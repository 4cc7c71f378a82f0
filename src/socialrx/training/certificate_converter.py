"""The URL converter of a certificate code as it arrives in an address: any text at all, line
breaks and slashes included. The page and the API then read it (`normalise_code`) and answer
an unknown, forged or malformed code with the same "no certificate has this code", never with
a different page because the address did not match a pattern."""

from django.urls import register_converter
from django.urls.converters import StringConverter, get_converters

NAME = "certificate_code"


class CertificateCodeConverter(StringConverter):
    regex = r"[\s\S]+"


def register() -> None:
    """Register the converter once (the page's URLs and the API both need it)."""
    if NAME not in get_converters():
        register_converter(CertificateCodeConverter, NAME)
