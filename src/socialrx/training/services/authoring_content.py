"""Editing a course's draft: its modules and lessons (quiz questions: `authoring_quiz`).

Only a draft version is ever changed; a lesson, module or question of a published or
superseded version is "not found" here. Every write locks the draft's row first, so two people
editing the same draft one after the other never interleave positions."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import Max

from socialrx.core import audit
from socialrx.core.errors import Conflict, DomainError, NotFound
from socialrx.core.markdown import render
from socialrx.core.permissions import require

from ..embeds import normalise_embed_url
from ..models import CourseVersion, Lesson, LessonKind, Module, VersionStatus
from .media import discard_if_unused

PERMISSION = "training.author_courses"
LESSON_FIELDS = [
    "title",
    "kind",
    "minutes",
    "is_preview",
    "body_markdown",
    "transcript",
    "embed_url",
    "passing_percent",
    "max_attempts",
    "shuffle_questions",
    "shuffle_choices",
]
UP, DOWN = "up", "down"


def lock_draft(version_id: int) -> CourseVersion:
    """The draft version, locked for this transaction; NotFound once it is published."""
    draft = (
        CourseVersion.objects.select_for_update()
        .filter(pk=version_id, status=VersionStatus.DRAFT)
        .first()
    )
    if draft is None:
        raise NotFound("This version is no longer a draft: start a new version to edit it.")
    return draft


def _title(text: str, what: str) -> str:
    title = " ".join((text or "").split())
    if not title:
        raise DomainError(f"Give the {what} a title.", field="title")
    if len(title) > 160:
        raise DomainError("Titles are at most 160 characters.", field="title")
    return title


def renumber(rows: list) -> None:
    """Positions 1..n in the given order, saving only the rows that moved."""
    changed = []
    for position, row in enumerate(rows, start=1):
        if row.position != position:
            row.position = position
            changed.append(row)
    if changed:
        type(changed[0]).objects.bulk_update(changed, ["position"])


def _swap(rows: list, row, direction: str) -> bool:
    """Move `row` one place up or down within `rows` (in order); False at the edge."""
    index = next(i for i, other in enumerate(rows) if other.pk == row.pk)
    target = index - 1 if direction == UP else index + 1
    if not 0 <= target < len(rows):
        return False
    rows[index], rows[target] = rows[target], rows[index]
    renumber(rows)
    return True


def _check_direction(direction: str) -> None:
    if direction not in (UP, DOWN):
        raise DomainError("Choose to move it up or down.", field="direction")


# --- modules ----------------------------------------------------------------------------------


@transaction.atomic
def add_module(*, actor, version: CourseVersion, title: str) -> Module:
    require(actor, PERMISSION)
    draft = lock_draft(version.pk)
    last = Module.objects.filter(version=draft).aggregate(n=Max("position"))["n"] or 0
    module = Module.objects.create(version=draft, title=_title(title, "module"), position=last + 1)
    audit.record(
        actor=actor,
        action="training.module.added",
        target=module,
        after={"title": module.title, "version": draft.number, "position": module.position},
    )
    return module


@transaction.atomic
def rename_module(*, actor, module: Module, title: str) -> Module:
    require(actor, PERMISSION)
    lock_draft(module.version_id)
    module = Module.objects.get(pk=module.pk)
    before = {"title": module.title}
    module.title = _title(title, "module")
    module.save(update_fields=["title"])
    audit.record(
        actor=actor,
        action="training.module.renamed",
        target=module,
        before=before,
        after={"title": module.title},
    )
    return module


@transaction.atomic
def delete_module(*, actor, module: Module) -> None:
    """Delete an empty module (a module with lessons is refused: delete or move them first,
    so no lesson is lost by one click)."""
    require(actor, PERMISSION)
    draft = lock_draft(module.version_id)
    module = Module.objects.filter(pk=module.pk).first()
    if module is None:
        raise NotFound("This module was already deleted.")
    if module.lessons.exists():
        raise Conflict(
            f"“{module.title}” still has lessons: move them to another module or delete them first."
        )
    audit.record(
        actor=actor,
        action="training.module.deleted",
        target=module,
        before={"title": module.title, "position": module.position, "version": draft.number},
    )
    module.delete()
    renumber(list(Module.objects.filter(version=draft).order_by("position")))


@transaction.atomic
def move_module(*, actor, module: Module, direction: str) -> Module:
    require(actor, PERMISSION)
    _check_direction(direction)
    draft = lock_draft(module.version_id)
    modules = list(Module.objects.filter(version=draft).order_by("position"))
    before = next(m.position for m in modules if m.pk == module.pk)
    if not _swap(modules, module, direction):
        raise Conflict(f"This module is already the {'first' if direction == UP else 'last'}.")
    module = next(m for m in modules if m.pk == module.pk)
    audit.record(
        actor=actor,
        action="training.module.moved",
        target=module,
        before={"position": before},
        after={"position": module.position},
    )
    return module


# --- lessons ----------------------------------------------------------------------------------


def _kind(kind: str) -> str:
    if kind not in LessonKind.values:
        raise DomainError("Choose what kind of lesson this is.", field="kind")
    return kind


@transaction.atomic
def add_lesson(*, actor, module: Module, title: str, kind: str) -> Lesson:
    require(actor, PERMISSION)
    draft = lock_draft(module.version_id)
    last = Lesson.objects.filter(module=module).aggregate(n=Max("position"))["n"] or 0
    lesson = Lesson.objects.create(
        module=module, title=_title(title, "lesson"), kind=_kind(kind), position=last + 1
    )
    audit.record(
        actor=actor,
        action="training.lesson.added",
        target=lesson,
        after={"title": lesson.title, "kind": lesson.kind, "module": module.title,
               "version": draft.number},
    )  # fmt: skip
    return lesson


def _lesson_values(data: dict[str, Any], lesson: Lesson) -> dict[str, Any]:
    values = {name: data[name] for name in LESSON_FIELDS if name in data}
    if "title" in values:
        values["title"] = _title(values["title"], "lesson")
    if "kind" in values:
        _kind(values["kind"])
    embed_url = (values.get("embed_url") or "").strip()
    values["embed_url"] = normalise_embed_url(embed_url) if embed_url else ""
    for name, low, high, label in (
        ("minutes", 1, 600, "Minutes"),
        ("passing_percent", 1, 100, "The passing score"),
        ("max_attempts", 1, 20, "Attempts"),
    ):
        value = values.get(name, getattr(lesson, name))
        if value is None or not low <= value <= high:
            raise DomainError(f"{label} must be between {low} and {high}.", field=name)
    return values


@transaction.atomic
def update_lesson(*, actor, lesson: Lesson, data: dict[str, Any]) -> Lesson:
    """Change a draft lesson: its text (rendered and sanitised now), kind, video address,
    quiz settings, and with data["module"] the module it belongs to (it goes last there)."""
    require(actor, PERMISSION)
    draft = lock_draft(lesson.module.version_id)
    lesson = Lesson.objects.select_related("module").get(pk=lesson.pk)
    before = audit.snapshot(lesson, ["module_id", *LESSON_FIELDS])
    values = _lesson_values(data, lesson)
    for name, value in values.items():
        setattr(lesson, name, value)
    lesson.body_html = render(lesson.body_markdown)
    old_module = lesson.module
    target = data.get("module")
    if target is not None and target.pk != old_module.pk:
        if target.version_id != draft.pk:
            raise DomainError("Choose one of this draft's modules.", field="module")
        last = Lesson.objects.filter(module=target).aggregate(n=Max("position"))["n"] or 0
        lesson.module, lesson.position = target, last + 1
    lesson.save()
    if lesson.module_id != old_module.pk:
        renumber(list(Lesson.objects.filter(module=old_module).order_by("position")))
    audit.record(
        actor=actor,
        action="training.lesson.updated",
        target=lesson,
        before=before,
        after=audit.snapshot(lesson, ["module_id", *LESSON_FIELDS]),
    )
    return lesson


@transaction.atomic
def delete_lesson(*, actor, lesson: Lesson) -> None:
    """Delete a draft lesson with its questions. Learners' completions of it stay recorded
    (by key) and count again if a later version brings the lesson back."""
    require(actor, PERMISSION)
    lock_draft(lesson.module.version_id)
    lesson = Lesson.objects.select_related("module", "media").filter(pk=lesson.pk).first()
    if lesson is None:
        raise NotFound("This lesson was already deleted.")
    media = lesson.media
    audit.record(
        actor=actor,
        action="training.lesson.deleted",
        target=lesson,
        before={"title": lesson.title, "kind": lesson.kind, "key": lesson.key,
                "module": lesson.module.title},
    )  # fmt: skip
    module = lesson.module
    lesson.delete()
    renumber(list(Lesson.objects.filter(module=module).order_by("position")))
    if media is not None:
        discard_if_unused(media)


@transaction.atomic
def move_lesson(*, actor, lesson: Lesson, direction: str) -> Lesson:
    """One place up or down; past the top or bottom of its module it goes to the end of the
    module before or the start of the module after."""
    require(actor, PERMISSION)
    _check_direction(direction)
    draft = lock_draft(lesson.module.version_id)
    lesson = Lesson.objects.select_related("module").get(pk=lesson.pk)
    before = {"module": lesson.module.title, "position": lesson.position}
    siblings = list(Lesson.objects.filter(module=lesson.module).order_by("position"))
    if not _swap(siblings, lesson, direction):
        _move_across(draft, lesson, siblings, direction)
    lesson.refresh_from_db()
    audit.record(
        actor=actor,
        action="training.lesson.moved",
        target=lesson,
        before=before,
        after={"module": lesson.module.title, "position": lesson.position},
    )
    return lesson


def _move_across(draft: CourseVersion, lesson: Lesson, siblings: list, direction: str) -> None:
    modules = list(Module.objects.filter(version=draft).order_by("position"))
    index = next(i for i, module in enumerate(modules) if module.pk == lesson.module_id)
    target_index = index - 1 if direction == UP else index + 1
    if not 0 <= target_index < len(modules):
        raise Conflict(f"This lesson is already the {'first' if direction == UP else 'last'}.")
    target = modules[target_index]
    others = list(Lesson.objects.filter(module=target).order_by("position"))
    lesson.module = target
    lesson.save(update_fields=["module"])
    renumber([row for row in siblings if row.pk != lesson.pk])
    renumber([*others, lesson] if direction == UP else [lesson, *others])
