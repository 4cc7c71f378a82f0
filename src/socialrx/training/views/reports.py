"""The staff's completions report: certificates issued per month by kind (a chart and its
table, CSV), and per course its enrolments, completions and completion rate (table, CSV)."""

from __future__ import annotations

import dataclasses

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from socialrx.core import charts
from socialrx.core.csv_export import csv_response
from socialrx.core.permissions import require

from ..selectors import reports


def _months_csv(months):
    header = ["Month", "Online courses", "Boot camps", "On-site training", "Total"]
    rows = ([m.month.strftime("%Y-%m"), m.course, m.boot_camp, m.onsite, m.total] for m in months)
    return csv_response("socialrx-training-completions.csv", header, rows)


def _courses_csv(courses):
    header = ["Course", "Status", "Enrolments", "Completions", "Completion rate (%)"]
    rows = (
        [
            row.course.title,
            row.course.get_status_display(),
            row.enrolments,
            row.completions,
            "" if row.rate_percent is None else row.rate_percent,
        ]
        for row in courses
    )
    return csv_response("socialrx-training-courses.csv", header, rows)


def _whole_number_ticks(chart: charts.LineChart, peak: int) -> charts.LineChart:
    """The value axis labelled with whole certificates (0, 1, 2… or 0, 10, 20…), on the
    scale core.charts drew the lines with (its top is `nice_ceiling` of the peak)."""
    top = charts.nice_ceiling(peak)
    step = max(1, int(charts.nice_ceiling(top / 5)))  # at most six labels
    span = chart.plot_bottom - chart.plot_top
    ticks = [
        charts.Tick(round(chart.plot_bottom - span * value / top, 1), charts.compact_number(value))
        for value in range(0, int(top) + 1, step)
    ]
    return dataclasses.replace(chart, y_ticks=ticks)


@login_required
@require_GET
def staff_completions(request):
    require(request.user, "training.view_reports")
    wanted = request.GET.get("format", "")
    if wanted == "csv":
        return _months_csv(reports.completions_by_month())
    if wanted == "courses-csv":
        return _courses_csv(reports.course_completions())
    months = reports.completions_by_month()
    courses = reports.course_completions()
    totals = {
        "course": sum(m.course for m in months),
        "boot_camp": sum(m.boot_camp for m in months),
        "onsite": sum(m.onsite for m in months),
        "all": sum(m.total for m in months),
    }
    chart = None
    if totals["all"]:
        peak = max(max(m.course, m.boot_camp, m.onsite) for m in months)
        chart = charts.line_chart(
            [
                (reports.KIND_LABELS["course"], [(m.month, m.course) for m in months]),
                (reports.KIND_LABELS["boot_camp"], [(m.month, m.boot_camp) for m in months]),
                (reports.KIND_LABELS["onsite"], [(m.month, m.onsite) for m in months]),
            ]
        )
        chart = _whole_number_ticks(chart, peak)
    return render(
        request,
        "training/staff/reports/completions.html",
        {
            "months": months,
            "totals": totals,
            "chart": chart,
            "courses": courses,
            "first": months[0].month,
            "last": months[-1].month,
        },
    )
