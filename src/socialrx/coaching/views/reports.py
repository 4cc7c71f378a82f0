"""The staff's coach utilisation report: each coach's coaching hours against the hours they
offered, week by week (a chart of all coaches, a table by coach, CSV). The rule is in
`selectors.reports`; the page says it in words."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from socialrx.core.calendar import center_today
from socialrx.core.csv_export import csv_response
from socialrx.core.permissions import require

from ..charts import utilisation_chart
from ..selectors import reports

FORMATS = ("", "html", "csv")


class WeeksForm(forms.Form):
    weeks = forms.IntegerField(
        label="Weeks before and after this one",
        min_value=1,
        max_value=reports.MAX_WEEKS,
        required=False,
        help_text=(
            f"1 to {reports.MAX_WEEKS}: that many past weeks, then this week and the weeks "
            f"after it, as many in all (default {reports.DEFAULT_WEEKS})."
        ),
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )


def _hours(minutes: int) -> str:
    return f"{minutes / 60:.2f}"


CSV_HEADER = [
    "Coach",
    "ISO week",
    "Week starting",
    "Held hours",
    "Booked hours",
    "Coaching hours",
    "Open hours",
    "Offered hours",
    "Utilisation (%)",
]


def _csv_row(name: str, week: reports.WeekFigures) -> list:
    return [
        name,
        week.iso_week,
        week.week.isoformat(),
        _hours(week.held_minutes),
        _hours(week.booked_minutes),
        _hours(week.coaching_minutes),
        _hours(week.open_minutes),
        _hours(week.offered_minutes),
        "" if week.percent is None else week.percent,
    ]


def _csv(figures: reports.Utilisation):
    rows = [_csv_row(coach.name, week) for coach in figures.coaches for week in coach.weeks]
    rows += [_csv_row("All coaches", week) for week in figures.totals]
    first, last = figures.weeks[0], figures.last_day
    return csv_response(f"socialrx-coach-utilisation-{first}-to-{last}.csv", CSV_HEADER, rows)


def _weeks(count: int) -> str:
    return "1 week" if count == 1 else f"{count} weeks"


def _summary(figures: reports.Utilisation) -> dict:
    """The figures of the past weeks and of this week onwards, and how to name them."""
    past = [week for week in figures.totals if week.week < figures.this_week]
    coming = [week for week in figures.totals if week.week >= figures.this_week]
    after = len(coming) - 1
    coming_label = f"This week and the next {_weeks(after)}" if after else "This week"
    return {
        "past": reports.sum_weeks(figures.weeks[0], past) if past else None,
        "past_label": f"The past {_weeks(len(past))}",
        "coming": reports.sum_weeks(figures.this_week, coming),
        "coming_label": coming_label,
        "period": f"the past {_weeks(len(past))}, then {coming_label[0].lower()}{coming_label[1:]}",
    }


@login_required
@require_GET
def staff_utilisation(request):
    require(request.user, "coaching.view_reports")
    form = WeeksForm(request.GET)
    wanted = request.GET.get("format", "")
    if not form.is_valid() or wanted not in FORMATS:
        reason = "" if wanted in FORMATS else f"Unknown format “{wanted[:20]}”: use csv."
        return render(
            request,
            "coaching/staff/utilisation.html",
            {"form": form, "format_error": reason, "center_zone": settings.TIME_ZONE},
            status=400,
        )
    weeks = form.cleaned_data["weeks"] or reports.DEFAULT_WEEKS
    today = center_today()
    figures = reports.utilisation(
        reports.weeks_around(today, before=weeks, after=weeks), today=today
    )
    if wanted == "csv":
        return _csv(figures)
    return render(
        request,
        "coaching/staff/utilisation.html",
        {
            "form": WeeksForm({"weeks": weeks}),  # shows the weeks in use, the default too
            "weeks": weeks,
            "figures": figures,
            "summary": _summary(figures),
            "chart": utilisation_chart(figures.totals, this_week=figures.this_week),
            "csv_query": f"?weeks={weeks}&format=csv",
            "center_zone": settings.TIME_ZONE,
        },
    )
