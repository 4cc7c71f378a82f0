"""Redaction: each identifier replaced by its kind in capitals."""

import pytest

from socialrx.privacy.detect import find_identifiers
from socialrx.privacy.kinds import Finding, IdentifierKind, Severity
from socialrx.privacy.redact import redact

pytestmark = pytest.mark.unit

K = IdentifierKind


def finding(start, end, kind, field="text"):
    return Finding(start, end, kind, Severity.HIGH, "Remove it.", field)


def test_each_span_is_replaced_by_its_kind():
    text = "Maria Lopez was discharged on 3/14 from room 412."
    findings = [finding(0, 11, K.NAME), finding(30, 34, K.DATE), finding(40, 48, K.ROOM)]
    assert redact(text, findings) == "[NAME] was discharged on [DATE] from [ROOM]."


def test_kinds_of_two_words_keep_their_underscore():
    text = "MRN 00774411, call 608-555-0131"
    findings = [finding(4, 12, K.RECORD_NUMBER), finding(19, 31, K.PHONE)]
    assert redact(text, findings) == "MRN [RECORD_NUMBER], call [PHONE]"


def test_without_findings_the_text_is_checked_first():
    text = "So proud of our patient Maria Lopez, who was discharged yesterday from room 412!"
    assert redact(text) == "So proud of our patient [NAME], who was discharged [DATE] from [ROOM]!"


def test_the_detectors_own_findings_redact_a_spanish_draft():
    text = "La paciente María González ingresó el 3 de marzo. Habitación 214."
    assert redact(text, find_identifiers(text)) == "La paciente [NAME] ingresó el [DATE]. [ROOM]."


def test_image_findings_and_an_empty_list_leave_the_text_alone():
    text = "Nothing to hide here."
    assert redact(text, [finding(0, 7, K.FACE_PHOTO, field="image")]) == text
    assert redact(text, []) == text


def test_findings_in_any_order_and_overlapping_are_redacted_once():
    text = "Call Ana Ruiz at 555-0173 today"
    findings = [finding(17, 25, K.PHONE), finding(5, 13, K.NAME), finding(9, 13, K.NAME)]
    assert redact(text, findings) == "Call [NAME] at [PHONE] today"


def test_a_finding_outside_the_text_is_refused():
    with pytest.raises(ValueError, match="outside the text"):
        redact("short", [finding(2, 40, K.NAME)])
