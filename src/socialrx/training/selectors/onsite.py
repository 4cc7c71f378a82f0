"""Reads of on-site training requests: an organization admin's list, the staff pipeline, one
request with its timeline. Each in a fixed number of queries."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from socialrx.core.errors import NotFound
from socialrx.core.permissions import allowed
from socialrx.organizations.models import Seat
from socialrx.organizations.selectors import organizations_administered_by

from ..models import OnsiteRequest, OnsiteStatus, OnsiteStep

# The staff pipeline's tabs: key -> (label, statuses).
PIPELINE = {
    "requested": ("Requested", (OnsiteStatus.REQUESTED,)),
    "proposed": ("Proposed", (OnsiteStatus.PROPOSED,)),
    "accepted": ("Accepted", (OnsiteStatus.ACCEPTED,)),
    "delivered": ("Delivered", (OnsiteStatus.DELIVERED,)),
    "closed": ("Declined or withdrawn", (OnsiteStatus.DECLINED, OnsiteStatus.WITHDRAWN)),
}

# What happens next, as each side reads it.
NEXT_FOR_ORGANIZATION = {
    OnsiteStatus.REQUESTED: "Waiting for the center's proposal",
    OnsiteStatus.PROPOSED: "Answer the proposal",
    OnsiteStatus.ACCEPTED: "Training scheduled",
    OnsiteStatus.DELIVERED: "Delivered",
    OnsiteStatus.DECLINED: "Closed (declined)",
    OnsiteStatus.WITHDRAWN: "Closed (withdrawn)",
}
NEXT_FOR_STAFF = {
    OnsiteStatus.REQUESTED: "Send a proposal",
    OnsiteStatus.PROPOSED: "Waiting for the organization's answer",
    OnsiteStatus.ACCEPTED: "Deliver, then mark delivered",
    OnsiteStatus.DELIVERED: "Done",
    OnsiteStatus.DECLINED: "Closed",
    OnsiteStatus.WITHDRAWN: "Closed",
}


def _with_related(queryset: QuerySet[OnsiteRequest]) -> QuerySet[OnsiteRequest]:
    return queryset.select_related("organization", "invoice").prefetch_related("topics")


def requests_of_administered(user) -> tuple[list, list[OnsiteRequest]]:
    """(organizations `user` administers, their requests, newest first): three queries."""
    organizations = list(organizations_administered_by(user))
    if not organizations:
        return [], []
    requests = list(
        _with_related(OnsiteRequest.objects.filter(organization__in=organizations)).order_by(
            "-created_at", "-id"
        )
    )
    for onsite in requests:
        onsite.next_action = NEXT_FOR_ORGANIZATION[onsite.status]
    return organizations, requests


def onsite_for(user, public_id, perm: str = "training.view_onsite") -> OnsiteRequest:
    """One request with its organization, requester, invoice, topics and trainers; the same
    NotFound for a missing request and one `user` may not see."""
    onsite = (
        OnsiteRequest.objects.select_related("organization", "requested_by", "invoice")
        .prefetch_related("topics", "trainers")
        .filter(public_id=public_id)
        .first()
    )
    if onsite is None or not allowed(user, perm, onsite):
        raise NotFound("On-site training request not found.")
    return onsite


def timeline(onsite: OnsiteRequest) -> list[OnsiteStep]:
    return list(OnsiteStep.objects.filter(request=onsite).select_related("actor"))


def pipeline_counts() -> dict[str, int]:
    """{tab key: number of requests}, in one query."""
    counts = OnsiteRequest.objects.aggregate(
        **{
            key: Count("id", filter=Q(status__in=statuses))
            for key, (_, statuses) in PIPELINE.items()
        }
    )
    return {key: counts[key] for key in PIPELINE}


def pipeline(tab: str) -> list[OnsiteRequest]:
    """The requests of one tab, oldest first, with how long each has waited."""
    statuses = PIPELINE[tab][1]
    requests = list(
        _with_related(OnsiteRequest.objects.filter(status__in=statuses)).order_by(
            "created_at", "id"
        )
    )
    now = timezone.now()
    for onsite in requests:
        onsite.age_days = (now - onsite.created_at).days
        onsite.next_action = NEXT_FOR_STAFF[onsite.status]
    return requests


def trainer_choices() -> QuerySet:
    """Who may teach on site: active coaches and center staff, by name."""
    return (
        get_user_model()
        .objects.filter(Q(is_coach=True) | Q(is_staff=True), is_active=True)
        .order_by("full_name", "email")
    )


def people_of_organization(organization) -> QuerySet:
    """The people with a seat in `organization` (who may receive a certificate), by name."""
    seats = Seat.objects.filter(organization=organization)
    return (
        get_user_model()
        .objects.filter(pk__in=seats.values("user_id"))
        .order_by("full_name", "email")
    )
