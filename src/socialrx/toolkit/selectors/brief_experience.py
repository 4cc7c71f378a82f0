"""The brief's patient experience: the hospital's latest HCAHPS rates (Hospital VBP performance
period) beside its state's and the nation's averages, each with its own period and file.

A hospital CMS publishes nothing for (too small or too new to be scored, or a CMS certification
number not in the files the registry holds) still gets its state's and the nation's figures:
they are what its board will be measured against once CMS scores it, and the brief says plainly
why the hospital's own are missing. The result is plain JSON, kept with the brief as drawn."""

from __future__ import annotations

from datetime import date

from socialrx.core.geography import state_name
from socialrx.organizations.models import Organization, OrganizationType
from socialrx.registry.models import Entity, EntityKind, HcahpsAverage, HvbpDimension
from socialrx.registry.selectors.experience import (
    ALL_MEASURES,
    DIMENSION_MEASURES,
    patient_experience,
)

VBP_COVERAGE = "the Hospital VBP program covers about 2,500 acute care hospitals"


def _rate(value) -> float | None:
    return None if value is None else round(float(value), 1)


def _period(start: date | None, end: date | None) -> dict | None:
    if start is None and end is None:
        return None
    return {"start": start, "end": end}


def hcahps_beside_state_and_nation(listing: Entity | None, organization: Organization) -> dict:
    """The hospital's rates beside its state's and the nation's; without them, why, and (for a
    hospital) its state's and the nation's averages as the reference."""
    if listing is None:
        reason = (
            "HCAHPS results come with the organization's hospital listing in the registry, "
            "and it has none linked to it."
        )
        if organization.org_type == OrganizationType.HOSPITAL:
            return _no_experience(reason, reference=state_and_nation(organization.state))
        return _no_experience(reason)
    if listing.kind != EntityKind.HOSPITAL:
        return _no_experience(
            f"CMS reports HCAHPS by hospital; {listing.display_name} is listed as a "
            f"{listing.get_kind_display().lower()}, so no patient-experience figures apply."
        )
    experience = patient_experience(listing)
    result = experience.result
    summary_stars = next(
        (stars for label, stars in experience.star_ratings if label == "Summary star rating"),
        None,
    )
    if not experience.rows and summary_stars is None:
        return _no_experience(_not_in_the_files(listing), reference=state_and_nation(listing.state))
    surveys = experience.surveys
    return {
        "available": True,
        "state_name": listing.state_name,
        "rows": [
            {
                "label": row.label,
                "hospital": _rate(row.performance),
                "state": _rate(row.state_average),
                "nation": _rate(row.national_average),
            }
            for row in experience.rows
        ],
        "hospital_source": result.source if result else "",
        "hospital_period": _period(result.performance_start, result.performance_end)
        if result
        else None,
        "averages_source": experience.averages_source,
        "state_period": _period(experience.state_period.start, experience.state_period.end)
        if experience.state_period
        else None,
        "national_period": _period(experience.national_period.start, experience.national_period.end)
        if experience.national_period
        else None,
        "summary_stars": summary_stars,
        "stars_source": surveys.source if surveys else "",
        "stars_period": _period(surveys.start_date, surveys.end_date) if surveys else None,
    }


def _not_in_the_files(listing: Entity) -> str:
    if listing.ccn:
        return (
            f"CMS certification number {listing.ccn} ({listing.display_name}) is not in the "
            f"CMS HCAHPS files the registry holds ({VBP_COVERAGE})."
        )
    return (
        f"CMS publishes no HCAHPS results for {listing.display_name} in the files the registry "
        f"holds ({VBP_COVERAGE})."
    )


def _no_experience(reason: str, *, reference: dict | None = None) -> dict:
    figures = {"available": False, "rows": [], "reason": reason}
    if reference is not None:
        figures["reference"] = reference
    return figures


def state_and_nation(state: str) -> dict | None:
    """The state's and the nation's latest HCAHPS averages by VBP dimension (the registry's
    own reckoning: the top-box percent, cleanliness and quietness the mean of its two
    questions), with each one's file and period; None when the registry holds neither. One
    query."""
    averages = (
        HcahpsAverage.objects.filter(
            state__in=[state, ""] if state else [""], measure__measure_id__in=ALL_MEASURES
        )
        .select_related("measure")
        .order_by("end_date")
    )
    latest: dict[tuple[str, str], HcahpsAverage] = {}
    for average in averages:  # later periods replace earlier ones
        latest[(average.state, average.measure.measure_id)] = average
    rows = []
    for dimension in HvbpDimension:
        measures = DIMENSION_MEASURES[dimension]
        in_state = _mean(latest, state, measures) if state else None
        nation = _mean(latest, "", measures)
        if in_state is not None or nation is not None:
            rows.append({"label": dimension.label, "state": in_state, "nation": nation})
    if not rows:
        return None
    state_rows = [a for (code, _), a in latest.items() if code]
    national_rows = [a for (code, _), a in latest.items() if not code]
    return {
        "state_name": state_name(state) if state else "",
        "rows": rows,
        "averages_source": next(iter(latest.values())).source,
        "state_period": _span(state_rows),
        "national_period": _span(national_rows),
    }


def _mean(latest, state: str, measures: tuple[str, ...]) -> float | None:
    values = [latest.get((state, measure)) for measure in measures]
    numbers = [v.answer_percent for v in values if v is not None and v.answer_percent is not None]
    if len(numbers) != len(measures):
        return None
    return _rate(sum(numbers) / len(numbers))


def _span(averages: list[HcahpsAverage]) -> dict | None:
    if not averages:
        return None
    return _period(min(a.start_date for a in averages), max(a.end_date for a in averages))
