"""The pages that write: a new thread, a reply, editing one's post, accepting an answer,
following a thread. Each refusal is shown with its status and nothing is written: an empty
or oversized body (400, beside the field), a locked thread (409), a suspended member (403,
saying so), someone else's post (403), a thread one may not read (404)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from socialrx.community.models import Follow, Post, Thread
from socialrx.community.selectors.forums import reply_of
from tests.community.factories import make_category, make_thread
from tests.community.forums_support import forum_people, listen, suspend

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def heard(monkeypatch):
    return listen(monkeypatch)


@pytest.fixture
def people(db):
    return forum_people()


def _thread_url(thread) -> str:
    return reverse("community:thread", args=[thread.public_id])


# --- a new thread ---------------------------------------------------------------------------


def test_a_member_starts_a_question(client, people, heard):
    make_category(slug="facebook")
    client.force_login(people.member)
    url = reverse("community:new_thread", args=["facebook"])

    assert url == "/community/c/facebook/new/"
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"kind": "question", "title": "Boosting posts?", "body": "Is it worth it?"}
    )

    thread = Thread.objects.get()
    assert response.status_code == 302
    assert response.headers["Location"] == _thread_url(thread)
    assert (thread.kind, thread.title, thread.posts.get().body) == (
        "question",
        "Boosting posts?",
        "Is it worth it?",
    )


def test_a_new_thread_without_title_or_body_is_shown_again_with_the_reasons(client, people):
    category = make_category()
    client.force_login(people.member)

    response = client.post(
        reverse("community:new_thread", args=[category.slug]),
        {"kind": "discussion", "title": "", "body": ""},
    )

    assert response.status_code == 400
    assert response.context["form"].errors == {
        "title": ["Give the thread a title of at least 5 characters."]
    }
    assert Thread.objects.count() == 0


def test_a_suspended_member_is_told_on_the_new_thread_page(client, people):
    category = make_category()
    suspend(people.member)
    client.force_login(people.member)

    response = client.get(reverse("community:new_thread", args=[category.slug]))

    assert response.status_code == 403
    assert "You are suspended from posting in the forums." in response.content.decode()


def test_a_guest_may_not_start_a_thread_in_an_open_category(client, people):
    category = make_category(open_to_guests=True)
    client.force_login(people.guest)

    response = client.post(
        reverse("community:new_thread", args=[category.slug]),
        {"kind": "question", "title": "Guest question", "body": "Hello"},
    )

    assert response.status_code == 403
    assert Thread.objects.count() == 0


# --- replies --------------------------------------------------------------------------------


def test_a_reply_is_posted_and_leads_to_its_page_and_anchor(client, people, heard):
    thread = make_thread(
        author=people.other, replies=[(people.other, f"R{n}") for n in range(2, 21)]
    )
    client.force_login(people.member)

    response = client.post(
        reverse("community:reply", args=[thread.public_id]),
        {"body": "> R2\n\nMe too.", "quote": "2"},
    )

    post = Post.objects.get(thread=thread, number=21)
    assert response.status_code == 302
    assert response.headers["Location"] == _thread_url(thread) + "?page=2#post-21"
    assert post.quoted_post.number == 2
    assert post.author == people.member


def test_an_empty_reply_is_shown_again_with_the_reason(client, people):
    thread = make_thread(author=people.other)
    client.force_login(people.member)

    response = client.post(reverse("community:reply", args=[thread.public_id]), {"body": " "})

    assert response.status_code == 400
    assert response.context["form"].errors == {"body": ["Write your post first: it is empty."]}
    assert Post.objects.filter(thread=thread).count() == 1


def test_an_oversized_reply_names_the_limit(client, people):
    thread = make_thread(author=people.other)
    client.force_login(people.member)

    response = client.post(
        reverse("community:reply", args=[thread.public_id]), {"body": "z" * 25_000}
    )

    assert response.status_code == 400
    assert response.context["form"].errors == {
        "body": ["A post is at most 20,000 characters; this one has 25,000."]
    }
    assert Post.objects.filter(thread=thread).count() == 1


def test_a_reply_to_a_locked_thread_is_refused_with_409_and_nothing_written(client, people, heard):
    thread = make_thread(author=people.other, is_locked=True)
    client.force_login(people.member)

    response = client.post(
        reverse("community:reply", args=[thread.public_id]), {"body": "One more thing."}
    )

    assert response.status_code == 409
    assert "This thread is locked by a moderator: it takes no more replies or edits." in (
        response.content.decode()
    )
    assert Post.objects.filter(thread=thread).count() == 1
    assert Thread.objects.get(pk=thread.pk).last_post_number == 1
    assert heard.calls == []


def test_a_suspended_members_reply_is_refused_with_403_saying_so(client, people, heard):
    thread = make_thread(author=people.other)
    suspend(people.member)
    client.force_login(people.member)

    response = client.post(reverse("community:reply", args=[thread.public_id]), {"body": "Hi"})

    assert response.status_code == 403
    assert "You are suspended from posting in the forums." in response.content.decode()
    assert Post.objects.filter(thread=thread).count() == 1


def test_replying_to_a_thread_one_may_not_read_is_not_found(client, people):
    thread = make_thread(author=people.other)
    client.force_login(people.guest)

    response = client.post(reverse("community:reply", args=[thread.public_id]), {"body": "Hi"})

    assert response.status_code == 404
    assert Post.objects.filter(thread=thread).count() == 1


# --- editing --------------------------------------------------------------------------------


def test_the_author_edits_their_post(client, people, heard):
    thread = make_thread(author=people.member, body="Frist draft.")
    post = thread.posts.get()
    client.force_login(people.member)
    url = reverse("community:edit_post", args=[post.pk])

    assert client.get(url).context["form"].initial == {"body": "Frist draft."}
    response = client.post(url, {"body": "First draft, *fixed*."})

    post.refresh_from_db()
    assert response.status_code == 302
    assert response.headers["Location"] == _thread_url(thread) + "#post-1"
    assert post.body_html == "<p>First draft, <em>fixed</em>.</p>\n"
    assert post.search_text == "First draft, fixed."
    assert post.edited_at is not None


def test_someone_elses_post_may_not_be_edited(client, people):
    thread = make_thread(author=people.other, body="Theirs.")
    post = thread.posts.get()
    client.force_login(people.member)

    response = client.post(reverse("community:edit_post", args=[post.pk]), {"body": "Mine!"})

    assert response.status_code == 403
    assert Post.objects.get(pk=post.pk).body == "Theirs."


def test_a_post_in_a_locked_thread_may_not_be_edited(client, people):
    thread = make_thread(author=people.member, body="Before.", is_locked=True)
    post = thread.posts.get()
    client.force_login(people.member)

    response = client.post(reverse("community:edit_post", args=[post.pk]), {"body": "After."})

    assert response.status_code == 409
    assert Post.objects.get(pk=post.pk).body == "Before."


def test_an_empty_post_to_the_edit_page_is_a_form_error(client, people):
    thread = make_thread(author=people.member, body="Before.")
    post = thread.posts.get()
    client.force_login(people.member)

    response = client.post(reverse("community:edit_post", args=[post.pk]), {})

    assert response.status_code == 400
    assert response.context["form"].errors == {"body": ["Write your post first: it is empty."]}
    assert Post.objects.get(pk=post.pk).body == "Before."


def test_a_post_a_moderator_edited_is_no_longer_the_authors_to_edit(client, people):
    thread = make_thread(author=people.member, body="Call Jane Roe.")
    post = thread.posts.get()
    Post.objects.filter(pk=post.pk).update(
        body="Call the patient.",
        body_html="<p>Call the patient.</p>",
        moderator_note="Removed a patient's name",
    )
    client.force_login(people.member)
    url = reverse("community:edit_post", args=[post.pk])

    thread_page = client.get(_thread_url(thread)).content.decode()
    page = client.get(url)
    response = client.post(url, {"body": "Call Jane Roe."})

    assert "<p>Call the patient.</p>" in thread_page
    assert url not in thread_page  # no "Edit" link

    message = "A moderator edited this post; ask a moderator to change it."
    assert (page.status_code, response.status_code) == (409, 409)
    assert message in page.content.decode()
    assert message in response.content.decode()
    assert Post.objects.get(pk=post.pk).body == "Call the patient."


# --- accepting an answer --------------------------------------------------------------------


def test_the_asker_accepts_and_unaccepts_an_answer(client, people, heard):
    thread = make_thread(author=people.member, kind="question", replies=[(people.other, "A")])
    answer = Post.objects.get(thread=thread, number=2)
    client.force_login(people.member)
    url = reverse("community:accept_answer", args=[thread.public_id])

    response = client.post(url, {"post": "2", "accept": "1"})
    client.post(url, {"post": "2", "accept": "1"})  # again: nothing changes, nobody told twice

    assert response.status_code == 302
    assert response.headers["Location"] == _thread_url(thread) + "#post-2"
    assert Thread.objects.get(pk=thread.pk).accepted_post == answer
    assert len(heard.of("on_answer_accepted")) == 1
    assert heard.of("on_answer_accepted")[0][1:] == (answer, people.member)

    client.post(url, {"post": "2", "accept": "0"})
    assert Thread.objects.get(pk=thread.pk).accepted_post is None


def test_only_a_reply_of_a_question_is_accepted(client, people, heard):
    question = make_thread(author=people.member, kind="question", replies=[(people.other, "A")])
    discussion = make_thread(author=people.member, replies=[(people.other, "A")])
    client.force_login(people.member)

    client.post(reverse("community:accept_answer", args=[question.public_id]), {"post": "1"})
    client.post(
        reverse("community:accept_answer", args=[question.public_id]),
        {"post": "1", "accept": "1"},
    )
    client.post(
        reverse("community:accept_answer", args=[discussion.public_id]),
        {"post": "2", "accept": "1"},
    )

    assert Thread.objects.filter(accepted_post__isnull=False).count() == 0
    assert heard.calls == []


def test_reply_of_finds_the_post_of_that_number_in_that_thread(people):
    thread = make_thread(author=people.member, kind="question", replies=[(people.other, "A")])
    other = make_thread(author=people.member, replies=[(people.other, "B")])

    assert reply_of(thread, 2).body == "A"
    assert reply_of(other, 2).body == "B"
    assert reply_of(thread, 3) is None


def test_someone_else_may_not_accept_the_answer(client, people, heard):
    thread = make_thread(author=people.member, kind="question", replies=[(people.other, "A")])
    client.force_login(people.other)

    response = client.post(
        reverse("community:accept_answer", args=[thread.public_id]), {"post": "2", "accept": "1"}
    )

    assert response.status_code == 403
    assert Thread.objects.get(pk=thread.pk).accepted_post is None


# --- following a thread ---------------------------------------------------------------------


def test_following_a_thread_is_a_toggle_and_idempotent(client, people):
    thread = make_thread(author=people.other)
    client.force_login(people.member)
    url = reverse("community:follow_thread", args=[thread.public_id])

    client.post(url, {"follow": "1"})
    client.post(url, {"follow": "1"})
    assert Follow.objects.filter(user=people.member, thread=thread).count() == 1
    assert client.get(_thread_url(thread)).context["thread"].is_followed is True

    client.post(url, {"follow": "0"})
    assert Follow.objects.filter(user=people.member).count() == 0


def test_a_quote_that_is_not_a_post_number_is_ignored(client, people, heard):
    thread = make_thread(author=people.other)
    client.force_login(people.member)

    response = client.post(
        reverse("community:reply", args=[thread.public_id]), {"body": "Hi", "quote": "-4x"}
    )

    assert response.status_code == 302
    assert Post.objects.get(thread=thread, number=2).quoted_post is None
