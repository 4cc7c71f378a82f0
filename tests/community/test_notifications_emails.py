"""Notification emails: "immediately" (the default) sends one email per notification from ONE
task per post, with the one-click unsubscribe headers; "daily" waits for the digest; "never"
and people who left the list get none."""

import pytest
from django.test import Client

from socialrx.community.models import EmailMode, Notification
from socialrx.community.services import forums, notification_emails
from socialrx.core import mailing
from tests.community.notification_support import (
    follow,
    make_forum,
    prefer,
)

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

TITLE = "Answering a review that names a nurse"


@pytest.fixture
def forum():
    return make_forum()


def _reply(forum, body, django_capture_on_commit_callbacks, actor=None):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        post = forums.reply(actor=actor or forum.alice, thread=forum.thread, body=body)
    return post, callbacks


def _tasks(callbacks) -> list:
    return [c for c in callbacks if isinstance(c, notification_emails._PendingEmails)]


def test_a_follower_gets_one_email_with_the_post_and_one_click_unsubscribe(
    forum, mailoutbox, django_capture_on_commit_callbacks, settings
):
    settings.SITE_URL = "https://socialrx.example"
    follow(forum.bob, thread=forum.thread)

    post, _ = _reply(
        forum,
        "We thank them **publicly** and never name staff.",
        django_capture_on_commit_callbacks,
    )

    [email] = mailoutbox
    notification = Notification.objects.get(user=forum.bob)
    assert email.to == [forum.bob.email]
    assert email.subject == f"Alice Moreno replied in “{TITLE}”"
    assert email.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    header = email.extra_headers["List-Unsubscribe"]
    assert header.startswith("<https://socialrx.example/email/unsubscribe/")
    assert header.endswith("/>")
    assert TITLE in email.body
    assert "> We thank them publicly and never name staff." in email.body
    assert (
        f"Read it: https://socialrx.example/community/notifications/{notification.pk}/"
        in email.body
    )
    assert f"You get this because you follow the thread “{TITLE}”." in email.body
    assert "https://socialrx.example/community/settings/" in email.body
    assert notification.emailed_at is not None


def test_the_emails_unsubscribe_header_takes_the_person_off_this_list_only(
    forum, mailoutbox, django_capture_on_commit_callbacks, settings
):
    settings.SITE_URL = "https://socialrx.example"
    follow(forum.bob, thread=forum.thread)
    _reply(forum, "We thank them publicly.", django_capture_on_commit_callbacks)
    [email] = mailoutbox
    link = email.extra_headers["List-Unsubscribe"].removeprefix("<").removesuffix(">")
    mail_program = Client(enforce_csrf_checks=True)  # no cookie, no CSRF token

    response = mail_program.post(
        link.removeprefix("https://socialrx.example"),
        data="List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )

    assert response.status_code == 200
    assert mailing.is_subscribed(forum.bob, "community.notifications") is False
    assert mailing.is_subscribed(forum.bob, "library.digest") is True
    assert mailing.is_subscribed(forum.alice, "community.notifications") is True


def test_one_task_per_post_even_with_followers_and_mentions(
    forum, mailoutbox, django_capture_on_commit_callbacks
):
    follow(forum.bob, thread=forum.thread)
    follow(forum.asker, thread=forum.thread)

    _, callbacks = _reply(
        forum,
        '@"Carol Nguyen" and @"Bob Lindqvist" saw this too.',
        django_capture_on_commit_callbacks,
    )

    assert len(_tasks(callbacks)) == 1
    assert sorted((e.to[0], e.subject) for e in mailoutbox) == sorted(
        [
            (forum.asker.email, f"Alice Moreno replied in “{TITLE}”"),
            (forum.bob.email, f"Alice Moreno mentioned you in “{TITLE}”"),
            (forum.carol.email, f"Alice Moreno mentioned you in “{TITLE}”"),
        ]
    )


def test_daily_and_never_people_get_no_immediate_email(
    forum, mailoutbox, django_capture_on_commit_callbacks
):
    for someone, mode in ((forum.bob, EmailMode.DAILY), (forum.carol, EmailMode.NEVER)):
        follow(someone, thread=forum.thread)
        prefer(someone, mode)

    _reply(forum, "Thank them, no names.", django_capture_on_commit_callbacks)

    assert mailoutbox == []
    assert Notification.objects.filter(emailed_at__isnull=True).count() == 2


def test_a_person_who_left_the_list_gets_no_email_but_keeps_the_notification(
    forum, mailoutbox, django_capture_on_commit_callbacks
):
    follow(forum.bob, thread=forum.thread)
    follow(forum.carol, thread=forum.thread)
    mailing.opt_out(forum.bob, "community.notifications")

    _reply(forum, "Thank them, no names.", django_capture_on_commit_callbacks)

    assert [email.to for email in mailoutbox] == [[forum.carol.email]]
    bobs = Notification.objects.get(user=forum.bob)
    assert bobs.emailed_at is None


def test_a_notification_is_emailed_once_even_if_the_task_runs_twice(
    forum, mailoutbox, django_capture_on_commit_callbacks
):
    follow(forum.bob, thread=forum.thread)
    post, _ = _reply(forum, "Thank them.", django_capture_on_commit_callbacks)
    ids = list(Notification.objects.filter(post=post).values_list("pk", flat=True))
    assert len(mailoutbox) == 1

    with django_capture_on_commit_callbacks(execute=True):
        assert notification_emails.send_immediate(ids) == 0

    assert len(mailoutbox) == 1


def test_nothing_is_sent_when_the_post_is_rolled_back(forum, mailoutbox):
    from django.db import transaction

    follow(forum.bob, thread=forum.thread)
    with pytest.raises(RuntimeError), transaction.atomic():
        forums.reply(actor=forum.alice, thread=forum.thread, body="Thank them.")
        raise RuntimeError("the request failed after the reply")

    assert mailoutbox == []
    assert not Notification.objects.exists()
