"""The clause templates center staff keep (`toolkit.manage_clauses`).

- A clause's text is checked before anything is written (`clause_text.problems`): an unknown
  placeholder, a template tag, raw HTML or a heading is refused with a sentence saying why.
- Creating a clause publishes its version 1. Saving a change of its wording (section, title,
  text or condition) publishes the next version; policies already assembled keep the version
  they used. Changing only its order, review dates or use in new policies publishes nothing.
- Marking a clause reviewed records today's review and the next one due.
Each write is audited (`toolkit.clause.created`, `.published`, `.updated`, `.reviewed`)."""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date, timedelta

from django.db import transaction

from socialrx.core import audit
from socialrx.core.calendar import center_today
from socialrx.core.errors import DomainError
from socialrx.core.permissions import require

from ..clause_text import problems
from ..models import ClauseTemplate, ClauseTemplateVersion
from ..policy_answers import CONDITION_BY_SLUG
from ..policy_sections import SECTION_BY_SLUG

REVIEW_EVERY_DAYS = 365
WORDING = ("section", "title", "body", "condition")
AUDITED = (*WORDING, "slug", "position", "is_active", "reviewed_on", "review_due", "version")


@dataclass(frozen=True)
class ClauseData:
    slug: str
    section: str
    title: str
    body: str
    condition: str
    position: int
    reviewed_on: date
    review_due: date
    is_active: bool = True
    change_note: str = ""


def check(data: ClauseData, *, template: ClauseTemplate | None = None) -> None:
    """Refuse (DomainError naming the field) what the clause may not hold."""
    if data.section not in SECTION_BY_SLUG:
        raise DomainError("Choose one of the policy's sections.", field="section")
    if data.condition not in CONDITION_BY_SLUG:
        raise DomainError("Choose when the clause is included.", field="condition")
    if not data.title.strip():
        raise DomainError("Give the clause a title.", field="title")
    found = problems(data.body)
    if found:
        raise DomainError(" ".join(found), field="body", code="invalid_clause")
    if data.review_due <= data.reviewed_on:
        raise DomainError("The next review must come after the last one.", field="review_due")
    if data.reviewed_on > center_today():
        raise DomainError("The last review cannot be in the future.", field="reviewed_on")
    taken = ClauseTemplate.objects.filter(slug=data.slug)
    if template is not None:
        taken = taken.exclude(pk=template.pk)
    if taken.exists():
        raise DomainError("Another clause already has this short name.", field="slug")


def _publish(template: ClauseTemplate, actor, note: str) -> ClauseTemplateVersion:
    return ClauseTemplateVersion.objects.create(
        template=template,
        number=template.version,
        section=template.section,
        title=template.title,
        body=template.body,
        condition=template.condition,
        change_note=note.strip()[:300],
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )


@transaction.atomic(durable=True)
def create_clause(*, actor, data: ClauseData) -> ClauseTemplate:
    require(actor, "toolkit.manage_clauses")
    check(data)
    values = {f.name: getattr(data, f.name) for f in fields(data) if f.name != "change_note"}
    template = ClauseTemplate.objects.create(**values, version=1, updated_by=actor)
    _publish(template, actor, data.change_note or "First version.")
    audit.record(
        actor=actor,
        action="toolkit.clause.created",
        target=template,
        after=audit.snapshot(template, list(AUDITED)),
    )
    return template


@transaction.atomic(durable=True)
def update_clause(*, actor, template: ClauseTemplate, data: ClauseData) -> ClauseTemplate:
    """Save the clause; a change of wording publishes its next version."""
    require(actor, "toolkit.manage_clauses")
    template = ClauseTemplate.objects.select_for_update().get(pk=template.pk)
    check(data, template=template)
    before = audit.snapshot(template, list(AUDITED))
    reworded = any(getattr(template, name) != getattr(data, name) for name in WORDING)
    for f in fields(data):
        if f.name != "change_note":
            setattr(template, f.name, getattr(data, f.name))
    if reworded:
        template.version += 1
    template.updated_by = actor
    template.save()
    if reworded:
        _publish(template, actor, data.change_note)
    after = audit.snapshot(template, list(AUDITED))
    if after == before:
        return template
    audit.record(
        actor=actor,
        action="toolkit.clause.published" if reworded else "toolkit.clause.updated",
        target=template,
        before={k: v for k, v in before.items() if after[k] != v},
        after={k: v for k, v in after.items() if before[k] != v},
    )
    return template


@transaction.atomic(durable=True)
def mark_reviewed(*, actor, template: ClauseTemplate, today: date | None = None) -> ClauseTemplate:
    """Reviewed today, due again in a year: the wording stays as it is."""
    require(actor, "toolkit.manage_clauses")
    template = ClauseTemplate.objects.select_for_update().get(pk=template.pk)
    today = today or center_today()
    before = audit.snapshot(template, ["reviewed_on", "review_due"])
    template.reviewed_on = today
    template.review_due = today + timedelta(days=REVIEW_EVERY_DAYS)
    template.updated_by = actor
    template.save(update_fields=["reviewed_on", "review_due", "updated_by", "updated_at"])
    audit.record(
        actor=actor,
        action="toolkit.clause.reviewed",
        target=template,
        before=before,
        after=audit.snapshot(template, ["reviewed_on", "review_due"]),
    )
    return template


__all__ = [
    "REVIEW_EVERY_DAYS",
    "ClauseData",
    "check",
    "create_clause",
    "mark_reviewed",
    "update_clause",
]
