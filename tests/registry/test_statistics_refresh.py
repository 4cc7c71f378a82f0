"""Today's statistics computed ahead: a change queues one refresh task after it commits (not
where tasks run inline), the task stores every kind under the data version it read, and the
page then reads them without a query."""

from datetime import date

import pytest
from celery import current_app
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from socialrx.registry import freshness, tasks
from socialrx.registry.models import EntityKind
from socialrx.registry.selectors import statistics
from tests.registry.factories import AccountFactory, EntityFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def queued(monkeypatch):
    """Tasks go to a broker (as in production); the refreshes queued are recorded."""
    calls = []
    monkeypatch.setattr(tasks.refresh_statistics, "delay", lambda token: calls.append("refresh"))
    current_app.conf.task_always_eager = False
    yield calls
    current_app.conf.task_always_eager = True  # as tests/conftest.py has it


def test_a_change_queues_one_refresh_after_it_commits(queued, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        freshness.mark_changed()
        freshness.mark_changed()  # a second write in the same change
        assert queued == []  # nothing before the commit

    assert queued == ["refresh"]
    assert freshness.statistics_refresh_pending()


def test_changes_while_a_refresh_waits_queue_no_other(queued, django_capture_on_commit_callbacks):
    for _ in range(3):  # an import's batches, each its own transaction
        with django_capture_on_commit_callbacks(execute=True):
            freshness.mark_changed()

    assert queued == ["refresh"]


def test_a_refresh_queues_another_when_the_data_moved_while_it_ran(queued):
    freshness.queue_statistics_refresh()
    version = freshness.data_version()
    freshness._bump()  # a change commits while the task computes

    freshness.statistics_refreshed(version, cache.get(freshness.REFRESH_KEY))

    assert queued == ["refresh", "refresh"]


def test_a_refresh_that_saw_the_latest_data_queues_nothing(queued):
    freshness.queue_statistics_refresh()

    freshness.statistics_refreshed(freshness.data_version(), cache.get(freshness.REFRESH_KEY))

    assert queued == ["refresh"]
    assert not freshness.statistics_refresh_pending()


def test_a_refresh_that_outlived_its_turn_leaves_the_next_one_waiting(queued):
    """The daily run (no token) or a run whose key expired must not release another's key."""
    freshness.queue_statistics_refresh()

    freshness.statistics_refreshed(freshness.data_version())  # the daily run
    freshness.statistics_refreshed(freshness.data_version(), "an-expired-token")

    assert freshness.statistics_refresh_pending()


def test_a_broker_that_is_down_leaves_the_change_committed_and_nothing_waiting(
    monkeypatch, django_capture_on_commit_callbacks
):
    def broker_down(token):
        raise ConnectionError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(tasks.refresh_statistics, "delay", broker_down)
    current_app.conf.task_always_eager = False
    try:
        version = freshness.data_version()
        with django_capture_on_commit_callbacks(execute=True):
            freshness.mark_changed()
    finally:
        current_app.conf.task_always_eager = True

    assert freshness.data_version() == version + 1
    assert not freshness.statistics_refresh_pending()


def test_nothing_is_queued_where_tasks_run_inline(django_capture_on_commit_callbacks):
    version = freshness.data_version()

    with django_capture_on_commit_callbacks(execute=True):
        freshness.mark_changed()

    assert freshness.data_version() == version + 1
    assert not freshness.statistics_refresh_pending()


def test_the_task_computes_today_for_every_kind_and_the_page_reads_it(
    client, django_assert_num_queries
):
    hospital = EntityFactory(state="MN")
    AccountFactory(entity=hospital, platform="x", first_listed=date(2015, 1, 1))

    tasks.refresh_statistics()

    today = timezone.localdate()
    with django_assert_num_queries(0):
        results = [statistics.adoption(kind=kind, as_of=today) for kind in EntityKind.values]
        response = client.get("/registry/adoption/")
    assert [(r.kind, r.total, r.present) for r in results] == [
        ("hospital", 1, 1),
        ("health_system", 0, 0),
        ("physician", 0, 0),
        ("organization", 0, 0),
    ]
    assert response.context["adoption"].present == 1
    assert statistics.is_current(response.context["adoption"])
    assert not freshness.statistics_refresh_pending()
