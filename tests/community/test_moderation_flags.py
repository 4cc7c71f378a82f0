"""Flagging a post: a member flags a post they may read and did not write, once (a second flag
is refused with a clear message and writes nothing); a guest, one's own post and a hidden post
are refused; moderators are emailed at a post's first open flag only."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from socialrx.community.models import Flag, FlagOutcome, Post
from socialrx.community.selectors.moderation import has_flagged
from socialrx.community.services import moderation
from socialrx.core.errors import Conflict, DomainError, NotFound
from socialrx.core.models import AuditEvent
from tests.community.factories import make_category
from tests.community.notification_support import make_forum

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def forum():
    return make_forum()


@pytest.fixture
def post(forum):
    return Post.objects.create(
        thread=forum.thread,
        number=2,
        author=forum.bob,
        body="Call the patient at 555-0134, her name is Jane Roe.",
        body_html="<p>Call the patient at 555-0134, her name is Jane Roe.</p>",
    )


def test_a_member_flags_a_post_and_the_moderators_are_emailed(
    forum, post, mailoutbox, django_capture_on_commit_callbacks, settings
):
    settings.SITE_URL = "https://socialrx.example"
    with django_capture_on_commit_callbacks(execute=True):
        flag = moderation.flag_post(
            actor=forum.alice, post=post, reason="patient_information", detail="A phone number"
        )

    assert (flag.flagged_by, flag.reason, flag.detail, flag.outcome) == (
        forum.alice,
        "patient_information",
        "A phone number",
        FlagOutcome.OPEN,
    )
    event = AuditEvent.objects.get(action="community.flag.raised")
    assert event.actor == forum.alice
    [email] = mailoutbox
    assert email.to == [forum.moderator.email]
    assert email.subject == ("A forum post was flagged: “Answering a review that names a nurse” #2")
    assert "Contains patient information" in email.body
    assert f"https://socialrx.example/staff/community/posts/{post.pk}/" in email.body


def test_a_second_flag_on_the_post_emails_nobody(
    forum, post, mailoutbox, django_capture_on_commit_callbacks
):
    moderation.flag_post(actor=forum.alice, post=post, reason="spam")
    with django_capture_on_commit_callbacks(execute=True):
        moderation.flag_post(actor=forum.carol, post=post, reason="abuse")

    assert mailoutbox == []
    assert Flag.objects.filter(post=post).count() == 2


def test_flagging_twice_is_refused_with_a_message_and_one_row(forum, post):
    moderation.flag_post(actor=forum.alice, post=post, reason="spam")

    with pytest.raises(moderation.AlreadyFlagged) as refused:
        moderation.flag_post(actor=forum.alice, post=post, reason="abuse")

    assert refused.value.message == (
        "You already flagged this post. Thank you: a moderator will look at it."
    )
    assert refused.value.status_code == 409
    assert Flag.objects.filter(post=post).count() == 1


def test_has_flagged_answers_for_the_person_and_the_post(forum, post):
    moderation.flag_post(actor=forum.alice, post=post, reason="patient_information")

    assert has_flagged(forum.alice, post) is True
    assert has_flagged(forum.carol, post) is False


def test_ones_own_post_is_refused(forum, post):
    with pytest.raises(moderation.OwnPost) as refused:
        moderation.flag_post(actor=forum.bob, post=post, reason="spam")

    assert refused.value.message == "You cannot flag your own post."
    assert not Flag.objects.exists()


def test_a_guest_in_an_open_category_may_not_flag(forum, post):
    forum.thread.category = make_category(name="Open", slug="open", open_to_guests=True)
    forum.thread.save(update_fields=["category"])

    with pytest.raises(PermissionDenied):
        moderation.flag_post(actor=forum.outsider, post=post, reason="spam")


def test_someone_who_may_not_read_the_post_finds_nothing(forum, post):
    with pytest.raises(NotFound):
        moderation.flag_post(actor=forum.outsider, post=post, reason="spam")


def test_a_hidden_post_takes_no_flags(forum, post):
    post.is_hidden = True
    post.save(update_fields=["is_hidden"])

    with pytest.raises(Conflict):
        moderation.flag_post(actor=forum.alice, post=post, reason="spam")


def test_something_else_needs_a_detail(forum, post):
    with pytest.raises(DomainError) as refused:
        moderation.flag_post(actor=forum.alice, post=post, reason="other", detail="  ")

    assert (refused.value.field, refused.value.message) == ("detail", "Say what is wrong.")
    assert not Flag.objects.exists()


# --- the page ---------------------------------------------------------------------------------


def test_the_flag_page_shows_the_reasons_and_flags(client, forum, post):
    client.force_login(forum.alice)
    url = reverse("community:flag", args=[post.pk])

    page = client.get(url).content.decode()
    assert "Unsafe medical advice" in page and "Contains patient information" in page

    response = client.post(url, {"reason": "patient_information", "detail": "A phone number"})
    assert response.status_code == 302
    assert response["Location"] == f"/community/posts/{post.pk}/"
    assert Flag.objects.filter(post=post, flagged_by=forum.alice).count() == 1


def test_flagging_twice_on_the_page_says_so_and_adds_no_row(client, forum, post):
    moderation.flag_post(actor=forum.alice, post=post, reason="spam")
    client.force_login(forum.alice)

    response = client.post(
        reverse("community:flag", args=[post.pk]), {"reason": "abuse"}, follow=True
    )

    assert "You already flagged this post." in response.content.decode()
    assert Flag.objects.filter(post=post).count() == 1


def test_flagging_ones_own_post_on_the_page_is_refused(client, forum, post):
    client.force_login(forum.bob)

    response = client.post(reverse("community:flag", args=[post.pk]), {"reason": "spam"})

    assert response.status_code == 403
    assert "You cannot flag your own post." in response.content.decode()
    assert not Flag.objects.exists()


def test_a_bad_reason_on_the_page_is_shown_on_the_form(client, forum, post):
    client.force_login(forum.alice)

    response = client.post(reverse("community:flag", args=[post.pk]), {"reason": "boring"})

    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    assert not Flag.objects.exists()
