"""Flagging under real concurrency on PostgreSQL: a double click (or two tabs) flagging the same
post makes one flag, one audit row and one email to the moderators; the others are told they
already flagged it. Two members flagging the same post at once make two flags and one email."""

import pytest
from django.db import close_old_connections

from socialrx.community.models import Flag, Post
from socialrx.community.services.moderation import AlreadyFlagged, flag_post
from socialrx.core.models import AuditEvent
from tests.community.factories import make_category, make_thread, member_org
from tests.concurrency import require_postgres, run_at_once
from tests.factories import StaffFactory

pytestmark = [pytest.mark.integration, pytest.mark.postgres]


@pytest.fixture(autouse=True)
def _needs_postgres(transactional_db):
    require_postgres()


@pytest.fixture
def world():
    _, author, member = member_org("Riverside Medical Center")
    _, _, other = member_org("Lakeside Family Physicians")
    StaffFactory(email="moderator@example-health.org")
    thread = make_thread(
        category=make_category(name="Reviews", slug="reviews"),
        author=author,
        replies=[(author, "Call Jane Roe at 555-0134.")],
    )
    return Post.objects.get(thread=thread, number=2), member, other


def test_a_double_click_flags_once(world, mailoutbox):
    post, member, _ = world

    def flag(index):
        close_old_connections()
        return flag_post(actor=member, post=post, reason="patient_information")

    results = run_at_once(4, flag)

    flags = [r for r in results if isinstance(r, Flag)]
    refused = [r for r in results if isinstance(r, AlreadyFlagged)]
    assert (len(flags), len(refused)) == (1, 3), results
    assert Flag.objects.filter(post=post).count() == 1
    assert AuditEvent.objects.filter(action="community.flag.raised").count() == 1
    assert [email.to for email in mailoutbox] == [["moderator@example-health.org"]]


def test_two_members_at_once_make_two_flags_and_one_email(world, mailoutbox):
    post, member, other = world
    people = [member, other]

    def flag(index):
        close_old_connections()
        return flag_post(actor=people[index], post=post, reason="spam")

    results = run_at_once(2, flag)

    assert all(isinstance(r, Flag) for r in results), results
    assert Flag.objects.filter(post=post).count() == 2
    assert len(mailoutbox) == 1
