"""Staff writing the library: a resource created, edited, published and withdrawn.

Every write renders the Markdown body to sanitised HTML (core.markdown) and rebuilds the plain
words the search reads besides title and summary (`search_text`). Publishing a policy template
or checklist whose text changed keeps a version (services.versions); so does saving a change to
one already published, since that change is live at once."""

from __future__ import annotations

import html
import uuid
from dataclasses import dataclass, field
from datetime import date

from django.db import IntegrityError, transaction
from django.utils.html import strip_tags
from django.utils.text import slugify

from socialrx.core import audit
from socialrx.core.calendar import center_today
from socialrx.core.errors import Conflict, DomainError
from socialrx.core.markdown import render
from socialrx.core.permissions import require
from socialrx.core.related import organization_items_changed

from ..models import Access, Resource, ResourceKind, ResourceStatus
from . import versions

BODY_LIMIT = 100_000
PUBLISHABLE = frozenset({ResourceStatus.DRAFT, ResourceStatus.WITHDRAWN})
SCALAR_FIELDS = ("title", "slug", "kind", "summary", "body", "minutes", "access", "reviewed_on")


@dataclass
class ResourceData:
    """What staff write about a resource (the form's cleaned data)."""

    title: str
    kind: str
    summary: str
    body: str = ""
    slug: str = ""
    access: str = Access.MEMBER
    minutes: int | None = None
    reviewed_on: date | None = None
    topics: list = field(default_factory=list)
    platforms: list = field(default_factory=list)
    audiences: list = field(default_factory=list)


def search_text_of(resource: Resource) -> str:
    """Title, summary, the body's plain text, the names of its topics, platforms and
    audiences, and its files' names: the words the search finds it by."""
    parts = [resource.title, resource.summary, html.unescape(strip_tags(resource.body_html))]
    parts += [topic.name for topic in resource.topics.all()]
    parts += [platform.name for platform in resource.platforms.all()]
    parts += [audience.name for audience in resource.audiences.all()]
    parts += list(
        resource.files.filter(version__isnull=True).values_list("original_name", flat=True)
    )
    return " ".join(" ".join(parts).split())


def rebuild_search_text(resource: Resource) -> None:
    resource.search_text = search_text_of(resource)
    Resource.objects.filter(pk=resource.pk).update(search_text=resource.search_text)


def _check(data: ResourceData) -> None:
    data.title = " ".join(data.title.split())
    data.summary = " ".join(data.summary.split())
    data.body = data.body.strip()
    if not data.title:
        raise DomainError("Give the resource a title.", field="title")
    if not data.summary:
        raise DomainError("Write a one- or two-sentence summary.", field="summary")
    if data.kind not in ResourceKind.values:
        raise DomainError("Choose the kind of resource.", field="kind")
    if data.access not in Access.values:
        raise DomainError("Choose who may read it.", field="access")
    if len(data.body) > BODY_LIMIT:
        raise DomainError(f"Keep the text under {BODY_LIMIT:,} characters.", field="body")


def _free_slug(data: ResourceData, exclude_pk: int | None) -> str:
    wanted = slugify(data.slug)[:120] if data.slug else ""
    taken = Resource.objects.exclude(pk=exclude_pk)
    if wanted:
        if taken.filter(slug=wanted).exists():
            raise DomainError(
                f"Another resource has the address “{wanted}”: choose another.", field="slug"
            )
        return wanted
    base = slugify(data.title)[:100].strip("-") or "resource"
    return f"{base[:90]}-{uuid.uuid4().hex[:8]}" if taken.filter(slug=base).exists() else base


def _write(resource: Resource, data: ResourceData) -> None:
    for name in SCALAR_FIELDS:
        setattr(resource, name, getattr(data, name))
    resource.body_html = render(resource.body)
    try:
        with transaction.atomic():
            resource.save()
    except IntegrityError as error:  # the same address chosen at the same moment
        raise DomainError("Another resource has this address: choose another.", field="slug") from (
            error
        )
    resource.topics.set(list(data.topics))
    resource.platforms.set(list(data.platforms))
    resource.audiences.set(list(data.audiences))
    rebuild_search_text(resource)


def _facts(resource: Resource) -> dict:
    facts = {name: getattr(resource, name) for name in SCALAR_FIELDS if name != "body"}
    facts["body_characters"] = len(resource.body)
    facts["topics"] = [t.slug for t in resource.topics.all()]
    facts["platforms"] = [p.code for p in resource.platforms.all()]
    facts["audiences"] = [a.slug for a in resource.audiences.all()]
    return facts


@transaction.atomic
def create_resource(*, actor, data: ResourceData) -> Resource:
    """A new draft resource written by staff."""
    require(actor, "library.manage")
    _check(data)
    data.slug = _free_slug(data, None)
    resource = Resource(author=actor, status=ResourceStatus.DRAFT)
    _write(resource, data)
    audit.record(
        actor=actor, action="library.resource.created", target=resource, after=_facts(resource)
    )
    return resource


def _locked(resource: Resource) -> Resource:
    return Resource.objects.select_for_update().get(pk=resource.pk)


@transaction.atomic
def update_resource(*, actor, resource: Resource, data: ResourceData, change_note: str = ""):
    """Save staff's changes. A published template's changed text is live at once, so it is
    kept as a new version (with the text as first published kept first, if no version was)."""
    require(actor, "library.manage")
    _check(data)
    resource = _locked(resource)
    data.slug = _free_slug(data, resource.pk) if data.slug else resource.slug
    before = _facts(resource)
    published = resource.status == ResourceStatus.PUBLISHED
    if published and resource.kind in versions.KINDS:
        versions.keep_first(actor=actor, resource=resource)
    _write(resource, data)
    if published and resource.kind in versions.KINDS:
        versions.record_if_changed(actor=actor, resource=resource, change_note=change_note)
    if published:
        _case_studies_changed(resource)
    after = _facts(resource)
    changed = {key for key in after if after[key] != before[key]}
    audit.record(
        actor=actor,
        action="library.resource.updated",
        target=resource,
        before={key: before[key] for key in sorted(changed)},
        after={key: after[key] for key in sorted(changed)},
    )
    return resource


def _case_studies_changed(resource: Resource) -> None:
    """A published case study shows on its organization's registry listing and directory
    entry, whose cached pages are drawn again once this commits."""
    if resource.kind == ResourceKind.CASE_STUDY:
        organization_items_changed()


def publish_problem(resource: Resource) -> str:
    """Why the resource cannot be published ("" when it can)."""
    if resource.status == ResourceStatus.PUBLISHED:
        return "This resource is published already."
    if resource.status not in PUBLISHABLE:
        return (
            "This is a member's contribution under review: publish it by approving it in "
            "the contributions queue."
        )
    if not resource.body.strip() and not resource.files.filter(version__isnull=True).exists():
        return "Write the text or attach a file before publishing."
    return ""


@transaction.atomic
def publish(*, actor, resource: Resource, change_note: str = "") -> Resource:
    """Publish a draft or withdrawn resource; a template whose text changed since its last
    version gets a new version."""
    require(actor, "library.manage")
    resource = _locked(resource)
    problem = publish_problem(resource)
    if problem:
        raise Conflict(problem)
    before = {"status": resource.status, "published_on": resource.published_on}
    resource.status = ResourceStatus.PUBLISHED
    resource.published_on = resource.published_on or center_today()
    resource.save(update_fields=["status", "published_on", "updated_at"])
    version = None
    if resource.is_versioned:
        version = versions.record_if_changed(
            actor=actor, resource=resource, change_note=change_note
        )
    _case_studies_changed(resource)
    audit.record(
        actor=actor,
        action="library.resource.published",
        target=resource,
        before=before,
        after={
            "status": resource.status,
            "published_on": resource.published_on,
            "version": version.number if version else None,
        },
    )
    return resource


@transaction.atomic
def withdraw(*, actor, resource: Resource) -> Resource:
    """Take a published resource (and its files) out of the library; it can be published
    again."""
    require(actor, "library.manage")
    resource = _locked(resource)
    if resource.status != ResourceStatus.PUBLISHED:
        raise Conflict("Only a published resource can be withdrawn.")
    resource.status = ResourceStatus.WITHDRAWN
    resource.save(update_fields=["status", "updated_at"])
    _case_studies_changed(resource)
    audit.record(
        actor=actor,
        action="library.resource.withdrawn",
        target=resource,
        before={"status": ResourceStatus.PUBLISHED},
        after={"status": resource.status},
    )
    return resource
