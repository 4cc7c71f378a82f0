"""The versions of policy templates and checklists: each publication of a changed text is
kept (number, title, text, a note on what changed) so readers can compare any two. Called by
the authoring services inside their transaction, with the resource locked."""

from __future__ import annotations

from socialrx.core import audit

from ..models import VERSIONED_KINDS, Resource, ResourceVersion

KINDS = VERSIONED_KINDS
FIRST_NOTE = "As first published."


def _same_text(first: str, second: str) -> bool:
    return first.replace("\r\n", "\n").strip() == second.replace("\r\n", "\n").strip()


def _create(*, actor, resource: Resource, title: str, body: str, note: str) -> ResourceVersion:
    latest = resource.versions.order_by("-number").values_list("number", flat=True).first()
    number = max(resource.current_version, latest or 0) + 1
    version = ResourceVersion.objects.create(
        resource=resource,
        number=number,
        title=title,
        body=body,
        change_note=note[:300],
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    resource.current_version = number
    Resource.objects.filter(pk=resource.pk).update(current_version=number)
    audit.record(
        actor=actor,
        action="library.version.created",
        target=version,
        after={"resource": resource.title, "number": number, "change_note": version.change_note},
    )
    return version


def keep_first(*, actor, resource: Resource) -> ResourceVersion | None:
    """Before a published template without versions is changed (it was published before
    versions were kept, or by a contribution's approval), keep its text as version 1."""
    if resource.versions.exists():
        return None
    return _create(
        actor=actor, resource=resource, title=resource.title, body=resource.body, note=FIRST_NOTE
    )


def record_if_changed(
    *, actor, resource: Resource, change_note: str = ""
) -> ResourceVersion | None:
    """A new version when the text differs from the latest version's (or none was kept)."""
    latest = resource.versions.order_by("-number").first()
    if latest is not None and _same_text(latest.body, resource.body):
        return None
    note = " ".join(change_note.split()) or (FIRST_NOTE if latest is None else "")
    return _create(
        actor=actor, resource=resource, title=resource.title, body=resource.body, note=note
    )
