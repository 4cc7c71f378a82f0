"""The 80 % and 100 % warnings: exactly one email at the session that crosses each line, none
again while nothing changes, and both re-armed when hours are bought. Their links are
absolute. Figures are worked by hand in the comments."""

from __future__ import annotations

from decimal import Decimal

import pytest

from socialrx.coaching.services.engagements import create_engagement
from tests.coaching.engagement_support import buy_hours, hold
from tests.coaching.factories import make_coach, member_org

pytestmark = [pytest.mark.django_db, pytest.mark.integration]

TITLE = "Launching the physician video series"


@pytest.fixture
def world(staff, settings):
    settings.SITE_URL = "https://socialrx.example/"
    organization, admin, _member = member_org("Riverside Medical Center")
    coach = make_coach(full_name="Maya Okafor")
    engagement = create_engagement(
        actor=staff,
        organization=organization,
        kind="coaching",
        title=TITLE,
        goals="",
        coaches=[coach.user],
        plan_hours=Decimal(5),
        status="active",
    )
    buy_hours(engagement, admin, staff, 3)
    return engagement, admin


def _held(engagement, minutes, capture, outbox) -> list[str]:
    """Hold one session of `minutes`; the subjects of the warnings it sent (each warning goes
    as two messages, one to the organization's admins and one to staff: listed once)."""
    outbox.clear()
    with capture(execute=True):
        hold(engagement, minutes)
    return list(dict.fromkeys(message.subject for message in outbox))


def test_one_email_at_80_percent_one_at_100_and_none_again(
    world, staff, django_capture_on_commit_callbacks, mailoutbox
):
    engagement, admin = world
    capture = django_capture_on_commit_callbacks
    # Allowance: 5 h plan + 3 h package = 8 h = 480 min; 80 % of it is 384 min (6 h 24).
    for _ in range(6):  # 6 h = 360 min = 75 %: no warning yet
        assert _held(engagement, 60, capture, mailoutbox) == []

    # 360 + 30 = 390 min: 390 / 480 = 81.25 %, the first session past 6 h 24.
    assert _held(engagement, 30, capture, mailoutbox) == [
        f"81 % of the coaching hours used: {TITLE}"
    ]
    # The admins and center staff each get their own message: neither sees the other's address.
    assert sorted(message.to for message in mailoutbox) == sorted([[admin.email], [staff.email]])
    message = next(m for m in mailoutbox if m.to == [admin.email])
    assert "6 h 30 min of 8 h, 1 h 30 min left" in message.body
    path = f"/coaching/engagements/{engagement.public_id}/"
    assert f"https://socialrx.example{path}\n" in message.body
    assert f"https://socialrx.example{path}hours/\n" in message.body
    html = message.alternatives[0][0]
    assert f'href="https://socialrx.example{path}hours/"' in html

    # 390 + 60 = 450 min (93 %): warned already.
    assert _held(engagement, 60, capture, mailoutbox) == []
    # 450 + 30 = 480 min: 100 %.
    assert _held(engagement, 30, capture, mailoutbox) == [f"All coaching hours used: {TITLE}"]
    assert "8 h of 8 h" in mailoutbox[0].body
    # 480 + 30 = 510: past 100 %, warned already.
    assert _held(engagement, 30, capture, mailoutbox) == []


def test_buying_hours_rearms_both_warnings(
    world, staff, django_capture_on_commit_callbacks, mailoutbox
):
    engagement, admin = world
    capture = django_capture_on_commit_callbacks
    for _ in range(8):  # 480 of 480 min: both warnings sent
        _held(engagement, 60, capture, mailoutbox)
    engagement.refresh_from_db()
    assert engagement.warned_80_at is not None and engagement.warned_100_at is not None

    buy_hours(engagement, admin, staff, 3)

    # 480 used of 480 + 180 = 660 min: 72 %, below 80 %: both re-armed.
    engagement.refresh_from_db()
    assert (engagement.warned_80_at, engagement.warned_100_at) == (None, None)
    # 480 + 60 = 540 min: 540 / 660 = 81.8 %: warned again.
    assert _held(engagement, 60, capture, mailoutbox) == [
        f"81 % of the coaching hours used: {TITLE}"
    ]


def test_hours_bought_that_still_leave_80_percent_used_rearm_only_the_100_warning(
    world, staff, django_capture_on_commit_callbacks, mailoutbox
):
    engagement, admin = world
    capture = django_capture_on_commit_callbacks
    for _ in range(8):  # 480 of 480 min
        _held(engagement, 60, capture, mailoutbox)

    buy_hours(engagement, admin, staff, 1)

    # 480 of 540 min: 88 %: still past 80 % (no new 80 % email), below 100 % again.
    engagement.refresh_from_db()
    assert engagement.warned_80_at is not None
    assert engagement.warned_100_at is None
    # 480 + 60 = 540 of 540: 100 % again, one email.
    assert _held(engagement, 60, capture, mailoutbox) == [f"All coaching hours used: {TITLE}"]
