"""Loading the labelled drafts and scoring a detector against them.

A draft file holds one JSON object per line; identifiers are marked inline as
`[[kind|surface text]]` in "text" and "image" (README.md gives the labelling rules). Loading
strips the markup and keeps each label as an exact span of the clean field.

Scoring is by overlap, because a span's edges are a matter of taste ("Mrs. Evelyn Park" or
"Evelyn Park", "room 412" or "412") while missing or inventing an identifier is not:
- a gold span is *found* when a prediction of the same kind in the same field overlaps it;
- a prediction is *correct* when it overlaps a gold span of the same kind in the same field.
Recall counts gold spans (tp found, fn missed); precision counts predictions (correct, fp).
"""

from __future__ import annotations

import json
import re
import statistics
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from socialrx.privacy.kinds import IdentifierKind

HERE = Path(__file__).resolve().parent
# dev: tuned on; holdout: never tuned on, but its figures have been seen; test: written last,
# untouched, the honest measure of generalisation (README.md).
SETS = {
    "dev": HERE / "drafts_dev.jsonl",
    "holdout": HERE / "drafts_holdout.jsonl",
    "test": HERE / "drafts_test.jsonl",
}
CATEGORIES = (
    "patient_story",
    "event_post",
    "staff_shout_out",
    "clinical_education",
    "spanish",
    "survey_comment",
    "hard_negative",
)
LANGUAGES = ("en", "es")
FIELDS = ("text", "image")
KINDS = tuple(kind.value for kind in IdentifierKind)

MARKUP = re.compile(r"\[\[([a-z_]+)\|([^\[\]|]+)\]\]")


class EvaluationSetError(ValueError):
    """A draft file that does not follow the format: the message names the line."""


@dataclass(frozen=True, slots=True)
class GoldSpan:
    field: str
    start: int
    end: int
    kind: str


@dataclass(frozen=True, slots=True)
class Draft:
    id: str
    category: str
    language: str
    text: str
    image: str
    spans: tuple[GoldSpan, ...]

    @property
    def has_identifiers(self) -> bool:
        return bool(self.spans)

    def surface(self, span: GoldSpan) -> str:
        return (self.text if span.field == "text" else self.image)[span.start : span.end]


class Prediction(Protocol):
    start: int
    end: int
    kind: str
    field: str


Detector = Callable[[str, str], Iterable[Prediction]]


def strip_markup(marked: str, field_name: str) -> tuple[str, list[GoldSpan]]:
    """The clean text and the labelled spans in it; raises on a bad kind or stray brackets."""
    pieces: list[str] = []
    spans: list[GoldSpan] = []
    length = 0
    cursor = 0
    for match in MARKUP.finditer(marked):
        kind, surface = match.group(1), match.group(2)
        if kind not in KINDS:
            raise EvaluationSetError(f"unknown kind {kind!r} in {match.group(0)!r}")
        if surface != surface.strip():
            raise EvaluationSetError(f"label with surrounding spaces: {match.group(0)!r}")
        before = marked[cursor : match.start()]
        pieces.append(before)
        length += len(before)
        spans.append(GoldSpan(field_name, length, length + len(surface), kind))
        pieces.append(surface)
        length += len(surface)
        cursor = match.end()
    pieces.append(marked[cursor:])
    clean = "".join(pieces)
    if "[[" in clean or "]]" in clean:
        raise EvaluationSetError(f"unparsed markup left in {field_name}: {clean!r}")
    return clean, spans


def parse_draft(record: dict) -> Draft:
    for key in ("id", "category", "language", "text"):
        if not isinstance(record.get(key), str) or not record[key]:
            raise EvaluationSetError(f"missing or empty {key!r}")
    if record["category"] not in CATEGORIES:
        raise EvaluationSetError(f"unknown category {record['category']!r}")
    if record["language"] not in LANGUAGES:
        raise EvaluationSetError(f"unknown language {record['language']!r}")
    text, text_spans = strip_markup(record["text"], "text")
    image, image_spans = strip_markup(record.get("image") or "", "image")
    return Draft(
        id=record["id"],
        category=record["category"],
        language=record["language"],
        text=text,
        image=image,
        spans=tuple(text_spans + image_spans),
    )


def load_drafts(path: Path | str) -> list[Draft]:
    drafts = []
    with open(path, encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                drafts.append(parse_draft(json.loads(line)))
            except (json.JSONDecodeError, EvaluationSetError) as error:
                raise EvaluationSetError(f"{Path(path).name} line {number}: {error}") from error
    return drafts


def load_set(name: str = "all") -> list[Draft]:
    """ "dev", "holdout", "test" or "all" (the three together)."""
    if name == "all":
        return [draft for path in SETS.values() for draft in load_drafts(path)]
    if name not in SETS:
        raise ValueError(f"unknown set {name!r}: {', '.join(SETS)} or all")
    return load_drafts(SETS[name])


@dataclass
class Tally:
    tp: int = 0  # gold spans found
    fn: int = 0  # gold spans missed
    correct: int = 0  # predictions that overlap a gold span of their kind
    fp: int = 0  # predictions that overlap none

    def add(self, other: Tally) -> None:
        self.tp += other.tp
        self.fn += other.fn
        self.correct += other.correct
        self.fp += other.fp

    @property
    def gold(self) -> int:
        return self.tp + self.fn

    @property
    def predicted(self) -> int:
        return self.correct + self.fp

    @property
    def precision(self) -> float | None:
        return self.correct / self.predicted if self.predicted else None

    @property
    def recall(self) -> float | None:
        return self.tp / self.gold if self.gold else None

    @property
    def f1(self) -> float | None:
        precision, recall = self.precision, self.recall
        if precision is None or recall is None:
            return None
        if precision + recall == 0:
            return 0.0
        return 2 * precision * recall / (precision + recall)


@dataclass
class Report:
    overall: Tally = field(default_factory=Tally)
    per_kind: dict[str, Tally] = field(default_factory=dict)
    drafts: int = 0

    def kind(self, kind: str) -> Tally:
        return self.per_kind.setdefault(kind, Tally())


@dataclass(frozen=True, slots=True)
class Spot:
    """A span worth showing in a report: a gold span missed or a wrong prediction."""

    draft_id: str
    field: str
    kind: str
    surface: str


@dataclass
class Evaluation:
    with_identifiers: Report  # the target population
    all_drafts: Report  # hard negatives and clean posts included
    per_category: dict[str, Report]
    # Left out of the repr: a failing test's traceback must not print the holdout's texts.
    misses: list[Spot] = field(repr=False)  # gold spans not found
    false_positives: list[Spot] = field(repr=False)  # predictions overlapping no gold span
    timings_ms: list[float] = field(repr=False)

    @property
    def median_ms(self) -> float:
        return statistics.median(self.timings_ms) if self.timings_ms else 0.0

    @property
    def p95_ms(self) -> float:
        if not self.timings_ms:
            return 0.0
        ordered = sorted(self.timings_ms)
        return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def _overlaps(prediction: GoldSpan, gold: GoldSpan) -> bool:
    return (
        prediction.field == gold.field
        and prediction.kind == gold.kind
        and prediction.start < gold.end
        and gold.start < prediction.end
    )


def score_draft(
    draft: Draft, predictions: Iterable[Prediction]
) -> tuple[dict[str, Tally], list[Spot], list[Spot]]:
    """Per-kind tallies for one draft, with the gold spans missed and the wrong predictions."""
    predicted = [
        GoldSpan(str(getattr(p, "field", "text") or "text"), p.start, p.end, str(p.kind))
        for p in predictions
    ]
    tallies: dict[str, Tally] = {}
    misses, wrong = [], []
    for gold in draft.spans:
        tally = tallies.setdefault(gold.kind, Tally())
        if any(_overlaps(p, gold) for p in predicted):
            tally.tp += 1
        else:
            tally.fn += 1
            misses.append(Spot(draft.id, gold.field, gold.kind, draft.surface(gold)))
    for prediction in predicted:
        tally = tallies.setdefault(prediction.kind, Tally())
        if any(_overlaps(prediction, gold) for gold in draft.spans):
            tally.correct += 1
        else:
            tally.fp += 1
            source = draft.text if prediction.field == "text" else draft.image
            wrong.append(
                Spot(
                    draft.id,
                    prediction.field,
                    prediction.kind,
                    source[prediction.start : prediction.end],
                )
            )
    return tallies, misses, wrong


def _add(report: Report, tallies: dict[str, Tally]) -> None:
    report.drafts += 1
    for kind, tally in tallies.items():
        report.kind(kind).add(tally)
        report.overall.add(tally)


def score(detector: Detector, drafts: Iterable[Draft]) -> Evaluation:
    """Run `detector(text, image)` over every draft and tally it; each call is timed."""
    with_identifiers, all_drafts = Report(), Report()
    per_category: dict[str, Report] = {}
    misses: list[Spot] = []
    false_positives: list[Spot] = []
    timings: list[float] = []
    for draft in drafts:
        started = time.perf_counter()
        predictions = list(detector(draft.text, draft.image))
        timings.append((time.perf_counter() - started) * 1000)
        tallies, missed, wrong = score_draft(draft, predictions)
        misses.extend(missed)
        false_positives.extend(wrong)
        _add(all_drafts, tallies)
        _add(per_category.setdefault(draft.category, Report()), tallies)
        if draft.has_identifiers:
            _add(with_identifiers, tallies)
    return Evaluation(with_identifiers, all_drafts, per_category, misses, false_positives, timings)
