"""The real detector over the labelled drafts, against the targets of issue #25 on the drafts
that contain identifiers: recall >= 0.95 and precision >= 0.90, and better than the
regular-expression baseline on both, in the same run. `make bench-privacy` prints the same
figures as a table.

Three sets (evaluation/README.md): the detector was tuned on `dev`, then on `holdout` once its
figures had been seen; `test` was written afterwards and only its overall figures were ever
read. The issue's targets are asserted on dev + holdout. On the untouched test set the
detector measured recall 0.914 and precision 0.929 (baseline 0.299 / 0.890): below the recall
target, which is what a new draft should expect. Those figures are held as floors
(evaluation/targets.py, which the benchmark's exit code uses too), so a change that makes the
detector generalise worse fails, and a better one may raise them."""

import pytest

from socialrx.privacy.detect import find_identifiers
from socialrx.privacy.evaluation.baseline import baseline
from socialrx.privacy.evaluation.scoring import load_set, score
from socialrx.privacy.evaluation.targets import TEST_SET_PRECISION_FLOOR, TEST_SET_RECALL_FLOOR
from socialrx.privacy.kinds import IdentifierKind

# The model runs over 426 drafts (about half a minute on two cores): the PostgreSQL pass of CI
# runs it, the SQLite pass does not repeat it (the detector uses no database).
pytestmark = [pytest.mark.unit, pytest.mark.slow]


def _detector(text, image):
    return find_identifiers(text, image_description=image)


@pytest.fixture(scope="module")
def evaluations():
    drafts = [*load_set("dev"), *load_set("holdout")]
    return score(_detector, drafts), score(baseline, drafts)


@pytest.fixture(scope="module")
def test_set_evaluations():
    drafts = load_set("test")
    return score(_detector, drafts), score(baseline, drafts)


DEV_IDS = {draft.id for draft in load_set("dev")}


def _errors(evaluation, kind=None, limit=20):
    """The errors on dev drafts only: the holdout set must not be read while tuning."""
    misses = [m for m in evaluation.misses if kind in (None, m.kind)]
    wrong = [m for m in evaluation.false_positives if kind in (None, m.kind)]
    shown_misses = [(m.draft_id, m.kind, m.surface) for m in misses if m.draft_id in DEV_IDS]
    shown_wrong = [(m.draft_id, m.kind, m.surface) for m in wrong if m.draft_id in DEV_IDS]
    return (
        f"dev: missed {shown_misses[:limit]}; false positives {shown_wrong[:limit]}; "
        f"holdout (not shown): {len(misses) - len(shown_misses)} missed, "
        f"{len(wrong) - len(shown_wrong)} false positives"
    )


def test_recall_on_drafts_with_identifiers_is_at_least_095(evaluations):
    ours, _ = evaluations
    assert ours.with_identifiers.overall.recall >= 0.95, _errors(ours)


def test_precision_on_drafts_with_identifiers_is_at_least_090(evaluations):
    ours, _ = evaluations
    assert ours.with_identifiers.overall.precision >= 0.90, _errors(ours)


def test_the_detector_beats_the_baseline_on_recall_and_precision(evaluations):
    ours, theirs = evaluations
    mine, base = ours.with_identifiers.overall, theirs.with_identifiers.overall
    assert mine.recall > base.recall
    assert mine.precision > base.precision


@pytest.mark.parametrize("kind", [kind.value for kind in IdentifierKind])
def test_every_kind_is_found(evaluations, kind):
    """No kind is left behind by a good overall figure: with 7 to 181 spans per kind, 0.80
    allows two misses in ten."""
    ours, _ = evaluations
    tally = ours.with_identifiers.per_kind[kind]
    assert tally.recall >= 0.80, _errors(ours, kind)
    assert (tally.precision or 0.0) >= 0.80, _errors(ours, kind)


def test_hard_negatives_raise_few_findings(evaluations):
    """Over all drafts the hospital's own details, staff and history must mostly stay quiet:
    at most one false finding in five hard negatives."""
    ours, _ = evaluations
    negatives = ours.per_category["hard_negative"]
    assert negatives.overall.fp <= negatives.drafts // 5, _errors(ours)


def test_on_the_untouched_test_set_it_holds_its_measured_figures_and_beats_the_baseline(
    test_set_evaluations,
):
    """Overall figures only: the test set's errors are never printed, so it stays untouched."""
    ours, theirs = test_set_evaluations
    mine, base = ours.with_identifiers.overall, theirs.with_identifiers.overall
    assert mine.recall >= TEST_SET_RECALL_FLOOR, f"recall {mine.recall:.3f}"
    assert mine.precision >= TEST_SET_PRECISION_FLOOR, f"precision {mine.precision:.3f}"
    assert mine.recall > base.recall
    assert mine.precision > base.precision
