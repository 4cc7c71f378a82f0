"""On-site training test data: a fixed calendar (Monday February 3, 2031, 9:00 AM at the
center, before daylight saving time starts on March 9) and requests at each stage, made
through the services."""

from __future__ import annotations

from datetime import UTC, date, datetime

import time_machine

from socialrx.taxonomy.models import Topic
from socialrx.training.models import OnsiteRequest
from socialrx.training.services import onsite as services
from tests.factories import CoachFactory

NOW = datetime(2031, 2, 3, 15, 0, tzinfo=UTC)  # Mon Feb 3, 2031, 9:00 AM CST
PREFERRED = [date(2031, 3, 4), date(2031, 3, 11), date(2031, 3, 18)]
# Tuesday March 4, 2031, 9:00 AM – 3:00 PM CST.
STARTS = datetime(2031, 3, 4, 15, 0, tzinfo=UTC)
ENDS = datetime(2031, 3, 4, 21, 0, tzinfo=UTC)
AFTER_SESSION = datetime(2031, 3, 5, 15, 0, tzinfo=UTC)


def frozen(moment: datetime = NOW):
    return time_machine.travel(moment, tick=False)


def topics(*slugs: str) -> list[Topic]:
    return list(Topic.objects.filter(slug__in=slugs or ("crisis-response", "hipaa-privacy")))


def trainer(name: str = "Dana Whitfield"):
    return CoachFactory(full_name=name)


def requested(organization, admin, **changes) -> OnsiteRequest:
    fields = {
        "topics": topics(),
        "audience": "Marketing team and nurse managers",
        "expected_attendees": 25,
        "preferred_dates": PREFERRED,
        "address": "1200 Second Street SW\nRochester, MN 55902",
        "needs": "A projector and a wheelchair-accessible room.",
        **changes,
    }
    return services.request_onsite(actor=admin, organization=organization, **fields)


def proposed(organization, admin, staff, trainers=None, **changes) -> OnsiteRequest:
    onsite = requested(organization, admin)
    fields = {
        "starts_at": STARTS,
        "ends_at": ENDS,
        "trainers": trainers if trainers is not None else [trainer()],
        "quote_cents": 450_000,
        "note": "Lunch is on us.",
        **changes,
    }
    return services.propose_onsite(actor=staff, onsite=onsite, **fields)


def accepted(organization, admin, staff, trainers=None) -> OnsiteRequest:
    onsite = proposed(organization, admin, staff, trainers)
    return services.accept_onsite(actor=admin, onsite=onsite)
