"""The targets of issue #25 for the identifier detector, checked on the drafts that contain
identifiers: recall >= 0.95, precision >= 0.90, and better than the regular-expression
baseline on both, measured in the same run.

The detector was tuned on the dev and holdout sets, so the targets are asserted there; on the
untouched test set it measured recall 0.914 and precision 0.929, below the recall target,
which is what a new draft should expect. Those figures, rounded down, are held as floors
(`check_floors`), so a change that makes it generalise worse is caught and a better one may
raise them."""

from __future__ import annotations

from dataclasses import dataclass

from socialrx.privacy.evaluation.scoring import Evaluation

TARGET_RECALL = 0.95
TARGET_PRECISION = 0.90
# What the untouched test set measured (see above), rounded down.
TEST_SET_RECALL_FLOOR = 0.91
TEST_SET_PRECISION_FLOOR = 0.92


@dataclass(frozen=True, slots=True)
class Check:
    label: str
    measured: str
    met: bool


def _figure(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def check_targets(detector: Evaluation, baseline: Evaluation) -> list[Check]:
    """The issue's targets (meant for dev + holdout, where the detector was tuned)."""
    return _checks(detector, baseline, TARGET_RECALL, TARGET_PRECISION)


def check_floors(detector: Evaluation, baseline: Evaluation) -> list[Check]:
    """The test set's floors: no worse than the detector measured there, and still better
    than the baseline (meant for the untouched test set)."""
    return _checks(detector, baseline, TEST_SET_RECALL_FLOOR, TEST_SET_PRECISION_FLOOR)


def _checks(
    detector: Evaluation, baseline: Evaluation, least_recall: float, least_precision: float
) -> list[Check]:
    ours = detector.with_identifiers.overall
    theirs = baseline.with_identifiers.overall
    recall, precision = ours.recall or 0.0, ours.precision or 0.0
    base_recall, base_precision = theirs.recall or 0.0, theirs.precision or 0.0
    return [
        Check(f"recall >= {least_recall:.2f}", _figure(ours.recall), recall >= least_recall),
        Check(
            f"precision >= {least_precision:.2f}",
            _figure(ours.precision),
            precision >= least_precision,
        ),
        Check(
            "recall beats the baseline",
            f"{_figure(ours.recall)} vs {_figure(theirs.recall)}",
            recall > base_recall,
        ),
        Check(
            "precision beats the baseline",
            f"{_figure(ours.precision)} vs {_figure(theirs.precision)}",
            precision > base_precision,
        ),
    ]
