"""The daily reminder of overdue action items, on a fixed day: who gets which email (owners;
the organization's admins for items nobody owns or whose owner left), what is left out (done,
due today, already reminded today), and a second run the same day sending nothing."""

from datetime import date, timedelta

import pytest

from socialrx.coaching.models import ActionItem
from socialrx.coaching.reminders import remind_overdue
from socialrx.coaching.tasks import remind_overdue_action_items
from socialrx.core.calendar import center_today
from tests.coaching.factories import make_coach, make_engagement, member_org
from tests.factories import SeatFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

TODAY = date(2026, 3, 10)


def _item(engagement, title: str, due_on: date, owner=None, **fields) -> ActionItem:
    return ActionItem.objects.create(
        engagement=engagement, title=title, owner=owner, due_on=due_on, **fields
    )


@pytest.fixture
def world():
    riverside, riverside_admin, member = member_org("Riverside Medical Center")
    lakeside, lakeside_admin, _ = member_org("Lakeside Family Physicians")
    second_lakeside_admin = SeatFactory(organization=lakeside, role="admin").user
    coach = make_coach(full_name="Dana Whitfield").user
    videos = make_engagement(riverside, [coach], title="Launching the physician video series")
    crisis = make_engagement(lakeside, [coach], title="Crisis readiness")
    gone = SeatFactory(organization=riverside).user
    gone.is_active = False
    gone.save(update_fields=["is_active"])

    _item(videos, "Draft the policy", date(2026, 3, 7), owner=member)
    _item(videos, "Film the intro", date(2026, 3, 9), owner=member)
    _item(videos, "Send the examples", date(2026, 3, 1), owner=coach)
    _item(videos, "Book the film crew", date(2026, 3, 5))
    _item(videos, "Brief the press office", date(2026, 3, 3), owner=gone)
    _item(crisis, "Write the crisis plan", date(2026, 3, 8))
    # Left out today:
    _item(videos, "Due today", date(2026, 3, 10), owner=member)
    _item(
        videos,
        "Done already",
        date(2026, 3, 1),
        owner=member,
        done_at="2026-03-02T15:00:00Z",
        done_by=member,
    )
    _item(videos, "Reminded today", date(2026, 3, 2), owner=member, reminded_on=TODAY)
    return {
        "member": member,
        "coach": coach,
        "riverside_admin": riverside_admin,
        "lakeside_admin": lakeside_admin,
        "second_lakeside_admin": second_lakeside_admin,
    }


def _by_recipient(mailoutbox) -> dict[str, object]:
    assert all(len(email.to) == 1 for email in mailoutbox)
    return {email.to[0]: email for email in mailoutbox}


def test_each_person_gets_one_email_listing_their_overdue_items(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        sent = remind_overdue(today=TODAY)

    assert sent == 5
    emails = _by_recipient(mailoutbox)
    assert sorted(emails) == sorted(
        person.email
        for person in (
            world["member"],
            world["coach"],
            world["riverside_admin"],
            world["lakeside_admin"],
            world["second_lakeside_admin"],
        )
    )
    to_member = emails[world["member"].email]
    assert to_member.subject == "2 action items are overdue: Launching the physician video series"
    assert "- Draft the policy: due March 7, 2026, overdue by 3 days\n" in to_member.body
    assert "- Film the intro: due March 9, 2026, overdue by 1 day\n" in to_member.body
    assert "Due today" not in to_member.body
    assert "Done already" not in to_member.body
    assert "Reminded today" not in to_member.body
    assert "How to stop these reminders: tick an item off" in to_member.body

    to_coach = emails[world["coach"].email]
    assert to_coach.subject == "An action item is overdue: Launching the physician video series"
    assert "- Send the examples: due March 1, 2026, overdue by 9 days\n" in to_coach.body

    # Nobody owns it, or its owner left: the organization's admins.
    to_riverside = emails[world["riverside_admin"].email]
    assert (
        "- Book the film crew: due March 5, 2026, overdue by 5 days (nobody owns it yet)\n"
    ) in to_riverside.body
    assert "- Brief the press office: due March 3, 2026, overdue by 7 days\n" in (to_riverside.body)
    for admin in ("lakeside_admin", "second_lakeside_admin"):
        email = emails[world[admin].email]
        assert email.subject == "An action item is overdue: Crisis readiness"
        assert "Write the crisis plan" in email.body
        assert "Launching the physician video series" not in email.body


def test_the_email_links_to_the_engagement(world, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        remind_overdue(today=TODAY)

    videos = ActionItem.objects.get(title="Draft the policy").engagement
    to_member = _by_recipient(mailoutbox)[world["member"].email]
    assert f"/coaching/engagements/{videos.public_id}/" in to_member.body
    assert (
        f'/coaching/engagements/{videos.public_id}/">See and tick them off</a>'
        in (to_member.alternatives[0][0])
    )


def test_a_second_run_the_same_day_sends_nothing(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        remind_overdue(today=TODAY)
        again = remind_overdue(today=TODAY)

    assert again == 0
    assert len(mailoutbox) == 5
    assert set(
        ActionItem.objects.filter(due_on__lt=TODAY, done_at__isnull=True).values_list(
            "reminded_on", flat=True
        )
    ) == {TODAY}


def test_the_next_day_reminds_again_with_the_item_that_became_overdue(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        remind_overdue(today=TODAY)
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        sent = remind_overdue(today=TODAY + timedelta(days=1))

    assert sent == 5
    to_member = _by_recipient(mailoutbox)[world["member"].email]
    assert to_member.subject == "4 action items are overdue: Launching the physician video series"
    assert "- Due today: due March 10, 2026, overdue by 1 day\n" in to_member.body
    assert "- Reminded today: due March 2, 2026, overdue by 9 days\n" in to_member.body


def test_ticking_an_item_off_stops_its_reminders(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    ActionItem.objects.exclude(title="Draft the policy").update(done_at="2026-03-09T12:00:00Z")

    with django_capture_on_commit_callbacks(execute=True):
        sent = remind_overdue(today=TODAY)

    assert sent == 1
    assert [email.to for email in mailoutbox] == [[world["member"].email]]
    ActionItem.objects.filter(title="Draft the policy").update(done_at="2026-03-10T12:00:00Z")
    assert remind_overdue(today=TODAY + timedelta(days=1)) == 0


def test_nothing_overdue_sends_nothing(db, mailoutbox):
    assert remind_overdue(today=TODAY) == 0
    assert mailoutbox == []


def test_the_daily_task_reminds_as_of_the_centers_today(
    db, mailoutbox, django_capture_on_commit_callbacks
):
    organization, _, member = member_org("Riverside Medical Center")
    engagement = make_engagement(organization, [make_coach()])
    _item(engagement, "Late", center_today() - timedelta(days=2), owner=member)

    with django_capture_on_commit_callbacks(execute=True):
        sent = remind_overdue_action_items()

    assert sent == 1
    assert [email.to for email in mailoutbox] == [[member.email]]
