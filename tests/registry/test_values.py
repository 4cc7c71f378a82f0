"""Cell parsers of import files: each value read the way CMS and Excel write it, and each
refusal a sentence a data manager can act on."""

from datetime import date
from decimal import Decimal

import pytest

from socialrx.registry.importing import values as v
from socialrx.registry.importing.values import RowRejected

pytestmark = pytest.mark.unit


def refusal(reader, value: str, *args, **kwargs) -> str:
    with pytest.raises(RowRejected) as caught:
        reader(value, *args, **kwargs)
    return caught.value.message


# --- CCN ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("010001", "010001"),
        ("10001", "010001"),  # Excel dropped the leading zero
        ("10001.0", "010001"),  # ... and wrote the number as a float
        ("1001", "001001"),
        (" 240010 ", "240010"),
        ("01014F", "01014F"),  # federal hospitals (VA, DoD)
        ("01014f", "01014F"),
        ("67Z001", "67Z001"),
    ],
)
def test_ccn_is_read_with_leading_zeros_restored(value, expected):
    assert v.ccn(value) == expected


@pytest.mark.parametrize("value", ["ABC", "0100011", "01-001", "123", "0100F1", "hospital"])
def test_malformed_ccn_is_refused_with_an_example(value):
    assert refusal(v.ccn, value, "Facility ID") == (
        f"Facility ID “{value}” is not a CMS certification number (6 characters, e.g. 240010)."
    )


def test_empty_ccn_is_refused():
    assert refusal(v.ccn, "  ") == "CCN is empty."


# --- NPI ---------------------------------------------------------------------------------------


def test_npi_with_a_valid_check_digit_is_read():
    assert v.npi("1234567893") == "1234567893"


def test_npi_written_as_an_excel_float_is_read():
    assert v.npi("1234567893.0") == "1234567893"


def test_npi_failing_the_check_digit_is_refused_as_mistyped():
    assert refusal(v.npi, "1234567890") == (
        "NPI 1234567890 fails the NPI check digit: it is mistyped."
    )


@pytest.mark.parametrize("value", ["123456789", "12345678931", "12345x7893"])
def test_npi_without_ten_digits_is_refused(value):
    assert refusal(v.npi, value) == f"NPI “{value}” does not have 10 digits."


# --- percentages and points ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("73.8343%", Decimal("73.8343")),
        ("53.50%", Decimal("53.5000")),
        ("100%", Decimal("100.0000")),
        ("0", Decimal("0.0000")),
        (" 79.42 % ", Decimal("79.4200")),
    ],
)
def test_percent_is_read_as_a_decimal(value, expected):
    assert v.percent(value, "Baseline rate") == expected


@pytest.mark.parametrize("value", ["Not Available", "", "N/A"])
def test_missing_percent_is_none(value):
    assert v.percent(value, "Baseline rate") is None


def test_percent_over_100_is_refused():
    assert refusal(v.percent, "120%", "Baseline rate") == (
        "Baseline rate 120% is not between 0% and 100%."
    )


@pytest.mark.parametrize("value", ["high", "7O%", "NaN", "nan%", "sNaN", "Infinity"])
def test_text_or_nan_as_percent_is_refused(value):
    message = refusal(v.percent, value, "Baseline rate")

    assert message.startswith("Baseline rate ")


@pytest.mark.parametrize(("value", "expected"), [("3 out of 10", 3), ("0 out of 9", 0), ("7", 7)])
def test_points_are_read_from_cms_text(value, expected):
    assert v.points(value, "Achievement points") == expected


def test_points_over_their_maximum_are_refused():
    assert refusal(v.points, "99999 out of 10", "Achievement points") == (
        "Achievement points “99999 out of 10” is more than 10 points."
    )


def test_points_beyond_any_cms_scale_are_refused():
    assert refusal(v.points, "99999", "Dimension score") == (
        "Dimension score “99999” is more than 100 points."
    )


def test_text_as_points_is_refused():
    assert refusal(v.points, "three", "Dimension score") == (
        "Dimension score “three” is not a number of points."
    )


# --- dates ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("10/01/2022", date(2022, 10, 1)),
        ("2022-10-01", date(2022, 10, 1)),
        ("2022/10/01", date(2022, 10, 1)),
        ("10/01/22", date(2022, 10, 1)),
        ("2022-10-01T00:00:00", date(2022, 10, 1)),
    ],
)
def test_dates_are_read_in_cms_and_iso_forms(value, expected):
    assert v.day(value, "Start date") == expected


@pytest.mark.parametrize("value", ["yesterday", "31/12/2022", "2022-02-30", "13/01/2022"])
def test_garbage_dates_are_refused_with_the_accepted_forms(value):
    assert refusal(v.day, value, "Start date") == (
        f"Start date “{value}” is not a date (use 2024-06-30 or 06/30/2024)."
    )


def test_missing_date_is_none():
    assert v.day("Not Available", "Start date") is None


# --- ZIP, boolean, website, text, integer --------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("02134", "02134"),
        ("2134", "02134"),
        ("501", "00501"),
        ("2134.0", "02134"),
        ("55902-1234", "55902-1234"),
        ("", ""),
    ],
)
def test_zip_code_keeps_or_restores_leading_zeros(value, expected):
    assert v.zip_code(value) == expected


def test_malformed_zip_code_is_refused():
    assert refusal(v.zip_code, "55 902") == "ZIP code “55 902” is not a US ZIP code."


@pytest.mark.parametrize(
    ("value", "expected"),
    [("Yes", True), ("Y", True), ("true", True), ("No", False), ("0", False), ("", None)],
)
def test_boolean_reads_yes_and_no(value, expected):
    assert v.boolean(value, "Emergency services") == expected


def test_boolean_refuses_other_words():
    assert refusal(v.boolean, "Maybe", "Emergency services") == (
        "Emergency services “Maybe” is not Yes or No."
    )


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("www.mayoclinic.org", "https://www.mayoclinic.org"),
        ("http://example.org/about", "http://example.org/about"),
        ("Not Available", ""),
    ],
)
def test_website_is_read_with_a_scheme(value, expected):
    assert v.website(value) == expected


@pytest.mark.parametrize("value", ["not a site", "javascript:alert(1)", "ftp://example.org"])
def test_website_that_is_not_a_web_address_is_refused(value):
    assert refusal(v.website, value) == f"Website “{value}” is not a web address."


def test_text_collapses_spaces_and_refuses_an_empty_required_value():
    assert v.text("  SAINT   MARY'S \n HOSPITAL ", "Name") == "SAINT MARY'S HOSPITAL"
    assert refusal(v.text, "Not Available", "Facility name", required=True) == (
        "Facility name is empty."
    )


def test_integer_reads_thousands_and_excel_floats_and_checks_its_range():
    assert v.integer("1,250", "Beds") == 1250
    assert v.integer("350.0", "Beds") == 350
    assert refusal(v.integer, "9000", "Beds", minimum=1, maximum=5000) == (
        "Beds 9,000 is out of range (it must be between 1 and 5,000)."
    )
    assert refusal(v.integer, "many", "Beds") == "Beds “many” is not a whole number."


def test_state_must_be_a_us_code():
    assert v.state(" mn ") == "MN"
    assert v.state("PR") == "PR"
    assert refusal(v.state, "Minnesota") == (
        "State “Minnesota” is not a two-letter US state or territory code."
    )
