"""`bench/privacy_eval.py`'s verdicts: the issue's targets judged on the sets the detector was
tuned on (dev + holdout), the untouched test set judged by its floors, each labelled, the exit
code failing on either, and the test set's own errors never printed.

A stand-in detector answers each draft with its labelled spans (perfect) or with the baseline's
findings (no better than the baseline), per set, so the verdicts do not depend on the model."""

import importlib.util
from pathlib import Path

import pytest

from socialrx.privacy.evaluation.baseline import baseline
from socialrx.privacy.evaluation.scoring import load_set

pytestmark = pytest.mark.unit

BENCH = Path(__file__).resolve().parents[2] / "bench" / "privacy_eval.py"


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("privacy_eval", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def stand_in(perfect_on: set[str]):
    """Perfect on the drafts of the sets named, the baseline's findings elsewhere."""
    gold = {
        (draft.text, draft.image): (name in perfect_on, draft.spans)
        for name in ("dev", "holdout", "test")
        for draft in load_set(name)
    }

    def detect(text: str, image: str):
        perfect, spans = gold.get((text, image), (True, ()))
        return list(spans) if perfect else list(baseline(text, image))

    return detect


def run(bench, monkeypatch, capsys, perfect_on: set[str], *argv: str) -> tuple[int, str]:
    monkeypatch.setattr(bench, "detector", stand_in(perfect_on))
    code = bench.main(list(argv))
    return code, capsys.readouterr().out


def test_all_sets_are_judged_apart_and_pass_together(bench, monkeypatch, capsys):
    code, out = run(bench, monkeypatch, capsys, {"dev", "holdout", "test"}, "--set", "all")

    assert code == 0
    assert "The issue's targets on dev + holdout (tuned on, figures seen: not a measure" in out
    assert "On test (untouched: what a new draft should expect;" in out
    assert "    met      recall >= 0.95                 1.000" in out
    assert "    PASS     recall >= 0.91                 1.000" in out
    assert "Result: PASS" in out
    assert "Not met yet" not in out


def test_a_detector_that_does_not_generalise_fails_on_the_test_floors(bench, monkeypatch, capsys):
    code, out = run(bench, monkeypatch, capsys, {"dev", "holdout"}, "--set", "all")

    assert code == 1
    tuned, untouched = out.split("On test (untouched")
    assert "FAIL" not in tuned.split("The issue's targets on dev + holdout")[1]
    assert "    NOT MET  recall >= 0.95" in untouched
    assert "    FAIL     recall >= 0.91" in untouched
    assert "    FAIL     recall beats the baseline" in untouched
    assert "Not met yet on new drafts: recall >= 0.95" in untouched
    assert "Result: FAIL" in out


def test_targets_missed_on_the_tuned_sets_fail_the_run(bench, monkeypatch, capsys):
    code, out = run(bench, monkeypatch, capsys, {"test"}, "--set", "all")

    assert code == 1
    tuned = out.split("The issue's targets on dev + holdout")[1].split("On test")[0]
    assert "  FAIL     recall >= 0.95" in tuned
    assert "Result: FAIL" in out


def test_on_the_test_set_alone_the_targets_do_not_decide_the_exit_code(bench, monkeypatch, capsys):
    # Only the test set is run: its floors decide, and no tuned set's verdict is printed.
    code, out = run(bench, monkeypatch, capsys, {"test"}, "--set", "test")

    assert code == 0
    assert "evaluation set 'test' (untouched)" in out
    assert "The issue's targets on" not in out  # no tuned set was run
    assert "(shown; they do not decide the exit code)" in out


def test_the_test_sets_errors_are_never_listed(bench, monkeypatch, capsys):
    code, out = run(
        bench, monkeypatch, capsys, set(), "--set", "all", "--errors", "--holdout-errors"
    )

    assert code == 1
    listed = out.split("Detector errors")[1]
    test_ids = {draft.id for draft in load_set("test")}
    assert not any(f"  {draft_id} " in listed for draft_id in test_ids)
    assert "in test not shown" in listed
