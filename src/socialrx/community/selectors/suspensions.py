"""Whether a member is suspended from posting (cached per request: every page asks)."""

from django.db.models import Q
from django.utils import timezone

from socialrx.core.permissions import person_cache

from ..models import Suspension


def in_force():
    now = timezone.now()
    return Suspension.objects.filter(lifted_at__isnull=True).filter(
        Q(until__isnull=True) | Q(until__gt=now)
    )


def is_suspended(user) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return person_cache(user, "community.suspended", lambda: in_force().filter(user=user).exists())
