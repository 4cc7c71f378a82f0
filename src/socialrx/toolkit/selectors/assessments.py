"""Reads of readiness assessments, shared by the pages, the PDF, the API and the other toolkit
parts (the executive brief asks `latest_for`).

Recommendations are drawn when read, not stored: they link to the courses, resources and
events that exist and that the reader may open now (core.related, by the taxonomy topics each
dimension is about), and fall back to the advice text when none do."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Max, QuerySet
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from socialrx.core.errors import NotFound
from socialrx.core.permissions import allowed, org_roles
from socialrx.core.related import RelatedItem, related_items
from socialrx.organizations.models import Organization, OrgRole, Seat
from socialrx.taxonomy.models import Platform, Topic

from ..assessment_questions import DIMENSION_LABELS, GOAL_TOPICS
from ..models import Assessment
from ..scoring import LEVELS, Level, Scores

# What each dimension is about in the shared taxonomy, what to do when it is weak, and the
# toolkit's own tool that helps (its URL name).
ADVICE: dict[str, tuple[tuple[str, ...], str, str]] = {
    "strategy": (
        ("strategy",),
        "Write down two or three goals tied to the organization's priorities (recruiting "
        "nurses, filling a new clinic, answering reviews), name the audience of each platform, "
        "and keep a monthly calendar. Ask an executive to sponsor the plan and review results "
        "with you each quarter.",
        "toolkit:briefs",
    ),
    "governance": (
        ("policy-legal", "hipaa-privacy", "crisis-response"),
        "Adopt a written social media policy with an approval workflow and response times, "
        "agree with legal and compliance on a route for urgent questions, put every account "
        "behind a password manager with two-factor authentication, and add a social media "
        "section to the crisis plan.",
        "toolkit:policies",
    ),
    "capacity": (
        ("strategy", "content-production"),
        "Name one person who owns social media and a backup for evenings and weekends, set "
        "aside a yearly budget for a scheduling tool, and {sizing}: post less often rather "
        "than leave comments unanswered.",
        "",
    ),
    "skills": (
        ("hipaa-privacy", "content-production", "physician-presence"),
        "Train everyone who posts on what counts as patient information, check drafts before "
        "they go out, learn to make captioned short video and graphics from templates, and "
        "bring clinicians in to review health content.",
        "toolkit:check",
    ),
    "measurement": (
        ("measurement-roi",),
        "Track engagement and visits to your website, appointments or job pages rather than "
        "followers, send leadership a short quarterly report tied to your goals, and check "
        "mentions and reviews every week.",
        "",
    ),
}
# How to size the team: the full version has a staffing estimate; the short one has none.
SIZING = {
    True: "size the team with this assessment's staffing estimate",
    False: (
        "work out the hours a week your posting plan needs before you ask for people (the "
        "full assessment's staffing estimate does it platform by platform)"
    ),
}
TOOL_LABELS = {
    "toolkit:briefs": "Draw an executive brief for your leadership",
    "toolkit:policies": "Build your policy with the policy builder",
    "toolkit:check": "Check drafts with the post safety checker",
}
RELATED_SOURCES = ("training", "library", "events")
ITEMS_PER_DIMENSION = 3


@dataclass(frozen=True)
class Recommendation:
    key: str
    label: str
    score: int
    level: Level
    advice: str
    items: tuple[RelatedItem, ...] = ()
    tool_url: str | None = None
    tool_label: str = ""


@dataclass(frozen=True)
class Change:
    key: str
    label: str
    points: int  # positive: up
    since: date

    def __str__(self) -> str:
        direction = "Up" if self.points > 0 else "Down"
        points = abs(self.points)
        return (
            f"{direction} {points} point{'s' if points != 1 else ''} in "
            f"{self.label.lower()} since {self.since:%B %Y}"
        )


@dataclass
class Progress:
    since: date | None
    changes: list[Change] = field(default_factory=list)


def _url(name: str) -> str | None:
    """The page's address, or None where no app serves it (then it is not offered)."""
    if not name:
        return None
    try:
        return reverse(name)
    except NoReverseMatch:
        return None


def coaching_url() -> str | None:
    return _url("coaching:home")


# --- one assessment --------------------------------------------------------------------------


def assessment_for(user, public_id, perm: str = "toolkit.view_assessment") -> Assessment:
    """The take if `user` may `perm` it; the same NotFound for missing and not theirs."""
    assessment = (
        Assessment.objects.select_related("organization", "taken_by")
        .filter(public_id=public_id)
        .first()
    )
    if assessment is None or not allowed(user, perm, assessment):
        raise NotFound("Assessment not found.")
    return assessment


def takes_of(organization: Organization) -> QuerySet[Assessment]:
    """The organization's takes, oldest first (one query)."""
    return (
        Assessment.objects.filter(organization=organization)
        .select_related("taken_by")
        .order_by("taken_at", "id")
    )


def previous_take(assessment: Assessment) -> Assessment | None:
    return (
        Assessment.objects.filter(
            organization_id=assessment.organization_id, taken_at__lt=assessment.taken_at
        )
        .order_by("-taken_at", "-id")
        .first()
    )


def latest_for(organization: Organization, *, user=None) -> Assessment | None:
    """The organization's latest take, with `recommendations` (for `user`: the items they may
    open; a visitor's when None) beside its `scores`, `maturity` and `estimate`."""
    latest = (
        Assessment.objects.filter(organization=organization)
        .select_related("organization", "taken_by")
        .order_by("-taken_at", "-id")
        .first()
    )
    if latest is not None:
        latest.recommendations = recommendations_for(
            latest.scores,
            user,
            goals=latest.answers.get("goals_focus", ()),
            platforms=latest.staffing.get("platforms", {}),
        )
    return latest


def local_day(assessment: Assessment) -> date:
    return timezone.localtime(assessment.taken_at).date()


def progress(current: Scores, previous: Assessment | None) -> Progress:
    """How each dimension moved since the previous take (unchanged ones left out)."""
    if previous is None:
        return Progress(since=None)
    since = local_day(previous)
    before = previous.scores.as_dict()
    changes = [
        Change(d.key, d.label, d.score - before[d.key], since)
        for d in current.dimensions
        if d.score != before[d.key]
    ]
    changes.sort(key=lambda change: -abs(change.points))
    return Progress(since=since, changes=changes)


# --- the start page ----------------------------------------------------------------------------


@dataclass(frozen=True)
class OrganizationChoice:
    organization: Organization
    may_assess: bool  # its admin, and it is a member: takes the full assessment
    is_admin: bool
    takes: int
    latest_at: object  # the latest take's datetime, or None
    # For its other people, who takes it: its admins' names (those who gave one).
    admin_names: tuple[str, ...] = ()


def _admin_names(organization_ids) -> dict[int, tuple[str, ...]]:
    """{organization id: its admins' full names, by name} in one query; admins without a full
    name are left out (a colleague's email address is not shown)."""
    names: dict[int, list[str]] = {}
    seats = (
        Seat.objects.filter(organization_id__in=organization_ids, role=OrgRole.ADMIN)
        .exclude(user__full_name="")
        .order_by("user__full_name")
        .values_list("organization_id", "user__full_name")
    )
    for organization_id, name in seats:
        names.setdefault(organization_id, []).append(name)
    return {key: tuple(value) for key, value in names.items()}


def organization_choices(user) -> list[OrganizationChoice]:
    """The person's organizations with their takes, by name: one query, then the membership
    rule's own for each organization they administer, and one for the admins' names of the
    others."""
    roles = org_roles(user)
    if not roles:
        return []
    organizations = (
        Organization.objects.filter(pk__in=roles)
        .annotate(
            takes=Count("toolkit_assessments"), latest_at=Max("toolkit_assessments__taken_at")
        )
        .order_by("name")
    )
    not_theirs = [pk for pk, role in roles.items() if role != OrgRole.ADMIN]
    admin_names = _admin_names(not_theirs) if not_theirs else {}
    return [
        OrganizationChoice(
            organization=organization,
            may_assess=roles[organization.pk] == OrgRole.ADMIN
            and allowed(user, "toolkit.assess", organization),
            is_admin=roles[organization.pk] == OrgRole.ADMIN,
            takes=organization.takes,
            latest_at=organization.latest_at,
            admin_names=admin_names.get(organization.pk, ()),
        )
        for organization in organizations
    ]


# --- recommendations -------------------------------------------------------------------------


def _focus(scores: Scores):
    """The dimensions to recommend on: the weak ones (below Established); when none is weak,
    the lowest below Leading, as the next step."""
    weak = [d for d in scores.dimensions if d.weak]
    if weak:
        return sorted(weak, key=lambda d: d.score)
    below_leading = [d for d in scores.dimensions if d.score < LEVELS[3].floor]
    return sorted(below_leading, key=lambda d: d.score)[:1]


def recommendations_for(
    scores: Scores, user, *, goals=(), platforms=None, full: bool = True
) -> list[Recommendation]:
    """One recommendation per dimension to work on, weakest first, with up to three courses,
    resources or events on its topics that `user` may open; `full` False for the short
    version's scores (its advice cannot point at a staffing estimate). One query for the
    topics and platforms, then core.related's for each dimension."""
    focus = _focus(scores)
    if not focus:
        return []
    slugs = {slug for d in focus for slug in ADVICE[d.key][0]}
    slugs |= {GOAL_TOPICS[goal] for goal in goals if goal in GOAL_TOPICS}
    codes = list(platforms or ())
    terms = Topic.objects.filter(slug__in=slugs).values_list("slug", "id")
    topic_ids = dict(terms)
    platform_ids = (
        list(Platform.objects.filter(code__in=codes).values_list("id", flat=True)) if codes else []
    )
    goal_topic_ids = {topic_ids[GOAL_TOPICS[g]] for g in goals if GOAL_TOPICS.get(g) in topic_ids}
    shown: list[str] = []
    made = []
    for dimension in focus:
        topics, advice, tool = ADVICE[dimension.key]
        wanted = {topic_ids[slug] for slug in topics if slug in topic_ids}
        if dimension.key == "strategy":
            wanted |= goal_topic_ids  # the plan is about the goals they chose
        items = related_items(
            user,
            topic_ids=wanted,
            platform_ids=platform_ids if dimension.key == "skills" else (),
            limit=ITEMS_PER_DIMENSION,
            exclude_urls=shown,
            sources=RELATED_SOURCES,
        )
        shown.extend(item.url for item in items)
        tool_url = _url(tool)
        made.append(
            Recommendation(
                key=dimension.key,
                label=DIMENSION_LABELS[dimension.key],
                score=dimension.score,
                level=dimension.level,
                advice=advice.format(sizing=SIZING[full]),
                items=tuple(items),
                tool_url=tool_url,
                tool_label=TOOL_LABELS.get(tool, "") if tool_url else "",
            )
        )
    return made
