"""Reads of faculty time."""

from datetime import datetime

from django.db.models import QuerySet

from .models import Commitment


def commitments_of(person, *, since: datetime, until: datetime) -> QuerySet[Commitment]:
    return Commitment.objects.filter(person=person, starts_at__lt=until, ends_at__gt=since)


def busy_people(people_ids, *, starts_at: datetime, ends_at: datetime) -> set[int]:
    """Who among `people_ids` already has something in [starts_at, ends_at), in one query."""
    return set(
        Commitment.objects.filter(
            person_id__in=list(people_ids), starts_at__lt=ends_at, ends_at__gt=starts_at
        ).values_list("person_id", flat=True)
    )
