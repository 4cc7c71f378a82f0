"""The daily digest: each "daily" person gets ONE email listing their notifications of the last
day not yet emailed, grouped by thread; a second run sends nothing; "immediately", "never",
people who left the list and notifications older than a day are left out; a batch of people
takes the same queries for few or many. The beat task sends only at 07:00 center time."""

from datetime import UTC, date, datetime, timedelta

import pytest

from socialrx.community.models import EmailMode, Notification
from socialrx.community.services import notification_emails, notify
from socialrx.community.tasks import send_daily_digests
from socialrx.core import mailing
from socialrx.membership.models import Membership
from tests.community.factories import make_thread
from tests.community.notification_support import (
    make_forum,
    person,
    prefer,
)

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

NOW = datetime(2026, 3, 10, 13, 0, tzinfo=UTC)  # 07:00 in Chicago (CST)


@pytest.fixture
def forum():
    return make_forum()


def _note(user, thread, text, *, hours_ago=2, emailed=False):
    post = thread.posts.order_by("number").last()
    notification = Notification.objects.create(
        user=user, kind="reply", thread=thread, post=post, text=text
    )
    Notification.objects.filter(pk=notification.pk).update(
        created_at=NOW - timedelta(hours=hours_ago), emailed_at=NOW if emailed else None
    )
    return notification


def _send(django_capture_on_commit_callbacks, **kwargs) -> int:
    with django_capture_on_commit_callbacks(execute=True):
        return notification_emails.send_daily_digests(now=NOW, **kwargs)


def test_each_daily_person_gets_one_email_grouped_by_thread(
    forum, mailoutbox, django_capture_on_commit_callbacks, settings
):
    settings.SITE_URL = "https://socialrx.example"
    other = make_thread(category=forum.category, author=forum.carol, title="Thank-you cards")
    prefer(forum.bob, EmailMode.DAILY)
    first = _note(forum.bob, forum.thread, "Alice Moreno replied in the nurse thread")
    second = _note(forum.bob, other, "Carol Nguyen replied in Thank-you cards", hours_ago=5)
    third = _note(forum.bob, forum.thread, "Rita Asker replied in the nurse thread", hours_ago=1)
    _note(forum.bob, forum.thread, "Too old", hours_ago=30)
    _note(forum.bob, forum.thread, "Sent already", emailed=True)

    assert _send(django_capture_on_commit_callbacks) == 1

    [email] = mailoutbox
    assert email.to == [forum.bob.email]
    assert email.subject == (
        "3 new forum notifications: Answering a review that names a nurse, Thank-you cards"
    )
    assert email.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    body = email.body
    assert body.index("Answering a review that names a nurse") < body.index(
        "- Alice Moreno replied in the nurse thread"
    )
    assert body.index("- Alice Moreno replied in the nurse thread") < body.index(
        "- Rita Asker replied in the nurse thread"
    )
    assert body.index("- Rita Asker replied in the nurse thread") < body.index("Thank-you cards\n")
    assert "Too old" not in body and "Sent already" not in body
    assert f"https://socialrx.example/community/notifications/{second.pk}/" in body
    emailed = Notification.objects.filter(pk__in=[first.pk, second.pk, third.pk])
    assert set(emailed.values_list("emailed_at", flat=True)) == {NOW}


def test_a_second_run_sends_nothing(forum, mailoutbox, django_capture_on_commit_callbacks):
    prefer(forum.bob, EmailMode.DAILY)
    _note(forum.bob, forum.thread, "Alice Moreno replied")

    assert _send(django_capture_on_commit_callbacks) == 1
    assert _send(django_capture_on_commit_callbacks) == 0
    assert len(mailoutbox) == 1


def test_immediately_never_and_unsubscribed_people_get_no_digest(
    forum, mailoutbox, django_capture_on_commit_callbacks
):
    prefer(forum.alice, EmailMode.NEVER)
    prefer(forum.carol, EmailMode.DAILY)
    mailing.opt_out(forum.carol, "community.notifications")
    for someone in (forum.alice, forum.bob, forum.carol):  # Bob: immediately (no row)
        _note(someone, forum.thread, "Someone replied")

    assert _send(django_capture_on_commit_callbacks) == 0
    assert mailoutbox == []


def test_a_daily_person_who_lost_membership_gets_no_digest(
    forum, mailoutbox, django_capture_on_commit_callbacks
):
    prefer(forum.outsider, EmailMode.DAILY)
    _note(forum.outsider, forum.thread, "Someone replied")

    assert _send(django_capture_on_commit_callbacks) == 0


def test_a_moderators_notice_about_ones_own_post_reaches_the_digest(
    forum, mailoutbox, django_capture_on_commit_callbacks
):
    prefer(forum.asker, EmailMode.DAILY)
    with django_capture_on_commit_callbacks(execute=True):
        notify.notify_author(
            thread=forum.thread,
            actor=forum.moderator,
            text="A moderator locked your thread “Answering a review that names a nurse”",
        )
    Notification.objects.update(created_at=NOW - timedelta(hours=1))

    assert _send(django_capture_on_commit_callbacks) == 1
    assert "A moderator locked your thread" in mailoutbox[0].body


def _queries_for(forum, people, django_assert_num_queries, django_capture_on_commit_callbacks):
    for number in range(people):
        someone = person(forum.riverside, f"Daily reader {number}")
        prefer(someone, EmailMode.DAILY)
        _note(someone, forum.thread, "Alice Moreno replied")
        _note(someone, forum.thread, "Bob Lindqvist replied")
    # People to write to; then the batch: lock the rows, opt-outs, people, seats, memberships,
    # mark them emailed; the savepoint of the batch's transaction (2).
    with django_assert_num_queries(9), django_capture_on_commit_callbacks(execute=False):
        sent = notification_emails.send_daily_digests(now=NOW)
    return sent


@pytest.mark.parametrize("people", [2, 7])
def test_a_batch_takes_the_same_queries_for_few_or_many_people(
    forum, people, django_assert_num_queries, django_capture_on_commit_callbacks
):
    assert (
        _queries_for(forum, people, django_assert_num_queries, django_capture_on_commit_callbacks)
        == people
    )


def test_people_are_taken_in_batches_one_email_each(
    forum, mailoutbox, django_capture_on_commit_callbacks
):
    for number in range(5):
        someone = person(forum.riverside, f"Daily reader {number}")
        prefer(someone, EmailMode.DAILY)
        _note(someone, forum.thread, "Alice Moreno replied")
        _note(someone, forum.thread, "Bob Lindqvist replied")

    assert _send(django_capture_on_commit_callbacks, batch_size=2) == 5
    assert len(mailoutbox) == 5


def test_the_beat_task_sends_only_at_seven_center_time(
    forum, mailoutbox, time_machine, django_capture_on_commit_callbacks
):
    prefer(forum.bob, EmailMode.DAILY)
    _note(forum.bob, forum.thread, "Alice Moreno replied")
    Notification.objects.update(created_at=datetime(2026, 7, 10, 10, 0, tzinfo=UTC))
    Membership.objects.update(covered_from=date(2026, 1, 1), covered_until=date(2026, 12, 31))

    time_machine.move_to(datetime(2026, 7, 10, 13, 0, tzinfo=UTC), tick=False)  # 08:00 CDT
    assert send_daily_digests.delay(at_center_hour=7).get() == 0
    time_machine.move_to(datetime(2026, 7, 10, 12, 0, tzinfo=UTC), tick=False)  # 07:00 CDT
    with django_capture_on_commit_callbacks(execute=True):
        assert send_daily_digests.delay(at_center_hour=7).get() == 1
    assert len(mailoutbox) == 1
