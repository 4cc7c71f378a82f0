"""Reads of needs assessments: the admin's list, one intake for a viewer, and the readable
summary that staff, the assigned coach and the emails show (`summary`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.db.models import QuerySet
from django.http import Http404

from socialrx.core.permissions import allowed
from socialrx.organizations.selectors import organizations_administered_by

from ..models import Intake, IntakeStatus, PolicyStatus

# Small counts read better spelled out at the start of a sentence ("Two people can ...").
NUMBER_WORDS = {
    1: "One",
    2: "Two",
    3: "Three",
    4: "Four",
    5: "Five",
    6: "Six",
    7: "Seven",
    8: "Eight",
    9: "Nine",
    10: "Ten",
}

# How each policy answer reads in a sentence.
POLICY_SENTENCES = {
    PolicyStatus.NONE: "There is no social media policy yet.",
    PolicyStatus.DRAFTING: "A social media policy is being drafted.",
    PolicyStatus.IN_PLACE: "A social media policy is in place.",
    PolicyStatus.UNSURE: "The admin is not sure whether a social media policy exists.",
}

CONCERNS = (
    ("legal_concerns", "Legal and compliance"),
    ("it_concerns", "IT and security"),
    ("leadership_concerns", "Leadership"),
)


@dataclass(frozen=True)
class SummaryItem:
    label: str
    marker: str = ""  # a short badge beside the label ("new")


@dataclass(frozen=True)
class SummaryList:
    title: str  # "" when the section has one untitled list
    items: tuple[SummaryItem, ...]


@dataclass(frozen=True)
class SummaryDetail:
    """A titled piece of the admin's own words (what success looks like, a concern)."""

    title: str
    text: str


@dataclass(frozen=True)
class SummarySection:
    slug: str  # stable name, for anchors and tests
    title: str
    text: str = ""  # prose or the admin's words; plain text, may hold line breaks
    lists: tuple[SummaryList, ...] = ()
    details: tuple[SummaryDetail, ...] = ()


@dataclass(frozen=True)
class IntakeSummary:
    organization: str
    status: str
    status_label: str
    lead: str
    sections: tuple[SummarySection, ...]
    submitted_by: str  # "" while a draft
    submitted_at: datetime | None
    assigned_coach: str  # "" until staff assign one
    updated_at: datetime | None

    def section(self, slug: str) -> SummarySection | None:
        return next((section for section in self.sections if section.slug == slug), None)


def join_words(words: list[str]) -> str:
    """ "a", "a and b", "a, b, and c" (the serial comma: goal names hold "and" themselves)."""
    if len(words) <= 2:
        return " and ".join(words)
    return ", ".join(words[:-1]) + ", and " + words[-1]


def _people(count: int) -> str:
    word = NUMBER_WORDS.get(count, str(count))
    return f"{word} person" if count == 1 else f"{word} people"


def describe_hours(hours: Decimal) -> str:
    """Decimal("6.0") -> "6 hours", Decimal("2.5") -> "2.5 hours", Decimal("1") -> "1 hour"."""
    number = f"{hours.normalize():f}"
    return f"{number} hour" if hours == 1 else f"{number} hours"


def _lower_first(label: str) -> str:
    return label[:1].lower() + label[1:]


def _lead(intake: Intake) -> str:
    name = intake.organization.name
    goals = [_lower_first(label) for label in intake.goal_labels]
    if goals:
        sentences = [f"{name} wants help with {join_words(goals)}."]
    else:
        sentences = [f"{name} has not chosen its goals yet."]
    people, hours = intake.people_available, intake.hours_per_week
    if people and hours is not None:
        sentences.append(f"{_people(people)} can give it about {describe_hours(hours)} a week.")
    elif people:
        sentences.append(f"{_people(people)} will work on it; the hours a week are not given yet.")
    elif hours is not None:
        sentences.append(f"It has about {describe_hours(hours)} a week for it.")
    return " ".join(sentences)


def _goals(intake: Intake) -> SummarySection:
    labels = intake.goal_labels
    details = ()
    if intake.goals_detail.strip():
        details = (SummaryDetail("What success looks like", intake.goals_detail.strip()),)
    return SummarySection(
        slug="goals",
        title="Goals",
        text="" if labels else "No goals chosen yet.",
        lists=(SummaryList("", tuple(SummaryItem(label) for label in labels)),) if labels else (),
        details=details,
    )


def _platforms(intake: Intake) -> SummarySection:
    """In use, then planned; a planned platform not in use today is marked "new"."""
    in_use = list(intake.platforms_in_use.all())
    in_use_ids = {platform.pk for platform in in_use}
    planned = list(intake.platforms_planned.all())
    lists = []
    if in_use:
        lists.append(SummaryList("In use", tuple(SummaryItem(p.name) for p in in_use)))
    if planned:
        items = tuple(SummaryItem(p.name, "" if p.pk in in_use_ids else "new") for p in planned)
        lists.append(SummaryList("Planned", items))
    if not in_use and not planned:
        text = "No platforms given yet."
    elif not in_use:
        text = "No platform in use yet."
    elif not planned:
        text = "No new platform planned."
    else:
        text = ""
    return SummarySection(slug="platforms", title="Platforms", text=text, lists=tuple(lists))


def _concerns(intake: Intake) -> SummarySection:
    details = tuple(
        SummaryDetail(title, getattr(intake, field).strip())
        for field, title in CONCERNS
        if getattr(intake, field).strip()
    )
    return SummarySection(
        slug="concerns",
        title="Concerns by department",
        text="" if details else "None raised.",
        details=details,
    )


def summary(intake: Intake) -> IntakeSummary:
    """The intake as prose and short lists, not a dump of fields. Reads the organization, the
    people and the two platform lists: fetch with `with_summary_data` to keep it to one query."""
    sections = [
        _goals(intake),
        _platforms(intake),
        SummarySection(
            slug="audience",
            title="Audience",
            text=intake.audience.strip() or "Not described yet.",
        ),
        SummarySection(
            slug="approval",
            title="How posts are approved",
            text=intake.approval_process.strip() or "Not described yet.",
        ),
        _concerns(intake),
        SummarySection(
            slug="policy",
            title="Social media policy",
            text=POLICY_SENTENCES.get(intake.policy_status, "Not answered yet."),
        ),
    ]
    if intake.anything_else.strip():
        sections.append(
            SummarySection(
                slug="anything_else", title="Anything else", text=intake.anything_else.strip()
            )
        )
    return IntakeSummary(
        organization=intake.organization.name,
        status=intake.status,
        status_label=IntakeStatus(intake.status).label,
        lead=_lead(intake),
        sections=tuple(sections),
        submitted_by=_name(intake.submitted_by),
        submitted_at=intake.submitted_at,
        assigned_coach=_name(intake.assigned_coach),
        updated_at=intake.updated_at,
    )


def _name(user) -> str:
    if user is None:
        return ""
    return user.full_name or user.email


def with_summary_data(intakes: QuerySet[Intake]) -> QuerySet[Intake]:
    """What `summary` reads, fetched up front (three queries for any number of intakes)."""
    return intakes.select_related(
        "organization", "submitted_by", "assigned_coach", "created_by"
    ).prefetch_related("platforms_in_use", "platforms_planned")


def intake_for(user, public_id, permission: str = "coaching.view_intake") -> Intake:
    """The intake if the person may do `permission` with it; 404 for "missing" and "not yours"
    alike, so ids cannot be probed."""
    intake = with_summary_data(Intake.objects.filter(public_id=public_id)).first()
    if intake is None or not allowed(user, permission, intake):
        raise Http404("No such needs assessment.")
    return intake


@dataclass(frozen=True)
class OrganizationIntakes:
    organization: object  # organizations.models.Organization
    intakes: list[Intake]  # newest first

    @property
    def draft(self) -> Intake | None:
        """The draft being filled, if any: starting another is pointless while one is open."""
        return next((i for i in self.intakes if i.status == IntakeStatus.DRAFT), None)


def intakes_by_organization(user) -> list[OrganizationIntakes]:
    """The organizations the person administers, each with its intakes (two queries, however
    many organizations and intakes)."""
    organizations = list(organizations_administered_by(user).order_by("name"))
    if not organizations:
        return []
    intakes = Intake.objects.filter(organization__in=organizations).select_related(
        "assigned_coach", "submitted_by"
    )
    by_org: dict[int, list[Intake]] = {org.pk: [] for org in organizations}
    for intake in intakes.order_by("-created_at", "-pk"):
        by_org[intake.organization_id].append(intake)
    return [OrganizationIntakes(org, by_org[org.pk]) for org in organizations]


__all__ = [
    "IntakeSummary",
    "OrganizationIntakes",
    "SummaryDetail",
    "SummaryItem",
    "SummaryList",
    "SummarySection",
    "describe_hours",
    "intake_for",
    "intakes_by_organization",
    "join_words",
    "summary",
    "with_summary_data",
]
