"""The evaluation set's loader and scorer against small examples worked out by hand."""

import json
from dataclasses import dataclass

import pytest

from socialrx.privacy.evaluation.scoring import (
    Draft,
    Evaluation,
    EvaluationSetError,
    GoldSpan,
    Report,
    Tally,
    load_drafts,
    parse_draft,
    score,
    strip_markup,
)

pytestmark = pytest.mark.unit


@dataclass
class Guess:
    start: int
    end: int
    kind: str
    field: str = "text"


def test_markup_is_stripped_and_spans_point_at_the_surface():
    clean, spans = strip_markup("Meet [[name|Ava]] on [[date|May 3]].", "text")

    assert clean == "Meet Ava on May 3."
    assert spans == [GoldSpan("text", 5, 8, "name"), GoldSpan("text", 12, 17, "date")]


def test_image_labels_are_spans_of_the_image_field():
    draft = parse_draft(
        {
            "id": "x-1",
            "category": "patient_story",
            "language": "en",
            "text": "Smiles!",
            "image": "A girl, [[face_photo|face visible]].",
        }
    )

    assert draft.image == "A girl, face visible."
    assert draft.spans == (GoldSpan("image", 8, 20, "face_photo"),)
    assert draft.surface(draft.spans[0]) == "face visible"
    assert draft.has_identifiers


@pytest.mark.parametrize(
    ("marked", "problem"),
    [
        ("Meet [[person|Ava]].", "unknown kind 'person'"),
        ("Meet [[name|Ava].", "unparsed markup"),
        ("Meet [[name| Ava]].", "surrounding spaces"),
    ],
)
def test_bad_markup_is_refused_with_a_reason(marked, problem):
    with pytest.raises(EvaluationSetError, match=problem):
        strip_markup(marked, "text")


def test_a_bad_line_is_named_by_its_number(tmp_path):
    good = {"id": "a", "category": "hard_negative", "language": "en", "text": "Fine."}
    bad = {"id": "b", "category": "gossip", "language": "en", "text": "Hm."}
    path = tmp_path / "drafts.jsonl"
    path.write_text(json.dumps(good) + "\n\n" + json.dumps(bad) + "\n", encoding="utf-8")

    with pytest.raises(EvaluationSetError, match=r"drafts.jsonl line 3: unknown category 'gossip'"):
        load_drafts(path)


def test_invalid_json_is_named_by_its_line(tmp_path):
    path = tmp_path / "drafts.jsonl"
    path.write_text('{"id": "a",\n', encoding="utf-8")

    with pytest.raises(EvaluationSetError, match="line 1"):
        load_drafts(path)


def _drafts():
    story = parse_draft(
        {
            "id": "d1",
            "category": "patient_story",
            "language": "en",
            "text": "[[name|Ann]] saw [[name|Bob]] on [[date|May 3]] in [[room|room 4]].",
        }
    )
    negative = parse_draft(
        {"id": "d2", "category": "hard_negative", "language": "en", "text": "Call 555-0100."}
    )
    photo = parse_draft(
        {
            "id": "d3",
            "category": "patient_story",
            "language": "en",
            "text": "Smiles!",
            "image": "A girl, [[face_photo|face visible]].",
        }
    )
    return [story, negative, photo]


# d1 "Ann saw Bob on May 3 in room 4.": Ann 0-3, Bob 8-11, May 3 15-20, room 4 24-30.
PREDICTIONS = {
    "Ann saw Bob on May 3 in room 4.": [
        Guess(0, 3, "name"),  # finds Ann
        Guess(16, 18, "date"),  # inside "May 3": overlap is enough
        Guess(24, 30, "phone"),  # on the room, but the wrong kind: a false positive
    ],
    "Call 555-0100.": [Guess(5, 13, "phone")],  # the hospital's number: a false positive
    "Smiles!": [Guess(8, 20, "face_photo", field="text")],  # right offsets, wrong field
}


def _detector(text, image):
    return PREDICTIONS[text]


def test_score_by_hand_over_drafts_with_identifiers():
    evaluation = score(_detector, _drafts())
    overall = evaluation.with_identifiers.overall

    # Gold: Ann, Bob, May 3, room 4, face visible = 5; found Ann and May 3.
    assert (overall.tp, overall.fn) == (2, 3)
    # Predictions in d1 and d3: 4; correct: Ann, date; wrong: phone on the room, face in text.
    assert (overall.correct, overall.fp) == (2, 2)
    assert overall.recall == pytest.approx(2 / 5)
    assert overall.precision == pytest.approx(2 / 4)
    assert overall.f1 == pytest.approx(2 * 0.5 * 0.4 / 0.9)
    assert evaluation.with_identifiers.drafts == 2


def test_score_by_hand_over_all_drafts_counts_the_hard_negative():
    evaluation = score(_detector, _drafts())
    overall = evaluation.all_drafts.overall

    assert (overall.tp, overall.fn, overall.correct, overall.fp) == (2, 3, 2, 3)
    assert overall.precision == pytest.approx(2 / 5)
    assert evaluation.all_drafts.drafts == 3


def test_score_by_hand_per_kind_and_category():
    evaluation = score(_detector, _drafts())
    per_kind = evaluation.all_drafts.per_kind

    name = per_kind["name"]
    assert (name.tp, name.fn, name.correct, name.fp) == (1, 1, 1, 0)
    assert name.precision == 1.0 and name.recall == 0.5
    room = per_kind["room"]
    assert (room.tp, room.fn, room.predicted) == (0, 1, 0)
    assert room.precision is None and room.f1 is None
    phone = per_kind["phone"]
    assert (phone.gold, phone.fp) == (0, 2)
    assert phone.precision == 0.0 and phone.recall is None
    face = per_kind["face_photo"]
    assert (face.tp, face.fn, face.fp) == (0, 1, 1)

    negatives = evaluation.per_category["hard_negative"]
    assert negatives.drafts == 1 and negatives.overall.fp == 1 and negatives.overall.gold == 0
    assert evaluation.per_category["patient_story"].drafts == 2


def test_score_lists_the_misses_and_false_positives_with_their_text():
    evaluation = score(_detector, _drafts())

    assert [(m.draft_id, m.kind, m.surface) for m in evaluation.misses] == [
        ("d1", "name", "Bob"),
        ("d1", "room", "room 4"),
        ("d3", "face_photo", "face visible"),
    ]
    assert [(m.draft_id, m.kind, m.surface) for m in evaluation.false_positives] == [
        ("d1", "phone", "room 4"),
        ("d2", "phone", "555-0100"),
        ("d3", "face_photo", ""),  # offsets 8-20 lie past the end of "Smiles!" (7 characters)
    ]


def test_one_prediction_over_two_gold_spans_finds_both_and_counts_once():
    draft = parse_draft(
        {
            "id": "d",
            "category": "survey_comment",
            "language": "en",
            "text": "[[name|Ann]] [[name|Lee]]",
        }
    )
    evaluation = score(lambda text, image: [Guess(0, 7, "name")], [draft])

    tally = evaluation.all_drafts.per_kind["name"]
    assert (tally.tp, tally.fn, tally.correct, tally.fp) == (2, 0, 1, 0)


def test_touching_spans_do_not_overlap():
    draft = parse_draft(
        {"id": "d", "category": "survey_comment", "language": "en", "text": "Hi [[name|Ann]]"}
    )
    evaluation = score(
        lambda text, image: [Guess(0, 3, "name")], [draft]
    )  # "Hi " ends where Ann starts

    tally = evaluation.all_drafts.overall
    assert (tally.tp, tally.fn, tally.correct, tally.fp) == (0, 1, 0, 1)


def test_a_silent_detector_has_no_precision_and_zero_recall():
    evaluation = score(lambda text, image: [], _drafts())

    overall = evaluation.with_identifiers.overall
    assert overall.precision is None and overall.recall == 0.0 and overall.f1 is None


def test_zero_precision_and_recall_give_zero_f1():
    assert Tally(tp=0, fn=3, correct=0, fp=2).f1 == 0.0


def test_timing_median_and_p95_by_hand():
    evaluation = Evaluation(
        Report(), Report(), {}, [], [], timings_ms=[float(n) for n in range(1, 21)]
    )

    assert evaluation.median_ms == 10.5
    assert evaluation.p95_ms == 19.0  # the 19th of 20 sorted timings (index round(0.95 * 19) = 18)


def test_draft_without_labels_has_no_identifiers():
    draft = Draft("d", "hard_negative", "en", "Founded in 1923.", "", ())
    assert not draft.has_identifiers
