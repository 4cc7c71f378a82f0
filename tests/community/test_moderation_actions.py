"""Moderators' actions, each with its audit row: hide (a reason required; the open flags are
resolved; counters unchanged), unhide, edit with a visible note (the HTML redone, script
stripped), dismiss the flags; lock, pin, hide and move a thread (both categories' counters in
one go). The author hears of it (kind MODERATION); nobody but a moderator may act."""

import pytest
from django.core.exceptions import PermissionDenied

from socialrx.community.models import Flag, Notification, Post
from socialrx.community.services import forums, moderation, thread_moderation
from socialrx.core.errors import Conflict, DomainError
from socialrx.core.models import AuditEvent
from tests.community.factories import make_category, make_thread
from tests.community.notification_support import (
    make_forum,
)

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
        body="Call Jane Roe at 555-0134.",
        body_html="<p>Call Jane Roe at 555-0134.</p>",
    )


@pytest.fixture
def flagged(forum, post):
    moderation.flag_post(actor=forum.alice, post=post, reason="patient_information")
    moderation.flag_post(actor=forum.carol, post=post, reason="abuse")
    return post


def _outcomes(post):
    return sorted(Flag.objects.filter(post=post).values_list("outcome", "resolved_by__email"))


def _told(user):
    return list(
        Notification.objects.filter(user=user, kind="moderation").values_list("text", flat=True)
    )


def test_hiding_a_post_resolves_its_flags_and_tells_the_author(
    forum, flagged, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        moderation.hide_post(actor=forum.moderator, post=flagged, reason="Names a patient")

    flagged.refresh_from_db()
    forum.thread.refresh_from_db()
    assert (flagged.is_hidden, flagged.hidden_reason) == (True, "Names a patient")
    assert forum.thread.post_count == 1  # the factory's count: hiding changes no counter
    assert _outcomes(flagged) == [("hidden", forum.moderator.email)] * 2
    event = AuditEvent.objects.get(action="community.post.hidden")
    assert (event.actor, event.after["reason"], event.after["flags_resolved"]) == (
        forum.moderator,
        "Names a patient",
        2,
    )
    title = "“Answering a review that names a nurse”"
    assert _told(forum.bob) == [f"A moderator hid your post in {title}: Names a patient"]
    assert [email.to for email in mailoutbox] == [[forum.bob.email]]


def test_hiding_needs_a_reason_and_writes_nothing_without_one(forum, flagged):
    with pytest.raises(DomainError) as refused:
        moderation.hide_post(actor=forum.moderator, post=flagged, reason="   ")

    assert refused.value.field == "reason"
    flagged.refresh_from_db()
    assert not flagged.is_hidden
    assert _outcomes(flagged) == [("open", None)] * 2


def test_unhiding_a_post(forum, post):
    moderation.hide_post(actor=forum.moderator, post=post, reason="Spam")

    moderation.unhide_post(actor=forum.moderator, post=post)

    post.refresh_from_db()
    assert (post.is_hidden, post.hidden_reason) == (False, "")
    assert AuditEvent.objects.filter(action="community.post.unhidden").count() == 1
    with pytest.raises(Conflict):
        moderation.unhide_post(actor=forum.moderator, post=post)


def test_editing_with_a_note_redoes_the_html(forum, flagged):
    moderation.edit_post(
        actor=forum.moderator,
        post=flagged,
        body="Call the patient (name removed). <script>alert(1)</script>",
        note="Removed a patient's name",
    )

    flagged.refresh_from_db()
    assert flagged.body == "Call the patient (name removed). <script>alert(1)</script>"
    assert "<script>" not in flagged.body_html
    assert flagged.body_html.startswith("<p>Call the patient (name removed).")
    assert flagged.moderator_note == "Removed a patient's name"
    assert flagged.edited_at is not None
    assert _outcomes(flagged) == [("edited", forum.moderator.email)] * 2
    event = AuditEvent.objects.get(action="community.post.edited_by_moderator")
    assert event.before["body"] == "Call Jane Roe at 555-0134."


MODERATED = "A moderator edited this post; ask a moderator to change it."


def _moderator_edits(forum, post):
    moderation.edit_post(
        actor=forum.moderator,
        post=post,
        body="Call the patient (name removed).",
        note="Removed a patient's name",
    )


def test_the_author_may_not_put_back_what_a_moderator_removed(forum, post):
    _moderator_edits(forum, post)
    post.refresh_from_db()

    with pytest.raises(Conflict) as refused:
        forums.edit_post(actor=forum.bob, post=post, body="Call Jane Roe at 555-0134.")

    assert refused.value.message == MODERATED
    post.refresh_from_db()
    assert (post.body, post.moderator_note) == (
        "Call the patient (name removed).",
        "Removed a patient's name",
    )


def test_an_authors_edit_racing_a_moderators_is_refused_under_the_row_lock(forum, post):
    stale = Post.objects.select_related("thread__category").get(pk=post.pk)  # read before
    _moderator_edits(forum, post)

    with pytest.raises(Conflict) as refused:
        forums.edit_post(actor=forum.bob, post=stale, body="Call Jane Roe, 555-0134.")

    assert refused.value.message == MODERATED
    post.refresh_from_db()
    assert post.body == "Call the patient (name removed)."


def test_a_moderator_may_still_change_a_moderated_post(forum, post):
    _moderator_edits(forum, post)
    post.refresh_from_db()

    forums.edit_post(actor=forum.moderator, post=post, body="Call the patient.")

    post.refresh_from_db()
    assert (post.body, post.moderator_note) == ("Call the patient.", "Removed a patient's name")


def test_editing_needs_a_note(forum, post):
    with pytest.raises(DomainError) as refused:
        moderation.edit_post(actor=forum.moderator, post=post, body="New text", note="")

    assert refused.value.field == "moderator_note"
    post.refresh_from_db()
    assert post.body == "Call Jane Roe at 555-0134."


def test_dismissing_the_flags(forum, flagged):
    assert moderation.dismiss_flags(actor=forum.moderator, post=flagged) == 2

    assert _outcomes(flagged) == [("dismissed", forum.moderator.email)] * 2
    assert AuditEvent.objects.get(action="community.flag.dismissed").after == {"flags_dismissed": 2}
    assert _told(forum.bob) == []
    with pytest.raises(Conflict):
        moderation.dismiss_flags(actor=forum.moderator, post=flagged)


def test_a_member_may_not_moderate(forum, post):
    with pytest.raises(PermissionDenied):
        moderation.hide_post(actor=forum.alice, post=post, reason="Spam")
    with pytest.raises(PermissionDenied):
        thread_moderation.lock_thread(actor=forum.asker, thread=forum.thread)


def test_locking_and_unlocking_a_thread(forum):
    thread_moderation.lock_thread(actor=forum.moderator, thread=forum.thread)
    forum.thread.refresh_from_db()
    assert forum.thread.is_locked
    with pytest.raises(Conflict):
        thread_moderation.lock_thread(actor=forum.moderator, thread=forum.thread)

    thread_moderation.unlock_thread(actor=forum.moderator, thread=forum.thread)

    forum.thread.refresh_from_db()
    assert not forum.thread.is_locked
    actions = AuditEvent.objects.filter(action__startswith="community.thread.").order_by("pk")
    assert list(actions.values_list("action", flat=True)) == [
        "community.thread.locked",
        "community.thread.unlocked",
    ]
    assert _told(forum.asker) == [
        "A moderator locked your thread “Answering a review that names a nurse”: it takes no "
        "more replies"
    ]


def test_pinning_and_hiding_a_thread(forum):
    thread_moderation.pin_thread(actor=forum.moderator, thread=forum.thread)
    thread_moderation.hide_thread(actor=forum.moderator, thread=forum.thread, reason="Off topic")
    thread_moderation.unpin_thread(actor=forum.moderator, thread=forum.thread)
    thread_moderation.unhide_thread(actor=forum.moderator, thread=forum.thread)

    forum.thread.refresh_from_db()
    assert (forum.thread.is_pinned, forum.thread.is_hidden) == (False, False)
    actions = AuditEvent.objects.filter(action__startswith="community.thread.").order_by("pk")
    assert list(actions.values_list("action", flat=True)) == [
        "community.thread.pinned",
        "community.thread.hidden",
        "community.thread.unpinned",
        "community.thread.unhidden",
    ]
    assert actions[1].after == {"is_hidden": True, "reason": "Off topic"}


def test_moving_a_thread_moves_its_counts(forum):
    target = make_category(name="Crisis response", slug="crisis")
    make_thread(category=target, author=forum.carol, replies=[(forum.alice, "Same here.")])
    # Reputation: 1 thread, 1 post. Crisis: 1 thread, 2 posts. Add a reply to the moved one.
    Post.objects.create(
        thread=forum.thread, number=2, author=forum.bob, body="Hi", body_html="<p>Hi</p>"
    )
    forum.thread.post_count = 2
    forum.thread.save(update_fields=["post_count"])

    thread_moderation.move_thread(actor=forum.moderator, thread=forum.thread, category=target)

    forum.thread.refresh_from_db()
    forum.category.refresh_from_db()
    target.refresh_from_db()
    assert forum.thread.category == target
    assert (forum.category.thread_count, forum.category.post_count) == (0, 0)
    assert forum.category.last_post_at is None
    assert (target.thread_count, target.post_count) == (2, 4)
    event = AuditEvent.objects.get(action="community.thread.moved")
    assert (event.before, event.after) == (
        {"category": "Reputation and reviews"},
        {"category": "Crisis response"},
    )


def test_moving_to_the_same_category_is_refused(forum):
    with pytest.raises(DomainError) as refused:
        thread_moderation.move_thread(
            actor=forum.moderator, thread=forum.thread, category=forum.category
        )
    assert refused.value.field == "category"
