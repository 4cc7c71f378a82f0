"""The notification pages: the list (newest first, unread in bold, paginated, a fixed number of
queries), "Mark all read", opening one (read, then the post; someone else's is 404), the
settings page (email mode, following on reply, unfollowing) and the dashboard panel."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from socialrx.community.models import EmailMode, Follow, Notification, NotificationPreference
from socialrx.community.panels_notifications import notifications as notifications_panel
from tests.community.notification_support import follow, make_forum

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def forum():
    return make_forum()


def _note(forum, user, text, *, minutes_ago, read=False):
    notification = Notification.objects.create(
        user=user,
        kind="reply",
        thread=forum.thread,
        post=forum.thread.posts.get(number=1),
        actor=forum.alice,
        text=text,
        read_at=timezone.now() if read else None,
    )
    Notification.objects.filter(pk=notification.pk).update(
        created_at=timezone.now() - timedelta(minutes=minutes_ago)
    )
    return notification


def test_the_list_shows_newest_first_with_unread_in_bold(client, forum):
    _note(forum, forum.bob, "Older and read", minutes_ago=30, read=True)
    _note(forum, forum.bob, "Newest and unread", minutes_ago=1)
    _note(forum, forum.carol, "Carol's, not Bob's", minutes_ago=2)
    client.force_login(forum.bob)

    response = client.get(reverse("community:notifications"))

    html = response.content.decode()
    assert response.status_code == 200
    assert html.index("<strong>Newest and unread</strong>") < html.index("Older and read")
    assert "<strong>Older and read" not in html
    assert "Carol&#x27;s, not Bob&#x27;s" not in html
    assert "1 unread." in html


def test_the_list_is_paginated(client, forum):
    for number in range(27):
        _note(forum, forum.bob, f"Reply number {number:02d}", minutes_ago=number)
    client.force_login(forum.bob)

    second = client.get(reverse("community:notifications"), {"page": 2}).content.decode()

    assert "Reply number 25" in second and "Reply number 26" in second
    assert "Reply number 24" not in second


@pytest.mark.parametrize("count", [3, 12])
def test_the_list_takes_the_same_queries_for_few_or_many(
    client, forum, count, django_assert_num_queries
):
    for number in range(count):
        _note(forum, forum.bob, f"Reply {number}", minutes_ago=number)
    client.force_login(forum.bob)
    client.get(reverse("community:notifications"))  # the session and caches warm up

    # Session, person, membership check (seats, memberships), the page's count, its rows,
    # the unread count, and what base.html asks.
    with django_assert_num_queries(7):
        response = client.get(reverse("community:notifications"))
    assert response.status_code == 200


def test_mark_all_read(client, forum):
    _note(forum, forum.bob, "One", minutes_ago=3)
    _note(forum, forum.bob, "Two", minutes_ago=2)
    carols = _note(forum, forum.carol, "Carol's", minutes_ago=1)
    client.force_login(forum.bob)

    response = client.post(reverse("community:notifications_read_all"))

    assert response.status_code == 302
    assert not Notification.objects.filter(user=forum.bob, read_at__isnull=True).exists()
    carols.refresh_from_db()
    assert carols.read_at is None


def test_opening_one_marks_it_read_and_goes_to_the_post(client, forum):
    notification = _note(forum, forum.bob, "Alice replied", minutes_ago=1)
    client.force_login(forum.bob)

    response = client.get(reverse("community:notification_open", args=[notification.pk]))

    post = forum.thread.posts.get(number=1)
    assert response.status_code == 302
    assert response["Location"] == f"/community/posts/{post.pk}/"
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_opening_someone_elses_is_not_found(client, forum):
    carols = _note(forum, forum.carol, "Carol's", minutes_ago=1)
    client.force_login(forum.bob)

    response = client.get(reverse("community:notification_open", args=[carols.pk]))

    assert response.status_code == 404
    carols.refresh_from_db()
    assert carols.read_at is None


def test_opening_one_about_a_thread_one_may_no_longer_read_explains(client, forum):
    notification = _note(forum, forum.bob, "Alice replied", minutes_ago=1)
    forum.thread.is_hidden = True
    forum.thread.save(update_fields=["is_hidden"])
    client.force_login(forum.bob)

    response = client.get(
        reverse("community:notification_open", args=[notification.pk]), follow=True
    )

    assert response.redirect_chain[0] == (reverse("community:notifications"), 302)
    assert "That thread is no longer open to you." in response.content.decode()


def test_the_settings_page_saves_the_choices(client, forum):
    client.force_login(forum.bob)
    assert client.get(reverse("community:settings")).status_code == 200

    response = client.post(reverse("community:settings"), {"email_mode": "daily"})

    assert response.status_code == 302
    preference = NotificationPreference.objects.get(user=forum.bob)
    assert (preference.email_mode, preference.follow_on_reply) == (EmailMode.DAILY, False)


def test_the_settings_page_refuses_an_unknown_mode(client, forum):
    client.force_login(forum.bob)

    response = client.post(reverse("community:settings"), {"email_mode": "hourly"})

    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    assert not NotificationPreference.objects.exists()


def test_the_settings_page_lists_follows_and_unfollows(client, forum):
    thread_follow = follow(forum.bob, thread=forum.thread)
    follow(forum.bob, category=forum.category)
    carols = follow(forum.carol, thread=forum.thread)
    client.force_login(forum.bob)

    page = client.get(reverse("community:settings")).content.decode()
    assert "Answering a review that names a nurse" in page
    assert "Reputation and reviews" in page

    response = client.post(reverse("community:settings_unfollow", args=[thread_follow.pk]))
    assert response.status_code == 302
    assert list(Follow.objects.filter(user=forum.bob).values_list("category__name", flat=True)) == [
        "Reputation and reviews"
    ]
    # Someone else's follow is not found, and stays.
    assert client.post(reverse("community:settings_unfollow", args=[carols.pk])).status_code == 404
    assert Follow.objects.filter(pk=carols.pk).exists()


def test_the_dashboard_panel_shows_the_unread_count_and_latest_five(
    rf, forum, django_assert_num_queries
):
    for number in range(7):
        _note(forum, forum.bob, f"Reply {number}", minutes_ago=number, read=number == 0)
    request = rf.get("/")
    request.user = forum.bob
    from socialrx.membership.selectors import may_read_member_content

    may_read_member_content(forum.bob)  # cached per request, as the dashboard's first panel does

    with django_assert_num_queries(2):
        context = notifications_panel(request)

    assert context["unread"] == 6
    assert [n.text for n in context["latest"]] == [f"Reply {n}" for n in range(5)]


def test_the_dashboard_panel_is_left_out_without_notifications(rf, forum):
    request = rf.get("/")
    request.user = forum.bob
    assert notifications_panel(request) is None
