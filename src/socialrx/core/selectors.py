from datetime import date, datetime, time, timedelta

from django.db.models import QuerySet
from django.utils import timezone

from .models import AuditEvent


def audit_events(
    *,
    actor: str = "",
    action: str = "",
    target_type: str = "",
    since: date | None = None,
    until: date | None = None,
) -> QuerySet[AuditEvent]:
    """Audit events, newest first, narrowed by the staff's filters."""
    events = AuditEvent.objects.all()
    if actor:
        events = events.filter(actor_email__icontains=actor)
    if action:
        events = events.filter(action__startswith=action)
    if target_type:
        events = events.filter(target_type=target_type)
    if since:
        events = events.filter(created_at__gte=_start_of(since))
    if until:
        events = events.filter(created_at__lt=_start_of(until) + timedelta(days=1))
    return events


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def audit_actions() -> list[str]:
    return list(AuditEvent.objects.order_by().values_list("action", flat=True).distinct())
