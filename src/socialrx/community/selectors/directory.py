"""Reads of the member directory. Opt-in: a person appears only while their entry is listed,
their account is active, they have a name and a seat in an organization holding benefits; an
organization only while its entry is listed and it holds benefits. Everything else is the same
"not found" as an unknown id. Each read takes a fixed number of queries, whatever the data."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from socialrx.core import related
from socialrx.core.errors import NotFound
from socialrx.membership import selectors as membership
from socialrx.organizations.models import Organization, Seat
from socialrx.registry.selectors.entities import listings_of_organization
from socialrx.taxonomy.models import Platform, Topic

from ..models import DirectoryMessage, DirectoryProfile, OrganizationEntry

PAGE_SIZE = 24
# Messages a person may send through the directory in one day (the center's day).
DAILY_MESSAGE_LIMIT = 10


def _member_organization_ids(plan_public_id: str | None = None) -> QuerySet:
    """Ids of the organizations holding benefits today, as a subquery (no query of its own)."""
    memberships = membership.memberships_with_benefits()
    if plan_public_id:
        memberships = memberships.filter(plan__public_id=plan_public_id)
    return memberships.values("organization_id")


# --- people ---------------------------------------------------------------------------------


def listed_people() -> QuerySet[DirectoryProfile]:
    """Entries shown to members. `shows_organization` says the entry's organization is still
    one of the person's (a person who left it keeps their entry, without the organization)."""
    in_member_organization = Seat.objects.filter(
        user_id=OuterRef("user_id"), organization_id__in=_member_organization_ids()
    )
    still_there = Seat.objects.filter(
        user_id=OuterRef("user_id"), organization_id=OuterRef("organization_id")
    )
    return (
        DirectoryProfile.objects.filter(is_listed=True, user__is_active=True)
        .exclude(user__full_name="")
        .filter(Exists(in_member_organization))
        .annotate(shows_organization=Exists(still_there))
        .select_related("user", "organization")
    )


def _with_expertise(profiles: QuerySet[DirectoryProfile]) -> QuerySet[DirectoryProfile]:
    return profiles.prefetch_related(
        Prefetch("platforms", queryset=Platform.objects.order_by("position", "name")),
        Prefetch("expertise", queryset=Topic.objects.order_by("position", "name")),
    )


def search_people(
    *, q: str = "", platform: str = "", topic: str = "", org_type: str = "", state: str = ""
) -> QuerySet[DirectoryProfile]:
    """Listed people matching the search (name, role or organization) and the filters, by
    name; one query for a page, one for the count and one per prefetched list."""
    people = listed_people()
    if q:
        people = people.filter(
            Q(user__full_name__icontains=q)
            | Q(role_title__icontains=q)
            | Q(organization__name__icontains=q, shows_organization=True)
        )
    if platform:
        people = people.filter(platforms__code=platform)
    if topic:
        people = people.filter(expertise__slug=topic)
    if org_type:
        people = people.filter(organization__org_type=org_type, shows_organization=True)
    if state:
        people = people.filter(organization__state=state, shows_organization=True)
    return _with_expertise(people).order_by("user__full_name", "pk")


def listed_person(public_id) -> DirectoryProfile:
    """A listed person's entry by their public id; the same NotFound for unknown and unlisted."""
    profile = _with_expertise(listed_people()).filter(user__public_id=public_id).first()
    if profile is None:
        raise NotFound("No such person in the directory.")
    return profile


def own_entry(user) -> DirectoryProfile | None:
    """The person's own entry (listed or not), or None before they made one."""
    return (
        DirectoryProfile.objects.filter(user=user)
        .select_related("organization")
        .prefetch_related("platforms", "expertise")
        .first()
    )


def organizations_of(user) -> QuerySet[Organization]:
    """The organizations a person holds a seat in, by name (the ones their entry may show);
    `holds_benefits` says which are members."""
    return (
        Organization.objects.filter(seats__user=user)
        .annotate(holds_benefits=Q(pk__in=_member_organization_ids()))
        .order_by("name", "pk")
    )


def is_listed_now(user) -> bool:
    """Whether the person's entry appears in the directory today (one query)."""
    return listed_people().filter(user=user).exists()


# --- messages -------------------------------------------------------------------------------


def start_of_today():
    """Midnight at the center (settings.TIME_ZONE), when the daily message limit resets."""
    now = timezone.localtime(timezone=timezone.get_default_timezone())
    return now.replace(hour=0, minute=0, second=0, microsecond=0)


def messages_sent_today(sender) -> int:
    return DirectoryMessage.objects.filter(sender=sender, created_at__gte=start_of_today()).count()


# --- organizations --------------------------------------------------------------------------


def listed_organizations() -> QuerySet[OrganizationEntry]:
    return OrganizationEntry.objects.filter(
        is_listed=True, organization_id__in=_member_organization_ids()
    ).select_related("organization")


@dataclass
class OrganizationCard:
    entry: OrganizationEntry
    size_band: str = ""
    case_studies: list = field(default_factory=list)

    @property
    def organization(self) -> Organization:
        return self.entry.organization


def search_organizations(
    *, q: str = "", platform: str = "", org_type: str = "", state: str = "", size_band: str = ""
) -> QuerySet[OrganizationEntry]:
    """Listed organizations matching the filters, by name (`size_band` is a plan's public
    id, from `membership.member_size_bands`)."""
    entries = listed_organizations()
    if q:
        entries = entries.filter(organization__name__icontains=q)
    if platform:
        entries = entries.filter(platforms__code=platform)
    if org_type:
        entries = entries.filter(organization__org_type=org_type)
    if state:
        entries = entries.filter(organization__state=state)
    if size_band:
        entries = entries.filter(organization_id__in=_member_organization_ids(size_band))
    platforms = Prefetch("platforms", queryset=Platform.objects.order_by("position", "name"))
    return entries.prefetch_related(platforms).order_by("organization__name", "pk")


def organization_cards(user, entries) -> list[OrganizationCard]:
    """A page of entries with their size band and the case studies apps offer for them (what
    `user` may open): one query for the bands and each provider's fixed number."""
    entries = list(entries)
    ids = [entry.organization_id for entry in entries]
    bands = membership.plan_band_labels(ids)
    items = related.items_for_organizations(user, ids)
    return [
        OrganizationCard(
            entry,
            size_band=bands.get(entry.organization_id, ""),
            case_studies=items.get(entry.organization_id, []),
        )
        for entry in entries
    ]


@dataclass
class OrganizationPage:
    card: OrganizationCard
    people: list[DirectoryProfile]
    listings: list


def organization_page(user, public_id) -> OrganizationPage:
    """A listed organization's page: its entry, listed people showing it, its case studies and
    registry listings. The same NotFound for unknown and unlisted."""
    platforms = Prefetch("platforms", queryset=Platform.objects.order_by("position", "name"))
    entry = (
        listed_organizations()
        .prefetch_related(platforms)
        .filter(organization__public_id=public_id)
        .first()
    )
    if entry is None:
        raise NotFound("No such organization in the directory.")
    people = _with_expertise(
        listed_people().filter(organization_id=entry.organization_id, shows_organization=True)
    ).order_by("user__full_name", "pk")
    return OrganizationPage(
        card=organization_cards(user, [entry])[0],
        people=list(people),
        listings=listings_of_organization(entry.organization_id),
    )


def own_organization_entry(organization: Organization) -> OrganizationEntry | None:
    return (
        OrganizationEntry.objects.filter(organization=organization)
        .prefetch_related("platforms")
        .first()
    )


# --- filter choices -------------------------------------------------------------------------


def platform_choices() -> list[tuple[str, str]]:
    return list(Platform.objects.order_by("position", "name").values_list("code", "name"))


def topic_choices() -> list[tuple[str, str]]:
    return list(Topic.objects.order_by("position", "name").values_list("slug", "name"))


def size_band_choices() -> list[tuple[str, str]]:
    return membership.member_size_bands()
