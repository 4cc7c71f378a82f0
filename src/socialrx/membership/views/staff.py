"""The center staff's membership back office."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from socialrx.core.csv_export import csv_response
from socialrx.core.errors import DomainError, add_error_to_form
from socialrx.core.forms import form_errors_text
from socialrx.core.pagination import paginate, querystring_without_page
from socialrx.core.permissions import require

from .. import selectors
from ..forms import (
    AdjustmentForm,
    CancelForm,
    ComplimentaryForm,
    DeclineForm,
    MembershipFilterForm,
    PlanForm,
    PurchaseOrderForm,
)
from ..models import Membership, MembershipApplication, Plan
from ..services import applications, invoicing, lifecycle, plans


def _staff(request, perm):
    require(request.user, perm)


@login_required
def application_queue(request):
    _staff(request, "membership.review_applications")
    return render(
        request,
        "membership/staff/applications.html",
        {"applications": list(selectors.application_queue()), "decline_form": DeclineForm()},
    )


@login_required
@require_POST
def approve(request, application_id):
    _staff(request, "membership.review_applications")
    application = get_object_or_404(MembershipApplication, public_id=application_id)
    try:
        _, invoice = applications.approve_application(actor=request.user, application=application)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, f"{application.organization} approved; invoice {invoice.number} was emailed."
        )
    return redirect("membership:staff_applications")


@login_required
@require_POST
def decline(request, application_id):
    _staff(request, "membership.review_applications")
    application = get_object_or_404(MembershipApplication, public_id=application_id)
    form = DeclineForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Give the applicant a reason for declining.")
        return redirect("membership:staff_applications")
    try:
        applications.decline_application(
            actor=request.user, application=application, reason=form.cleaned_data["reason"]
        )
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"The application of {application.organization} was declined.")
    return redirect("membership:staff_applications")


@login_required
def membership_list(request):
    _staff(request, "membership.manage_memberships")
    form = MembershipFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    memberships = selectors.memberships_list(
        status=filters.get("status", ""),
        audience=filters.get("audience", ""),
        query=filters.get("q", ""),
    )
    if request.GET.get("format") == "csv":
        return _memberships_csv(memberships)
    return render(
        request,
        "membership/staff/memberships.html",
        {
            "form": form,
            "page": paginate(request, memberships),
            "querystring": querystring_without_page(request),
            "complimentary_form": ComplimentaryForm(),
        },
    )


def _memberships_csv(memberships) -> HttpResponse:
    header = ["Organization", "Type", "Plan", "Status", "Covered from", "Covered until"]
    rows = (
        [
            m.organization.name,
            m.organization.get_org_type_display(),
            m.plan.name,
            m.get_status_display() + (" (complimentary)" if m.complimentary else ""),
            m.covered_from or "",
            m.covered_until or "",
        ]
        for m in memberships
    )
    return csv_response("socialrx-memberships.csv", header, rows)


@login_required
def membership_detail(request, membership_id):
    _staff(request, "membership.manage_memberships")
    membership = get_object_or_404(
        Membership.objects.select_related("organization", "plan"), public_id=membership_id
    )
    return render(
        request,
        "membership/staff/membership_detail.html",
        {
            "membership": membership,
            "periods": list(membership.periods.select_related("plan", "invoice")),
            "charges": list(
                membership.charges.select_related("invoice").order_by("-invoice__issued_on")
            ),
            "po_form": PurchaseOrderForm(initial={"po_number": membership.po_number}),
            "cancel_form": CancelForm(),
            "adjustment_form": AdjustmentForm(),
        },
    )


def _membership_action(request, membership_id, form_class, action, done):
    _staff(request, "membership.manage_memberships")
    membership = get_object_or_404(Membership, public_id=membership_id)
    form = form_class(request.POST)
    if not form.is_valid():
        messages.error(request, form_errors_text(form))
    else:
        try:
            action(request, membership, form.cleaned_data)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, done)
    return redirect("membership:staff_membership", membership.public_id)


def _activate(request, membership, data):
    lifecycle.activate_on_purchase_order(
        actor=request.user, membership=membership, po_number=data["po_number"]
    )


def _cancel(request, membership, data):
    lifecycle.cancel_membership(
        actor=request.user,
        membership=membership,
        reason=data["reason"],
        credit_cents=data["credit"] or 0,
    )


def _adjust(request, membership, data):
    invoicing.issue_adjustment_invoice(
        actor=request.user,
        membership=membership,
        description=data["description"],
        amount_cents=data["amount"],
    )


@login_required
@require_POST
def activate_on_po(request, membership_id):
    return _membership_action(
        request,
        membership_id,
        PurchaseOrderForm,
        _activate,
        "The membership is active on the purchase order.",
    )


@login_required
@require_POST
def cancel(request, membership_id):
    return _membership_action(
        request,
        membership_id,
        CancelForm,
        _cancel,
        "The membership was cancelled; its records are kept.",
    )


@login_required
@require_POST
def adjustment(request, membership_id):
    return _membership_action(
        request,
        membership_id,
        AdjustmentForm,
        _adjust,
        "The adjustment invoice was issued and emailed.",
    )


@login_required
@require_POST
def complimentary(request):
    _staff(request, "membership.manage_memberships")
    form = ComplimentaryForm(request.POST)
    if form.is_valid():
        try:
            membership = lifecycle.grant_complimentary(
                actor=request.user,
                organization=form.cleaned_data["organization"],
                plan=form.cleaned_data["plan"],
                reason=form.cleaned_data["reason"],
            )
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, f"{membership.organization} has a complimentary membership.")
            return redirect("membership:staff_membership", membership.public_id)
    else:
        messages.error(request, "Choose an organization and a plan, and give a reason.")
    return redirect("membership:staff_memberships")


@login_required
def reports(request):
    _staff(request, "membership.view_reports")
    return render(
        request,
        "membership/staff/reports.html",
        {
            "counts": selectors.member_counts(),
            "renewals": list(selectors.renewals_due(days=90)),
        },
    )


@login_required
def plan_list(request):
    _staff(request, "membership.manage_plans")
    return render(
        request,
        "membership/staff/plans.html",
        {"plans": list(Plan.objects.order_by("audience", "size_min"))},
    )


@login_required
@require_http_methods(["GET", "POST"])
def plan_edit(request, plan_id=None):
    _staff(request, "membership.manage_plans")
    plan = get_object_or_404(Plan, public_id=plan_id) if plan_id else None
    form = PlanForm(request.POST or None, instance=plan)
    if request.method == "POST" and form.is_valid():
        try:
            saved = plans.save_plan(actor=request.user, plan=plan, data=form.cleaned_data)
        except DomainError as error:
            add_error_to_form(form, error)
        else:
            messages.success(
                request, f"{saved.name} was saved. Existing membership years keep their price."
            )
            return redirect("membership:staff_plans")
    return render(
        request,
        "membership/staff/plan_form.html",
        {"form": form, "plan": plan},
        status=400 if request.method == "POST" else 200,
    )
