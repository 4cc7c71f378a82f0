"""The coaching pages `make bench` measures (see socialrx.core.benchmarks), each found in the
data being measured: the public coaching page, the profile of the listed coach with the most
sessions, and, as the signed-in member the bench uses, the largest engagement of their
organizations (the most sessions: the longest lists of notes and action items behind its
page), its booking page (every coach's open time computed into slots) and "My coaching". The
coach's and staff's pages are not measured: the bench signs in as a member only."""

from __future__ import annotations

from django.db.models import Count
from django.urls import reverse

from socialrx.core.benchmarks import MEMBER, BenchPage
from socialrx.membership.selectors import first_member_admin_id

from .models import CoachProfile, Engagement, EngagementStatus


def coach_page() -> str | None:
    """The listed coach with the most sessions."""
    slug = (
        CoachProfile.objects.filter(is_listed=True, user__is_active=True)
        .annotate(sessions=Count("user__coaching_sessions"))
        .order_by("-sessions", "slug")
        .values_list("slug", flat=True)
        .first()
    )
    return reverse("coaching:coach", args=[slug]) if slug else None


def largest_engagement() -> Engagement | None:
    """The active engagement of the bench member's organizations with the most sessions (the
    earliest made of those); None when the member has none."""
    member = first_member_admin_id()
    if member is None:
        return None
    return (
        Engagement.objects.filter(
            organization__seats__user_id=member, status=EngagementStatus.ACTIVE
        )
        .annotate(session_count=Count("sessions", distinct=True))
        .order_by("-session_count", "created_at", "pk")
        .first()
    )


def engagement_page() -> str | None:
    engagement = largest_engagement()
    return reverse("coaching:engagement", args=[engagement.public_id]) if engagement else None


def booking_page() -> str | None:
    engagement = largest_engagement()
    return reverse("coaching:book", args=[engagement.public_id]) if engagement else None


PAGES = [
    BenchPage("Coaching page", "/coaching/", order=70),
    BenchPage("Coach page", coach_page, order=71),
    BenchPage(
        "Engagement (signed-in member)", engagement_page, order=72, visitor=MEMBER, public=False
    ),
    BenchPage(
        "Booking slots (signed-in member)", booking_page, order=73, visitor=MEMBER, public=False
    ),
    BenchPage(
        "My coaching (signed-in member)",
        "/coaching/engagements/",
        order=74,
        visitor=MEMBER,
        public=False,
    ),
]
