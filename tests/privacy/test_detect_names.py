"""Names: a patient's or a relative's name in a post about care is an identifier; a physician's
or a colleague's with their title, a public figure's, a pet's, or a name with no care around it
is not."""

import pytest

from socialrx.privacy.detect import find_identifiers
from socialrx.privacy.kinds import IdentifierKind, Severity

pytestmark = pytest.mark.unit

NAME = IdentifierKind.NAME


def names(text: str) -> list[str]:
    return [text[f.start : f.end] for f in find_identifiers(text) if f.kind == NAME]


def test_a_patient_named_beside_a_care_word_is_found_with_its_exact_span():
    text = "So proud of our patient Maria Lopez, who was discharged yesterday."
    found = [f for f in find_identifiers(text) if f.kind == NAME]
    assert [(f.start, f.end, f.field) for f in found] == [(24, 35, "text")]
    assert found[0].severity == Severity.HIGH
    assert "consent" in found[0].reason


def test_every_mention_of_the_patient_is_found_even_the_first_name_alone():
    text = "Meet Ava Thompson! Ava was born at 26 weeks and spent 98 days in our NICU."
    assert names(text) == ["Ava Thompson", "Ava"]


def test_relatives_of_a_patient_are_found():
    text = "On April 22 baby Ava went home from the NICU with mom Kelsey and dad Marcus."
    assert names(text) == ["Ava", "Kelsey", "Marcus"]


def test_a_surname_alone_in_the_family_of_a_patient_is_found():
    text = "Update from the Hoffman family: baby Clara had her second heart surgery and is home."
    assert names(text) == ["Hoffman", "Clara"]


def test_an_honorific_stays_outside_the_span():
    text = "Mrs. Evelyn Park has come to our dialysis center three times a week for 11 years."
    assert names(text) == ["Evelyn Park"]


def test_a_physician_with_title_and_role_is_not_a_patient():
    text = (
        "Huge shout-out to Dr. Ana Ruiz, our chief of cardiology, for her award. "
        "Dr. Ruiz has cared for patients in our ICU since 2010."
    )
    assert names(text) == []


def test_credentials_after_a_name_make_it_staff_in_every_mention():
    text = (
        "Our DAISY Award winner is Tasha Greene, RN! Tasha held the hand of a patient all "
        "night after her surgery."
    )
    assert names(text) == []


def test_a_role_before_a_name_makes_it_staff_but_the_patient_beside_it_is_found():
    text = (
        "Huge thanks to respiratory therapist Kyle Brennan, who stayed past his shift to help "
        "Mr. Walter Fisk in room 3112 breathe easier."
    )
    assert names(text) == ["Walter Fisk"]


def test_a_staff_shout_out_without_a_patient_has_no_name_finding():
    text = (
        "Thank you to our nurses Kim Alvarez and Joe Park for 20 years of caring for patients "
        "in our NICU!"
    )
    assert names(text) == []


def test_historical_and_public_figures_are_not_patients():
    assert names("Florence Nightingale was born on May 12, 1820, in Florence, Italy.") == []
    assert names("Thanks to Sen. Tammy Baldwin for visiting our new cancer center.") == []


def test_a_therapy_dog_is_not_a_patient():
    text = "Hope, our new therapy dog, visited patients on 5 West. Hope loves belly rubs!"
    assert names(text) == []


def test_a_name_with_no_care_around_it_is_not_flagged():
    text = "Join author Jane Doe for a book signing in the main lobby on Friday."
    assert names(text) == []


def test_names_spacy_does_not_know_are_found_from_their_context():
    text = "Our oldest patient this year, Mildred Okafor, celebrated turning 103 on our unit."
    assert names(text) == ["Mildred Okafor"]


def test_a_capitalized_list_in_a_health_tip_is_not_a_list_of_names():
    text = "Know the signs of stroke: BE FAST. Balance, Eyes, Face, Arms, Speech, Time to call 911."
    assert names(text) == []


def test_a_signature_on_a_survey_comment_is_found():
    text = "I waited 3 hours in the ER with a broken wrist. Please call me. - J. Morales"
    assert names(text) == ["J. Morales"]


def test_a_hashtag_is_not_a_name():
    text = "After a stroke, one of our patients relearned to button his shirt. #OTMonth"
    assert names(text) == []


def test_the_name_of_a_place_or_an_organization_is_not_a_name():
    text = (
        "Mom of Jaxon thanks the NICU team at St. Mary's. Cards can be sent to the family in "
        "Dixon, IL."
    )
    assert names(text) == ["Jaxon"]


# --- companies are not people ----------------------------------------------------------------
# A capitalized run whose last word says it is a company (Mobility, Labs, Supply, Solutions,
# Co., Inc...) names the seller of a product, even in a post about care.


@pytest.mark.parametrize(
    "text",
    [
        "After her hip surgery, try the walker from Acme Mobility.",
        "Back home after knee surgery? Order a brace from Lakeview Medical Supply today.",
        "Ask about the cane by Harbor Labs, handy after a hip replacement.",
        "Recovering from a stroke? The grab bars at Ortho Solutions are on sale.",
        "Discharged this week? Pick up your compression socks from Brightside Co. downtown.",
        "Our rehab team uses the new lift made by Kessler Devices for every transfer.",
    ],
)
def test_a_company_named_in_a_post_about_care_is_not_a_patient(text):
    assert names(text) == []


def test_a_patient_beside_a_company_is_still_found():
    text = "Our patient Rosa Delgado went home after surgery with a walker from Acme Mobility."
    assert names(text) == ["Rosa Delgado"]
