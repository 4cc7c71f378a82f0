"""What the checker shows (toolkit.checking): the summary line, the identifiers by severity,
the draft cut into plain and marked pieces, and a real check through the privacy detector."""

from __future__ import annotations

from socialrx.toolkit.checking import highlighted, result_from, run_check, summary_line


def finding(start, end, kind="name", severity="high", field="text", label="Name"):
    return {
        "start": start,
        "end": end,
        "kind": kind,
        "label": label,
        "severity": severity,
        "reason": f"A {kind}.",
        "field": field,
    }


def risk(start, end, kind="cure_claim", severity="medium"):
    return {
        "start": start,
        "end": end,
        "kind": kind,
        "label": "Cure claim or guarantee",
        "severity": severity,
        "reason": "A promise.",
        "advice": "Say what the evidence shows.",
        "field": "text",
    }


def pieces(segments):
    return [(segment.text, [flag.label for flag in segment.flags]) for segment in segments]


def test_summary_lines():
    assert summary_line(3, 1) == "3 identifiers and 1 other risk found"
    assert summary_line(1, 0) == "1 identifier found"
    assert summary_line(0, 2) == "2 other risks found"
    assert summary_line(0, 0) == "Nothing found — still read it once more before posting."


def test_the_draft_is_cut_around_each_finding():
    text = "Welcome home, Maria Lopez! Discharged March 3."
    result = result_from(
        text, "", [finding(14, 25), finding(38, 45, "date", "medium", label="Date")], []
    )
    assert pieces(result.text_segments) == [
        ("Welcome home, ", []),
        ("Maria Lopez", ["Name"]),
        ("! Discharged ", []),
        ("March 3", ["Date"]),
        (".", []),
    ]
    assert result.summary == "2 identifiers found"
    assert result.high_count == 1


def test_overlapping_findings_become_one_mark_holding_both():
    text = "This cures Maria Lopez."
    result = result_from(text, "", [finding(11, 22)], [risk(5, 16)])
    assert pieces(result.text_segments) == [
        ("This ", []),
        ("cures Maria Lopez", ["Cure claim or guarantee", "Name"]),
        (".", []),
    ]
    (segment,) = [s for s in result.text_segments if s.flags]
    assert segment.severity == "high"  # the more serious of the two


def test_a_mark_at_the_very_start_and_end():
    assert pieces(highlighted("Maria", [])) == [("Maria", [])]
    result = result_from("Maria", "", [finding(0, 5)], [])
    assert pieces(result.text_segments) == [("Maria", ["Name"])]


def test_identifiers_are_grouped_by_severity_most_serious_first():
    text = "Room 4, Maria, May 2"
    result = result_from(
        text,
        "",
        [
            finding(0, 6, "room", "medium", label="Room or bed"),
            finding(8, 13),
            finding(15, 20, "date", "low", label="Date"),
        ],
        [],
    )
    assert [(g.severity, [f.excerpt for f in g.flags]) for g in result.groups] == [
        ("high", ["Maria"]),
        ("medium", ["Room 4"]),
        ("low", ["May 2"]),
    ]


def test_image_findings_are_marked_in_the_image_description():
    result = result_from(
        "Great day!",
        "A close-up of a patient's face",
        [finding(2, 30, "face_photo", field="image", label="Full-face photo")],
        [],
    )
    assert pieces(result.text_segments) == [("Great day!", [])]
    assert pieces(result.image_segments) == [
        ("A ", []),
        ("close-up of a patient's face", ["Full-face photo"]),
    ]


def test_kept_spans_outside_the_text_are_listed_but_not_marked():
    result = result_from("Short", "", [finding(3, 99)], [])
    (flag,) = result.identifiers
    assert (flag.start, flag.excerpt) == (None, "")
    assert pieces(result.text_segments) == [("Short", [])]


def test_a_whole_post_risk_has_no_mark():
    result = result_from("A post", "", [], [risk(None, None)])
    assert result.risk_count == 1
    assert pieces(result.text_segments) == [("A post", [])]


def test_a_real_check_finds_the_patient_and_the_admission_date():
    text = "So proud of our patient Maria Lopez, admitted on March 3 to room 412!"
    result = run_check(text)
    found = {(flag.kind, flag.excerpt) for flag in result.identifiers}
    assert ("name", "Maria Lopez") in found
    assert ("date", "March 3") in found
    assert ("room", "room 412") in found
    assert [(flag.kind, flag.excerpt) for flag in result.other_risks] == [
        ("testimonial_without_consent", "our patient"),
    ]
    # What is stored and what the API answers: the same findings as plain values.
    assert {(f["kind"], text[f["start"] : f["end"]]) for f in result.findings} == found


def test_a_clean_draft_finds_nothing():
    result = run_check("Flu shots are free at the Main Street clinic this Saturday, 9 to noon.")
    assert not result.found_anything
    assert result.summary == "Nothing found — still read it once more before posting."


def test_risks_raised_for_the_same_reason_share_one_card_each_phrase_marked():
    text = "This cures arthritis, guaranteed. Call 555-0100."
    # "cures" is 5-10, "guaranteed" 22-32, the phone 39-47.
    cures, guaranteed = risk(5, 10), risk(22, 32)
    result = result_from(text, "", [finding(39, 47, "phone", label="Phone")], [cures, guaranteed])

    (card,) = result.risk_cards
    assert [flag.excerpt for flag in card.flags] == ["cures", "guaranteed"]
    assert [flag.excerpt for flag in card.later] == ["guaranteed"]
    assert result.risk_count == 2  # two phrases, one card
    assert pieces(result.text_segments) == [
        ("This ", []),
        ("cures", ["Cure claim or guarantee"]),
        (" arthritis, ", []),
        ("guaranteed", ["Cure claim or guarantee"]),
        (". Call ", []),
        ("555-0100", ["Phone"]),
        (".", []),
    ]


def test_risks_of_another_kind_or_reason_keep_their_own_card():
    text = "This cures arthritis, guaranteed."
    other_reason = risk(22, 32) | {"reason": "Another reason."}
    result = result_from(text, "", [], [risk(5, 10), other_reason])
    assert [len(card.flags) for card in result.risk_cards] == [1, 1]
