"""Usage without following people: a count per resource, day and kind, the resource's running
total, and a history for signed-in readers only; visits to the library are noted at most once
every 30 minutes so "new since your last visit" survives reloads."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from socialrx.library.models import (
    Access,
    DailyUse,
    LibraryVisit,
    ReaderHistory,
    Resource,
    ResourceStatus,
)
from socialrx.library.services.usage import note_library_visit, record_download, record_view
from tests.concurrency import require_postgres, run_at_once
from tests.factories import UserFactory
from tests.library.factories import make_resource

pytestmark = [pytest.mark.integration]

CHICAGO = ZoneInfo("America/Chicago")
MORNING = datetime(2026, 3, 2, 9, 0, tzinfo=CHICAGO)


def _daily() -> list[tuple]:
    return list(DailyUse.objects.order_by("day", "kind").values_list("day", "kind", "count"))


@pytest.mark.django_db
def test_views_and_downloads_are_counted_per_day_and_kind():
    resource = make_resource(title="Open guide")

    record_view(resource, None, now=MORNING)
    record_view(resource, None, now=MORNING + timedelta(hours=3))
    record_download(resource, None, now=MORNING + timedelta(hours=4))
    # 23:30 in Chicago is the next day in UTC, still 2 March at the center.
    record_view(resource, None, now=datetime(2026, 3, 2, 23, 30, tzinfo=CHICAGO))
    record_view(resource, None, now=datetime(2026, 3, 3, 0, 30, tzinfo=CHICAGO))

    resource.refresh_from_db()
    assert resource.use_count == 5
    assert _daily() == [
        (date(2026, 3, 2), "download", 1),
        (date(2026, 3, 2), "view", 3),
        (date(2026, 3, 3), "view", 1),
    ]


@pytest.mark.django_db
def test_a_visitor_leaves_no_history():
    resource = make_resource(title="Open guide")

    record_view(resource, None, now=MORNING)
    record_download(resource, None, now=MORNING)

    assert ReaderHistory.objects.count() == 0


@pytest.mark.django_db
def test_a_signed_in_reader_keeps_their_own_history():
    resource = make_resource(title="Member guide", access=Access.MEMBER)
    reader = UserFactory()

    record_view(resource, reader, now=MORNING)
    record_download(resource, reader, now=MORNING + timedelta(minutes=5))
    record_download(resource, reader, now=MORNING + timedelta(minutes=9))
    record_view(resource, reader, now=MORNING + timedelta(days=1))

    [entry] = ReaderHistory.objects.all()
    assert (entry.user_id, entry.resource_id) == (reader.pk, resource.pk)
    assert entry.last_opened_at == MORNING + timedelta(days=1)
    assert entry.downloads == 2


@pytest.mark.django_db
@pytest.mark.parametrize("status", [ResourceStatus.DRAFT, ResourceStatus.WITHDRAWN])
def test_an_unpublished_resource_is_not_counted(status):
    resource = make_resource(title="Preview", status=status)

    record_view(resource, UserFactory(), now=MORNING)

    assert Resource.objects.get(pk=resource.pk).use_count == 0
    assert DailyUse.objects.count() == 0
    assert ReaderHistory.objects.count() == 0


@pytest.mark.django_db
def test_the_first_visit_has_no_previous_one():
    reader = UserFactory()

    assert note_library_visit(reader, now=MORNING) is None
    assert note_library_visit(None, now=MORNING) is None

    visit = LibraryVisit.objects.get(user=reader)
    assert (visit.last_seen_at, visit.previous_seen_at) == (MORNING, None)


@pytest.mark.django_db
def test_visits_within_30_minutes_are_one_visit():
    reader = UserFactory()
    note_library_visit(reader, now=MORNING)

    next_day = MORNING + timedelta(days=1)
    assert note_library_visit(reader, now=next_day) == MORNING
    assert note_library_visit(reader, now=next_day + timedelta(minutes=10)) == MORNING
    assert note_library_visit(reader, now=next_day + timedelta(minutes=29)) == MORNING
    assert note_library_visit(reader, now=next_day + timedelta(minutes=31)) == next_day

    visit = LibraryVisit.objects.get(user=reader)
    assert visit.last_seen_at == next_day + timedelta(minutes=31)
    assert visit.previous_seen_at == next_day


@pytest.mark.django_db(transaction=True)
def test_simultaneous_first_uses_of_a_day_lose_no_count():
    require_postgres("simultaneous uses")
    resource = make_resource(title="Busy guide")
    readers = [UserFactory() for _ in range(3)]

    def use(index: int):
        record_view(resource, readers[index % 3] if index < 6 else None, now=MORNING)

    results = run_at_once(8, use)

    assert results == [None] * 8
    assert _daily() == [(date(2026, 3, 2), "view", 8)]
    assert Resource.objects.get(pk=resource.pk).use_count == 8
    assert sorted(ReaderHistory.objects.values_list("user_id", flat=True)) == sorted(
        reader.pk for reader in readers
    )
