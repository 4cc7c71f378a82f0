"""The regular-expression baseline finds identifier shapes and does not know whose they are."""

import pytest

from socialrx.privacy.evaluation.baseline import baseline

pytestmark = pytest.mark.unit


def found(text, image=""):
    return [(f.kind.value, text[f.start : f.end]) for f in baseline(text, image)]


def test_shapes_of_identifiers_are_found():
    text = (
        "Mrs. Jane Doe (MRN 4471829) is in room 412 since 03/14/2027. Call (608) 555-0142, "
        "jane.doe@example.com, or see www.example.com/jane. Follow @janedoe. ZIP 53704."
    )
    assert sorted(found(text)) == sorted(
        [
            ("name", "Jane Doe"),
            ("record_number", "MRN 4471829"),
            ("room", "room 412"),
            ("date", "03/14/2027"),
            ("phone", "(608) 555-0142"),
            ("email", "jane.doe@example.com"),
            ("url", "www.example.com/jane"),
            ("handle", "@janedoe"),
            ("zip", "53704"),
        ]
    )


def test_month_dates_ages_addresses_and_patient_names():
    text = "Patient Rosa Diaz, a 94-year-old from 418 Birch Lane, had surgery on March 3rd, 2027."
    assert sorted(found(text)) == sorted(
        [
            ("name", "Rosa Diaz"),
            ("age", "94-year-old"),
            ("address", "418 Birch Lane"),
            ("date", "March 3rd, 2027"),
        ]
    )


def test_it_flags_the_hospitals_own_details_too():
    # What the detector must do better: these belong to the organization, not a patient.
    text = "Call 555-0100 or visit lakeside.example.org, @LakesideHealth."
    assert found(text) == [
        ("url", "lakeside.example.org"),
        ("handle", "@LakesideHealth"),
        ("phone", "555-0100"),
    ]


def test_it_misses_names_without_a_title_and_ages_in_words():
    assert found("Ava went home after her surgery. She is ninety-three.") == []


def test_it_does_not_read_the_image_description():
    assert baseline("Smiles!", "A girl, her face clearly visible.") == []


def test_counts_and_ages_under_ninety_are_not_flagged():
    assert found("An 89-year-old walked 1,000 steps; 62,418 visits; $10,000 bonus.") == []
