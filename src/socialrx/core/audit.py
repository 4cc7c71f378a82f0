"""Writing the audit log. Services call `record` inside their transaction, so an action and
its audit row are committed together or not at all."""

from __future__ import annotations

from typing import Any

from django.db import models

from .models import AuditEvent


def _target_type(target: models.Model) -> str:
    return f"{target._meta.app_label}.{target._meta.model_name}"


def build(
    *,
    actor: Any,
    action: str,
    target: models.Model,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    ip_address: str | None = None,
) -> AuditEvent:
    """One event, not yet saved. `actor` may be None for the system (tasks, seed data)."""
    is_person = actor is not None and getattr(actor, "is_authenticated", False)
    return AuditEvent(
        actor=actor if is_person else None,
        actor_email=getattr(actor, "email", "") if is_person else "",
        action=action,
        target_type=_target_type(target),
        target_id=str(target.pk),
        target_repr=str(target)[:255],
        before=_jsonable(before or {}),
        after=_jsonable(after or {}),
        ip_address=ip_address,
    )


def record(**event: Any) -> AuditEvent:
    """Append one event (the arguments of `build`)."""
    audit_event = build(**event)
    audit_event.save()
    return audit_event


def record_many(events: list[AuditEvent]) -> None:
    """Append events built with `build` in one statement: bulk imports change thousands of
    rows and each change keeps its history."""
    AuditEvent.objects.bulk_create(events, batch_size=1000)


def _jsonable(values: dict[str, Any]) -> dict[str, Any]:
    """Audit values are stored as JSON; dates, UUIDs and models become their text."""
    plain: dict[str, Any] = {}
    for key, value in values.items():
        if value is None or isinstance(value, bool | int | float | str):
            plain[key] = value
        elif isinstance(value, list | tuple | set):
            plain[key] = sorted(str(item) for item in value)
        else:
            plain[key] = str(value)
    return plain


def snapshot(instance: models.Model, fields: list[str]) -> dict[str, Any]:
    """The named fields of `instance`, ready to be an audit before/after."""
    return _jsonable({name: getattr(instance, name) for name in fields})
