"""The labelled evaluation set is well formed: big enough, every category and kind present,
markup that parses and spans that map back to exactly the labelled surface text. Its three
files (dev, holdout, test) share no person, number or address, so each measures the detector
on identifiers the others never showed it."""

import json
import re
from collections import Counter

import pytest

from socialrx.privacy.evaluation.scoring import CATEGORIES, SETS, load_drafts, load_set
from socialrx.privacy.kinds import IdentifierKind

pytestmark = pytest.mark.unit


@pytest.fixture(scope="module")
def drafts():
    return load_set("all")


def test_the_set_is_big_enough_and_ids_are_unique(drafts):
    assert len(drafts) >= 200
    assert len(load_set("dev")) >= 120
    assert len(load_set("holdout")) >= 100
    assert len(load_set("test")) >= 120
    ids = [draft.id for draft in drafts]
    assert len(ids) == len(set(ids))


def test_every_category_is_present_with_enough_spanish_and_hard_negatives(drafts):
    categories = Counter(draft.category for draft in drafts)

    assert set(categories) == set(CATEGORIES)
    assert categories["hard_negative"] >= 40
    assert sum(draft.language == "es" for draft in drafts) >= 20
    assert all(draft.language == "es" for draft in drafts if draft.category == "spanish")


def test_hard_negatives_carry_no_labels(drafts):
    labelled = [draft.id for draft in drafts if draft.category == "hard_negative" and draft.spans]
    assert labelled == []


def test_roughly_three_in_five_drafts_contain_identifiers(drafts):
    share = sum(draft.has_identifiers for draft in drafts) / len(drafts)
    assert 0.5 <= share <= 0.7


def test_every_kind_is_labelled_at_least_five_times(drafts):
    kinds = Counter(span.kind for draft in drafts for span in draft.spans)
    assert {kind.value: kinds[kind.value] >= 5 for kind in IdentifierKind} == {
        kind.value: True for kind in IdentifierKind
    }


def test_face_photos_are_labelled_in_the_image_field_only(drafts):
    fields = {(span.kind == "face_photo", span.field) for draft in drafts for span in draft.spans}
    assert fields == {(True, "image"), (False, "text")}


@pytest.mark.parametrize("name", sorted(SETS))
def test_spans_map_back_to_the_labelled_surface_text(name):
    """Re-inserting the markup around each span gives back the line as written."""
    raw_lines = [
        json.loads(line) for line in SETS[name].read_text(encoding="utf-8").splitlines() if line
    ]
    drafts = load_drafts(SETS[name])
    assert len(raw_lines) == len(drafts)
    for raw, draft in zip(raw_lines, drafts, strict=True):
        for field_name in ("text", "image"):
            clean = getattr(draft, field_name)
            rebuilt, cursor = [], 0
            for span in (s for s in draft.spans if s.field == field_name):
                surface = clean[span.start : span.end]
                assert surface and surface == surface.strip(), (draft.id, surface)
                rebuilt.append(clean[cursor : span.start] + f"[[{span.kind}|{surface}]]")
                cursor = span.end
            rebuilt.append(clean[cursor:])
            assert "".join(rebuilt) == (raw.get(field_name) or ""), draft.id


def test_the_test_set_stands_on_its_own():
    """The untouched test set is reported alone, so it must cover the field by itself."""
    drafts = load_set("test")
    categories = Counter(draft.category for draft in drafts)
    kinds = Counter(span.kind for draft in drafts for span in draft.spans)

    assert all(draft.id.startswith("test-") for draft in drafts)
    assert set(categories) == set(CATEGORIES)
    assert categories["hard_negative"] >= 20
    assert sum(draft.language == "es" for draft in drafts) >= 20
    assert {kind.value: kinds[kind.value] >= 5 for kind in IdentifierKind} == {
        kind.value: True for kind in IdentifierKind
    }
    assert 0.5 <= sum(draft.has_identifiers for draft in drafts) / len(drafts) <= 0.7


def _surfaces(name):
    return {
        (span.kind, draft.surface(span).lower())
        for draft in load_set(name)
        for span in draft.spans
        if span.kind not in {"date", "age", "room", "face_photo"}
    }


def _name_words(name):
    return {
        word.lower()
        for draft in load_set(name)
        for span in draft.spans
        if span.kind == "name"
        for word in re.findall(r"\w+", draft.surface(span))
    }


@pytest.mark.parametrize(
    ("first", "second"), [("dev", "holdout"), ("dev", "test"), ("holdout", "test")]
)
def test_the_sets_use_other_people_and_numbers_than_each_other(first, second):
    assert _surfaces(first) & _surfaces(second) == set()
    assert _name_words(first) & _name_words(second) == set()
