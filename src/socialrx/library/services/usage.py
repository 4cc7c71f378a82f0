"""How the library is used, without following people: a count per resource per day and kind
(views, downloads), the resource's running total (`use_count`, the "most used" order), and for
signed-in people only their own history of what they opened. A visitor leaves no row about
themselves; no address or browser is kept for anyone.

The counts are raised with UPDATE … SET count = count + 1 (never read-modify-write), and the
first use of a day inserts its row; when two requests insert it at once, the loser's insert
fails on the unique constraint inside its own savepoint and it raises the winner's row instead,
so no use is lost on PostgreSQL under concurrency.

These are counters, not decisions: they are not audited. Only published resources count (a
staff member previewing a draft is not a reader). `record_download` is what the file view
calls for each file served."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from ..models import DailyUse, LibraryVisit, ReaderHistory, Resource, ResourceStatus, UseKind

# A visit to the library within this time of the last one is the same visit: "new since your
# last visit" compares with the visit before, so reloading the page does not empty it.
VISIT_GAP = timedelta(minutes=30)


def record_view(resource: Resource, user=None, *, now: datetime | None = None) -> None:
    """A person opened the resource's page."""
    _record(resource, user, UseKind.VIEW, now)


def record_download(resource: Resource, user=None, *, now: datetime | None = None) -> None:
    """A person downloaded one of the resource's files."""
    _record(resource, user, UseKind.DOWNLOAD, now)


def _record(resource: Resource, user, kind: str, now: datetime | None) -> None:
    if resource.status != ResourceStatus.PUBLISHED:
        return
    now = now or timezone.now()
    day = timezone.localtime(now, timezone.get_default_timezone()).date()
    with transaction.atomic():
        _raise_or_insert(
            DailyUse.objects.filter(resource=resource, day=day, kind=kind),
            {"count": F("count") + 1},
            lambda: DailyUse(resource=resource, day=day, kind=kind, count=1),
        )
        Resource.objects.filter(pk=resource.pk).update(use_count=F("use_count") + 1)
        if getattr(user, "is_authenticated", False):
            downloads = 1 if kind == UseKind.DOWNLOAD else 0
            _raise_or_insert(
                ReaderHistory.objects.filter(user=user, resource=resource),
                {"last_opened_at": now, "downloads": F("downloads") + downloads},
                lambda: ReaderHistory(
                    user=user, resource=resource, last_opened_at=now, downloads=downloads
                ),
            )


def _raise_or_insert(existing, changes: dict, new) -> None:
    if existing.update(**changes):
        return
    try:
        with transaction.atomic():
            new().save(force_insert=True)
    except IntegrityError:
        # Another request inserted the row first: count on it.
        existing.update(**changes)


def note_library_visit(user, *, now: datetime | None = None) -> datetime | None:
    """Note that `user` opened the library and answer when their previous visit was (None:
    the first, or a visitor). A visit within VISIT_GAP of the last one continues it and
    changes nothing, so "new since your last visit" stays while they reload or page."""
    if not getattr(user, "is_authenticated", False):
        return None
    now = now or timezone.now()
    visit = LibraryVisit.objects.filter(user=user).first()
    if visit is None:
        try:
            with transaction.atomic():
                LibraryVisit.objects.create(user=user, last_seen_at=now)
        except IntegrityError:  # two first visits at once: the other one counts
            pass
        return None
    if now - visit.last_seen_at >= VISIT_GAP:
        LibraryVisit.objects.filter(pk=visit.pk, last_seen_at=visit.last_seen_at).update(
            previous_seen_at=visit.last_seen_at, last_seen_at=now
        )
        return visit.last_seen_at
    return visit.previous_seen_at
