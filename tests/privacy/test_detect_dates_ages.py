"""Dates tied to a patient's care and ages over 89. Not: event dates, history, a year alone,
recurring days, durations, ages of 89 and under, staff ages."""

import pytest

from socialrx.privacy.detect import find_identifiers
from socialrx.privacy.kinds import IdentifierKind

pytestmark = pytest.mark.unit

DATE, AGE = IdentifierKind.DATE, IdentifierKind.AGE


def spans(text: str, kind: IdentifierKind) -> list[tuple[int, int]]:
    return [(f.start, f.end) for f in find_identifiers(text) if f.kind == kind]


def surfaces(text: str, kind: IdentifierKind) -> list[str]:
    return [text[f.start : f.end] for f in find_identifiers(text) if f.kind == kind]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "George had a triple bypass on Feb. 3 and told our team he wasn't done dancing yet.",
            [(30, 36)],
        ),
        # The possessive stays outside: "[last Friday]'s" is not the case here, the phrase is.
        ("Omar's surgery last Friday went perfectly, and his mom sends her thanks.", [(15, 26)]),
        (
            "Baby Leo arrived just after midnight on New Year's Day, our first baby of the year!",
            [(40, 54)],
        ),
        ("My son Tyler Nash, date of birth 06/14/2011, was seen in the ER.", [(33, 43)]),
    ],
)
def test_a_day_tied_to_a_patients_care_is_found_exactly(text, expected):
    assert spans(text, DATE) == expected


def test_a_relative_day_is_found_without_its_possessive():
    text = "So proud of our patient Maria, home after last Tuesday's surgery."
    assert surfaces(text, DATE) == ["last Tuesday"]


def test_spanish_dates_are_found():
    text = "Mi esposo Jorge tuvo su cirugía el 15/03/2027 y nadie nos explicó los cuidados."
    assert spans(text, DATE) == [(35, 45)]
    text = "La paciente Rosa ingresó el 3 de marzo y fue dada de alta ayer."
    assert surfaces(text, DATE) == ["3 de marzo", "ayer"]


def test_an_event_date_is_not_a_care_date():
    text = (
        "Join us Saturday, May 16 from 9 a.m. to noon for our free Community Health Fair! "
        "Flu shots and blood pressure checks for everyone."
    )
    assert surfaces(text, DATE) == []


def test_an_opening_date_and_a_historical_date_are_not_found():
    assert surfaces("Our new Family Birth Center opens March 1 with 24 private rooms.", DATE) == []
    assert surfaces("Florence Nightingale was born on May 12, 1820.", DATE) == []


def test_a_year_alone_is_allowed_by_safe_harbor():
    text = "Grace Thompson was admitted in 2019 and treated for breast cancer. She is cancer-free."
    assert surfaces(text, DATE) == []


def test_recurring_days_durations_and_vague_times_are_not_dates():
    text = (
        "Michelle had a heart transplant ten years ago. She spent 41 days with us and now "
        "volunteers in our cardiac unit every Thursday."
    )
    assert surfaces(text, DATE) == []


def test_a_care_word_without_any_patient_does_not_make_a_date_identifying():
    text = "Our ER saw 45 patients on Christmas Day. Thank you to everyone who worked the holiday."
    assert surfaces(text, DATE) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Our 97-year-old hip fracture patient Lou Haynes was back on her feet after surgery.",
            [(4, 15)],
        ),
        (
            "Arthur Pennington, 92, was admitted with frostbite after his furnace failed.",
            [(19, 21)],
        ),
        (
            "Nuestra paciente Guadalupe Ortiz cumplió 95 años el domingo pasado.",
            [(41, 43)],
        ),
    ],
)
def test_an_age_over_89_is_found_exactly(text, expected):
    assert spans(text, AGE) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Our patient turned 103 on our geriatric unit.",
        "Happy 100th birthday to our patient Frank!",
        "I'm ninety-three and the nurses treated me like a queen.",
        "My mom Irene (96) was discharged with no ride home.",
        "Ruth passed peacefully in our hospice at 99.",
    ],
)
def test_ages_over_89_in_any_wording(text):
    assert len(spans(text, AGE)) == 1


@pytest.mark.parametrize(
    "text",
    [
        "Our 89-year-old patient went home after knee surgery.",
        "Adults ages 18 to 89 are eligible for our free screening study.",
        "Flu shots are recommended for adults 65 and up.",
        "Our patients in their 90s deserve the same care as everyone.",
        "Over 90% of our patients would recommend us.",
        "Happy 95th birthday to our volunteer Betty Rhodes, who knits hats for NICU babies!",
    ],
)
def test_ages_of_89_and_under_aggregates_and_staff_ages_are_not_found(text):
    assert spans(text, AGE) == []
