"""The engagements' emails (text and HTML, sent after commit), with absolute links."""

from __future__ import annotations

from django.conf import settings

from socialrx.core.email import queue_templated_email

from ..links import absolute_page
from ..models import Engagement
from ..recipients import org_admin_emails
from ..selectors.hours import allowance_of, describe_minutes


def activated(engagement: Engagement, *, actor) -> None:
    """The organization's admins learn that the engagement started, with its coaches, its
    hours and a link to its page (where everyone of the organization books)."""
    recipients = org_admin_emails(engagement.organization)
    if not recipients:
        return
    queue_templated_email(
        to=recipients,
        template="coaching/email/engagement_activated",
        context={
            "engagement": engagement,
            "coaches": list(engagement.coaches.all()),
            "total": describe_minutes(allowance_of(engagement).total_minutes),
            "site_url": settings.SITE_URL.rstrip("/"),
            "engagement_url": absolute_page("coaching:engagement", engagement.public_id),
        },
        triggered_by=actor,
    )
