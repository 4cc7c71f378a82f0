"""Identifiers of US health organizations: CMS certification numbers and NPIs."""

import pytest
from django.core.exceptions import ValidationError

from socialrx.core.identifiers import npi_check_digit_ok, validate_ccn, validate_npi

pytestmark = pytest.mark.unit


@pytest.mark.parametrize("ccn", ["240010", "050017", "05T001", "ABC123", "01014F"])
def test_well_formed_cms_certification_numbers_pass(ccn):
    validate_ccn(ccn)


@pytest.mark.parametrize("ccn", ["", "24001", "2400100", "24-010", "2400A1", "240o10", " 240010"])
def test_malformed_cms_certification_numbers_are_refused(ccn):
    with pytest.raises(ValidationError) as refused:
        validate_ccn(ccn)

    assert refused.value.messages == [
        "A CMS certification number has 6 characters, for example 240010."
    ]


@pytest.mark.parametrize("npi", ["1234567893", "1245319599", "1679576722"])
def test_npis_with_a_valid_check_digit_pass(npi):
    assert npi_check_digit_ok(npi) is True
    validate_npi(npi)


@pytest.mark.parametrize(
    "npi", ["1234567890", "1234567894", "123456789", "12345678933", "12345678a3", "", None]
)
def test_npis_with_a_wrong_length_characters_or_check_digit_are_refused(npi):
    assert npi_check_digit_ok(npi) is False
    with pytest.raises(ValidationError) as refused:
        validate_npi(npi)

    assert refused.value.messages == [
        "An NPI has 10 digits and a valid check digit, for example 1234567893."
    ]
