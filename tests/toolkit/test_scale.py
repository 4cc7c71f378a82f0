"""The toolkit's scale data (`socialrx seed-scale`) at size S: the clause library, and for the
load's member organizations readiness assessments, policies with versions and review links,
saved checks and executive briefs, consistent as the services would leave them, marked as
generated, refused next to real data and replaced by the same rows."""

from collections import Counter
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from socialrx.core.calendar import center_today
from socialrx.core.scale import EMAIL_DOMAIN
from socialrx.membership.models import Membership
from socialrx.organizations.models import OrgRole, Seat
from socialrx.toolkit.assessment_answers import check_answers
from socialrx.toolkit.assessment_questions import FULL
from socialrx.toolkit.checking import run_check
from socialrx.toolkit.demo.policies import CLAUSES as DEMO_CLAUSES
from socialrx.toolkit.models import (
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
from socialrx.toolkit.policy_answers import missing_steps
from socialrx.toolkit.policy_assembly import assemble, clause_keys, same_wording, version_text
from socialrx.toolkit.scoring import score
from socialrx.toolkit.selectors.brief_figures import figures_for
from socialrx.toolkit.staffing import check_staffing, estimate
from tests.toolkit.factories import make_clause

# Seeding at size S, app by app: data-heavy, so CI runs it on the PostgreSQL pass only
# (tests/core/test_seed_scale.py covers the loader's SQLite paths on both).
pytestmark = [pytest.mark.integration, pytest.mark.slow]

GENERATED = "Generated for the benchmarks."
REWORDED = "scale-questions-about-own-care"  # as in the demo


def seed_scale(**options) -> str:
    out = StringIO()
    call_command("seed_scale", stdout=out, **options)
    return out.getvalue()


def test_size_s_writes_the_toolkit_as_the_services_would(db):
    printed = seed_scale(size="S")

    # 27 of the 50 organizations paid for a membership (30 members less 3 awaiting their
    # first payment). By position among them: 0, 1 and 3 of every five took the assessment
    # (17), every second built a policy (14), 0 and 2 of every five saved checks (11); every
    # fifth of the 21 active members drew a brief (5).
    # The demo's 37 clauses, one of them reworded once.
    assert ClauseTemplate.objects.count() == 37
    assert ClauseTemplateVersion.objects.count() == 38
    assert Assessment.objects.values("organization").distinct().count() == 17
    assert Policy.objects.count() == 14
    assert SavedCheck.objects.values("organization").distinct().count() == 11
    assert ExecutiveBrief.objects.count() == 5
    assert "toolkit        37 clause templates, 38 clause versions, " in printed
    everything_is_marked_as_generated()
    everything_belongs_to_members_and_their_people()
    takes_are_scored_and_staffed_as_the_service_does()
    policies_are_assembled_from_the_clauses_of_their_day()
    review_comments_came_while_their_link_worked()
    saved_checks_hold_what_the_checker_finds()
    briefs_hold_the_figures_of_the_load()


def everything_is_marked_as_generated() -> None:
    # The clause library is the demo's, under keys of its own.
    library = dict(ClauseTemplate.objects.values_list("slug", "body"))
    assert library == {f"scale-{clause.key}": clause.body for clause in DEMO_CLAUSES}
    assert not ClauseTemplateVersion.objects.exclude(change_note__endswith=GENERATED).exists()
    assert not SavedCheck.objects.exclude(draft__endswith=f"({GENERATED})").exists()
    assert not PolicyReviewComment.objects.exclude(body__endswith=f"({GENERATED})").exists()
    generated = f".{EMAIL_DOMAIN}/"
    for model in (Assessment, Policy, SavedCheck, ExecutiveBrief):
        assert not model.objects.exclude(organization__website__endswith=generated).exists()


def everything_belongs_to_members_and_their_people() -> None:
    paid = set(
        Membership.objects.filter(covered_from__isnull=False).values_list(
            "organization_id", flat=True
        )
    )
    admins = set(Seat.objects.filter(role=OrgRole.ADMIN).values_list("organization_id", "user_id"))
    seats = set(Seat.objects.values_list("organization_id", "user_id"))
    for organization_id, person in Assessment.objects.values_list("organization_id", "taken_by"):
        assert organization_id in paid and (organization_id, person) in admins
    for organization_id, person in Policy.objects.values_list("organization_id", "created_by"):
        assert organization_id in paid and (organization_id, person) in admins
    for organization_id, person in SavedCheck.objects.values_list("organization_id", "saved_by"):
        assert organization_id in paid and (organization_id, person) in seats
    for organization_id, person in ExecutiveBrief.objects.values_list(
        "organization_id", "drawn_by"
    ):
        assert (organization_id, person) in admins
    # Each saved check in the 120 days before its membership's end, the takes within its last
    # two years; nothing is dated in the future.
    now = timezone.now()
    two_years = now - timedelta(days=731)
    assert not Assessment.objects.filter(taken_at__lt=two_years).exists()
    assert not Assessment.objects.filter(taken_at__gt=now).exists()
    assert not SavedCheck.objects.filter(saved_at__gt=now).exists()


def takes_are_scored_and_staffed_as_the_service_does() -> None:
    takes = Counter(Assessment.objects.values_list("organization_id", flat=True))
    assert set(takes.values()) <= {1, 2, 3} and 3 in takes.values()
    for take in Assessment.objects.all():
        assert check_answers(take.answers, FULL) == take.answers
        scores = score(take.answers, FULL)
        assert (
            take.strategy_score,
            take.governance_score,
            take.capacity_score,
            take.skills_score,
            take.measurement_score,
            take.overall_score,
        ) == (*(d.score for d in scores.dimensions), scores.overall)
        assert check_staffing(take.staffing) == take.staffing
        assert set(take.staffing["platforms"]) == set(take.answers["platforms"])
        totals = estimate(take.staffing)
        assert (take.staffing_hours, take.staffing_fte) == (totals.total_hours, totals.fte)
    # Scores spread over the maturity levels rather than sitting on one.
    levels = {take.maturity.number for take in Assessment.objects.all()}
    assert len(levels) >= 3, levels


def policies_are_assembled_from_the_clauses_of_their_day() -> None:
    reworded_on = (
        ClauseTemplateVersion.objects.filter(number=2).values_list("created_at", flat=True).first()
    )
    for policy in Policy.objects.select_related("organization"):
        versions = list(policy.versions.order_by("number"))
        assert [v.number for v in versions] == list(range(1, len(versions) + 1))
        assert 1 <= len(versions) <= 3
        assert missing_steps(policy.answers, policy.steps_done) == []
        assert policy.answers == versions[-1].answers
        for before, after in zip(versions, versions[1:], strict=False):
            assert not same_wording(before.sections, after.sections)
            assert after.change_note.endswith(".") and after.created_at > before.created_at
        for version in versions:
            used = list(version.clause_versions.select_related("template"))
            assert {(v.template.slug, v.number) for v in used} == {
                (c["key"], c["template_version"])
                for section in version.sections
                for c in section["clauses"]
            }
            for clause_version in used:
                if clause_version.template.slug == REWORDED:
                    assert (clause_version.number == 2) == (version.created_at >= reworded_on)
            again = assemble(version.organization_name, version.answers, used)
            assert version_text(again.sections) == version_text(version.sections)
            assert again.empty_sections == []
            assert version.templates_reviewed_to <= timezone.localdate(version.created_at)
            if version.adopted_on:
                assert timezone.localdate(version.created_at) <= version.adopted_on
                assert version.adopted_on <= center_today()
    assert PolicyVersion.objects.filter(adopted_on__isnull=False).exists()


def review_comments_came_while_their_link_worked() -> None:
    links = PolicyShareLink.objects.select_related("version")
    assert links.exists() and links.filter(revoked_at__isnull=True).exists()
    for link in links:
        latest = link.version.policy.versions.order_by("-number").first()
        assert link.version == latest
        keys = clause_keys(link.version.sections)
        comments = list(link.comments.all())
        assert 1 <= len(comments) <= 5
        for comment in comments:
            assert comment.version_id == link.version_id and comment.clause_key in keys
            assert link.created_at <= comment.created_at
            assert link.revoked_at is None or comment.created_at <= link.revoked_at
            assert timezone.localdate(comment.created_at) <= link.expires_on


def saved_checks_hold_what_the_checker_finds() -> None:
    drafts = SavedCheck.objects.values_list("draft", "image_description").distinct()
    assert len(drafts) > 5
    for draft, image in drafts:
        found = run_check(draft, image)
        for saved in SavedCheck.objects.filter(draft=draft, image_description=image):
            assert (saved.findings, saved.risks) == (found.findings, found.risks)
            assert (saved.identifier_count, saved.risk_count, saved.high_count) == (
                found.identifier_count,
                found.risk_count,
                found.high_count,
            )
    assert SavedCheck.objects.filter(high_count__gt=0).exists()
    assert SavedCheck.objects.filter(identifier_count=0, risk_count=0).exists()


def briefs_hold_the_figures_of_the_load() -> None:
    for brief in ExecutiveBrief.objects.select_related("organization"):
        assert brief.figures == figures_for(brief.organization, today=center_today())
    first = ExecutiveBrief.objects.order_by("pk").first().figures
    # The first member took the assessment, built and adopted a policy and saved checks.
    assert first["plan"]["available"] and first["safeguards"]["policy"]["adopted"]
    assert first["safeguards"]["checker"]["saved_checks"] >= 2


def test_a_real_clause_refuses_the_load_and_replace_loads_the_same_rows(db):
    seed_scale(size="S")

    def rows():
        return {
            "clauses": list(ClauseTemplate.objects.order_by("pk").values_list("public_id", "body")),
            "takes": list(
                Assessment.objects.order_by("pk").values_list(
                    "public_id", "organization_id", "overall_score", "staffing"
                )
            ),
            "versions": list(
                PolicyVersion.objects.order_by("pk").values_list("public_id", "sections")
            ),
            "comments": list(PolicyReviewComment.objects.order_by("pk").values_list("body")),
            "checks": list(SavedCheck.objects.order_by("pk").values_list("public_id", "draft")),
            "briefs": list(ExecutiveBrief.objects.order_by("pk").values_list("organization_id")),
        }

    first = rows()
    real = make_clause("real-clause", "crisis", "A real clause of {{ organization_name }}.")
    with pytest.raises(CommandError, match="toolkit: 1 clause templates"):
        seed_scale(size="S", replace=True)
    assert ClauseTemplate.objects.count() == 38  # nothing was cleared

    real.versions.all().delete()
    real.delete()
    seed_scale(size="S", replace=True)
    assert rows() == first
