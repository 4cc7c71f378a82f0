"""Scale data of coaching, for `socialrx seed-scale` (see `socialrx.core.scale`): coaches with
weekly windows and days off (`scale_coaches`), needs assessments, and engagements with their
sessions, hours used, commitments, notes and action items (`scale_engagements`).

Coaches are people of the load without a seat in any organization, made coaches. Engagements
go to organizations holding an active membership, spread evenly over them in the order they
were made (so the first, whose admin the bench signs in as, has one), one each, coaches taken
in turn: four in five active, one in ten completed, one in ten proposed. Each is allotted its
organization's included hours for the year, and three in ten bought a package (paid, without
an invoice, as if paid elsewhere, so billing's rows stay membership's). Its sessions took
place since its membership year began (twelve weeks at most), on whole hours of the coach's
windows, one session an hour, so no coach is ever booked twice; held sessions, no-shows and
late cancellations used their minutes (plan first, then the package), and no engagement uses
or books more than its allowance. Those who crossed 80 % or 100 % of it were warned. Other
organizations' needs assessments wait for a coach, or are drafts.

Generated rows are marked: coaches' addresses (slugs) start with "scale-coach-" and their
people's emails are at `core.scale.EMAIL_DOMAIN`; intakes and engagements belong to the load's
organizations (their web addresses at that domain).

Reads: "scale_people", "scale_organizations"."""

from __future__ import annotations

from django.db.models import Max

from socialrx.core.scale import EMAIL_DOMAIN, ScaleContext, ScaleData, ScaleReport, delete_all
from socialrx.membership.models import (
    IncludedHoursUse,
    Membership,
    MembershipPeriod,
    MembershipStatus,
)
from socialrx.organizations.models import Seat
from socialrx.schedules.models import Commitment

from .models import (
    ActionItem,
    AvailabilityException,
    AvailabilityWindow,
    CoachingSession,
    CoachProfile,
    Engagement,
    EngagementStatus,
    HourPackage,
    HoursUse,
    Intake,
    IntakeStatus,
    SessionNote,
)
from .scale_coaches import CoachWriters, coach_people, generated_coaches
from .scale_engagements import Engaged, EngagementWriters
from .services.hours import SOURCE_KIND

COACHES = {"S": 8, "M": 25, "L": 60}
ENGAGEMENTS = {"S": 12, "M": 150, "L": 900}
WAITING = {"S": 3, "M": 20, "L": 100}  # needs assessments submitted, no coach yet
DRAFTS = {"S": 3, "M": 20, "L": 100}
ZONES = ["America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles"]
# One in ten engagements completed, one in ten proposed, the others active.
STATUS_EVERY = {5: EngagementStatus.COMPLETED, 9: EngagementStatus.PROPOSED}


def seed(context: ScaleContext) -> ScaleReport:
    rng = context.random("coaching")
    coach_writers = CoachWriters(context)
    writers = EngagementWriters(context)
    coaches = [
        coach_writers.coach(rng, number, user_id, name, ZONES[number % len(ZONES)])
        for number, (user_id, name) in enumerate(coach_people(context, COACHES[context.size]), 1)
    ]
    members, others = _organizations(context)
    count = min(ENGAGEMENTS[context.size], len(members))
    step = max(len(members) // max(count, 1), 1)
    engaged = members[::step][:count]
    for number, org in enumerate(engaged):
        status = STATUS_EVERY.get(number % 10, EngagementStatus.ACTIVE)
        writers.engagement(rng, org, coaches[number % len(coaches)], status)
    taken = {org.organization_id for org in engaged}
    free = [org for org in members + others if org.organization_id not in taken]
    waiting, drafts = WAITING[context.size], DRAFTS[context.size]
    for number, org in enumerate(rng.sample(free, min(waiting + drafts, len(free)))):
        status = IntakeStatus.SUBMITTED if number < waiting else IntakeStatus.DRAFT
        writers.intake(rng, org, status, days_ago=rng.randint(1, 20))
    return ScaleReport(
        {
            **coach_writers.counts(),
            "intakes": writers.intakes.count,
            "engagements": writers.engagements.count,
            "hour packages": writers.packages.count,
            "sessions": writers.sessions.count,
            "hours uses": writers.uses.count,
            "notes": writers.notes.count,
            "action items": writers.items.count,
            "commitments": writers.commitments.count,
        }
    )


def _organizations(context: ScaleContext) -> tuple[list[Engaged], list[Engaged]]:
    """(organizations with an active membership and a current year, the others), in the order
    they were made, each with its people."""
    today = context.today
    memberships = {
        organization_id: (membership_id, hours)
        for organization_id, membership_id, hours in Membership.objects.filter(
            status=MembershipStatus.ACTIVE, covered_until__gte=today
        ).values_list("organization_id", "pk", "plan__coaching_hours")
    }
    years = dict(
        MembershipPeriod.objects.filter(starts_on__lte=today)
        .values("membership_id")
        .annotate(start=Max("starts_on"))
        .values_list("membership_id", "start")
    )
    people: dict[int, list[int]] = {}
    for organization_id, user_id in Seat.objects.order_by("pk").values_list(
        "organization_id", "user_id"
    ):
        people.setdefault(organization_id, []).append(user_id)
    members, others = [], []
    for organization in context.get("scale_organizations"):
        membership_id, hours = memberships.get(organization.id, (None, 0))
        year = years.get(membership_id)
        org = Engaged(
            organization.id,
            organization.name,
            organization.admin_id,
            people.get(organization.id) or [organization.admin_id],
            membership_id or 0,
            hours * 60,
            year,
        )
        (members if membership_id and year and hours else others).append(org)
    return members, others


def _generated_organization() -> dict:
    return {"organization__website__endswith": f".{EMAIL_DOMAIN}/"}


def _foreign() -> dict[str, int]:
    return {
        "coaches": CoachProfile.objects.count() - generated_coaches().count(),
        "intakes": Intake.objects.exclude(**_generated_organization()).count(),
        "engagements": Engagement.objects.exclude(**_generated_organization()).count(),
        "coaching commitments": Commitment.objects.filter(source_kind=SOURCE_KIND)
        .exclude(person__email__endswith=f"@{EMAIL_DOMAIN}")
        .count(),
    }


def _loaded() -> dict[str, int]:
    return {
        "coaches": generated_coaches().count(),
        "intakes": Intake.objects.filter(**_generated_organization()).count(),
        "engagements": Engagement.objects.filter(**_generated_organization()).count(),
    }


def clear() -> None:
    """Every coaching row (foreign_rows said they are all generated), children first, with
    the coaches' commitments and membership's ledger rows coaching wrote."""
    IncludedHoursUse.objects.filter(source_kind=SOURCE_KIND).delete()
    Commitment.objects.filter(source_kind=SOURCE_KIND).delete()
    delete_all(
        ActionItem, SessionNote, HoursUse, CoachingSession, HourPackage,
        Engagement.coaches.through, Engagement, Intake.platforms_in_use.through,
        Intake.platforms_planned.through, Intake, AvailabilityException, AvailabilityWindow,
        CoachProfile.platforms.through, CoachProfile.topics.through, CoachProfile,
    )  # fmt: skip


SCALE = ScaleData(seed=seed, foreign_rows=_foreign, loaded_rows=_loaded, clear=clear)
