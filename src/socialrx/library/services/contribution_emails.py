"""Who hears about a contribution, and the emails they get: center staff when one is submitted;
its author and the credited organization's admins when staff decide (with staff's note).
Queued after commit by core.email; every link is absolute (settings.SITE_URL)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import NoReverseMatch, reverse

from socialrx.core.email import queue_templated_email
from socialrx.organizations.models import OrgRole, Seat

from ..models import Resource, ResourceReview


def absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def published_path(resource: Resource) -> str:
    """The published resource's page (the catalogue's route); the contribution's page when
    the catalogue is not installed."""
    try:
        return reverse("library:resource", args=[resource.slug])
    except NoReverseMatch:
        return reverse("library:contribution", args=[resource.public_id])


def staff_emails() -> list[str]:
    """Every active center staff member's address, sorted (one query)."""
    staff = get_user_model().objects.filter(is_staff=True, is_active=True)
    return sorted(set(staff.values_list("email", flat=True)))


def contributor_emails(resource: Resource) -> list[str]:
    """The author (while active) and the credited organization's active admins (one query)."""
    addresses = set()
    author = resource.author
    if author is not None and author.is_active:
        addresses.add(author.email)
    if resource.contributed_by_organization_id is not None:
        addresses.update(
            Seat.objects.filter(
                organization_id=resource.contributed_by_organization_id,
                role=OrgRole.ADMIN,
                user__is_active=True,
            ).values_list("user__email", flat=True)
        )
    return sorted(addresses)


def tell_staff_submitted(resource: Resource, actor) -> None:
    recipients = staff_emails()
    if not recipients:
        return
    queue_templated_email(
        to=recipients,
        template="library/email/contribution_submitted",
        context={
            "resource": resource,
            "organization": resource.contributed_by_organization.name,
            "submitted_by": actor.full_name or actor.email,
            "review_url": absolute(reverse("library:staff_review", args=[resource.public_id])),
        },
        triggered_by=actor,
    )


def tell_contributor_decided(resource: Resource, review: ResourceReview, actor) -> None:
    recipients = contributor_emails(resource)
    if not recipients:
        return
    published = review.decision == ResourceReview.Decision.APPROVED
    queue_templated_email(
        to=recipients,
        template="library/email/contribution_decided",
        context={
            "resource": resource,
            "review": review,
            "decision": review.decision,
            "organization": resource.contributed_by_organization.name,
            "contribution_url": absolute(
                reverse("library:contribution", args=[resource.public_id])
            ),
            "published_url": absolute(published_path(resource)) if published else "",
        },
        triggered_by=actor,
    )
