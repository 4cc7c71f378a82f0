"""Who is notified of what: followers of the thread (replies) or of the category (new threads),
the people mentioned, the accepted answer's author; never the person who acted, never someone
who may no longer read the thread, one row per person per post (a mention wins over a
follow, whichever call comes first). A fixed number of queries whatever the followers."""

import pytest

from socialrx.community.models import Notification, NotificationKind, Post
from socialrx.community.services import forums, notify
from socialrx.membership.models import Membership, MembershipStatus
from tests.community.factories import make_category
from tests.community.notification_support import (
    follow,
    make_forum,
    person,
)

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def forum():
    return make_forum()


def _rows(post):
    return sorted(
        Notification.objects.filter(post=post).values_list("user__full_name", "kind", "text")
    )


def test_a_reply_notifies_the_threads_followers_but_not_its_author(forum):
    for someone in (forum.asker, forum.alice, forum.bob, forum.carol):
        follow(someone, thread=forum.thread)

    post = forums.reply(actor=forum.alice, thread=forum.thread, body="We thank them publicly.")

    title = "“Answering a review that names a nurse”"
    assert _rows(post) == [
        ("Bob Lindqvist", "reply", f"Alice Moreno replied in {title}"),
        ("Carol Nguyen", "reply", f"Alice Moreno replied in {title}"),
        ("Rita Asker", "reply", f"Alice Moreno replied in {title}"),
    ]


def test_a_follower_who_lost_membership_hears_nothing(forum):
    follow(forum.bob, thread=forum.thread)
    follow(forum.outsider, thread=forum.thread)
    follow(forum.carol, thread=forum.thread)
    Membership.objects.filter(organization__name="Lakeside Family Physicians").update(
        status=MembershipStatus.LAPSED
    )

    post = forums.reply(actor=forum.alice, thread=forum.thread, body="Thank them, no names.")

    assert [row[0] for row in _rows(post)] == ["Bob Lindqvist"]


def test_a_deactivated_follower_hears_nothing(forum):
    follow(forum.bob, thread=forum.thread)
    forum.bob.is_active = False
    forum.bob.save(update_fields=["is_active"])

    post = forums.reply(actor=forum.alice, thread=forum.thread, body="Thank them, no names.")

    assert _rows(post) == []


def test_a_new_thread_notifies_the_categorys_followers(forum):
    follow(forum.bob, category=forum.category)
    follow(forum.carol, category=forum.category)
    follow(forum.alice, category=forum.category)

    thread = forums.start_thread(
        actor=forum.alice,
        category=forum.category,
        kind="discussion",
        title="Photos of patients on the wall",
        body="May we post the thank-you cards?",
    )

    text = "Alice Moreno started “Photos of patients on the wall” in Reputation and reviews"
    assert _rows(thread.posts.get()) == [
        ("Bob Lindqvist", "new_thread", text),
        ("Carol Nguyen", "new_thread", text),
    ]


def test_a_follower_who_is_mentioned_gets_one_notification_the_mention(forum):
    follow(forum.bob, thread=forum.thread)
    follow(forum.carol, thread=forum.thread)

    post = forums.reply(
        actor=forum.alice,
        thread=forum.thread,
        body='@"Bob Lindqvist" had the same review last month.',
    )

    title = "“Answering a review that names a nurse”"
    assert _rows(post) == [
        ("Bob Lindqvist", "mention", f"Alice Moreno mentioned you in {title}"),
        ("Carol Nguyen", "reply", f"Alice Moreno replied in {title}"),
    ]


def test_a_mention_wins_whichever_call_comes_first(forum):
    follow(forum.bob, thread=forum.thread)
    post = Post.objects.create(
        thread=forum.thread, number=2, author=forum.alice, body="Hello", body_html="<p>Hello</p>"
    )

    notify.on_mentions(post, [forum.bob, forum.alice])
    notify.on_reply(post)

    assert [(name, kind) for name, kind, _ in _rows(post)] == [("Bob Lindqvist", "mention")]


def test_a_mentioned_person_who_may_not_read_the_thread_hears_nothing(forum):
    post = Post.objects.create(
        thread=forum.thread, number=2, author=forum.alice, body="Hi", body_html="<p>Hi</p>"
    )

    notify.on_mentions(post, [forum.outsider, forum.carol])

    assert [row[0] for row in _rows(post)] == ["Carol Nguyen"]


def test_a_guest_follower_hears_of_replies_in_a_category_open_to_guests(forum):
    lobby = make_category(name="Open questions", slug="open", open_to_guests=True)
    thread = forum.thread
    thread.category = lobby
    thread.save(update_fields=["category"])
    follow(forum.outsider, thread=thread)

    post = forums.reply(actor=forum.alice, thread=thread, body="Anyone may read this one.")

    assert [row[0] for row in _rows(post)] == ["Oscar Outside"]


def test_followers_of_a_hidden_thread_hear_nothing_but_moderators_do(forum):
    follow(forum.bob, thread=forum.thread)
    follow(forum.moderator, thread=forum.thread)
    forum.thread.is_hidden = True
    forum.thread.save(update_fields=["is_hidden"])
    post = Post.objects.create(
        thread=forum.thread, number=2, author=forum.alice, body="Hi", body_html="<p>Hi</p>"
    )

    notify.on_reply(post)

    assert [row[0] for row in _rows(post)] == ["Mona Moderator"]


def test_the_answers_author_hears_it_was_accepted(forum):
    post = forums.reply(actor=forum.bob, thread=forum.thread, body="Thank them, no names.")

    forums.accept_answer(actor=forum.asker, thread=forum.thread, post=post)

    assert _rows(post) == [
        (
            "Bob Lindqvist",
            "answer_accepted",
            "Rita Asker accepted your answer in “Answering a review that names a nurse”",
        )
    ]


def test_accepting_ones_own_answer_notifies_nobody(forum):
    post = Post.objects.create(
        thread=forum.thread, number=2, author=forum.asker, body="Me", body_html="<p>Me</p>"
    )

    notify.on_answer_accepted(forum.thread, post, forum.asker)

    assert not Notification.objects.filter(kind=NotificationKind.ANSWER_ACCEPTED).exists()


def _queries_for_followers(forum, count, django_assert_num_queries):
    for number in range(count):
        follow(person(forum.riverside, f"Follower {number}"), thread=forum.thread)
    post = Post.objects.create(
        thread=forum.thread,
        number=2,
        author=forum.alice,
        body="Hello",
        body_html="<p>Hello</p>",
    )
    post = Post.objects.select_related("thread__category", "author").get(pk=post.pk)
    # Followers, people, seats, memberships, existing rows, the insert, preferences, opt-outs.
    with django_assert_num_queries(8):
        notify.on_reply(post)
    return Notification.objects.filter(post=post).count()


@pytest.mark.parametrize("count", [2, 9])
def test_notifying_takes_the_same_queries_for_few_or_many_followers(
    forum, count, django_assert_num_queries
):
    assert _queries_for_followers(forum, count, django_assert_num_queries) == count
