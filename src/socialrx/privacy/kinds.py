"""What a finding is: the kinds of identifier the detector reports, how serious each is, and
the finding itself (an exact character span with a plain-language reason)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class IdentifierKind(StrEnum):
    """HIPAA Safe Harbor identifier kinds (45 CFR 164.514(b)(2)) as they show up in drafts."""

    NAME = "name"  # a patient's or relative's name in a clinical context
    DATE = "date"  # a date tied to care: admission, discharge, birth, death, surgery
    AGE = "age"  # an age over 89
    PHONE = "phone"  # phone and fax numbers
    EMAIL = "email"
    ADDRESS = "address"  # street address (city and state alone are not identifiers)
    ZIP = "zip"  # ZIP codes
    ROOM = "room"  # room and bed numbers: with a date they point to one patient
    RECORD_NUMBER = "record_number"  # medical record, account, health plan, device, SSN, licence
    URL = "url"  # a URL of a patient (their fundraiser, their blog)
    HANDLE = "handle"  # a patient's social media handle
    FACE_PHOTO = "face_photo"  # an image description that says a patient's face is shown


LABELS = {
    IdentifierKind.NAME: "Name",
    IdentifierKind.DATE: "Date",
    IdentifierKind.AGE: "Age over 89",
    IdentifierKind.PHONE: "Phone or fax",
    IdentifierKind.EMAIL: "Email",
    IdentifierKind.ADDRESS: "Street address",
    IdentifierKind.ZIP: "ZIP code",
    IdentifierKind.ROOM: "Room or bed",
    IdentifierKind.RECORD_NUMBER: "Record or account number",
    IdentifierKind.URL: "Web address",
    IdentifierKind.HANDLE: "Social media handle",
    IdentifierKind.FACE_PHOTO: "Full-face photo",
}


class Severity(StrEnum):
    HIGH = "high"  # identifies a patient on its own or almost so: remove before posting
    MEDIUM = "medium"  # identifies with other details in the post: review
    LOW = "low"  # worth a second look


@dataclass(frozen=True, slots=True)
class Finding:
    """One identifier: `text[start:end]` of the field it was found in ("text" or "image")."""

    start: int
    end: int
    kind: IdentifierKind
    severity: Severity
    reason: str
    field: str = "text"

    @property
    def label(self) -> str:
        return LABELS[self.kind]
