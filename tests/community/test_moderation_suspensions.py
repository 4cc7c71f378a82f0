"""Suspending a member from posting: while it is in force `community.post` refuses them (they
still read), lifting it (or its end) restores it; both are audited; one in force at a time;
nobody suspends themself or center staff, nor into the past."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from socialrx.community.models import Suspension
from socialrx.community.services import forums, suspensions
from socialrx.core.calendar import center_today
from socialrx.core.errors import Conflict, DomainError
from socialrx.core.models import AuditEvent
from socialrx.core.permissions import allowed
from tests.community.notification_support import make_forum

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def forum():
    return make_forum()


def test_a_suspended_member_may_not_post_until_it_is_lifted(forum):
    member = forum.alice
    assert allowed(member, "community.post", forum.thread)  # the fact is cached from now on

    suspension = suspensions.suspend(
        actor=forum.moderator, person=member, reason="Shared a patient's photo"
    )

    assert not allowed(member, "community.post", forum.thread)
    assert not allowed(member, "community.post", forum.category)
    assert allowed(member, "community.read_thread", forum.thread)
    with pytest.raises(forums.Suspended):
        forums.reply(actor=member, thread=forum.thread, body="Still here.")

    suspensions.lift(actor=forum.moderator, suspension=suspension)

    assert allowed(member, "community.post", forum.thread)
    actions = AuditEvent.objects.filter(action__startswith="community.member.").order_by("pk")
    assert [(e.action, e.actor) for e in actions] == [
        ("community.member.suspended", forum.moderator),
        ("community.member.unsuspended", forum.moderator),
    ]
    assert actions[0].after["reason"] == "Shared a patient's photo"


def test_a_suspension_until_a_day_covers_that_whole_day(forum):
    today = center_today()

    suspension = suspensions.suspend(
        actor=forum.moderator, person=forum.alice, reason="Spam", until=today
    )

    chicago = ZoneInfo("America/Chicago")
    next_midnight = datetime.combine(today + timedelta(days=1), datetime.min.time(), chicago)
    assert suspension.until == next_midnight
    assert not allowed(forum.alice, "community.post", forum.thread)


def test_a_suspension_that_ran_out_no_longer_counts(forum):
    Suspension.objects.create(
        user=forum.alice,
        reason="Spam",
        until=timezone.now() - timedelta(minutes=1),
        created_by=forum.moderator,
    )

    assert allowed(forum.alice, "community.post", forum.thread)


def test_a_member_is_suspended_once_at_a_time(forum):
    suspensions.suspend(actor=forum.moderator, person=forum.alice, reason="Spam")

    with pytest.raises(Conflict):
        suspensions.suspend(actor=forum.moderator, person=forum.alice, reason="Again")

    assert Suspension.objects.filter(user=forum.alice).count() == 1


@pytest.mark.parametrize(
    ("who", "until", "field"),
    [
        ("moderator", None, "email"),  # themself
        ("staff", None, "email"),
        ("alice", date(2020, 1, 1), "until"),
    ],
)
def test_refused_suspensions_write_nothing(forum, who, until, field):
    from tests.factories import StaffFactory

    person = {"moderator": forum.moderator, "alice": forum.alice}.get(who) or StaffFactory()

    with pytest.raises(DomainError) as refused:
        suspensions.suspend(actor=forum.moderator, person=person, reason="Spam", until=until)

    assert refused.value.field == field
    assert not Suspension.objects.exists()
    assert not AuditEvent.objects.filter(action="community.member.suspended").exists()


MAY_3_2026 = datetime(2026, 5, 3, 15, 0, tzinfo=ZoneInfo("America/Chicago"))


@pytest.mark.parametrize("until", [date(2031, 5, 4), date(9999, 12, 31)])
def test_a_suspension_more_than_five_years_ahead_is_refused_naming_the_last_day(forum, until):
    with time_machine.travel(MAY_3_2026, tick=False), pytest.raises(DomainError) as refused:
        suspensions.suspend(actor=forum.moderator, person=forum.alice, reason="Spam", until=until)

    assert refused.value.field == "until"
    assert refused.value.message == (
        "Choose a day at most 5 years ahead (by May 3, 2031), or leave it empty to suspend "
        "until a moderator lifts it."
    )
    assert not Suspension.objects.exists()


def test_a_suspension_to_the_last_day_allowed_is_made(forum):
    with time_machine.travel(MAY_3_2026, tick=False):
        suspension = suspensions.suspend(
            actor=forum.moderator, person=forum.alice, reason="Spam", until=date(2031, 5, 3)
        )

    chicago = ZoneInfo("America/Chicago")
    assert suspension.until == datetime(2031, 5, 4, 0, 0, tzinfo=chicago)


def test_a_reason_is_required(forum):
    with pytest.raises(DomainError) as refused:
        suspensions.suspend(actor=forum.moderator, person=forum.alice, reason=" ")
    assert refused.value.field == "reason"


def test_lifting_one_no_longer_in_force_is_refused(forum):
    suspension = suspensions.suspend(actor=forum.moderator, person=forum.alice, reason="Spam")
    suspensions.lift(actor=forum.moderator, suspension=suspension)

    with pytest.raises(Conflict):
        suspensions.lift(actor=forum.moderator, suspension=suspension)


def test_only_moderators_suspend(forum):
    with pytest.raises(PermissionDenied):
        suspensions.suspend(actor=forum.asker, person=forum.alice, reason="I disagree")
