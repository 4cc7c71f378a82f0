"""A boot camp's public page, its calendar file, registering (oneself, or colleagues by an org
admin), the waitlist and its claim link, and cancelling a seat."""

from __future__ import annotations

from urllib.parse import urlencode
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST

from socialrx.core.errors import DomainError, NotFound, add_error_to_form
from socialrx.core.markdown import render as render_markdown
from socialrx.membership.selectors import member_price
from socialrx.organizations.selectors import (
    organization_for,
    organizations_administered_by,
    people_of,
)

from ..calendars import boot_camp_calendar, center_zone_name, describe_moment
from ..forms_boot_camps import ColleaguesForm
from ..models import BootCampStatus, Registration, WaitlistEntry
from ..selectors import boot_camps as selectors
from ..services import boot_camp_registration as registration_service
from ..services import waitlist as waitlist_service


def _checkout_url(booking, buyer: str) -> str:
    query = {
        "kind": "training.seat",
        "item": str(booking.public_id),
        "quantity": booking.registrations.filter(status="pending").count(),
        "buyer": buyer,
    }
    return reverse("billing:checkout") + "?" + urlencode(query)


def _page_context(request, camp) -> dict:
    now = timezone.now()
    viewer = request.user
    signed_in = viewer.is_authenticated
    bookings = selectors.bookings_of(viewer, camp)
    return {
        "camp": camp,
        "days": list(camp.days.all()),
        "description_html": render_markdown(camp.description),
        "seats_left": selectors.seats_left(camp),
        "center_zone": center_zone_name(),
        "registration_deadline": describe_moment(camp.registration_deadline),
        "cancellation_deadline": describe_moment(camp.cancellation_deadline),
        "registration_open": camp.status == BootCampStatus.PUBLISHED
        and now <= camp.registration_deadline,
        "cancellation_open": now <= camp.cancellation_deadline,
        "price": member_price(viewer, camp.price_cents, kind="training.seat")
        if signed_in
        else None,
        "bookings": bookings,
        "registered": any(
            r.person_id == viewer.pk and r.status != "cancelled"
            for booking in bookings
            for r in booking.registrations.all()
        ),
        "waitlist_entry": selectors.waitlist_entry_of(viewer, camp),
        "admin_of": list(organizations_administered_by(viewer)) if signed_in else [],
    }


def boot_camp(request, slug):
    camp = selectors.boot_camp_page(slug, request.user)
    return render(request, "training/boot_camps/detail.html", _page_context(request, camp))


def calendar(request, slug):
    camp = selectors.boot_camp_page(slug, request.user)
    url = request.build_absolute_uri(reverse("training:boot_camp", args=[camp.slug]))
    body = boot_camp_calendar(camp, list(camp.days.all()), url=url)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{camp.slug}.ics"'
    return response


def _organization(request, value):
    try:
        public_id = UUID(str(value))
    except ValueError as error:
        raise NotFound("Organization not found.") from error
    return organization_for(request.user, public_id, "training.register_colleagues")


@login_required
@require_http_methods(["GET", "POST"])
def register(request, slug):
    """Yourself (one button), or, for an org admin with `?for=<organization>`, people of the
    organization and who pays. Then on to billing's checkout."""
    camp = selectors.boot_camp_page(slug, request.user)
    data = request.POST if request.method == "POST" else request.GET
    organization = _organization(request, data["for"]) if data.get("for") else None
    form = None
    error = None
    if organization is not None:
        people = [seat.user for seat in people_of(organization)]
        form = ColleaguesForm(
            request.POST if request.method == "POST" else None,
            people=people,
            organization=organization,
        )
    if request.method == "POST":
        try:
            if form is None:
                booking = registration_service.book(request.user, camp, [request.user])
                return redirect(_checkout_url(booking, "me"))
            if form.is_valid():
                chosen = {p.pk: p for p in people}
                attendees = [chosen[pk] for pk in form.cleaned_data["attendees"]]
                booking = registration_service.book(
                    request.user, camp, attendees, organization=organization
                )
                buyer = str(organization.public_id) if form.cleaned_data["buyer"] == "org" else "me"
                return redirect(_checkout_url(booking, buyer))
        except DomainError as refusal:
            if form is not None:
                add_error_to_form(form, refusal)
            else:
                error = refusal
    context = _page_context(request, camp)
    context.update({"organization": organization, "form": form, "error": error})
    status = 400 if request.method == "POST" else 200
    return render(request, "training/boot_camps/register.html", context, status=status)


@login_required
@require_POST
def join_waitlist(request, slug):
    camp = selectors.boot_camp_page(slug, request.user)
    try:
        waitlist_service.join_waitlist(request.user, camp)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, "You are on the waitlist: we will email you if a seat frees for you."
        )
    return redirect("training:boot_camp", slug=camp.slug)


@login_required
@require_http_methods(["GET", "POST"])
def claim(request, public_id, token):
    entry = (
        WaitlistEntry.objects.select_related("boot_camp", "person")
        .filter(public_id=public_id)
        .first()
    )
    if entry is None:
        raise NotFound("Waitlist offer not found.")
    try:
        if request.method == "POST":
            booking = waitlist_service.claim_offer(request.user, entry, token)
            return redirect(_checkout_url(booking, "me"))
        waitlist_service.check_claim(request.user, entry, token)
        error = None
    except DomainError as refusal:
        error = refusal.message
    return render(
        request,
        "training/boot_camps/claim.html",
        {
            "entry": entry,
            "camp": entry.boot_camp,
            "error": error,
            "token": token,
            "offer_expires": describe_moment(entry.offer_expires_at)
            if entry.offer_expires_at
            else "",
        },
        status=400 if error else 200,
    )


@login_required
@require_POST
def cancel_registration(request, public_id):
    registration = (
        Registration.objects.select_related("booking", "booking__organization", "boot_camp")
        .filter(public_id=public_id)
        .first()
    )
    if registration is None or not registration_service.may_cancel(request.user, registration):
        raise NotFound("Registration not found.")
    try:
        money = registration_service.cancel_registration(request.user, registration)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        name = registration.person.full_name or registration.person.email
        messages.success(request, f"The seat of {name} is cancelled. {money}".strip())
    back = request.POST.get("next", "")
    if back and url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        return redirect(back)
    return redirect("training:boot_camp", slug=registration.boot_camp.slug)
