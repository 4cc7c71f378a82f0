"""Full-face photos, read from the image description: findings of field "image" whose span is
the phrase saying a face is shown; staff photos, hands, backs and hidden faces are not."""

import pytest

from socialrx.privacy.detect import find_identifiers
from socialrx.privacy.kinds import IdentifierKind, Severity

pytestmark = pytest.mark.unit


def faces(image: str, text: str = "Thank you for sharing your story!") -> list[str]:
    return [
        image[f.start : f.end]
        for f in find_identifiers(text, image_description=image)
        if f.kind == IdentifierKind.FACE_PHOTO
    ]


def test_a_visible_face_is_found_in_the_image_field_exactly():
    image = (
        "Photo of the boy ringing the bell, his face clearly visible, nurses clapping behind him."
    )
    findings = find_identifiers("Ring that bell!", image_description=image)
    assert [(f.field, f.start, f.end, f.kind) for f in findings] == [
        ("image", 35, 59, IdentifierKind.FACE_PHOTO)
    ]
    assert findings[0].severity == Severity.HIGH
    assert "consent" in findings[0].reason


@pytest.mark.parametrize(
    ("image", "phrase"),
    [
        ("Close-up of the patient's face as she rings the bell.", "Close-up of the patient's face"),
        ("Photo of Maria smiling in her hospital bed.", "Photo of Maria smiling"),
        (
            "A baby in a car seat at the NICU door, the baby's face in full view.",
            "the baby's face in full view",
        ),
        (
            "Photo of a girl painting in bed, her face turned toward the camera.",
            "her face turned toward the camera",
        ),
        (
            "Foto de una niña frente a la campana, con la cara completamente visible.",
            "con la cara completamente visible",
        ),
    ],
)
def test_descriptions_of_a_patients_face(image, phrase):
    assert faces(image) == [phrase]


@pytest.mark.parametrize(
    "image",
    [
        "Close-up of an older man's hands gripping a therapy ball; no faces shown.",
        "Group photo of smiling volunteers in blue vests in front of the hospital entrance.",
        "Selfie of three nurses in scrubs smiling at the camera.",
        "A man seen from behind walking down the hallway with a walker.",
        "Hands of a nurse holding a patient's hand; faces not visible.",
        "The new MRI suite with its mural of a forest.",
    ],
)
def test_photos_without_a_patients_face(image):
    assert faces(image) == []


def test_findings_of_both_fields_come_sorted_by_field_then_start():
    text = "Our patient Maria Lopez went home yesterday."
    image = "Photo of Maria smiling in her hospital bed."
    findings = find_identifiers(text, image_description=image)
    assert [(f.field, f.kind) for f in findings] == [
        ("image", IdentifierKind.FACE_PHOTO),
        ("text", IdentifierKind.NAME),
        ("text", IdentifierKind.DATE),
    ]
