"""Reads of the shared vocabulary."""

from django.db.models import QuerySet

from .models import Platform, Topic


def topics() -> QuerySet[Topic]:
    return Topic.objects.all()


def platforms() -> QuerySet[Platform]:
    return Platform.objects.all()
