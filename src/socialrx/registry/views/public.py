"""The public registry: search, an entity's page, leaderboards and the adoption dashboard."""

from __future__ import annotations

from django.shortcuts import render
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_GET

from socialrx.core import charts, related
from socialrx.core.pagination import paginate, querystring_without_page
from socialrx.core.permissions import allowed
from socialrx.core.platforms import Platform

from ..forms import AsOfForm, LeaderboardForm, SearchForm
from ..models import EntityKind
from ..selectors import entities as entity_selectors
from ..selectors import search, statistics
from ..selectors.experience import patient_experience
from . import exports

PAGE_SIZE = 20


def _valid(form) -> dict:
    """The form's clean values; a filter with a bad value is dropped (the form says so)."""
    form.is_valid()
    return {name: value for name, value in getattr(form, "cleaned_data", {}).items() if value}


@require_GET
def search_page(request):
    choices = search.filter_choices()
    form = SearchForm(
        request.GET or None,
        hospital_types=choices["hospital_types"],
        specialties=choices["specialties"],
    )
    values = _valid(form) if request.GET else {}
    filters = search.SearchFilters(
        **{k: v for k, v in values.items() if k != "q"}, query=values.get("q", "")
    )
    results = search.search(filters)
    entities = search.with_listed_accounts(results.entities)
    if request.GET.get("format") == "csv":
        return exports.entities_csv(entities)
    return render(
        request,
        "registry/search.html",
        {
            "form": form,
            "filters": filters,
            "results": results,
            "max_query_length": search.MAX_QUERY_LENGTH,
            "searched": bool(set(values) - {"sort"}),
            "page": paginate(request, entities, per_page=PAGE_SIZE),
            "querystring": querystring_without_page(request),
        },
    )


@require_GET
def entity_page(request, kind, key):
    entity = entity_selectors.entity_by_key(kind, key)
    accounts = entity_selectors.accounts_with_history(entity)
    if request.GET.get("download") == "followers":
        return exports.followers_csv(entity, accounts)
    series = entity_selectors.growth_series(accounts)
    context = {
        "entity": entity,
        "accounts": accounts,
        "growth": charts.line_chart([(s.label, s.points) for s in series]),
        "series": series,
        "snapshot_rows": _snapshot_rows(series),
        "has_generated": any(a.is_generated for a in accounts),
        "experience": patient_experience(entity) if entity.is_hospital else None,
        "hospitals": list(entity_selectors.hospitals_of(entity))
        if entity.kind == EntityKind.HEALTH_SYSTEM
        else [],
        "physicians": list(entity_selectors.physicians_at(entity)) if entity.is_hospital else [],
        "history": entity_selectors.entity_history(entity),
        "claim": entity_selectors.claim_of(request.user, entity),
        "case_studies": _organization_items(request.user, entity),
        "can_manage": allowed(request.user, "registry.manage_accounts", entity),
        "sees_who": allowed(request.user, "registry.see_who_changed"),
    }
    return render(request, "registry/entity.html", context)


def _organization_items(user, entity) -> list:
    """What other apps publish for the organization that claimed the listing (its case
    studies, from the library), through core.related: the registry names no app above it."""
    if entity.organization_id is None:
        return []
    found = related.items_for_organizations(user, [entity.organization_id])
    return found.get(entity.organization_id, [])


def _snapshot_rows(series) -> list[tuple]:
    """The growth chart's numbers as a table: one row per date, one column per account."""
    days = sorted({day for s in series for day, _ in s.points})
    lookup = [dict(s.points) for s in series]
    return [(day, [values.get(day) for values in lookup]) for day in days]


@require_GET
def leaderboards(request):
    form = LeaderboardForm(request.GET or None)
    values = _valid(form) if request.GET else {}
    platform = values.get("platform", Platform.FACEBOOK)
    accounts = statistics.leaderboard(
        platform=platform,
        kind=values.get("kind", ""),
        state=values.get("state", ""),
        today=timezone.localdate(),
    )
    if request.GET.get("format") == "csv":
        return exports.leaderboard_csv(platform, accounts)
    top = accounts[0].followers if accounts else 0
    return render(
        request,
        "registry/leaderboards.html",
        {
            "form": form,
            "platform": Platform(platform),
            "platforms": Platform.choices,
            "rows": [
                (rank, a, charts.bar_width(a.followers, top))
                for rank, a in enumerate(accounts, start=1)
            ],
            "has_generated": any(a.is_generated for a in accounts),
            "querystring": request.GET.urlencode(),
        },
    )


CHART_PLATFORMS = 4  # lines beside "any platform"; every platform is in the tables


@require_GET
def adoption_dashboard(request):
    today = timezone.localdate()
    form = AsOfForm(request.GET or None, initial={"as_of": today, "kind": EntityKind.HOSPITAL})
    values = _valid(form) if request.GET else {}
    kind = values.get("kind") or EntityKind.HOSPITAL
    as_of = values.get("as_of") or today
    adoption = statistics.adoption(kind=kind, as_of=as_of)
    section = request.GET.get("download")
    if section:
        response = exports.adoption_csv(adoption, section)
        if response is not None:
            return response
    is_current = statistics.is_current(adoption)
    response = render(
        request,
        "registry/adoption.html",
        {
            "form": form,
            "adoption": adoption,
            "is_current": is_current,
            "kind_label": dict(form.fields["kind"].choices)[kind],
            "key_figures": sorted(adoption.platform_rows(), key=lambda row: -row[2])[
                :KEY_PLATFORMS
            ],
            "platform_bars": _platform_bars(adoption),
            "any_bar": charts.bar_width(adoption.share, adoption.share),
            "table_platforms": adoption.platform_rows()[:TABLE_PLATFORMS],
            "over_time": _over_time_chart(adoption),
            "breakdowns": _breakdown_bars(adoption),
            "utilization": _utilization_tables(adoption),
            "utilization_platforms": [
                (p, Platform(p).label)
                for p in adoption.platforms
                if any(p in groups.get("__all__", {}) for groups in adoption.utilization.values())
            ],
            "querystring": _querystring(kind, as_of),
        },
    )
    if not is_current:  # the figures before the latest change, while a task recomputes them
        patch_cache_control(response, no_cache=True)
    return response


def _querystring(kind: str, as_of) -> str:
    return f"kind={kind}&as_of={as_of.isoformat()}"


TABLE_PLATFORMS = 6  # platform columns of the breakdown tables (the CSVs have them all)
KEY_PLATFORMS = 3  # the most used platforms among the headline figures
SHORT_TABLE_ROWS = 8  # longer breakdowns are folded away, behind "Show all …"
# What a breakdown's groups are called ("Show all 52 states").
GROUP_NOUNS = {
    "state": "states",
    "region": "regions",
    "type": "hospital types",
    "ownership": "ownership groups",
    "size": "size bands",
    "specialty": "specialties",
    "category": "categories",
}


def _platform_bars(adoption) -> list[tuple]:
    """Bars relative to the share with any account (the longest)."""
    return [
        (label, count, share, charts.bar_width(share, adoption.share))
        for _, label, count, share in adoption.platform_rows()
    ]


def _over_time_chart(adoption):
    """The share of entities with any account, and with one on each platform, in percent."""
    if len(adoption.over_time) < 2 or not adoption.total:
        return None
    scale = 100 / adoption.total
    series = [("Any platform", [(p.day, p.present * scale) for p in adoption.over_time])]
    busiest = sorted(adoption.platforms, key=lambda p: -adoption.by_platform.get(p, 0))
    for platform in busiest[:CHART_PLATFORMS]:
        points = [(p.day, p.by_platform.get(platform, 0) * scale) for p in adoption.over_time]
        series.append((Platform(platform).label, points))
    return charts.line_chart(series, unit="%")


def _breakdown_bars(adoption) -> list[dict]:
    """Each breakdown with its bars, folded when long, and how many entities its field is
    known for (a blank type or ownership, a size without a bed count, is "Not known")."""
    sections = []
    for name, rows in adoption.breakdowns.items():
        top = max((row.share for row in rows), default=0)
        known_groups = [row for row in rows if row.key]
        sections.append(
            {
                "name": name,
                "label": adoption.dimension_labels[name],
                "noun": GROUP_NOUNS.get(name, "groups"),
                "rows": [(row, charts.bar_width(row.share, top)) for row in rows],
                "folded": len(rows) > SHORT_TABLE_ROWS,
                "known": adoption.known.get(name, adoption.total),
                # shown beside a folded table: the ends of its range
                "highest": max(known_groups, key=lambda row: row.share, default=None),
                "lowest": min(known_groups, key=lambda row: row.share, default=None),
            }
        )
    return sections


def _utilization_tables(adoption) -> list[dict]:
    tables = []
    for name, groups in adoption.utilization.items():
        labels = adoption.group_labels[name]
        ordered = [key for key in labels if key in groups]
        rows = [("All", groups.get("__all__", {}))] + [
            (labels[key], groups[key]) for key in ordered
        ]
        tables.append(
            {
                "name": name,
                "label": adoption.dimension_labels[name],
                "rows": rows,
                "known": adoption.known.get(name, adoption.total),
            }
        )
    return tables
