"""Rooms and beds, record and account numbers, street addresses and ZIP codes, and a whole
Spanish draft with every span written out."""

import pytest

from socialrx.privacy.detect import find_identifiers
from socialrx.privacy.kinds import IdentifierKind

pytestmark = pytest.mark.unit

K = IdentifierKind


def found(text: str, kind: IdentifierKind) -> list[str]:
    return [text[f.start : f.end] for f in find_identifiers(text) if f.kind == kind]


def test_a_patients_bed_is_found_exactly():
    text = "Sending love to little Sophie in PICU bed 12, who has been fighting RSV."
    rooms = [(f.start, f.end) for f in find_identifiers(text) if f.kind == K.ROOM]
    assert rooms == [(38, 44)]


@pytest.mark.parametrize(
    ("text", "room"),
    [
        ("Congratulations to Rosa Delgado on her discharge from room 4117!", "room 4117"),
        (
            "My stay was great except the helipad noise. Room 518 is right under it!",
            "Room 518",
        ),
        ("El señor Ramón celebró sus 95 años en la habitación 318.", "habitación 318"),
    ],
)
def test_rooms_of_patients_are_found(text, room):
    assert found(text, K.ROOM) == [room]


@pytest.mark.parametrize(
    "text",
    [
        "Free lunch-and-learn on diabetes: Thursday at noon, Conference Room 2. RSVP today.",
        "Support group for caregivers: first Monday of the month, Education Center, Room 104.",
        "Kids need room to grow. Our new pediatric wing has twice the space.",
        "Shout-out to our maintenance tech Gus Varga, who fixed the heat in room 204 so fast!",
    ],
)
def test_event_rooms_idioms_and_rooms_without_a_patient_are_not_found(text):
    assert found(text, K.ROOM) == []


def test_a_medical_record_number_is_found():
    text = (
        "From our huddle board: big cheers for Bill Sanders (MRN 00482913), who walked 400 feet "
        "today after three weeks on the ventilator!"
    )
    records = [(f.start, f.end) for f in find_identifiers(text) if f.kind == K.RECORD_NUMBER]
    assert records == [(56, 64)]


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("I was charged twice for my MRI. My account number is 7730-22918.", "7730-22918"),
        ("My son's member ID is WHX449201837 and the claim was denied.", "WHX449201837"),
        ("The clinic never registered my new device, serial number PX-22817-A.", "PX-22817-A"),
        ("Su número de expediente es 8830921 y nadie nos llamó.", "8830921"),
    ],
)
def test_account_plan_and_device_numbers_are_found(text, number):
    assert found(text, K.RECORD_NUMBER) == [number]


def test_a_home_address_and_its_zip_are_found_exactly():
    text = (
        "We live at 915 W. Greenfield Ave, 53204, and nobody sent the follow-up letter after my "
        "husband's surgery."
    )
    findings = find_identifiers(text)
    assert [(f.start, f.end, f.kind) for f in findings] == [(11, 32, K.ADDRESS), (34, 39, K.ZIP)]


def test_a_street_without_a_number_is_a_home_when_someone_lives_there():
    text = "Sarah's mom says she lives on Sycamore Court and would love cards after her surgery."
    assert found(text, K.ADDRESS) == ["Sycamore Court"]


@pytest.mark.parametrize(
    "text",
    [
        "Our campus is at 1200 Lakeshore Drive, Madison, WI 53703. Free parking in Garage C.",
        "Free skin cancer screenings Saturday at our Dermatology Clinic, 455 Oak Street, Suite 2.",
        "Our new cardiac wing opens on Maple Avenue this fall.",
    ],
)
def test_the_organizations_address_and_zip_are_not_found(text):
    findings = [f for f in find_identifiers(text) if f.kind in {K.ADDRESS, K.ZIP}]
    assert findings == []


def test_a_zip_where_someone_says_they_live_is_found():
    text = "I live in 53711 and the only clinic near me closed, so I drove 40 minutes for my visit."
    assert found(text, K.ZIP) == ["53711"]


def test_a_spanish_draft_with_every_span_written_out():
    text = (
        "Gracias a la familia de Lucía Fernández. Lucía estuvo en la habitación 305 desde el "
        "12 de octubre. Para enviarle tarjetas: 1420 Calle del Sol, Laredo, TX 78041."
    )
    findings = find_identifiers(text)
    assert [(f.start, f.end, f.kind) for f in findings] == [
        (24, 39, K.NAME),
        (41, 46, K.NAME),
        (60, 74, K.ROOM),
        (84, 97, K.DATE),
        (123, 141, K.ADDRESS),
        (154, 159, K.ZIP),
    ]


def test_a_spanish_event_post_of_the_hospital_has_no_finding():
    text = (
        "La Dra. Ana Ruiz, cardióloga, explica cómo cuidar su corazón en nuestro próximo "
        "Facebook Live el jueves a las 6 p.m. Síganos en @LakesideRegional o llame al 555-0100."
    )
    assert find_identifiers(text) == []
