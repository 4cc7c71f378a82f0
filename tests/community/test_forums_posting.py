"""Starting a thread and replying (services.forums): the opening post is #1 and replies take
the next numbers; the thread's and category's counters move with them; the author follows the
thread and a replier too unless their preference says not; followers and mentioned people are
told through `notify`; a locked thread, a suspended member, a guest, an empty or oversized body
are refused with nothing written; script in the Markdown never reaches the stored HTML."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied

from socialrx.community.models import (
    Category,
    Follow,
    Mention,
    NotificationPreference,
    Post,
    Thread,
)
from socialrx.community.services.forums import Suspended, reply, start_thread
from socialrx.core.errors import Conflict, DomainError
from tests.community.factories import make_category, make_thread
from tests.community.forums_support import forum_people, listen, suspend

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

NOW = datetime(2027, 3, 2, 15, 30, tzinfo=UTC)


@pytest.fixture
def heard(monkeypatch):
    return listen(monkeypatch)


@pytest.fixture
def people(db):
    return forum_people()


def test_a_new_thread_has_its_opening_post_counters_and_its_author_following(people, heard):
    category = make_category(name="Crisis response")
    with time_machine.travel(NOW, tick=False):
        thread = start_thread(
            actor=people.member,
            category=category,
            kind="question",
            title="  How fast   should we answer a crisis post? ",
            body="We took **two hours** last time.",
        )

    thread.refresh_from_db()
    category.refresh_from_db()
    assert (thread.title, thread.kind, thread.author) == (
        "How fast should we answer a crisis post?",
        "question",
        people.member,
    )
    assert (thread.post_count, thread.last_post_number, thread.last_post_at) == (1, 1, NOW)
    assert (category.thread_count, category.post_count, category.last_post_at) == (1, 1, NOW)
    post = thread.posts.get()
    assert (post.number, post.body) == (1, "We took **two hours** last time.")
    assert post.body_html == "<p>We took <strong>two hours</strong> last time.</p>\n"
    assert post.search_text == "We took two hours last time."
    assert list(Follow.objects.values_list("user_id", "thread_id")) == [
        (people.member.pk, thread.pk)
    ]
    assert heard.of("on_new_thread") == [(thread, post)]
    assert heard.of("on_mentions") == []


def test_replies_take_the_next_numbers_and_move_the_counters(people, heard):
    thread = make_thread(author=people.member, replies=[(people.other, "First answer.")])
    category = thread.category
    with time_machine.travel(NOW, tick=False):
        post = reply(actor=people.other, thread=thread, body="A second thought.")
    later = reply(actor=people.member, thread=thread, body="Thanks both.")

    assert (post.number, later.number) == (3, 4)
    thread.refresh_from_db()
    category.refresh_from_db()
    assert (thread.post_count, thread.last_post_number) == (4, 4)
    assert (category.thread_count, category.post_count) == (1, 4)
    assert heard.of("on_reply") == [(post,), (later,)]
    assert set(Follow.objects.values_list("user_id", flat=True)) == {
        people.member.pk,
        people.other.pk,
    }


def test_a_replier_who_chose_not_to_follow_does_not_follow(people, heard):
    NotificationPreference.objects.create(user=people.other, follow_on_reply=False)
    thread = make_thread(author=people.member)

    reply(actor=people.other, thread=thread, body="Noted.")

    assert Follow.objects.filter(user=people.other).count() == 0


def test_a_reply_quotes_an_earlier_visible_post(people, heard):
    thread = make_thread(author=people.member, replies=[(people.other, "Answer within the hour.")])

    post = reply(
        actor=people.member,
        thread=thread,
        body="> Answer within the hour.\n\nAgreed.",
        quoted_number=2,
    )

    assert post.quoted_post == Post.objects.get(thread=thread, number=2)
    assert post.body_html == (
        "<blockquote>\n<p>Answer within the hour.</p>\n</blockquote>\n<p>Agreed.</p>\n"
    )


def test_script_in_markdown_is_stripped(people, heard):
    category = make_category()
    thread = start_thread(
        actor=people.member,
        category=category,
        kind="discussion",
        title="Embedding posts",
        body='Look <script>alert("x")</script> [here](javascript:alert(1)) ok',
    )

    html = thread.posts.get().body_html
    assert "<script>" not in html
    assert "href" not in html
    assert html == (
        '<p>Look &lt;script&gt;alert("x")&lt;/script&gt; [here](javascript:alert(1)) ok</p>\n'
    )


def test_replying_in_a_locked_thread_is_refused_and_writes_nothing(people, heard):
    thread = make_thread(author=people.member, is_locked=True)

    with pytest.raises(Conflict) as refused:
        reply(actor=people.other, thread=thread, body="Let me add one thing.")

    assert refused.value.message == (
        "This thread is locked by a moderator: it takes no more replies or edits."
    )
    assert refused.value.status_code == 409
    assert Post.objects.filter(thread=thread).count() == 1
    thread.refresh_from_db()
    assert (thread.post_count, thread.last_post_number) == (1, 1)
    assert heard.calls == []


def test_a_moderator_still_replies_in_a_locked_thread(people, heard, staff):
    thread = make_thread(author=people.member, is_locked=True)

    post = reply(actor=staff, thread=thread, body="Locked: see the policy thread.")

    assert post.number == 2


def test_a_suspended_member_is_told_and_nothing_is_written(people, heard):
    thread = make_thread(author=people.other)
    suspend(people.member, until=datetime(2027, 4, 1, 17, 0, tzinfo=UTC))

    with pytest.raises(Suspended) as refused:
        reply(actor=people.member, thread=thread, body="Me again.")

    assert refused.value.message == (
        "You are suspended from posting in the forums until April 1, 2027. You can still "
        "read; write to the center if you think this is a mistake."
    )
    assert refused.value.status_code == 403
    assert Post.objects.filter(thread=thread).count() == 1
    with pytest.raises(Suspended):
        start_thread(
            actor=people.member,
            category=thread.category,
            kind="discussion",
            title="A new thread",
            body="Hello",
        )
    assert Thread.objects.count() == 1


def test_a_guest_may_not_post_even_where_they_read(people, heard):
    category = make_category(open_to_guests=True)
    thread = make_thread(category=category, author=people.member)

    with pytest.raises(PermissionDenied):
        reply(actor=people.guest, thread=thread, body="Can I ask too?")
    with pytest.raises(PermissionDenied):
        start_thread(
            actor=people.guest,
            category=category,
            kind="question",
            title="Guest question",
            body="Hello",
        )
    assert Post.objects.count() == 1


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("   \n ", "Write your post first: it is empty."),
        ("x" * 20_001, "A post is at most 20,000 characters; this one has 20,001."),
    ],
)
def test_an_empty_or_oversized_body_is_refused(people, heard, body, message):
    thread = make_thread(author=people.member)

    with pytest.raises(DomainError) as refused:
        reply(actor=people.other, thread=thread, body=body)

    assert (refused.value.field, refused.value.message) == ("body", message)
    assert Post.objects.filter(thread=thread).count() == 1


def test_a_body_of_exactly_20000_characters_is_accepted(people, heard):
    thread = make_thread(author=people.member)

    post = reply(actor=people.other, thread=thread, body="y" * 20_000)

    assert len(post.body) == 20_000


def test_a_thread_needs_a_title_and_a_known_kind(people, heard):
    category = make_category()
    with pytest.raises(DomainError) as no_title:
        start_thread(actor=people.member, category=category, kind="question", title=" ", body="B")
    with pytest.raises(DomainError) as bad_kind:
        start_thread(
            actor=people.member, category=category, kind="poll", title="Pick one", body="B"
        )

    assert (no_title.value.field, bad_kind.value.field) == ("title", "kind")
    assert Thread.objects.count() == 0
    assert Category.objects.get(pk=category.pk).thread_count == 0


def test_mentions_of_a_new_thread_are_recorded_and_told(people, heard):
    category = make_category()

    thread = start_thread(
        actor=people.member,
        category=category,
        kind="discussion",
        title="Reels that worked",
        body='Ask @marcus.oyelaran or @"Nobody Known" about reels.',
    )

    post = thread.posts.get()
    assert list(Mention.objects.values_list("user_id", flat=True)) == [people.other.pk]
    assert heard.of("on_mentions") == [(post, [people.other])]
    assert post.body_html == (
        '<p>Ask <strong>@Marcus Oyelaran</strong> or @"Nobody Known" about reels.</p>\n'
    )
