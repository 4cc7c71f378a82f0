"""The brief's risks and how they are mitigated: the policy the organization adopted, the people
it has trained, and the post safety checker in use; each with its source and date.

People trained come from whichever app reports them through `core.related` (the toolkit does
not import training): a provider's `extra["people_trained"](organization_ids)` answers
{organization id: people with a seat there who hold a valid certificate}, and
`extra["people_trained_source"]` says what was counted (the first app that reports it is
read: certificates of every kind are kept in one place). Without one, the brief says the figure
is not available rather than printing a zero."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.db.models import Count, Q
from django.utils import timezone

from socialrx.core import related
from socialrx.organizations.models import Organization, Seat

from ..models import SavedCheck

CHECKS_WINDOW_DAYS = 90
CHECKER_SOURCE = "SocialRx post safety checker, the organization's saved checks"


def checker_in_use(organization: Organization, *, today: date) -> dict:
    """Checks saved to the organization's history in the 90 days up to `today` (the day
    included), by how many people, and how many of them had a high-severity finding: one
    query. Counts only; what was checked stays in the organization's history."""
    since = today - timedelta(days=CHECKS_WINDOW_DAYS - 1)
    start = timezone.make_aware(datetime.combine(since, time.min), timezone.get_default_timezone())
    counts = SavedCheck.objects.filter(organization=organization, saved_at__gte=start).aggregate(
        checks=Count("pk"),
        people=Count("saved_by", distinct=True),
        with_high=Count("pk", filter=Q(high_count__gt=0)),
    )
    return {
        "saved_checks": counts["checks"],
        "people": counts["people"],
        "with_high_findings": counts["with_high"],
        "since": since,
        "until": today,
        "days": CHECKS_WINDOW_DAYS,
        "source": CHECKER_SOURCE,
    }


def people_trained(organization: Organization, *, today: date) -> dict:
    """People of the organization holding a valid certificate, as the apps that train report
    them; "available" is False when no installed app reports it."""
    reporter = next(
        (
            provider.extra
            for _label, provider in related.providers()
            if callable(provider.extra.get("people_trained"))
        ),
        None,
    )
    seats = Seat.objects.filter(organization=organization).count()
    if reporter is None:
        return {"available": False, "people": None, "seats": seats, "as_of": today, "source": ""}
    people = reporter["people_trained"]([organization.pk]).get(organization.pk, 0)
    return {
        "available": True,
        "people": people,
        "seats": seats,
        "as_of": today,
        "source": reporter.get("people_trained_source") or "SocialRx training records",
    }
