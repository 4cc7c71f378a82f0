"""The moderators' pages: the queue (open flags grouped by post, the oldest first, who flagged
and why, a fixed number of queries), one post's actions, one thread's actions, suspensions
(find a person, suspend by email, lift) and the staff dashboard's "Flags waiting"."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from socialrx.community.models import Flag, Post, Suspension
from socialrx.community.panels_moderation import flags as flags_panel
from socialrx.community.services import moderation
from tests.community.factories import make_category, make_thread
from tests.community.notification_support import (
    make_forum,
    person,
)

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def forum():
    return make_forum()


def _post(forum, number, body, author=None):
    return Post.objects.create(
        thread=forum.thread,
        number=number,
        author=author or forum.bob,
        body=body,
        body_html=f"<p>{body}</p>",
    )


def _flag(post, who, reason, *, hours_ago, detail=""):
    flag = Flag.objects.create(post=post, flagged_by=who, reason=reason, detail=detail)
    Flag.objects.filter(pk=flag.pk).update(created_at=timezone.now() - timedelta(hours=hours_ago))
    return flag


@pytest.fixture
def staff_client(client, forum):
    client.force_login(forum.moderator)
    return client


def test_the_queue_groups_open_flags_by_post_oldest_first(staff_client, forum):
    newer = _post(forum, 2, "Buy cheap pills here")
    older = _post(forum, 3, "Jane Roe in room 12 is my patient")
    _flag(newer, forum.alice, "spam", hours_ago=1)
    _flag(older, forum.alice, "patient_information", hours_ago=5)
    _flag(older, forum.carol, "other", hours_ago=3, detail="Room number too")
    dismissed = _post(forum, 4, "Nothing wrong")
    Flag.objects.create(post=dismissed, flagged_by=forum.alice, reason="spam", outcome="dismissed")

    page = staff_client.get(reverse("community:staff_queue")).content.decode()

    assert page.index("Jane Roe in room 12 is my patient") < page.index("Buy cheap pills here")
    assert "Nothing wrong" not in page
    assert "2 open flags" in page and "1 open flag," in page
    assert "Contains patient information" in page and "“Room number too”" in page
    assert forum.carol.email in page  # moderators see who flagged


def _queue_queries(forum, posts, staff_client, django_assert_num_queries):
    for number in range(posts):
        post = _post(forum, number + 2, f"Post {number}")
        _flag(post, forum.alice, "spam", hours_ago=number + 1)
        _flag(post, forum.carol, "abuse", hours_ago=number + 1)
    staff_client.get(reverse("community:staff_queue"))
    # Session, person, their second factor, the page's count, its posts, their flags.
    with django_assert_num_queries(6):
        response = staff_client.get(reverse("community:staff_queue"))
    assert response.status_code == 200


@pytest.mark.parametrize("posts", [2, 8])
def test_the_queue_takes_the_same_queries_for_few_or_many(
    forum, posts, staff_client, django_assert_num_queries
):
    _queue_queries(forum, posts, staff_client, django_assert_num_queries)


def test_hiding_a_post_from_its_page(staff_client, forum):
    post = _post(forum, 2, "Jane Roe in room 12")
    _flag(post, forum.alice, "patient_information", hours_ago=1)
    url = reverse("community:staff_post", args=[post.pk])
    assert "Jane Roe in room 12" in staff_client.get(url).content.decode()

    refused = staff_client.post(url, {"action": "hide", "reason": ""})
    assert refused.status_code == 400
    post.refresh_from_db()
    assert not post.is_hidden

    done = staff_client.post(url, {"action": "hide", "reason": "Names a patient"})
    assert done.status_code == 302
    post.refresh_from_db()
    assert (post.is_hidden, post.hidden_reason) == (True, "Names a patient")
    assert list(Flag.objects.values_list("outcome", flat=True)) == ["hidden"]


def test_editing_and_dismissing_from_the_posts_page(staff_client, forum):
    post = _post(forum, 2, "Jane Roe in room 12")
    _flag(post, forum.alice, "patient_information", hours_ago=1)
    url = reverse("community:staff_post", args=[post.pk])

    missing_note = staff_client.post(url, {"action": "edit", "body": "A patient in a room"})
    assert missing_note.status_code == 400
    edited = staff_client.post(
        url,
        {"action": "edit", "body": "A patient in a room", "moderator_note": "Removed a name"},
    )
    assert edited.status_code == 302
    post.refresh_from_db()
    assert (post.body, post.moderator_note) == ("A patient in a room", "Removed a name")

    nothing_open = staff_client.post(url, {"action": "dismiss"})
    assert nothing_open.status_code == 409
    assert "This post has no open flags." in nothing_open.content.decode()


def test_locking_and_moving_from_the_threads_page(staff_client, forum):
    target = make_category(name="Crisis response", slug="crisis")
    url = reverse("community:staff_thread", args=[forum.thread.public_id])
    assert staff_client.get(url).status_code == 200

    assert staff_client.post(url, {"action": "lock"}).status_code == 302
    assert staff_client.post(url, {"action": "lock"}).status_code == 409
    assert staff_client.post(url, {"action": "move", "category": ""}).status_code == 400
    assert staff_client.post(url, {"action": "move", "category": target.pk}).status_code == 302

    forum.thread.refresh_from_db()
    assert (forum.thread.is_locked, forum.thread.category) == (True, target)


def test_an_unknown_thread_is_not_found(staff_client):
    url = reverse("community:staff_thread", args=["6f1c2a64-0000-4000-8000-000000000000"])
    assert staff_client.get(url).status_code == 404


def test_suspending_by_email_and_lifting(staff_client, forum):
    url = reverse("community:staff_suspensions")
    found = staff_client.get(url, {"q": "Moreno"}).content.decode()
    assert forum.alice.email in found

    unknown = staff_client.post(url, {"email": "nobody@example.org", "reason": "Spam"})
    assert unknown.status_code == 400
    assert "No person has this email address." in unknown.content.decode()

    done = staff_client.post(url, {"email": forum.alice.email.upper(), "reason": "Spam"})
    assert done.status_code == 302
    suspension = Suspension.objects.get(user=forum.alice)
    assert "Spam" in staff_client.get(url).content.decode()

    lifted = staff_client.post(reverse("community:staff_suspension_lift", args=[suspension.pk]))
    assert lifted.status_code == 302
    suspension.refresh_from_db()
    assert suspension.lifted_by == forum.moderator


def test_a_suspension_until_the_year_9999_is_refused_on_the_form(staff_client, forum):
    url = reverse("community:staff_suspensions")

    response = staff_client.post(
        url, {"email": forum.alice.email, "reason": "Spam", "until": "9999-12-31"}
    )

    assert response.status_code == 400
    assert "Choose a day at most 5 years ahead (by " in response.content.decode()
    assert not Suspension.objects.exists()


def test_suspensions_by_a_moderator_whose_account_was_deleted_are_listed(staff_client, forum):
    gone = person(forum.riverside, "Gina Gone")
    Suspension.objects.create(user=forum.alice, reason="Spam", created_by=gone)
    Suspension.objects.create(
        user=forum.bob,
        reason="Rude",
        created_by=gone,
        until=timezone.now() - timedelta(days=1),
    )
    gone.delete()  # created_by becomes NULL

    response = staff_client.get(reverse("community:staff_suspensions"))

    assert response.status_code == 200
    page = response.content.decode()
    assert "Spam" in page
    assert "Rude" in page
    assert "A deleted account" in page


def test_a_member_is_refused_the_staff_pages(client, forum):
    client.force_login(forum.alice)
    assert client.get(reverse("community:staff_queue")).status_code == 403
    assert client.get(reverse("community:staff_suspensions")).status_code == 403


def test_the_flags_panel_counts_and_names_the_oldest(rf, forum, django_assert_num_queries):
    other = make_thread(category=forum.category, author=forum.carol, title="Thank-you cards")
    newer = _post(forum, 2, "Buy cheap pills")
    oldest = Post.objects.create(
        thread=other, number=2, author=forum.bob, body="Rude", body_html="<p>Rude</p>"
    )
    _flag(newer, forum.alice, "spam", hours_ago=1)
    _flag(newer, forum.carol, "spam", hours_ago=2)
    _flag(oldest, forum.alice, "abuse", hours_ago=9)
    request = rf.get("/")
    request.user = forum.moderator

    with django_assert_num_queries(2):
        context = flags_panel(request)

    assert context["waiting"] == 3
    assert (context["oldest"].post.thread.title, context["oldest"].post.number) == (
        "Thank-you cards",
        2,
    )


def test_the_flags_panel_is_for_moderators_only(rf, forum):
    request = rf.get("/")
    request.user = forum.alice
    assert flags_panel(request) is None


def test_an_actions_author_hears_it_on_the_page(staff_client, forum):
    post = _post(forum, 2, "Rude words", author=person(forum.riverside, "Rick Rude"))
    moderation.flag_post(actor=forum.alice, post=post, reason="abuse")

    staff_client.post(
        reverse("community:staff_post", args=[post.pk]), {"action": "hide", "reason": "Abuse"}
    )

    assert post.author.forum_notifications.get().text == (
        "A moderator hid your post in “Answering a review that names a nurse”: Abuse"
    )
