"""Reading the versions of a policy template or checklist: for the people who may read the
resource (everyone else gets a 404, as for the resource itself)."""

from __future__ import annotations

from dataclasses import dataclass

from socialrx.core.diff import Diff, line_diff
from socialrx.core.errors import NotFound
from socialrx.core.permissions import allowed

from ..models import Resource, ResourceVersion


def readable_resource(user, slug: str) -> Resource:
    """The resource with versions at `slug`, if `user` may read it; NotFound otherwise."""
    resource = Resource.objects.filter(slug=slug).first()
    if resource is None or not allowed(user, "library.read_resource", resource):
        raise NotFound("No such resource.")
    if not resource.is_versioned and not resource.current_version:
        raise NotFound("This resource does not keep versions.")
    return resource


def versions_of(resource: Resource) -> list[ResourceVersion]:
    """Newest first, with who made each."""
    return list(resource.versions.select_related("created_by").order_by("-number"))


def version_number(value: str | None) -> int | None:
    """A version number from the query string; None when missing or not a whole number."""
    text = (value or "").strip()
    if not text.isdigit() or len(text) > 9:
        return None
    return int(text)


@dataclass(frozen=True)
class Comparison:
    older: ResourceVersion
    newer: ResourceVersion
    diff: Diff

    @property
    def title_changed(self) -> bool:
        return self.older.title != self.newer.title

    @property
    def notes(self) -> list[ResourceVersion]:
        """The versions after the older one up to the newer one: their change notes say what
        changed in between."""
        return [v for v in self.between if v.change_note]

    between: tuple[ResourceVersion, ...] = ()


def compare(versions: list[ResourceVersion], first: int, second: int) -> Comparison:
    """The changes from version `first` to version `second` (either order: the older is
    compared with the newer); NotFound naming a number the resource has no version of."""
    by_number = {version.number: version for version in versions}
    for number in (first, second):
        if number not in by_number:
            raise NotFound(f"There is no version {number} of this resource.")
    older, newer = by_number[min(first, second)], by_number[max(first, second)]
    between = tuple(
        sorted(
            (v for v in versions if older.number < v.number <= newer.number),
            key=lambda v: v.number,
        )
    )
    return Comparison(older, newer, line_diff(older.body, newer.body), between)
