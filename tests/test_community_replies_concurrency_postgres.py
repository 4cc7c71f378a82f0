"""Forum replies under real concurrency on PostgreSQL: four members replying to one thread at
the same moment get posts #2 to #5, no number missing or repeated (each reply takes the next
number under the thread's row lock), and the thread's and category's counters count all
four; replies racing a moderator's lock either land before it or are refused, never half
written."""

import pytest
from django.db import close_old_connections

from socialrx.community.models import Category, Post, Thread
from socialrx.community.selectors.forums import thread_for
from socialrx.community.services.forums import reply
from socialrx.core.errors import Conflict
from tests.community.factories import make_category, make_thread, member_org
from tests.concurrency import require_postgres, run_at_once
from tests.factories import SeatFactory

pytestmark = [pytest.mark.integration, pytest.mark.postgres]


@pytest.fixture(autouse=True)
def _needs_postgres(transactional_db):
    require_postgres()


def _members(count: int):
    organization, admin, member = member_org("Riverside Medical Center")
    return [admin, member] + [SeatFactory(organization=organization).user for _ in range(count - 2)]


def _reply(person, thread_id, body: str):
    close_old_connections()
    # Each writer reads the thread itself, as a request would.
    thread = thread_for(person, thread_id)
    return reply(actor=person, thread=thread, body=body)


def test_four_replies_at_once_are_numbered_two_to_five():
    people = _members(5)
    category = make_category()
    thread = make_thread(category=category, author=people[4])

    results = run_at_once(
        4, lambda i: _reply(people[i], thread.public_id, f"Reply from person {i}")
    )

    assert [type(r) for r in results] == [Post] * 4
    numbers = sorted(Post.objects.filter(thread=thread).values_list("number", flat=True))
    assert numbers == [1, 2, 3, 4, 5]
    assert sorted(r.number for r in results) == [2, 3, 4, 5]
    thread.refresh_from_db()
    assert (thread.post_count, thread.last_post_number) == (5, 5)
    category = Category.objects.get(pk=category.pk)
    assert (category.thread_count, category.post_count) == (1, 5)


def test_replies_racing_a_lock_land_before_it_or_are_refused():
    people = _members(4)
    thread = make_thread(author=people[3])

    def work(index):
        close_old_connections()
        if index == 0:
            return Thread.objects.filter(pk=thread.pk).update(is_locked=True)
        return _reply(people[index], thread.public_id, "Racing the lock")

    results = run_at_once(4, work)

    posts = [r for r in results[1:] if isinstance(r, Post)]
    refused = [r for r in results[1:] if isinstance(r, Conflict)]
    assert len(posts) + len(refused) == 3
    assert {error.code for error in refused} <= {"locked"}
    thread.refresh_from_db()
    assert thread.is_locked is True
    assert thread.last_post_number == 1 + len(posts) == thread.post_count
    assert sorted(Post.objects.filter(thread=thread).values_list("number", flat=True)) == list(
        range(1, 2 + len(posts))
    )
