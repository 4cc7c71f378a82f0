"""The labelled evaluation set of drafts (README.md gives the labelling rules), its scorer and
the plain regular-expression baseline the detector is measured against."""

from socialrx.privacy.evaluation.baseline import baseline
from socialrx.privacy.evaluation.scoring import (
    Draft,
    Evaluation,
    GoldSpan,
    Report,
    Tally,
    load_set,
    score,
)

__all__ = ["Draft", "Evaluation", "GoldSpan", "Report", "Tally", "baseline", "load_set", "score"]
