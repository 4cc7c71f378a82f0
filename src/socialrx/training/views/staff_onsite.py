"""On-site training, the center staff's side: the pipeline by status, one request with its
timeline, the proposal (date, times, trainers, quote) and the delivery record."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from socialrx.core.errors import DomainError, add_error_to_form
from socialrx.core.permissions import require

from ..forms_onsite import DeliverForm, ProposeForm
from ..models import OnsiteStatus
from ..selectors import onsite as selectors
from ..services import onsite as services
from ..services.onsite_notify import center_zone


def _zone_name() -> str:
    return timezone.localtime(timezone.now(), center_zone()).tzname() or settings.TIME_ZONE


@login_required
def pipeline(request):
    require(request.user, "training.manage_onsite")
    tab = request.GET.get("status", "requested")
    if tab not in selectors.PIPELINE:
        tab = "requested"
    counts = selectors.pipeline_counts()
    tabs = [
        {"key": key, "label": label, "count": counts[key]}
        for key, (label, _) in selectors.PIPELINE.items()
    ]
    return render(
        request,
        "training/staff/onsite/pipeline.html",
        {
            "tab": tab,
            "tab_label": selectors.PIPELINE[tab][0],
            "tabs": tabs,
            "requests": selectors.pipeline(tab),
            "center_zone": settings.TIME_ZONE,
        },
    )


def _initial_proposal(onsite) -> dict:
    if onsite.starts_at is None:
        return {"date": onsite.preferred_date_1}
    starts = timezone.localtime(onsite.starts_at, center_zone())
    ends = timezone.localtime(onsite.ends_at, center_zone())
    return {
        "date": starts.date(),
        "starts_at": starts.time(),
        "ends_at": ends.time(),
        "trainers": list(onsite.trainers.all()),
        "quote": onsite.quote_cents,
        "note": onsite.proposal_note,
    }


def _detail(request, onsite, *, propose_form=None, deliver_form=None, error=None, status=200):
    may_deliver = onsite.status == OnsiteStatus.ACCEPTED and onsite.ends_at <= timezone.now()
    return render(
        request,
        "training/staff/onsite/detail.html",
        {
            "onsite": onsite,
            "steps": selectors.timeline(onsite),
            "may_propose": onsite.status in services.ANSWERABLE,
            "may_deliver": may_deliver,
            "propose_form": propose_form
            or ProposeForm(initial=_initial_proposal(onsite), zone_name=_zone_name()),
            "deliver_form": deliver_form or DeliverForm(organization=onsite.organization),
            "error": error,
            "center_zone": settings.TIME_ZONE,
            "S": OnsiteStatus,
        },
        status=status,
    )


def _staff_onsite(request, public_id):
    require(request.user, "training.manage_onsite")
    return selectors.onsite_for(request.user, public_id, "training.manage_onsite")


@login_required
def detail(request, public_id):
    return _detail(request, _staff_onsite(request, public_id))


def _with(form, error: DomainError):
    """The form with the service's refusal beside its field (when it names one)."""
    if error.field in form.fields:
        add_error_to_form(form, error)
    return form


def _refusal(form, error: DomainError) -> dict:
    """A refusal about the request itself (its status) is shown above everything."""
    message = None if error.field in form.fields else error.message
    return {"error": message, "status": error.status_code}


@login_required
@require_POST
def propose(request, public_id):
    onsite = _staff_onsite(request, public_id)
    form = ProposeForm(request.POST, zone_name=_zone_name())
    if not form.is_valid():
        return _detail(request, onsite, propose_form=form, status=400)
    data = form.cleaned_data
    try:
        services.propose_onsite(
            actor=request.user,
            onsite=onsite,
            starts_at=data["starts"],
            ends_at=data["ends"],
            trainers=data["trainers"],
            quote_cents=data["quote"],
            note=data["note"],
        )
    except DomainError as error:
        return _detail(request, onsite, propose_form=_with(form, error), **_refusal(form, error))
    messages.success(request, f"Proposal sent to the admins of {onsite.organization}.")
    return redirect("training:staff_onsite_detail", onsite.public_id)


@login_required
@require_POST
def deliver(request, public_id):
    onsite = _staff_onsite(request, public_id)
    form = DeliverForm(request.POST, organization=onsite.organization)
    if not form.is_valid():
        return _detail(request, onsite, deliver_form=form, status=400)
    data = form.cleaned_data
    try:
        services.mark_delivered(
            actor=request.user,
            onsite=onsite,
            attendees_count=data["attendees_count"],
            trainer_notes=data["trainer_notes"],
            certify=data["certify"],
        )
    except DomainError as error:
        return _detail(request, onsite, deliver_form=_with(form, error), **_refusal(form, error))
    messages.success(request, "Marked delivered; the organization was told.")
    return redirect("training:staff_onsite_detail", onsite.public_id)
