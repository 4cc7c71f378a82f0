"""The policy builder's demo: the center's clause templates, and Riverside's social media
policy with two versions and its legal reviewers' comments. Idempotent: clauses are made when
their key is missing, the policy when Riverside has none.

- 37 clause templates over the ten sections (`policy_clauses_a`, `policy_clauses_b`), written
  by center staff through the back office's services; one ("When patients ask about their own
  care") was reworded after Riverside's first version, so the two versions use different
  versions of it; one ("How records are archived", by hand) is overdue for review.
- Riverside's admin, Karen Lindqvist, answered the ten steps and assembled version 1 about
  four months ago, then sent it to outside counsel through a review link: four comments, and
  the link has since expired. Version 2 follows counsel's advice (approval for sensitive posts
  only, on-call coverage outside hours, an archiving service); the chief compliance officer
  commented on it through a second link, since revoked; Riverside adopted it two months ago. A
  third link, for the board's governance committee, is still open: its URL is printed on the
  first run only (the link's secret is never stored).

Dates are set back after each step (the services date everything today). The clauses were
written and reviewed 420 days ago and most reviewed again lately; before each version is
assembled, their review dates are set to what they were on its day, so no version cites a
review made after it. Reads "center_staff", "demo_hospital", "demo_hospital_admin". Puts
"demo_policy"."""

from __future__ import annotations

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from socialrx.core.calendar import center_today
from socialrx.core.demo import DemoContext, Tally, inside_the_demo

from ..models import (
    ClauseTemplate,
    ClauseTemplateVersion,
    Policy,
    PolicyReviewComment,
    PolicyShareLink,
    PolicyVersion,
)
from ..policy_sections import SECTIONS
from ..services import clauses as clause_services
from ..services import policies as policy_services
from ..services import policy_reviews
from .policy_clauses_a import CLAUSES_A, DemoClause
from .policy_clauses_b import CLAUSES_B
from .policy_demo_answers import (
    COMPLIANCE_COMMENT,
    COUNSEL_COMMENTS,
    FIRST_WORDING,
    REWORDED_KEY,
    RIVERSIDE_ANSWERS,
    SECOND_VERSION_CHANGES,
)

CLAUSES: tuple[DemoClause, ...] = CLAUSES_A + CLAUSES_B
CLAUSES_WRITTEN_DAYS_AGO = 420
# Riverside's two versions, and the rewording of a clause between them (days ago).
FIRST_VERSION_DAYS_AGO = 120
REWORDED_DAYS_AGO = 100
SECOND_VERSION_DAYS_AGO = 75


def _clause_data(clause: DemoClause, body: str, today) -> clause_services.ClauseData:
    reviewed = today - timedelta(days=clause.reviewed_days_ago)
    return clause_services.ClauseData(
        slug=clause.key,
        section=clause.section,
        title=clause.title,
        body=body,
        condition=clause.condition,
        position=clause.position,
        reviewed_on=reviewed,
        review_due=reviewed + timedelta(days=clause_services.REVIEW_EVERY_DAYS),
    )


def seed_clauses(staff) -> int:
    """Every demo clause whose key is missing (the reworded one with its first wording)."""
    today = center_today()
    create = inside_the_demo(clause_services.create_clause)
    made = 0
    for clause in CLAUSES:
        if ClauseTemplate.objects.filter(slug=clause.key).exists():
            continue
        body = FIRST_WORDING if clause.key == REWORDED_KEY else clause.body
        create(actor=staff, data=_clause_data(clause, body, today))
        made += 1
    if made:
        written = timezone.now() - timedelta(days=CLAUSES_WRITTEN_DAYS_AGO)
        ClauseTemplateVersion.objects.filter(
            number=1, template__slug__in=[c.key for c in CLAUSES]
        ).update(created_at=written)
    return made


def _reviews_of(clause: DemoClause) -> set[int]:
    """When a demo clause was reviewed (days ago): as it was written, as it was reworded (the
    reworded one), and its last review."""
    days = {CLAUSES_WRITTEN_DAYS_AGO, clause.reviewed_days_ago}
    if clause.key == REWORDED_KEY:
        days.add(REWORDED_DAYS_AGO)
    return days


def set_reviews_as_of(days_ago: int) -> None:
    """Each demo clause's last review as it stood `days_ago` days ago (0: today), so that a
    version assembled on that day records the review dates it saw."""
    today = center_today()
    for clause in CLAUSES:
        last = min(days for days in _reviews_of(clause) if days >= days_ago)
        reviewed = today - timedelta(days=last)
        ClauseTemplate.objects.filter(slug=clause.key).update(
            reviewed_on=reviewed,
            review_due=reviewed + timedelta(days=clause_services.REVIEW_EVERY_DAYS),
        )


def _reword(staff) -> None:
    """Publish the reworded clause's second version (once), dated between the two versions."""
    template = ClauseTemplate.objects.get(slug=REWORDED_KEY)
    if template.version > 1:
        return
    clause = next(c for c in CLAUSES if c.key == REWORDED_KEY)
    reworded_on = center_today() - timedelta(days=REWORDED_DAYS_AGO)
    data = clause_services.ClauseData(
        **{
            **_clause_data(clause, clause.body, center_today()).__dict__,
            "reviewed_on": reworded_on,
            "review_due": reworded_on + timedelta(days=clause_services.REVIEW_EVERY_DAYS),
            "change_note": "Added what to say when a question is urgent.",
        }
    )
    inside_the_demo(clause_services.update_clause)(actor=staff, template=template, data=data)
    ClauseTemplateVersion.objects.filter(template=template, number=2).update(
        created_at=_days_ago(REWORDED_DAYS_AGO)
    )


def _answer_every_step(admin, policy, answers: dict) -> Policy:
    save = inside_the_demo(policy_services.save_step)
    for section in SECTIONS:
        values = {question.name: answers.get(question.name) for question in section.questions}
        policy = save(actor=admin, policy=policy, section=section.slug, values=values)
    return policy


def _days_ago(days: int, hour: int = 10):
    moment = timezone.localtime() - timedelta(days=days)
    return moment.replace(hour=hour, minute=0, second=0, microsecond=0)


def _comment(link, comment: tuple[str, str], clause_key: str, days: int) -> None:
    """A reviewer's (name, text) on a clause, dated `days` ago."""
    name, text = comment
    made = inside_the_demo(policy_reviews.add_review_comment)(
        link=link, clause_key=clause_key, reviewer_name=name, body=text, client="demo-seed"
    )
    PolicyReviewComment.objects.filter(pk=made.pk).update(created_at=_days_ago(days, 15))


def seed_policy(hospital, admin, staff) -> tuple[Policy, str]:
    """Riverside's policy, its versions, links and comments; the open link's path."""
    policy = inside_the_demo(policy_services.start_policy)(actor=admin, organization=hospital)
    assemble = inside_the_demo(policy_services.assemble_version)
    share = inside_the_demo(policy_reviews.create_share_link)

    policy = _answer_every_step(admin, policy, RIVERSIDE_ANSWERS)
    set_reviews_as_of(FIRST_VERSION_DAYS_AGO)
    first = assemble(actor=admin, policy=policy, change_note="First version.")
    PolicyVersion.objects.filter(pk=first.pk).update(created_at=_days_ago(FIRST_VERSION_DAYS_AGO))
    counsel = share(
        actor=admin, version=first, label="Outside counsel: Hale & Marsh LLP", expires_on=None
    ).link
    PolicyShareLink.objects.filter(pk=counsel.pk).update(created_at=_days_ago(118))
    for clause_key, days, comment in COUNSEL_COMMENTS:
        _comment(counsel, comment, clause_key, days)
    PolicyShareLink.objects.filter(pk=counsel.pk).update(
        expires_on=center_today() - timedelta(days=90)
    )

    _reword(staff)
    policy = _answer_every_step(admin, policy, {**RIVERSIDE_ANSWERS, **SECOND_VERSION_CHANGES})
    set_reviews_as_of(SECOND_VERSION_DAYS_AGO)
    second = assemble(
        actor=admin,
        policy=policy,
        change_note="After outside counsel's review: approval for sensitive posts only, "
        "on-call coverage outside monitoring hours, and an archiving service.",
    )
    PolicyVersion.objects.filter(pk=second.pk).update(created_at=_days_ago(SECOND_VERSION_DAYS_AGO))
    set_reviews_as_of(0)
    compliance = share(actor=admin, version=second, label="Compliance review", expires_on=None).link
    PolicyShareLink.objects.filter(pk=compliance.pk).update(created_at=_days_ago(74))
    clause_key, days, comment = COMPLIANCE_COMMENT
    _comment(compliance, comment, clause_key, days)
    inside_the_demo(policy_reviews.revoke_share_link)(actor=admin, link=compliance)
    PolicyShareLink.objects.filter(pk=compliance.pk).update(revoked_at=_days_ago(62))

    second.refresh_from_db()
    inside_the_demo(policy_services.adopt_version)(
        actor=admin, version=second, adopted_on=center_today() - timedelta(days=60)
    )
    board = share(actor=admin, version=second, label="Board governance committee", expires_on=None)
    return policy, reverse("toolkit:policy_review", args=[board.secret])


def seed(context: DemoContext) -> tuple[list[str], dict[str, int]]:
    tally = Tally(
        **{
            "policy clauses": ClauseTemplate,
            "policy versions": PolicyVersion,
            "policy review comments": PolicyReviewComment,
        }
    )
    staff = context.get("center_staff")
    hospital = context.get("demo_hospital")
    admin = context.get("demo_hospital_admin")
    seed_clauses(staff)
    lines = [f"{ClauseTemplate.objects.filter(is_active=True).count()} policy clause templates"]
    policy = Policy.objects.filter(organization=hospital).first()
    if policy is None or not policy.versions.exists():
        policy, review_path = seed_policy(hospital, admin, staff)
        lines.append(f"Board's open review link for {hospital.name}'s policy: {review_path}")
    versions = policy.versions.count()
    adopted = policy.versions.filter(adopted_on__isnull=False).order_by("-adopted_on").first()
    comments = PolicyReviewComment.objects.filter(version__policy=policy).count()
    lines.append(
        f"{hospital.name}: social media policy, {versions} versions, {comments} review comments"
        + (
            f", version {adopted.number} adopted on {adopted.adopted_on:%b %-d, %Y}"
            if adopted
            else ""
        )
    )
    context.put("demo_policy", policy)
    return lines, tally.made()
