"""Scale data of the toolkit, for `socialrx seed-scale` (see `socialrx.core.scale`): the
policy builder's clause library, and for the load's member organizations readiness
assessments, policies with their versions and review links, saved checks and executive briefs.

Every tool but the clause library is for member organizations, so the organizations are those
whose membership was paid for at least once, in the order they were made (the first, whose
admin the bench signs in as, has every tool's rows), and what each did falls within its
membership's years (the last two at most):
- three in five took the readiness assessment one to three times (the first, three times),
  taken by its admin (`scale_assessments`);
- every second one built its policy, one to three versions (`scale_policies`);
- two in five saved two to six checks of the post safety checker in the 120 days before
  their membership's end (today, for most), by their people: drafts of `scale_text.DRAFTS`
  with what the real checker finds in them (`checking.run_check`, once a draft);
- one in five of those with an active membership (a hundred at most: 2 % of the organizations
  at L) had its admin draw an executive brief in the last hour: its figures are
  `selectors.brief_figures.figures_for` over the load itself, so each cites the assessment,
  policy and checks made here.

Generated rows are marked: clause slugs start with "scale-" (the clauses are the demo's texts;
their versions' notes say they were generated), every other row belongs to an organization of
the load (its web address at `core.scale.EMAIL_DOMAIN`), and the drafts and reviewers'
comments say they were generated in their last words.

Reads: "scale_organizations", and membership's rows."""

from __future__ import annotations

import random
from datetime import datetime, time, timedelta

from django.utils import timezone

from socialrx.core.scale import (
    EMAIL_DOMAIN,
    ScaleContext,
    ScaleData,
    ScaleReport,
    delete_all,
    random_uuid,
)
from socialrx.membership.models import Membership, MembershipStatus
from socialrx.organizations.models import Organization, Seat

from .checking import run_check
from .models import (
    Assessment,
    ClauseTemplate,
    ClauseTemplateVersion,
    ExecutiveBrief,
    Policy,
    PolicyReviewComment,
    PolicyShareLink,
    PolicyVersion,
    SavedCheck,
)
from .models.briefs import FIGURES_LAYOUT
from .scale_assessments import AssessmentRows
from .scale_policies import ClauseLibrary, PolicyRows
from .scale_text import DRAFTS, KEY_PREFIX, draft_text
from .selectors.brief_figures import figures_for

HISTORY_DAYS = 730
ASSESSED = (0, 1, 3)  # of every five member organizations
CHECKED = (0, 2)  # of every five
POLICY_EVERY = 2
BRIEF_EVERY = 5  # of the organizations with an active membership
# At most: each brief's figures are read from the load (about a second each at M, with the
# indexes set aside), and a bench page reads one brief by its organization's index.
BRIEFS = {"S": 10, "M": 100, "L": 100}
CHECK_DAYS = 120
# Nothing is dated within the last hour but the briefs: each brief cites what came before it.
SETTLED = timedelta(hours=1)


def seed(context: ScaleContext) -> ScaleReport:
    rng = context.random("toolkit")
    library = ClauseLibrary(context, rng)
    takes, policies = AssessmentRows(context), PolicyRows(context, library)
    checks = CheckRows(context)
    members = _member_organizations(context)
    people = _people([organization.id for organization, *_ in members])
    active = []
    for position, (organization, start, end, is_active) in enumerate(members):
        first = position == 0
        if position % 5 in ASSESSED:
            count = 3 if first else rng.randint(1, 3)
            count = min(count, 1 + (end - start).days // 45)
            takes.takes(rng, organization, organization.admin_id, _moments(rng, start, end, count))
        if position % POLICY_EVERY == 0:
            count = min(rng.randint(1, 3), 1 + (end - start).days // 45)
            moments = _moments(rng, start, end, count)
            policies.policy(rng, organization, start, moments, shared=first)
        if position % 5 in CHECKED:
            since = max(start, end - timedelta(days=CHECK_DAYS))
            for moment in _moments(rng, since, end, rng.randint(2, 6)):
                checks.check(rng, organization.id, rng.choice(people[organization.id]), moment)
        if is_active:
            active.append(organization)
    context.flush()  # the briefs read what was just written
    briefs = _briefs(context, rng, active[::BRIEF_EVERY][: BRIEFS[context.size]])
    return ScaleReport(
        {
            **library.counts(),
            "assessments": takes.assessments.count,
            **policies.counts(),
            "saved checks": checks.saved.count,
            "executive briefs": briefs,
        }
    )


def _member_organizations(context: ScaleContext) -> list[tuple]:
    """(organization, from, until, whether its membership is active) of each organization of
    the load whose membership was paid for: from and until bound the last two years of its
    membership (until is at most an hour ago)."""
    memberships = {
        organization_id: (covered_from, covered_until, status)
        for organization_id, covered_from, covered_until, status in Membership.objects.filter(
            covered_from__isnull=False
        ).values_list("organization_id", "covered_from", "covered_until", "status")
    }
    latest = context.now - SETTLED
    earliest = context.today - timedelta(days=HISTORY_DAYS)
    made = []
    for organization in context.get("scale_organizations"):
        if organization.id not in memberships:
            continue
        covered_from, covered_until, status = memberships[organization.id]
        start = _at(max(covered_from, earliest), time(9))
        end = min(_at(covered_until, time(17)), latest)
        if start < end:
            is_active = status == MembershipStatus.ACTIVE and covered_until >= context.today
            made.append((organization, start, end, is_active))
    return made


def _people(organization_ids: list[int]) -> dict[int, list[int]]:
    people: dict[int, list[int]] = {}
    for organization_id, user_id in (
        Seat.objects.filter(organization_id__in=organization_ids)
        .order_by("pk")
        .values_list("organization_id", "user_id")
    ):
        people.setdefault(organization_id, []).append(user_id)
    return people


def _moments(rng: random.Random, start: datetime, end: datetime, count: int) -> list[datetime]:
    """`count` moments from `start` to `end`, oldest first, one in each equal part of it, in
    working hours (at the center) unless the part is too short for that."""
    part = (end - start) / count
    moments = []
    for index in range(count):
        moment = timezone.localtime(start + part * (index + rng.uniform(0.05, 0.95)))
        moment = moment.replace(hour=rng.randint(8, 16), minute=rng.randrange(60))
        moments.append(min(max(moment, start), end))
    return sorted(moments)


class CheckRows:
    """Saved checks, with what the checker found in each draft (checked once a draft)."""

    def __init__(self, context: ScaleContext):
        self.saved = context.writer(
            SavedCheck,
            (
                "public_id", "organization", "saved_by", "saved_at", "draft",
                "image_description", "findings", "risks", "identifier_count", "risk_count",
                "high_count",
            ),
        )  # fmt: skip
        self._results: dict[int, tuple] = {}

    def check(self, rng: random.Random, organization_id: int, person_id: int, saved_at) -> None:
        index = rng.randrange(len(DRAFTS))
        if index not in self._results:
            text, image = draft_text(index)
            result = run_check(text, image)
            self._results[index] = (
                text, image, result.findings, result.risks, result.identifier_count,
                result.risk_count, result.high_count,
            )  # fmt: skip
        self.saved.add(
            random_uuid(rng), organization_id, person_id, saved_at, *self._results[index]
        )


def _briefs(context: ScaleContext, rng: random.Random, chosen: list) -> int:
    """An executive brief of each chosen organization, drawn in the last hour by its admin,
    of the figures the load holds today."""
    briefs = context.writer(
        ExecutiveBrief,
        ("public_id", "organization", "drawn_by", "drawn_at", "figures", "figures_layout"),
    )
    organizations = Organization.objects.in_bulk([organization.id for organization in chosen])
    for organization in chosen:
        figures = figures_for(organizations[organization.id], today=context.today)
        drawn_at = context.now - timedelta(minutes=rng.randint(1, 55))
        briefs.add(
            random_uuid(rng), organization.id, organization.admin_id, drawn_at, figures,
            FIGURES_LAYOUT,
        )  # fmt: skip
    return briefs.count


def _at(day, at: time) -> datetime:
    return timezone.make_aware(datetime.combine(day, at))


GENERATED_ORGANIZATION = {"organization__website__endswith": f".{EMAIL_DOMAIN}/"}


def _foreign() -> dict[str, int]:
    return {
        "clause templates": ClauseTemplate.objects.exclude(slug__startswith=KEY_PREFIX).count(),
        "assessments": Assessment.objects.exclude(**GENERATED_ORGANIZATION).count(),
        "policies": Policy.objects.exclude(**GENERATED_ORGANIZATION).count(),
        "saved checks": SavedCheck.objects.exclude(**GENERATED_ORGANIZATION).count(),
        "executive briefs": ExecutiveBrief.objects.exclude(**GENERATED_ORGANIZATION).count(),
    }


def _loaded() -> dict[str, int]:
    return {
        "clause templates": ClauseTemplate.objects.filter(slug__startswith=KEY_PREFIX).count(),
        "assessments": Assessment.objects.filter(**GENERATED_ORGANIZATION).count(),
        "policies": Policy.objects.filter(**GENERATED_ORGANIZATION).count(),
        "saved checks": SavedCheck.objects.filter(**GENERATED_ORGANIZATION).count(),
        "executive briefs": ExecutiveBrief.objects.filter(**GENERATED_ORGANIZATION).count(),
    }


def clear() -> None:
    """Every toolkit row (foreign_rows said they are all generated), children first."""
    delete_all(
        ExecutiveBrief, SavedCheck, PolicyReviewComment, PolicyShareLink,
        PolicyVersion.clause_versions.through, PolicyVersion, Policy, ClauseTemplateVersion,
        ClauseTemplate, Assessment,
    )  # fmt: skip


SCALE = ScaleData(seed=seed, foreign_rows=_foreign, loaded_rows=_loaded, clear=clear)
