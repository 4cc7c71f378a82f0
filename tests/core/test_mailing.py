"""core.mailing: who receives a mailing list, leaving and joining it (audited, idempotent), the
signed unsubscribe link, and the list email with its RFC 8058 one-click headers."""

from __future__ import annotations

import pytest
from django.core import signing

from socialrx.core import mailing
from socialrx.core.errors import DomainError, NotFound
from socialrx.core.mailing import BadUnsubscribeLink
from socialrx.core.models import AuditEvent, EmailOptOut
from tests.factories import UserFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


# --- who receives a list ----------------------------------------------------------------------


def test_everyone_receives_a_list_until_they_leave_it(user):
    assert mailing.is_subscribed(user, "library.digest") is True

    assert mailing.opt_out(user, "library.digest") is True

    assert mailing.is_subscribed(user, "library.digest") is False
    assert mailing.is_subscribed(user, "community.notifications") is True


def test_leaving_twice_changes_nothing_the_second_time(user):
    assert mailing.opt_out(user, "library.digest") is True
    assert mailing.opt_out(user, "library.digest") is False

    assert EmailOptOut.objects.filter(user=user).count() == 1
    assert AuditEvent.objects.filter(action="core.email_preference.changed").count() == 1


def test_leaving_and_joining_are_audited(user):
    mailing.opt_out(user, "library.digest", via="email link")
    mailing.opt_in(user, "library.digest")
    assert mailing.opt_in(user, "library.digest") is False  # nothing to join again

    events = list(AuditEvent.objects.filter(action="core.email_preference.changed").order_by("id"))
    assert [(e.actor_id, e.target_type, e.target_id) for e in events] == [
        (user.pk, "accounts.user", str(user.pk)),
        (user.pk, "accounts.user", str(user.pk)),
    ]
    assert [e.after for e in events] == [
        {"stream": "library.digest", "subscribed": False, "via": "email link"},
        {"stream": "library.digest", "subscribed": True, "via": "preferences"},
    ]
    assert mailing.is_subscribed(user, "library.digest") is True


def test_a_list_key_longer_than_the_column_is_refused(user):
    with pytest.raises(DomainError, match="No such mailing list"):
        mailing.opt_out(user, "library." + "x" * 80)
    assert not EmailOptOut.objects.exists()


@pytest.mark.parametrize("people", [2, 6])
def test_subscribed_user_ids_is_one_query(people, django_assert_num_queries):
    persons = UserFactory.create_batch(people)
    for person in persons[::2]:
        mailing.opt_out(person, "library.digest")
    mailing.opt_out(persons[1], "community.notifications")  # another list: no effect
    ids = [person.pk for person in persons]

    with django_assert_num_queries(1):
        found = mailing.subscribed_user_ids(ids, "library.digest")

    assert found == {person.pk for person in persons[1::2]}


def test_subscribed_user_ids_of_nobody_asks_nothing(django_assert_num_queries):
    with django_assert_num_queries(0):
        assert mailing.subscribed_user_ids([], "library.digest") == set()


def test_the_preferences_keep_the_ticked_lists(user, declared_streams):
    mailing.opt_out(user, "community.notifications")

    changed = mailing.save_preferences(user, subscribed=["community.notifications"])

    assert changed == ["library.digest", "community.notifications"]
    assert mailing.left_streams(user) == {"library.digest"}
    assert mailing.save_preferences(user, subscribed=["community.notifications"]) == []


# --- the unsubscribe link ---------------------------------------------------------------------


def test_the_link_is_absolute_and_names_its_person_and_list(user, settings):
    settings.SITE_URL = "https://socialrx.example.org/"

    url = mailing.unsubscribe_url(user, "library.digest")

    prefix = "https://socialrx.example.org/email/unsubscribe/"
    assert url.startswith(prefix) and url.endswith("/")
    token = url.removeprefix(prefix).removesuffix("/")
    assert mailing.person_and_stream(token) == (user, "library.digest")


def test_a_changed_token_is_refused(user):
    token = mailing.unsubscribe_token(user, "library.digest")
    other = UserFactory()
    payload, signature = token.rsplit(":", 1)
    forged = mailing.unsubscribe_token(other, "library.digest").rsplit(":", 1)[0]

    for bad in (forged + ":" + signature, token[:-3], "nonsense", payload, ""):
        with pytest.raises(BadUnsubscribeLink, match="not complete") as refusal:
            mailing.person_and_stream(bad)
        assert refusal.value.status_code == 400


def test_a_token_signed_for_another_purpose_is_refused(user):
    token = signing.Signer(salt="socialrx.something.else").sign_object(
        {"u": user.pk, "s": "library.digest"}
    )
    with pytest.raises(BadUnsubscribeLink):
        mailing.person_and_stream(token)


def test_the_link_of_a_deleted_account_is_404():
    person = UserFactory()
    token = mailing.unsubscribe_token(person, "library.digest")
    person.delete()

    with pytest.raises(NotFound, match="no longer exists"):
        mailing.person_and_stream(token)


# --- sending ----------------------------------------------------------------------------------


def test_a_list_email_carries_the_one_click_headers(
    user,
    declared_streams,
    digest_templates,
    mailoutbox,
    django_capture_on_commit_callbacks,
    settings,
):
    settings.SITE_URL = "https://socialrx.example.org"
    url = mailing.unsubscribe_url(user, "library.digest")

    with django_capture_on_commit_callbacks(execute=True):
        queued = mailing.queue_list_email(
            user=user,
            stream="library.digest",
            template=digest_templates,
            context={"month": "March", "name": "Ada"},
        )

    assert queued is True
    [message] = mailoutbox
    assert message.to == [user.email]
    assert message.subject == "Your March digest"
    assert message.extra_headers == {
        "List-Unsubscribe": f"<{url}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }
    sent = message.message()
    assert sent["List-Unsubscribe"] == f"<{url}>"
    assert sent["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message.body.splitlines()[-2:] == [
        f"You receive “Monthly digest” from SocialRx. Unsubscribe: {url}",
        "Choose which emails you receive: https://socialrx.example.org/account/email-preferences/",
    ]
    [(html, _)] = message.alternatives
    assert f'<a href="{url}">Unsubscribe</a>' in html


def test_nobody_who_left_the_list_is_sent_it(
    user, declared_streams, digest_templates, mailoutbox, django_capture_on_commit_callbacks
):
    mailing.opt_out(user, "library.digest")
    inactive = UserFactory(is_active=False)

    with django_capture_on_commit_callbacks(execute=True):
        sent = [
            mailing.queue_list_email(
                user=person, stream="library.digest", template=digest_templates, context={}
            )
            for person in (user, inactive)
        ]

    assert sent == [False, False]
    assert mailoutbox == []


def test_checked_recipients_cost_no_query(
    user, declared_streams, digest_templates, django_assert_num_queries
):
    with django_assert_num_queries(0):
        mailing.queue_list_email(
            user=user,
            stream="library.digest",
            template=digest_templates,
            context={},
            checked=True,
        )


def test_a_list_no_app_declares_is_a_programming_error(user, declared_streams, digest_templates):
    with pytest.raises(ValueError, match="No app declares the email stream 'library.digset'"):
        mailing.queue_list_email(
            user=user, stream="library.digset", template=digest_templates, context={}
        )


def test_transactional_email_is_sent_as_before_without_extra_headers(
    mailoutbox, django_capture_on_commit_callbacks
):
    from socialrx.core.email import queue_email  # noqa: PLC0415

    with django_capture_on_commit_callbacks(execute=True):
        queue_email(to=["a@example.org"], subject="Hi", text_body="Hi", html_body="<p>Hi</p>")

    [message] = mailoutbox
    assert message.extra_headers == {}
