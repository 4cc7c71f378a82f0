"""Layouts of CMS patient-experience files, read as CMS publishes them:

- Hospital VBP "Person and Community Engagement" (one row per hospital, eight HCAHPS
  dimensions with floor, threshold, benchmark, baseline and performance rates, points);
- the HCAHPS hospital file in CMS's long layout (one row per hospital × measure);
- HCAHPS state and national averages (one row per state × measure, or per measure).

These are reference data from CMS: rows are upserted by their natural key and an import's
history is the import job itself (who, when, which file, what changed in counts)."""

from __future__ import annotations

from datetime import date
from typing import Any

from ...models import (
    Entity,
    EntityKind,
    HcahpsAverage,
    HcahpsHospitalResult,
    HcahpsMeasure,
    HvbpDimension,
    HvbpDimensionScore,
    HvbpResult,
)
from .. import values as v
from .base import BatchResult, Column, ImportContext, Layout, Parsed

# The reporting periods CMS set for each fiscal year's HCAHPS dimensions (the files do not
# say them): FY 2024 compares calendar year 2019 (baseline) with calendar year 2022.
HVBP_PERIODS: dict[int, tuple[date, date, date, date]] = {
    2024: (date(2019, 1, 1), date(2019, 12, 31), date(2022, 1, 1), date(2022, 12, 31)),
}
HVBP_SOURCE = "CMS Hospital Value-Based Purchasing, Person and Community Engagement domain"
HCAHPS_SOURCE = "CMS HCAHPS Patient Survey"

DIMENSION_PREFIXES = {
    HvbpDimension.NURSES: "Communication With Nurses",
    HvbpDimension.DOCTORS: "Communication With Doctors",
    HvbpDimension.RESPONSIVENESS: "Responsiveness Of Hospital Staff",
    HvbpDimension.CARE_TRANSITION: "Care Transition",
    HvbpDimension.MEDICINES: "Communication About Medicines",
    HvbpDimension.CLEAN_QUIET: "Cleanliness And Quietness Of Hospital Environment",
    HvbpDimension.DISCHARGE: "Discharge Information",
    HvbpDimension.OVERALL: "Overall Rating Of Hospital",
}
METRICS = {
    "floor": ("Floor", v.percent),
    "achievement_threshold": ("Achievement Threshold", v.percent),
    "benchmark": ("Benchmark", v.percent),
    "baseline_rate": ("Baseline Rate", v.percent),
    "performance_rate": ("Performance Rate", v.percent),
    "achievement_points": ("Achievement Points", v.points),
    "improvement_points": ("Improvement Points", v.points),
    "dimension_score": ("Dimension Score", v.points),
}
REQUIRED_METRICS = ("baseline_rate", "performance_rate")


def _hvbp_columns() -> tuple[Column, ...]:
    columns = [
        Column("fiscal_year", ("Fiscal Year",), required=True),
        Column("ccn", ("Facility ID", "CCN"), required=True),
        Column("facility_name", ("Facility Name", "Hospital Name"), required=True),
        Column("state", ("State",)),
        Column("base_score", ("HCAHPS Base Score",)),
        Column("consistency_score", ("HCAHPS Consistency Score",)),
    ]
    for dimension, prefix in DIMENSION_PREFIXES.items():
        for metric, (suffix, _) in METRICS.items():
            columns.append(
                Column(
                    f"{dimension}:{metric}",
                    (f"{prefix} {suffix}",),
                    required=metric in REQUIRED_METRICS,
                )
            )
    return tuple(columns)


def _linked_hospitals(ccns) -> dict[str, int]:
    return dict(
        Entity.objects.filter(kind=EntityKind.HOSPITAL, ccn__in=set(ccns)).values_list("ccn", "pk")
    )


class HvbpLayout(Layout):
    kind = "hvbp"
    title = "Hospital VBP: person and community engagement"
    description = (
        "CMS Hospital Value-Based Purchasing “Person and Community Engagement” file as "
        "published: eight HCAHPS dimensions per hospital with baseline and performance rates."
    )
    columns = _hvbp_columns()

    def parse(self, values, present, row_number) -> Parsed:
        year = v.integer(values.get("fiscal_year", ""), "Fiscal year", minimum=2013, maximum=2100)
        if year is None:
            raise v.RowRejected("Fiscal year is empty.")
        ccn = v.ccn(values.get("ccn", ""), "Facility ID")
        data: dict[str, Any] = {
            "fiscal_year": year,
            "ccn": ccn,
            "facility_name": v.text(
                values.get("facility_name", ""), "Facility name", required=True
            ),
            "state": v.state(values.get("state", ""), required=False),
            "base_score": v.integer(values.get("base_score", ""), "Base score", maximum=100),
            "consistency_score": v.integer(
                values.get("consistency_score", ""), "Consistency score", maximum=100
            ),
            "dimensions": {},
        }
        for dimension, prefix in DIMENSION_PREFIXES.items():
            data["dimensions"][dimension] = {
                metric: reader(values.get(f"{dimension}:{metric}", ""), f"{prefix} {suffix}")
                for metric, (suffix, reader) in METRICS.items()
            }
        return Parsed(row_number, (year, ccn), f"FY{year} Facility ID {ccn}", data)

    def process(self, batch: list[Parsed], context: ImportContext) -> BatchResult:
        result = BatchResult()
        hospitals = _linked_hospitals(p.data["ccn"] for p in batch)
        existing = {
            (r.fiscal_year, r.ccn): r
            for r in HvbpResult.objects.prefetch_related("dimensions").filter(
                ccn__in=[p.data["ccn"] for p in batch],
                fiscal_year__in={p.data["fiscal_year"] for p in batch},
            )
        }
        new_results, new_scores, changed_results, changed_scores = [], [], [], []
        for parsed in batch:
            fields = self._result_fields(parsed.data, hospitals)
            current = existing.get(parsed.key)
            if current is None:
                result_row = HvbpResult(**fields)
                new_results.append(result_row)
                for dimension, metrics in parsed.data["dimensions"].items():
                    new_scores.append(
                        HvbpDimensionScore(result=result_row, dimension=dimension, **metrics)
                    )
                result.created += 1
                continue
            changed = _assign(current, fields)
            scores = {score.dimension: score for score in current.dimensions.all()}
            for dimension, metrics in parsed.data["dimensions"].items():
                score = scores.get(dimension)
                if score is None:
                    new_scores.append(
                        HvbpDimensionScore(result=current, dimension=dimension, **metrics)
                    )
                    changed = True
                elif _assign(score, metrics):
                    changed_scores.append(score)
                    changed = True
            if changed:
                changed_results.append(current)
                result.updated += 1
            else:
                result.unchanged += 1
        if not context.dry_run:
            HvbpResult.objects.bulk_create(new_results, batch_size=500)
            for score in new_scores:
                score.result_id = score.result.pk
            HvbpDimensionScore.objects.bulk_create(new_scores, batch_size=1000)
            HvbpResult.objects.bulk_update(changed_results, list(RESULT_FIELDS), batch_size=500)
            HvbpDimensionScore.objects.bulk_update(changed_scores, list(METRICS), batch_size=1000)
        return result

    def _result_fields(self, data: dict[str, Any], hospitals: dict[str, int]) -> dict[str, Any]:
        periods = HVBP_PERIODS.get(data["fiscal_year"], (None, None, None, None))
        return {
            "fiscal_year": data["fiscal_year"],
            "ccn": data["ccn"],
            "entity_id": hospitals.get(data["ccn"]),
            "facility_name": data["facility_name"],
            "state": data["state"],
            "base_score": data["base_score"],
            "consistency_score": data["consistency_score"],
            "baseline_start": periods[0],
            "baseline_end": periods[1],
            "performance_start": periods[2],
            "performance_end": periods[3],
            "source": f"{HVBP_SOURCE}, FY {data['fiscal_year']}",
        }


RESULT_FIELDS = (
    "entity_id",
    "facility_name",
    "state",
    "base_score",
    "consistency_score",
    "baseline_start",
    "baseline_end",
    "performance_start",
    "performance_end",
    "source",
)


def _assign(instance, fields: dict[str, Any]) -> bool:
    changed = False
    for name, value in fields.items():
        if getattr(instance, name) != value:
            setattr(instance, name, value)
            changed = True
    return changed


# --- HCAHPS ----------------------------------------------------------------------------------

MEASURE_COLUMNS = (
    Column("measure_id", ("HCAHPS Measure ID", "Measure ID"), required=True),
    Column("question", ("HCAHPS Question", "Question")),
    Column("answer_description", ("HCAHPS Answer Description", "Answer Description")),
)
PERIOD_COLUMNS = (
    Column("start_date", ("Start Date", "Measure Start Date"), required=True),
    Column("end_date", ("End Date", "Measure End Date"), required=True),
)


def _measure_fields(values: dict[str, str]) -> dict[str, Any]:
    measure_id = v.text(values.get("measure_id", ""), "Measure ID", required=True, max_length=40)
    return {
        "measure_id": measure_id.upper(),
        "question": v.text(values.get("question", ""), "Question"),
        "answer_description": v.text(values.get("answer_description", ""), "Answer description"),
    }


def _period(values: dict[str, str]) -> tuple[date, date]:
    start = v.day(values.get("start_date", ""), "Start date")
    end = v.day(values.get("end_date", ""), "End date")
    if start is None or end is None:
        raise v.RowRejected("The survey period (start and end date) is missing.")
    if end < start:
        raise v.RowRejected("The end date is before the start date.")
    return start, end


def _measures_for(batch: list[Parsed], *, dry_run: bool) -> dict[str, HcahpsMeasure]:
    """The batch's measures, creating those not yet known (two queries at most; a dry run
    creates none and works with unsaved ones)."""
    wanted = {p.data["measure"]["measure_id"]: p.data["measure"] for p in batch}
    known = {m.measure_id: m for m in HcahpsMeasure.objects.filter(measure_id__in=wanted)}
    missing = [HcahpsMeasure(**fields) for key, fields in wanted.items() if key not in known]
    if dry_run:
        return {**known, **{measure.measure_id: measure for measure in missing}}
    if missing:
        HcahpsMeasure.objects.bulk_create(missing, ignore_conflicts=True)
        known = {m.measure_id: m for m in HcahpsMeasure.objects.filter(measure_id__in=wanted)}
    return known


class _HcahpsLayout(Layout):
    """Shared upsert of HCAHPS rows keyed by (something, measure, end date)."""

    model: type = HcahpsAverage
    value_fields: tuple[str, ...] = ()

    def natural_key(self, row) -> tuple:
        raise NotImplementedError

    def existing(self, batch: list[Parsed]) -> dict[tuple, Any]:
        raise NotImplementedError

    def process(self, batch: list[Parsed], context: ImportContext) -> BatchResult:
        result = BatchResult()
        measures = _measures_for(batch, dry_run=context.dry_run)
        existing = self.existing(batch)
        new_rows, changed_rows = [], []
        for parsed in batch:
            fields = {**parsed.data["fields"], "measure": measures[parsed.key[1]]}
            current = existing.get(parsed.key)
            if current is None:
                new_rows.append(self.model(**fields))
                result.created += 1
            elif _assign(current, {k: fields[k] for k in self.value_fields}):
                changed_rows.append(current)
                result.updated += 1
            else:
                result.unchanged += 1
        if not context.dry_run:
            self.model.objects.bulk_create(new_rows, batch_size=1000)
            self.model.objects.bulk_update(changed_rows, list(self.value_fields), batch_size=1000)
        return result


def _percent_number(value: str, label: str) -> int | None:
    return v.integer(value, label, maximum=100)


class HcahpsHospitalLayout(_HcahpsLayout):
    kind = "hcahps_hospital"
    title = "HCAHPS by hospital"
    description = (
        "CMS “Patient survey (HCAHPS) – Hospital” file in its long layout: one row per "
        "hospital and HCAHPS measure (star rating, answer percent, linear mean, surveys)."
    )
    model = HcahpsHospitalResult
    value_fields = (
        "entity_id",
        "star_rating",
        "answer_percent",
        "linear_mean",
        "completed_surveys",
        "response_rate",
        "footnotes",
        "start_date",
        "source",
    )
    columns = (
        Column("ccn", ("Facility ID", "CCN"), required=True),
        Column("facility_name", ("Facility Name",)),
        *MEASURE_COLUMNS,
        Column("star_rating", ("Patient Survey Star Rating",)),
        Column("star_footnote", ("Patient Survey Star Rating Footnote",)),
        Column("answer_percent", ("HCAHPS Answer Percent",)),
        Column("answer_footnote", ("HCAHPS Answer Percent Footnote",)),
        Column("linear_mean", ("HCAHPS Linear Mean Value",)),
        Column("completed_surveys", ("Number of Completed Surveys",)),
        Column("surveys_footnote", ("Number of Completed Surveys Footnote",)),
        Column("response_rate", ("Survey Response Rate Percent",)),
        Column("rate_footnote", ("Survey Response Rate Percent Footnote",)),
        *PERIOD_COLUMNS,
    )

    def parse(self, values, present, row_number) -> Parsed:
        ccn = v.ccn(values.get("ccn", ""), "Facility ID")
        measure = _measure_fields(values)
        start, end = _period(values)
        footnotes = sorted(
            {
                note.strip()
                for name in ("star_footnote", "answer_footnote", "surveys_footnote",
                             "rate_footnote")
                for note in values.get(name, "").split(",")
                if note.strip() and not v.is_null(note)
            }
        )  # fmt: skip
        fields = {
            "ccn": ccn,
            "star_rating": v.integer(values.get("star_rating", ""), "Star rating", maximum=5),
            "answer_percent": _percent_number(values.get("answer_percent", ""), "Answer percent"),
            "linear_mean": _percent_number(values.get("linear_mean", ""), "Linear mean value"),
            "completed_surveys": v.integer(
                values.get("completed_surveys", ""), "Completed surveys", maximum=10_000_000
            ),
            "response_rate": _percent_number(values.get("response_rate", ""), "Response rate"),
            "footnotes": ", ".join(footnotes)[:80],
            "start_date": start,
            "end_date": end,
            "source": HCAHPS_SOURCE,
        }
        key = (ccn, measure["measure_id"], end)
        label = f"Facility ID {ccn}, {measure['measure_id']}"
        return Parsed(row_number, key, label, {"measure": measure, "fields": fields})

    def existing(self, batch):
        found = HcahpsHospitalResult.objects.select_related("measure").filter(
            ccn__in={p.key[0] for p in batch}, end_date__in={p.key[2] for p in batch}
        )
        return {(r.ccn, r.measure.measure_id, r.end_date): r for r in found}

    def process(self, batch, context):
        hospitals = _linked_hospitals(p.key[0] for p in batch)
        for parsed in batch:
            parsed.data["fields"]["entity_id"] = hospitals.get(parsed.key[0])
        return super().process(batch, context)


class HcahpsStateLayout(_HcahpsLayout):
    kind = "hcahps_state"
    title = "HCAHPS state averages"
    description = "CMS “Patient survey (HCAHPS) – State” file: one row per state and measure."
    model = HcahpsAverage
    value_fields = ("answer_percent", "footnote", "start_date", "source")
    columns = (
        Column("state", ("State",), required=True),
        *MEASURE_COLUMNS,
        Column("answer_percent", ("HCAHPS Answer Percent",), required=True),
        Column("footnote", ("Footnote",)),
        *PERIOD_COLUMNS,
    )
    national = False

    def parse(self, values, present, row_number) -> Parsed:
        state = "" if self.national else v.state(values.get("state", ""))
        measure = _measure_fields(values)
        start, end = _period(values)
        fields = {
            "state": state,
            "answer_percent": _percent_number(values.get("answer_percent", ""), "Answer percent"),
            "footnote": v.text(values.get("footnote", ""), "Footnote", max_length=40),
            "start_date": start,
            "end_date": end,
            "source": HCAHPS_SOURCE,
        }
        key = (state, measure["measure_id"], end)
        label = f"{state or 'Nation'}, {measure['measure_id']}"
        return Parsed(row_number, key, label, {"measure": measure, "fields": fields})

    def existing(self, batch):
        found = HcahpsAverage.objects.select_related("measure").filter(
            state__in={p.key[0] for p in batch}, end_date__in={p.key[2] for p in batch}
        )
        return {(r.state, r.measure.measure_id, r.end_date): r for r in found}


class HcahpsNationalLayout(HcahpsStateLayout):
    kind = "hcahps_national"
    title = "HCAHPS national averages"
    description = "CMS “Patient survey (HCAHPS) – National” file: one row per measure."
    national = True
    columns = (
        *MEASURE_COLUMNS,
        Column("answer_percent", ("HCAHPS Answer Percent",), required=True),
        Column("footnote", ("Footnote",)),
        *PERIOD_COLUMNS,
    )
