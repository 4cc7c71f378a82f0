"""On-site training's rows of the permission matrix: the organization's pages (its admins
ask and answer; staff may look) and the staff pipeline (staff only)."""

from __future__ import annotations

from datetime import timedelta
from functools import cached_property

from django.utils import timezone

from socialrx.training.models import OnsiteRequest, OnsiteStatus
from socialrx.training.services import onsite as services
from tests.factories import CoachFactory
from tests.permission_matrix_kit import (
    ADMIN_A,
    ALLOW,
    DONE,
    FORBIDDEN,
    LOGIN,
    NOT_FOUND,
    SIGNED_IN,
    STAFF,
    STAFF_ONLY,
    STAFF_ONLY_ACTION,
    Case,
    get,
    named,
    only,
    post,
    post_only,
    roles,
    status,
)
from tests.training.onsite_factories import topics


def _days_ahead(days: int, hour: int = 15):
    moment = timezone.now() + timedelta(days=days)
    return moment.replace(hour=hour, minute=0, second=0, microsecond=0)


class Data:
    """Organization A's on-site requests at three stages (mixed into the matrix's World)."""

    @cached_property
    def onsite_trainer(self):
        return CoachFactory(full_name="Matrix Trainer")

    @cached_property
    def onsite_requested_a(self) -> OnsiteRequest:
        today = timezone.localdate()
        return services.request_onsite(
            actor=self.admin_a,
            organization=self.org_a,
            topics=topics(),
            audience="Communications team",
            expected_attendees=12,
            preferred_dates=[today + timedelta(days=days) for days in (30, 37, 44)],
            address="1 Main Street\nRochester, MN",
        )

    @cached_property
    def onsite_proposed_a(self) -> OnsiteRequest:
        return services.propose_onsite(
            actor=self._fixture("staff"),
            onsite=self.onsite_requested_a,
            starts_at=_days_ahead(30),
            ends_at=_days_ahead(30, hour=20),
            trainers=[self.onsite_trainer],
            quote_cents=250_000,
        )

    @cached_property
    def onsite_delivered_ready_a(self) -> OnsiteRequest:
        """Accepted, its session yesterday: ready to be marked delivered."""
        onsite = services.accept_onsite(actor=self.admin_a, onsite=self.onsite_proposed_a)
        OnsiteRequest.objects.filter(pk=onsite.pk).update(
            starts_at=_days_ahead(-1), ends_at=_days_ahead(-1, hour=20)
        )
        return onsite

    def onsite_status(self) -> str:
        return OnsiteRequest.objects.get(pk=self.onsite_requested_a.pk).status


def _requested(world) -> str:
    return str(world.onsite_requested_a.public_id)


def _proposed(world) -> str:
    return str(world.onsite_proposed_a.public_id)


def _ready(world) -> str:
    return str(world.onsite_delivered_ready_a.public_id)


def _new_request(world) -> dict:
    today = timezone.localdate()
    return {
        "organization": str(world.org_a.public_id),
        "topics": [str(topic.pk) for topic in topics()],
        "audience": "Nurse managers",
        "expected_attendees": "20",
        **{f"preferred_date_{n}": (today + timedelta(days=20 + n)).isoformat() for n in (1, 2, 3)},
        "address": "1 Main Street\nRochester, MN",
    }


# Viewing a request: its organization's admins and staff; others cannot tell it exists.
ONSITE_VIEWERS = only(ADMIN_A, STAFF, grant=ALLOW, deny=NOT_FOUND)
# Answering: the organization's admins; staff see the request but may not answer for them.
ONSITE_ANSWER = only(ADMIN_A, grant=DONE, deny=NOT_FOUND) | {STAFF: FORBIDDEN}
# A new request: admins of an organization; someone administering none is refused (403), an
# admin naming another's organization gets the form back (400).
NEW_REQUEST = roles(FORBIDDEN, visitor=LOGIN, admin_a=DONE, admin_b=status(400))

ROWS: dict[str, tuple[Case, ...]] = {
    "training:onsite_list": (get(named("training:onsite_list"), SIGNED_IN),),
    "training:onsite_new": (
        get(named("training:onsite_new"), SIGNED_IN),
        post(
            named("training:onsite_new"),
            NEW_REQUEST,
            data=_new_request,
            effect=lambda world: OnsiteRequest.objects.filter(organization=world.org_a).exists(),
        ),
    ),
    "training:onsite_detail": (get(named("training:onsite_detail", _requested), ONSITE_VIEWERS),),
    "training:onsite_accept": post_only(
        named("training:onsite_accept", _proposed),
        ONSITE_ANSWER,
        effect=lambda world: world.onsite_status() == OnsiteStatus.ACCEPTED,
    ),
    "training:onsite_decline": post_only(
        named("training:onsite_decline", _proposed),
        ONSITE_ANSWER,
        data=lambda world: {"reason": "The date clashes with our survey."},
        effect=lambda world: world.onsite_status() == OnsiteStatus.DECLINED,
    ),
    "training:onsite_withdraw": post_only(
        named("training:onsite_withdraw", _requested),
        ONSITE_ANSWER,
        data=lambda world: {"reason": ""},
        effect=lambda world: world.onsite_status() == OnsiteStatus.WITHDRAWN,
    ),
    "training:staff_onsite": (get(named("training:staff_onsite"), STAFF_ONLY),),
    "training:staff_onsite_detail": (
        get(named("training:staff_onsite_detail", _requested), STAFF_ONLY),
    ),
    "training:staff_onsite_propose": post_only(
        named("training:staff_onsite_propose", _requested),
        STAFF_ONLY_ACTION,
        data=lambda world: {
            "date": (timezone.localdate() + timedelta(days=30)).isoformat(),
            "starts_at": "09:00",
            "ends_at": "15:00",
            "trainers": [str(world.onsite_trainer.public_id)],
            "quote": "2500.00",
        },
        effect=lambda world: world.onsite_status() == OnsiteStatus.PROPOSED,
    ),
    "training:staff_onsite_deliver": post_only(
        named("training:staff_onsite_deliver", _ready),
        STAFF_ONLY_ACTION,
        data=lambda world: {"attendees_count": "10", "trainer_notes": "Went well."},
        effect=lambda world: world.onsite_status() == OnsiteStatus.DELIVERED,
    ),
}
