"""Staff's boot camp back office: the list, a cohort's form and days, publishing and cancelling;
and, for staff and the boot camp's trainers, the roster, attendance and completion."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from socialrx.core.csv_export import csv_response
from socialrx.core.errors import DomainError, NotFound, add_error_to_form
from socialrx.core.permissions import allowed, require

from ..calendars import center_zone_name, local
from ..forms_boot_camps import AttendanceForm, BootCampForm, CancelBootCampForm, DayFormSet
from ..selectors import boot_camps as selectors
from ..services import attendance as attendance_service
from ..services import boot_camps as service
from ..services.attendance import CERTIFICATE_RULE


def _manage(request):
    require(request.user, "training.manage_boot_camps")


@login_required
def boot_camp_list(request):
    _manage(request)
    return render(
        request,
        "training/staff/boot_camps/list.html",
        {"camps": selectors.staff_list(), "center_zone": center_zone_name()},
    )


@login_required
@require_http_methods(["GET", "POST"])
def boot_camp_new(request):
    _manage(request)
    form = BootCampForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            camp = service.create_boot_camp(actor=request.user, data=form.data_for_service())
        except DomainError as error:
            add_error_to_form(form, error)
        else:
            messages.success(request, f"{camp.title} was created as a draft: now add its days.")
            return redirect("training:staff_boot_camp_days", slug=camp.slug)
    return render(
        request,
        "training/staff/boot_camps/form.html",
        {"form": form, "camp": None},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def boot_camp_edit(request, slug):
    _manage(request)
    camp = selectors.staff_boot_camp(slug)
    form = BootCampForm(request.POST or None, instance=camp)
    if request.method == "POST" and form.is_valid():
        try:
            camp = service.update_boot_camp(
                actor=request.user, boot_camp=camp, data=form.data_for_service()
            )
        except DomainError as error:
            add_error_to_form(form, error)
        else:
            messages.success(request, f"{camp.title} was saved.")
            return redirect("training:staff_boot_camps")
    camp.refresh_from_db()  # the form's validation writes onto the instance
    return render(
        request,
        "training/staff/boot_camps/form.html",
        {"form": form, "camp": camp},
        status=400 if request.method == "POST" else 200,
    )


def _day_initial(camp) -> list[dict]:
    return [
        {
            "id": day.pk,
            "day": local(day.starts_at).date(),
            "starts": local(day.starts_at).time(),
            "ends": local(day.ends_at).time(),
            "room": day.room,
            "agenda": day.agenda,
        }
        for day in camp.days.all()
    ]


@login_required
@require_http_methods(["GET", "POST"])
def boot_camp_days(request, slug):
    _manage(request)
    camp = selectors.staff_boot_camp(slug)
    formset = DayFormSet(request.POST or None, initial=_day_initial(camp), prefix="days")
    error = None
    if request.method == "POST" and formset.is_valid():
        specs = []
        for form in formset:
            values = form.cleaned_data
            if not values or values.get("DELETE"):
                continue  # an extra row left empty, or a day removed
            specs.append(
                service.DaySpec(
                    day=values["day"],
                    starts=values["starts"],
                    ends=values["ends"],
                    room=values.get("room", ""),
                    agenda=values.get("agenda", ""),
                    id=values.get("id"),
                )
            )
        try:
            service.save_days(actor=request.user, boot_camp=camp, days=specs)
        except DomainError as refusal:
            error = refusal.message
        else:
            messages.success(request, "The days were saved and the trainers' time booked.")
            return redirect("training:staff_boot_camp_days", slug=camp.slug)
    return render(
        request,
        "training/staff/boot_camps/days.html",
        {"camp": camp, "formset": formset, "error": error, "center_zone": center_zone_name()},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def boot_camp_publish(request, slug):
    _manage(request)
    camp = selectors.staff_boot_camp(slug)
    try:
        service.publish(actor=request.user, boot_camp=camp)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"{camp.title} is open for registration.")
    return redirect("training:staff_boot_camps")


@login_required
@require_http_methods(["GET", "POST"])
def boot_camp_cancel(request, slug):
    _manage(request)
    camp = selectors.staff_boot_camp(slug)
    form = CancelBootCampForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            seats = service.cancel_boot_camp(
                actor=request.user, boot_camp=camp, reason=form.cleaned_data["reason"]
            )
        except DomainError as error:
            add_error_to_form(form, error)
        else:
            messages.success(
                request, f"{camp.title} is cancelled; {seats} seat(s) cancelled and refunded."
            )
            return redirect("training:staff_boot_camps")
    counts = selectors.seat_counts_for([camp])[camp.pk]
    return render(
        request,
        "training/staff/boot_camps/cancel.html",
        {"camp": camp, "form": form, "counts": counts},
        status=400 if request.method == "POST" else 200,
    )


def _roster_camp(request, slug):
    camp = selectors.staff_boot_camp(slug)
    require(request.user, "training.keep_roster", camp)
    return camp


ROSTER_HEADER = ["Name", "Email", "Organization", "Status", "Payment", "Days present"]


@login_required
def roster(request, slug):
    camp = _roster_camp(request, slug)
    rows, waitlist = selectors.roster(camp)
    days = list(camp.days.all())
    if request.GET.get("format") == "csv":
        return csv_response(
            f"{camp.slug}-roster.csv",
            ROSTER_HEADER,
            (
                [
                    row.registration.person.full_name,
                    row.registration.person.email,
                    row.organization,
                    row.registration.get_status_display(),
                    row.payment,
                    len(row.present_days),
                ]
                for row in rows
            ),
        )
    counts = selectors.seat_counts_for([camp])[camp.pk]
    return render(
        request,
        "training/staff/boot_camps/roster.html",
        {
            "camp": camp,
            "rows": rows,
            "waitlist": waitlist,
            "days": days,
            "counts": counts,
            "rule": CERTIFICATE_RULE,
            "may_manage": allowed(request.user, "training.manage_boot_camps"),
            "center_zone": center_zone_name(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def attendance(request, slug, day_id):
    camp = _roster_camp(request, slug)
    day = next((d for d in camp.days.all() if d.pk == day_id), None)
    if day is None:
        raise NotFound("Day not found.")
    sheet = selectors.attendance_sheet(day)
    form = AttendanceForm(request.POST or None, sheet=sheet)
    error = None
    if request.method == "POST" and form.is_valid():
        try:
            summary = attendance_service.record_attendance(
                actor=request.user, day=day, present_ids=form.present_ids()
            )
        except DomainError as refusal:
            error = refusal.message
        else:
            messages.success(
                request,
                f"Attendance saved: {summary['present']} present, {summary['absent']} absent.",
            )
            return redirect("training:staff_roster", slug=camp.slug)
    return render(
        request,
        "training/staff/boot_camps/attendance.html",
        {
            "camp": camp,
            "day": day,
            "form": form,
            "error": error,
            "rows": [(form[f"present_{r.pk}"], r, present) for r, present in sheet],
            "center_zone": center_zone_name(),
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def boot_camp_complete(request, slug):
    camp = _roster_camp(request, slug)
    try:
        issued = attendance_service.complete_boot_camp(actor=request.user, boot_camp=camp)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, f"{camp.title} is completed: {issued} certificate(s) of attendance issued."
        )
    return redirect("training:staff_roster", slug=camp.slug)
