"""Leaving a mailing list from an email (the confirm page, and the one-click POST a mail
program sends without a cookie or a CSRF token) and the email preferences page."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from socialrx.core import mailing
from socialrx.core.models import EmailOptOut

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

PREFERENCES = "/account/email-preferences/"


def unsubscribe_path(user, key="library.digest") -> str:
    return reverse("email_unsubscribe", args=[mailing.unsubscribe_token(user, key)])


# --- the unsubscribe link ---------------------------------------------------------------------


def test_the_link_shows_which_list_and_leaves_it_only_on_post(client, user, declared_streams):
    response = client.get(unsubscribe_path(user))

    assertContains(response, "<h1>Unsubscribe from “Monthly digest”</h1>", html=True)
    assertContains(response, "New resources, courses and events.")
    assertContains(response, '<button class="button" type="submit">Unsubscribe</button>')
    assert response["Cache-Control"].startswith("max-age=0")
    assert not EmailOptOut.objects.exists()  # a link checker opening it unsubscribes nobody


def test_the_one_click_post_works_without_a_cookie_or_csrf_token(user, declared_streams):
    mail_program = Client(enforce_csrf_checks=True)

    response = mail_program.post(
        unsubscribe_path(user),
        data="List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )

    assertContains(response, "You will no longer receive “Monthly digest”.")
    assert list(EmailOptOut.objects.values_list("user_id", "stream")) == [
        (user.pk, "library.digest")
    ]


def test_posting_twice_is_still_a_success(user, declared_streams):
    mail_program = Client(enforce_csrf_checks=True)
    for _ in range(2):
        assert mail_program.post(unsubscribe_path(user)).status_code == 200
    assert EmailOptOut.objects.count() == 1


def test_after_leaving_the_page_says_so(client, user, declared_streams):
    mailing.opt_out(user, "library.digest")

    response = client.get(unsubscribe_path(user))

    assertContains(response, "You have already unsubscribed from these emails.")
    assertNotContains(response, ">Unsubscribe</button>")


def test_a_list_no_app_declares_any_more_is_still_left(client, user, declared_streams):
    response = client.post(unsubscribe_path(user, "events.retired"))

    assertContains(response, "You will no longer receive “events.retired”.")
    assert EmailOptOut.objects.filter(user=user, stream="events.retired").exists()


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_changed_link_is_400_with_the_reason(client, user, method):
    token = mailing.unsubscribe_token(user, "library.digest")

    response = getattr(client, method)(reverse("email_unsubscribe", args=[token[:-4]]))

    assertContains(response, "This unsubscribe link is not complete", status_code=400)
    assert not EmailOptOut.objects.exists()


def test_the_link_of_a_deleted_account_is_404(client, user):
    path = unsubscribe_path(user)
    user.delete()

    assertContains(client.post(path), "no longer exists", status_code=404)


# --- the preferences page ---------------------------------------------------------------------


def test_the_preferences_page_ticks_the_lists_received(client, user, declared_streams):
    mailing.opt_out(user, "community.notifications")
    client.force_login(user)

    response = client.get(PREFERENCES)

    assertContains(response, "<h1>Email preferences</h1>", html=True)
    assertContains(
        response,
        '<input type="checkbox" name="subscribed" value="library.digest" id="id_subscribed_0"'
        " checked>",
        html=True,
    )
    assertContains(
        response,
        '<input type="checkbox" name="subscribed" value="community.notifications"'
        ' id="id_subscribed_1">',
        html=True,
    )
    assertContains(response, '<label for="id_subscribed_1">Forum notifications</label>', html=True)


def test_saving_the_preferences(client, user, declared_streams):
    client.force_login(user)

    response = client.post(PREFERENCES, {"subscribed": ["community.notifications"]})

    assert response.status_code == 302
    assert response["Location"] == PREFERENCES
    assert mailing.left_streams(user) == {"library.digest"}
    assertContains(client.get(PREFERENCES), "Your email preferences are saved.")


def test_an_unknown_list_is_refused_and_nothing_saved(client, user, declared_streams):
    client.force_login(user)

    response = client.post(PREFERENCES, {"subscribed": ["library.digest", "billing.spam"]})

    assertContains(response, "Select a valid choice. billing.spam", status_code=400)
    assert not EmailOptOut.objects.exists()


def test_without_lists_the_page_says_so(client, user, monkeypatch):
    monkeypatch.setattr(mailing, "streams", lambda: ())
    client.force_login(user)

    assertContains(client.get(PREFERENCES), "There are no newsletters or notifications")


def test_visitors_are_sent_to_sign_in(client):
    response = client.get(PREFERENCES)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_the_account_menu_links_the_preferences(client, user):
    client.force_login(user)
    assertContains(client.get("/dashboard/"), f'<a href="{PREFERENCES}">Email preferences</a>')
