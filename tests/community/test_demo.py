"""The community's demo data (`socialrx seed-demo`, small profile): 13 forum categories, 8
threads between the demo organizations' people with replies and accepted answers, the
follows and notifications they made, the demo member's reading marks and the member
directory; never twice."""

from collections import Counter
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from socialrx.community.models import (
    Category,
    DirectoryProfile,
    Follow,
    Notification,
    OrganizationEntry,
    Post,
    Thread,
    ThreadRead,
)
from socialrx.community.selectors.directory import listed_organizations, listed_people

pytestmark = pytest.mark.integration

COMMUNITY_MODELS = [
    Category, Thread, Post, Follow, Notification, ThreadRead, DirectoryProfile,
    OrganizationEntry,
]  # fmt: skip
KAREN = "Karen Lindqvist"
JAMES = "James Okafor"


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in COMMUNITY_MODELS}


def test_thirteen_categories_two_open_to_guests(demo_small):
    categories = Category.objects.all()

    assert categories.count() == 13
    assert set(categories.filter(open_to_guests=True).values_list("slug", flat=True)) == {
        "getting-started",
        "physician-presence",
    }
    assert Counter(categories.values_list("grouping", flat=True)) == {
        "general": 2,
        "platform": 4,
        "topic": 5,
        "organization_type": 2,
    }
    assert Category.objects.get(slug="facebook").platform.code == "facebook"
    assert Category.objects.get(slug="measurement").topic.slug == "measurement-roi"


def test_eight_threads_with_replies_and_accepted_answers(demo_small):
    threads = Thread.objects.select_related("accepted_post__author")

    assert threads.count() == 8 and not threads.filter(is_generated=False).exists()
    assert Post.objects.count() == 20  # 8 opening posts and 12 replies
    assert Counter(threads.values_list("kind", flat=True)) == {"question": 4, "discussion": 4}
    answers = {t.title: t.accepted_post.author.full_name for t in threads if t.accepted_post}
    assert answers == {
        "A patient tagged us in a photo from her room. Can we share it?": "Rachel Nguyen",
        "Does anyone's policy cover AI-written drafts?": KAREN,
        "What do you report to the board each quarter?": "Rachel Nguyen",
        "Hide or delete a comment that names a nurse?": KAREN,
    }
    assert list(threads.filter(is_pinned=True).values_list("title", flat=True)) == [
        "Introductions: who's here?"
    ]
    now = timezone.now()
    for thread in threads:
        posts = list(thread.posts.order_by("number"))
        assert [p.number for p in posts] == list(range(1, len(posts) + 1))
        assert (thread.post_count, thread.last_post_number) == (len(posts), len(posts))
        assert thread.last_post_at == posts[-1].created_at < now
        assert all(p.body_html and p.search_text for p in posts)
        assert now - thread.created_at < timedelta(days=35)
    hipaa = Category.objects.get(slug="hipaa-privacy")
    assert (hipaa.thread_count, hipaa.post_count) == (1, 3)
    assert Category.objects.get(slug="x-and-threads").thread_count == 0


def test_follows_and_the_notifications_the_forum_made(demo_small):
    # Category follows: James (HIPAA, practices, measurement), Karen (crisis), Emily (getting
    # started); each thread's author, follower and repliers follow it (20 thread follows).
    assert Follow.objects.filter(category__isnull=False).count() == 5
    assert Follow.objects.filter(thread__isnull=False).count() == 20
    notifications = Counter(Notification.objects.values_list("user__full_name", "kind"))
    # Only people who may read the thread hear of it: Riverside's people (members), and the
    # others in the categories open to guests (Sarah Whitman in "Getting started").
    assert notifications == {
        (KAREN, "reply"): 7,
        (KAREN, "new_thread"): 1,
        (KAREN, "answer_accepted"): 2,
        (JAMES, "new_thread"): 3,
        (JAMES, "reply"): 2,
        ("Emily Sorensen", "new_thread"): 1,
        ("Sarah Whitman", "reply"): 1,
    }
    unread = Counter(
        Notification.objects.filter(read_at__isnull=True).values_list("user__full_name", flat=True)
    )
    # Those of the last ten days: the board-report thread (9 days), the hidden comment
    # (5 days) and the practices thread (2 days).
    assert unread == {KAREN: 3, JAMES: 2}


def test_the_demo_member_has_unread_replies(demo_small):
    marks = dict(
        ThreadRead.objects.filter(user__full_name=JAMES).values_list(
            "thread__title", "last_read_number"
        )
    )

    assert marks == {
        "A patient tagged us in a photo from her room. Can we share it?": 3,
        "How often do you update during an outage?": 3,
        "Does anyone's policy cover AI-written drafts?": 2,
        "What do you report to the board each quarter?": 1,
        "Declining patients' friend requests without offending them": 2,
        "Introductions: who's here?": 3,
        "Hide or delete a comment that names a nurse?": 1,
        "Two hours a week: what's worth doing?": 1,
    }


def test_the_directory_lists_the_members_and_keeps_the_others_for_later(demo_small):
    assert DirectoryProfile.objects.filter(is_listed=True).count() == 7
    assert not DirectoryProfile.objects.filter(user__full_name="David Chen").exists()
    shown = {
        (p.user.full_name, p.role_title, p.organization.name, p.accepts_messages)
        for p in listed_people()
    }
    assert shown == {
        (KAREN, "Director of Digital Communications", "Riverside Regional Medical Center", True),
        (JAMES, "Chief Medical Officer", "Riverside Regional Medical Center", True),
        ("Emily Sorensen", "Clinical Nurse Educator", "Riverside Regional Medical Center", False),
    }
    karen = DirectoryProfile.objects.get(user__full_name=KAREN)
    assert set(karen.platforms.values_list("code", flat=True)) == {
        "facebook",
        "instagram",
        "linkedin",
    }
    assert set(karen.expertise.values_list("slug", flat=True)) == {
        "strategy",
        "crisis-response",
        "reputation",
    }
    assert OrganizationEntry.objects.filter(is_listed=True).count() == 3
    assert [e.organization.name for e in listed_organizations()] == [
        "Riverside Regional Medical Center"
    ]


def test_the_thread_page_says_it_was_written_for_the_demo(demo_small, client):
    from socialrx.accounts.models import User

    client.force_login(User.objects.get(full_name=JAMES))
    thread = Thread.objects.get(title="Two hours a week: what's worth doing?")

    response = client.get(f"/community/t/{thread.public_id}/", secure=True)

    assert response.status_code == 200
    assert "Written for the demo." in response.content.decode()


def test_the_report_names_the_forums_and_the_directory(demo_small):
    out = StringIO()
    call_command("seed_demo", profile="small", stdout=out)
    printed = out.getvalue()

    assert (
        "Forums /community/: 13 categories (2 open to signed-in guests), 8 threads "
        "(4 questions, 4 with an accepted answer), 12 replies" in printed
    )
    assert "Unread forum notifications: James Okafor 2, Karen Lindqvist 3" in printed
    assert "Directory /community/directory/: 3 people and 1 organization shown" in printed


def test_a_second_run_creates_nothing(demo_small):
    before = counts()

    call_command("seed_demo", profile="small", quiet=True)

    assert counts() == before
