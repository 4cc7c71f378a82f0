"""A hospital's patient experience beside its social media presence: its HCAHPS rates (from
the Hospital VBP file) against its state's and the nation's averages (from CMS's HCAHPS state
and national files), each figure with its period and source."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from ..models import (
    Entity,
    HcahpsAverage,
    HcahpsHospitalResult,
    HvbpDimension,
    HvbpResult,
)

# The HCAHPS measure(s) of each VBP dimension: its top-box answer (CMS scores "cleanliness
# and quietness" as the mean of its two items).
DIMENSION_MEASURES = {
    HvbpDimension.NURSES: ("H_COMP_1_A_P",),
    HvbpDimension.DOCTORS: ("H_COMP_2_A_P",),
    HvbpDimension.RESPONSIVENESS: ("H_COMP_3_A_P",),
    HvbpDimension.CARE_TRANSITION: ("H_COMP_7_SA",),
    HvbpDimension.MEDICINES: ("H_COMP_5_A_P",),
    HvbpDimension.CLEAN_QUIET: ("H_CLEAN_HSP_A_P", "H_QUIET_HSP_A_P"),
    HvbpDimension.DISCHARGE: ("H_COMP_6_Y_P",),
    HvbpDimension.OVERALL: ("H_HSP_RATING_9_10",),
}
ALL_MEASURES = sorted({m for measures in DIMENSION_MEASURES.values() for m in measures})
STAR_MEASURES = {
    "H_STAR_RATING": "Summary star rating",
    "H_COMP_1_STAR_RATING": "Nurse communication",
    "H_COMP_2_STAR_RATING": "Doctor communication",
    "H_COMP_3_STAR_RATING": "Staff responsiveness",
    "H_COMP_5_STAR_RATING": "Communication about medicines",
    "H_COMP_6_STAR_RATING": "Discharge information",
    "H_COMP_7_STAR_RATING": "Care transition",
    "H_CLEAN_STAR_RATING": "Cleanliness",
    "H_QUIET_STAR_RATING": "Quietness",
    "H_HSP_RATING_STAR_RATING": "Overall hospital rating",
    "H_RECMND_STAR_RATING": "Recommend the hospital",
}


@dataclass
class ExperienceRow:
    dimension: str
    label: str
    baseline: Decimal | None
    performance: Decimal | None
    state_average: float | None
    national_average: float | None
    threshold: Decimal | None
    benchmark: Decimal | None

    @property
    def change(self) -> Decimal | None:
        if self.baseline is None or self.performance is None:
            return None
        return self.performance - self.baseline


@dataclass
class Period:
    start: date | None
    end: date | None


@dataclass
class PatientExperience:
    result: HvbpResult | None
    rows: list[ExperienceRow]
    state_period: Period | None
    national_period: Period | None
    averages_source: str
    star_ratings: list[tuple[str, int]]
    surveys: HcahpsHospitalResult | None

    @property
    def has_data(self) -> bool:
        return self.result is not None or bool(self.star_ratings)


def patient_experience(entity: Entity) -> PatientExperience:
    """Three queries: the latest VBP result with its dimensions, the averages, the stars."""
    result = (
        HvbpResult.objects.filter(entity=entity)
        .prefetch_related("dimensions")
        .order_by("-fiscal_year")
        .first()
    )
    averages = list(
        HcahpsAverage.objects.filter(
            state__in=[entity.state, ""], measure__measure_id__in=ALL_MEASURES
        )
        .select_related("measure")
        .order_by("end_date")
    )
    latest: dict[tuple[str, str], HcahpsAverage] = {}
    for average in averages:  # later periods replace earlier ones
        latest[(average.state, average.measure.measure_id)] = average
    rows = _rows(result, latest, entity.state) if result else []
    stars, surveys = _stars(entity)
    any_average = next(iter(latest.values()), None)
    state_rows = [a for (state, _), a in latest.items() if state and state == entity.state]
    national_rows = [a for (state, _), a in latest.items() if not state]
    return PatientExperience(
        result=result,
        rows=rows,
        state_period=_period_of(state_rows),
        national_period=_period_of(national_rows),
        averages_source=any_average.source if any_average else "",
        star_ratings=stars,
        surveys=surveys,
    )


def _period_of(averages: list[HcahpsAverage]) -> Period | None:
    """The span the averages cover (one file's period; earliest start to latest end)."""
    if not averages:
        return None
    return Period(min(a.start_date for a in averages), max(a.end_date for a in averages))


def _mean_percent(latest, state: str, measures: tuple[str, ...]) -> float | None:
    values = [latest.get((state, m)) for m in measures]
    numbers = [v.answer_percent for v in values if v is not None and v.answer_percent is not None]
    if len(numbers) != len(measures):
        return None
    return sum(numbers) / len(numbers)


def _rows(result: HvbpResult, latest, state: str) -> list[ExperienceRow]:
    scores = {score.dimension: score for score in result.dimensions.all()}
    rows = []
    for dimension in HvbpDimension:
        score = scores.get(dimension.value)
        if score is None:
            continue
        measures = DIMENSION_MEASURES[dimension]
        rows.append(
            ExperienceRow(
                dimension=dimension.value,
                label=dimension.label,
                baseline=score.baseline_rate,
                performance=score.performance_rate,
                state_average=_mean_percent(latest, state, measures) if state else None,
                national_average=_mean_percent(latest, "", measures),
                threshold=score.achievement_threshold,
                benchmark=score.benchmark,
            )
        )
    return rows


def _stars(entity: Entity) -> tuple[list[tuple[str, int]], HcahpsHospitalResult | None]:
    results = list(
        HcahpsHospitalResult.objects.filter(
            entity=entity, measure__measure_id__in=list(STAR_MEASURES)
        )
        .select_related("measure")
        .order_by("end_date")
    )
    latest = {result.measure.measure_id: result for result in results}
    stars = [
        (label, latest[measure].star_rating)
        for measure, label in STAR_MEASURES.items()
        if measure in latest and latest[measure].star_rating is not None
    ]
    return stars, latest.get("H_STAR_RATING")
