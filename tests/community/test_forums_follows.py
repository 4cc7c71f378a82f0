"""Following (services.follows): a person follows what they may read, once however many times
they ask (the insert ignores the "once per person" constraints); stopping twice is harmless;
a thread and a category are followed independently."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from socialrx.community.models import Follow
from socialrx.community.services.follows import (
    follow_category,
    follow_thread,
    unfollow_category,
    unfollow_thread,
)
from tests.community.factories import make_category, make_thread
from tests.community.forums_support import forum_people

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def people(db):
    return forum_people()


def _follows(user) -> list[tuple]:
    return sorted(
        Follow.objects.filter(user=user).values_list("thread_id", "category_id"),
        key=str,
    )


def test_following_twice_makes_one_row_each(people):
    thread = make_thread(author=people.other)
    category = thread.category

    follow_thread(actor=people.member, thread=thread)
    follow_thread(actor=people.member, thread=thread)
    follow_category(actor=people.member, category=category)
    follow_category(actor=people.member, category=category)

    assert _follows(people.member) == sorted([(thread.pk, None), (None, category.pk)], key=str)


def test_stopping_is_idempotent_and_leaves_the_other_follow(people):
    thread = make_thread(author=people.other)
    follow_thread(actor=people.member, thread=thread)
    follow_category(actor=people.member, category=thread.category)

    unfollow_thread(actor=people.member, thread=thread)
    unfollow_thread(actor=people.member, thread=thread)

    assert _follows(people.member) == [(None, thread.category.pk)]
    unfollow_category(actor=people.member, category=thread.category)
    unfollow_category(actor=people.member, category=thread.category)
    assert _follows(people.member) == []


def test_a_guest_follows_an_open_category_but_not_a_members_one(people):
    open_category = make_category(open_to_guests=True)
    closed = make_category()

    follow_category(actor=people.guest, category=open_category)
    with pytest.raises(PermissionDenied):
        follow_category(actor=people.guest, category=closed)

    assert _follows(people.guest) == [(None, open_category.pk)]
