"""Helpers of the engagement service tests: staff create or update an engagement of Riverside
Medical Center (a Medical Center member: 12 included hours this year) with everything a
valid form sends, changed where a test says so."""

from __future__ import annotations

from decimal import Decimal

import pytest

from socialrx.coaching.services import engagements as service
from socialrx.core.errors import DomainError

ORG = "Riverside Medical Center"


def create(staff, organization, coach, plan_hours="5", **extra):
    values = {
        "actor": staff,
        "organization": organization,
        "kind": "coaching",
        "title": "Launching the physician video series",
        "goals": "Two videos a month, approved in a week.",
        "coaches": [coach.user],
        "plan_hours": Decimal(plan_hours),
        "meeting_url": "https://meet.example.org/riverside",
    }
    return service.create_engagement(**(values | extra))


def update(staff, engagement, **changes):
    values = {
        "actor": staff,
        "engagement": engagement,
        "title": engagement.title,
        "goals": engagement.goals,
        "coaches": list(engagement.coaches.all()),
        "plan_hours": Decimal(engagement.plan_minutes) / 60,
        "meeting_url": engagement.meeting_url,
    }
    return service.update_engagement(**(values | changes))


def refusal(call) -> DomainError:
    with pytest.raises(DomainError) as refused:
        call()
    return refused.value
