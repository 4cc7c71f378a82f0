"""What apps offer each other's pages without importing each other: items related by the
shared taxonomy (a resource page shows courses and events on its topics), what is new in a
period (the monthly digest), and what belongs to organizations (their case studies on a
registry listing or directory entry).

An app declares a provider on its AppConfig, and core asks every installed app's:

    class TrainingConfig(AppConfig):
        related = "socialrx.training.related.PROVIDER"

    # socialrx/training/related.py
    PROVIDER = RelatedProvider(by_taxonomy=courses_on, new_between=new_courses)

Each callable answers with a fixed number of queries whatever the data, and only with what the
person may open (visitors see public items only). URLs are absolute paths ("/training/…"):
the digest makes them absolute addresses. `check_related_providers` (a system check) reports
an app whose `related` does not name a RelatedProvider.

Pages cached for visitors (core.pagecache) that show organizations' items (a registry listing's
case studies) add `organizations_version()` to their version; the app whose items change
(a case study published, withdrawn, edited or given another organization) calls
`organization_items_changed()` inside its writing transaction, and the version moves once it
commits."""

from __future__ import annotations

import functools
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime

from django.apps import apps
from django.core import checks
from django.core.cache import cache
from django.db import transaction
from django.utils.module_loading import import_string

ORGANIZATIONS_VERSION_KEY = "core:related:organizations-version"


@dataclass(frozen=True)
class RelatedItem:
    kind: str  # what a person calls it: "Course", "Event", "Policy template"
    title: str
    url: str
    summary: str = ""
    when: date | datetime | None = None  # an event's start, a resource's publication
    # Shared topics and platforms (more first); ties by `when`, newest first.
    score: int = 0
    # The app label, so a page can leave out its own app's items (filled in when left empty).
    source: str = ""


@dataclass(frozen=True)
class DigestSection:
    """One app's part of the monthly digest ("New courses", with its items)."""

    title: str
    items: tuple[RelatedItem, ...]
    order: int = 100


ByTaxonomy = Callable[..., list[RelatedItem]]


@dataclass(frozen=True)
class RelatedProvider:
    # by_taxonomy(user, topic_ids=frozenset, platform_ids=frozenset, limit=int) -> [RelatedItem]
    by_taxonomy: ByTaxonomy | None = None
    # new_between(since: datetime, until: datetime, limit: int) -> [DigestSection]
    new_between: Callable[..., list[DigestSection]] | None = None
    # for_organizations(user, organization_ids: list[int]) -> {organization id: [RelatedItem]}
    for_organizations: Callable[..., dict[int, list[RelatedItem]]] | None = None
    extra: dict = field(default_factory=dict)


def declared_paths() -> list[tuple[str, str]]:
    """(app label, dotted path) of every installed app declaring `related`."""
    apps.check_apps_ready()
    return [
        (config.label, config.related)
        for config in apps.get_app_configs()
        if getattr(config, "related", None)
    ]


@functools.cache
def providers() -> tuple[tuple[str, RelatedProvider], ...]:
    """(app label, provider) of every installed app that declares one, INSTALLED_APPS order."""
    return tuple((label, import_string(path)) for label, path in declared_paths())


def related_items(
    user,
    *,
    topic_ids: Iterable[int],
    platform_ids: Iterable[int],
    limit: int = 6,
    exclude_urls: Iterable[str] = (),
    sources: Iterable[str] | None = None,
) -> list[RelatedItem]:
    """Items of every app (or of `sources`) sharing the most topics and platforms, best first."""
    topic_ids, platform_ids = frozenset(topic_ids), frozenset(platform_ids)
    if not topic_ids and not platform_ids:
        return []
    wanted = set(sources) if sources is not None else None
    excluded = set(exclude_urls)
    asked = limit + len(excluded)  # enough left once the excluded ones are dropped
    items: list[RelatedItem] = []
    for label, provider in providers():
        if provider.by_taxonomy is None or (wanted is not None and label not in wanted):
            continue
        for item in provider.by_taxonomy(
            user, topic_ids=topic_ids, platform_ids=platform_ids, limit=asked
        ):
            if item.score > 0 and item.url not in excluded:
                excluded.add(item.url)  # once, whichever provider named it first
                items.append(item if item.source else replace(item, source=label))
    items.sort(key=lambda item: (-item.score, -_timestamp(item.when), item.title))
    return items[:limit]


def digest_sections(since: datetime, until: datetime, *, limit: int = 8) -> list[DigestSection]:
    """Every app's sections for the period [since, until) that have items, by `order`."""
    sections: list[DigestSection] = []
    for _label, provider in providers():
        if provider.new_between is not None:
            sections.extend(s for s in provider.new_between(since, until, limit) if s.items)
    return sorted(sections, key=lambda section: section.order)


def items_for_organizations(user, organization_ids: Iterable[int]) -> dict[int, list[RelatedItem]]:
    """{organization id: its items `user` may open}, for the organizations that have any."""
    ids = list(dict.fromkeys(organization_ids))
    found: dict[int, list[RelatedItem]] = {}
    if not ids:
        return found
    for label, provider in providers():
        if provider.for_organizations is None:
            continue
        for org_id, items in provider.for_organizations(user, ids).items():
            found.setdefault(org_id, []).extend(
                item if item.source else replace(item, source=label) for item in items
            )
    return found


def _timestamp(when) -> float:
    """For ordering: a datetime's instant (naive ones read as UTC), a date's midnight UTC."""
    if when is None:
        return 0.0
    if not isinstance(when, datetime):
        when = datetime(when.year, when.month, when.day)
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return when.timestamp()


# --- the version of pages showing organizations' items ----------------------------------------


def organizations_version() -> str:
    """No query: a value that moves whenever any app's items for organizations change."""
    version = cache.get(ORGANIZATIONS_VERSION_KEY)
    if version is None:
        cache.add(ORGANIZATIONS_VERSION_KEY, uuid.uuid4().hex[:12], timeout=None)
        version = cache.get(ORGANIZATIONS_VERSION_KEY, "")
    return version


def organization_items_changed() -> None:
    """Call inside the transaction that changes what `for_organizations` answers: once it
    commits (never before, so a visitor cannot store the old page under the new version),
    the pages showing organizations' items are drawn again."""
    transaction.on_commit(
        lambda: cache.set(ORGANIZATIONS_VERSION_KEY, uuid.uuid4().hex[:12], timeout=None)
    )


# --- the system check -------------------------------------------------------------------------


@checks.register()
def check_related_providers(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """Every app's `related` imports, and is a RelatedProvider."""
    errors = []
    for label, path in declared_paths():
        try:
            provider = import_string(path)
        except ImportError as error:
            errors.append(
                checks.Error(f"{label}: cannot import related {path!r}: {error}", id="core.E111")
            )
            continue
        if not isinstance(provider, RelatedProvider):
            errors.append(
                checks.Error(
                    f"{label}: related {path!r} is a {type(provider).__name__}, "
                    "not a core.related.RelatedProvider.",
                    id="core.E112",
                )
            )
    return errors
