"""Staff reports of one event: registrations (filters, CSV), sales by ticket type and over time,
attendance after the event and issuing its certificates of attendance."""

from __future__ import annotations

import dataclasses

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from socialrx.core import charts
from socialrx.core.csv_export import csv_response
from socialrx.core.errors import DomainError
from socialrx.core.money import format_cents_short
from socialrx.core.pagination import paginate, querystring_without_page
from socialrx.core.permissions import allowed, require

from ..calendars import describe_span, local
from ..forms_reports import RegistrationFilterForm
from ..selectors import reports, sales
from ..services.certificates import issue_attendance_certificates

PER_PAGE = 50


def _event(request, slug: str, permission: str = "events.view_reports"):
    require(request.user, permission)
    return reports.staff_event(slug)


def _filter_form(request, event) -> RegistrationFilterForm:
    return RegistrationFilterForm(
        request.GET or None,
        ticket_types=reports.ticket_types_of(event),
        organizations=reports.organization_names(event),
    )


@login_required
@require_GET
def registrations(request, slug):
    event = _event(request, slug)
    form = _filter_form(request, event)
    filters = form.filters()
    page = paginate(request, reports.registrations(event, filters), per_page=PER_PAGE)
    invalid = form.is_bound and not form.is_valid()
    return render(
        request,
        "events/staff/reports/registrations.html",
        {
            "event": event,
            "span": describe_span(event),
            "form": form,
            "filtered": filters.any,
            "page": page,
            "rows": reports.rows_for(page.object_list),
            "querystring": querystring_without_page(request),
            "counts": reports.status_counts(event),
            "needs": reports.needs_summary(event),
            "zone": event.time_zone,
        },
        status=400 if invalid else 200,
    )


CSV_HEADER = [
    "Name",
    "Email",
    "Job title",
    "Organization",
    "Ticket type",
    "Status",
    "Buyer",
    "Invoice",
    "Invoice status",
    "Checked in at",
    "Dietary needs",
    "Accessibility needs",
]


def _csv_cells(row, event) -> list:
    attendee, checked_in_at = row.attendee, row.checked_in_at
    shown = local(checked_in_at, event) if checked_in_at else None
    return [
        attendee.full_name,
        attendee.email,
        attendee.job_title,
        attendee.organization_name,
        attendee.ticket_type.name,
        dict(reports.STATUS_CHOICES)[attendee.status],
        row.buyer,
        row.payment.number,
        row.payment.status_label,
        f"{shown:%Y-%m-%d %H:%M} {shown.tzname()}" if shown else "",
        attendee.dietary_needs,
        attendee.accessibility_needs,
    ]


@login_required
@require_GET
def registrations_csv(request, slug):
    event = _event(request, slug)
    form = _filter_form(request, event)
    filters = form.filters()
    if form.is_bound and not form.is_valid():
        return render(
            request,
            "events/staff/reports/csv_refused.html",
            {"event": event, "form": form},
            status=400,
        )
    rows = reports.all_rows(event, reports.registrations(event, filters))
    return csv_response(
        f"{event.slug}-registrations.csv", CSV_HEADER, (_csv_cells(row, event) for row in rows)
    )


def _day_ticks(chart: charts.LineChart, days) -> charts.LineChart:
    """Up to six dates along the axis, labelled by day ("Mar 4"): sales run for weeks."""
    if len(days) == 1:
        return dataclasses.replace(
            chart, x_ticks=[charts.Tick(chart.plot_left, f"{days[0]:%b} {days[0].day}")]
        )
    count = min(6, len(days))
    span = chart.plot_right - chart.plot_left
    ticks = []
    for step in range(count):
        index = round((len(days) - 1) * step / (count - 1))
        day = days[index]
        x = round(chart.plot_left + span * index / (len(days) - 1), 1)
        ticks.append(charts.Tick(x, f"{day:%b} {day.day}"))
    return dataclasses.replace(chart, x_ticks=ticks)


def _money_ticks(chart: charts.LineChart, peak_cents: int) -> charts.LineChart:
    """The value axis in dollars ("$4.5k"), on the scale core.charts drew with."""
    top = charts.nice_ceiling(peak_cents / 100)
    ticks = [
        charts.Tick(tick.position, format_cents_short(round(top * step / 4 * 100)))
        for step, tick in enumerate(chart.y_ticks)
    ]
    return dataclasses.replace(chart, y_ticks=ticks)


def _charts(over_time):
    every = over_time.every_day
    if not every:
        return None, None
    days = [entry.day for entry in every]
    tickets = charts.line_chart(
        [("Tickets confirmed that day", [(e.day, e.tickets) for e in every])]
    )
    revenue = None
    if any(e.revenue_to_date_cents for e in every):
        revenue = charts.line_chart(
            [("Revenue to date (USD)", [(e.day, e.revenue_to_date_cents / 100) for e in every])]
        )
        peak = max(e.revenue_to_date_cents for e in every)
        revenue = _money_ticks(_day_ticks(revenue, days), peak)
    return _day_ticks(tickets, days), revenue


@login_required
@require_GET
def sales_report(request, slug):
    event = _event(request, slug)
    by_type = sales.sales_by_type(event)
    over_time = sales.sales_over_time(event)
    tickets_chart, revenue_chart = _charts(over_time)
    return render(
        request,
        "events/staff/reports/sales.html",
        {
            "event": event,
            "span": describe_span(event),
            "by_type": by_type,
            "over_time": over_time,
            "tickets_chart": tickets_chart,
            "revenue_chart": revenue_chart,
        },
    )


@login_required
@require_GET
def attendance(request, slug):
    event = _event(request, slug)
    return render(
        request,
        "events/staff/reports/attendance.html",
        {
            "event": event,
            "span": describe_span(event),
            "ended": event.ends_at <= timezone.now(),
            "attendance": reports.attendance(event),
            "certificates": reports.certificate_state(event),
            "recordings": reports.recording_summary(event),
            "may_issue": allowed(request.user, "events.manage_events"),
            "zone": event.time_zone,
        },
    )


@login_required
@require_POST
def issue_certificates(request, slug):
    event = _event(request, slug, "events.manage_events")
    try:
        run = issue_attendance_certificates(actor=request.user, event=event)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, run.summary)
    return redirect("events:staff_attendance", slug=event.slug)
