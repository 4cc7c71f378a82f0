"""What staff read in the library's back office: every resource whatever its state, with
filters and counts, one resource with what its edit page shows, and the month's usage (views
and downloads per resource, never per person)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, F, IntegerField, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce

from socialrx.core.errors import NotFound

from ..models import Access, DailyUse, Resource, ResourceKind, ResourceStatus, UseKind

TOP_USED = 50


def staff_resources(*, q: str = "", status: str = "", kind: str = "", access: str = ""):
    """Every resource matching the filters, last changed first, with its number of files."""
    resources = Resource.objects.select_related("contributed_by_organization")
    if q:
        resources = resources.filter(title__icontains=q)
    if status:
        resources = resources.filter(status=status)
    if kind:
        resources = resources.filter(kind=kind)
    if access:
        resources = resources.filter(access=access)
    return resources.annotate(
        file_count=Count("files", filter=Q(files__version__isnull=True))
    ).order_by("-updated_at", "-id")


def status_counts() -> list[tuple[str, str, int]]:
    """(status, label, number of resources) for every status, in the life cycle's order."""
    counts = dict(Resource.objects.values_list("status").annotate(n=Count("id")).order_by())
    return [(value, label, counts.get(value, 0)) for value, label in ResourceStatus.choices]


def resource_for_staff(public_id) -> Resource:
    resource = (
        Resource.objects.select_related("contributed_by_organization", "author")
        .prefetch_related("topics", "platforms", "audiences")
        .filter(public_id=public_id)
        .first()
    )
    if resource is None:
        raise NotFound("No such resource.")
    return resource


def current_files(resource: Resource) -> list:
    return list(resource.files.filter(version__isnull=True).order_by("position", "id"))


def staff_file(public_id):
    from ..models import ResourceFile  # noqa: PLC0415 - beside its one use

    attached = ResourceFile.objects.select_related("resource").filter(public_id=public_id).first()
    if attached is None:
        raise NotFound("No such file.")
    return attached


# --- usage ------------------------------------------------------------------------------------


def month_bounds(month: date) -> tuple[date, date]:
    first = month.replace(day=1)
    following = (first + timedelta(days=32)).replace(day=1)
    return first, following


def _uses(month: date) -> QuerySet:
    first, following = month_bounds(month)
    return DailyUse.objects.filter(day__gte=first, day__lt=following)


def _sums():
    zero = Value(0, output_field=IntegerField())
    return {
        "views": Coalesce(Sum("count", filter=Q(kind=UseKind.VIEW)), zero),
        "downloads": Coalesce(Sum("count", filter=Q(kind=UseKind.DOWNLOAD)), zero),
    }


@dataclass(frozen=True)
class UsageRow:
    title: str
    slug: str
    public_id: object
    kind: str
    access: str
    views: int
    downloads: int

    @property
    def total(self) -> int:
        return self.views + self.downloads

    @property
    def kind_label(self) -> str:
        return ResourceKind(self.kind).label if self.kind in ResourceKind.values else self.kind

    @property
    def access_label(self) -> str:
        return Access(self.access).label if self.access in Access.values else self.access


def usage_rows(month: date, *, limit: int | None = TOP_USED) -> list[UsageRow]:
    """Resources by their views and downloads in `month`, most used first (one query)."""
    fields = ("title", "slug", "public_id", "kind", "access")
    rows = (
        _uses(month)
        .values("resource_id", *(f"resource__{name}" for name in fields))
        .annotate(**_sums())
        .annotate(total=F("views") + F("downloads"))
        .order_by("-total", "-downloads", "resource__title", "resource_id")
    )
    rows = rows[:limit] if limit else rows
    return [
        UsageRow(
            **{name: row[f"resource__{name}"] for name in fields},
            views=row["views"],
            downloads=row["downloads"],
        )
        for row in rows
    ]


def usage_totals(month: date) -> dict[str, int]:
    """The month's views, downloads and number of resources used."""
    totals = _uses(month).aggregate(**_sums(), resources=Count("resource_id", distinct=True))
    return {**totals, "total": totals["views"] + totals["downloads"]}
