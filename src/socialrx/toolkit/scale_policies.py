"""The policy builder's scale data (see scale.py): the generated clause library and
organizations' policies with their versions, review links and reviewers' comments, as the
services would have left them.

- The clause library is the demo's clauses (`demo.policies.CLAUSES`), under keys starting with
  "scale-": written 1,000 days ago, give or take, and reviewed every year since up to the
  demo's last review (one is overdue); the clause the demo rewords was reworded 200 days ago
  (its version 2).
- A policy's answers pass every step's check (`policy_answers.check_step`); each version is
  `policy_assembly.assemble` of its answers with the clause versions in use on its day, so its
  snapshot, clause links and review dates are what `assemble_version` would have written.
  Each later version changes a number the policy states (approval days, response hours,
  escalation minutes, years kept), so no two versions read the same. Most versions were
  adopted a few days to a month after they were assembled.
- Two policies in five shared their latest version for legal review: one link (only the
  SHA-256 of a secret no one holds is stored), a quarter of them revoked since, with one to
  five comments on its clauses while it worked."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from socialrx.core.scale import ScaleContext, random_uuid
from socialrx.core.scale_names import person_name

from .demo.policies import CLAUSES
from .demo.policy_demo_answers import FIRST_WORDING, REWORDED_KEY
from .models import (
    ClauseTemplate,
    ClauseTemplateVersion,
    Policy,
    PolicyReviewComment,
    PolicyShareLink,
    PolicyVersion,
)
from .policy_answers import check_step
from .policy_assembly import assemble, clause_keys
from .policy_sections import CHOICE, NUMBER, QUESTIONS, SECTIONS, TEXT, YES, YES_NO
from .review_links import digest
from .scale_text import ANSWERS, COMMENTS, GENERATED, KEY_PREFIX, SHARE_LABELS

LIBRARY_AGE_DAYS = 1_000
REWORDED_DAYS_AGO = 200
REVIEW_EVERY_DAYS = 365
# The numbers a revision changes, with the values an organization chooses from.
REVISED_NUMBERS = {
    "approval_days": (1, 2, 3, 5),
    "response_hours": (1, 2, 4, 8, 24),
    "escalation_minutes": (15, 30, 60),
    "retention_years": (3, 6, 7, 10),
}
REVISION_NOTES = {
    "approval_days": "Approvals are now due within {} business days.",
    "response_hours": "A first response now comes within {} hours.",
    "escalation_minutes": "A possible crisis is now reported within {} minutes.",
    "retention_years": "Records are now kept for {} years.",
}
SHARED_SHARE = 0.4
REVOKED_SHARE = 0.25


class ClauseLibrary:
    """The clause templates and their versions, written once; `as_of(day)` gives the versions
    a policy assembled on that day used, their templates as they were then."""

    def __init__(self, context: ScaleContext, rng: random.Random):
        today = context.today
        self.templates = context.writer(
            ClauseTemplate,
            (
                "public_id", "slug", "section", "position", "title", "body", "condition",
                "version", "is_active", "reviewed_on", "review_due", "created_at", "updated_at",
            ),
        )  # fmt: skip
        self.versions = context.writer(
            ClauseTemplateVersion,
            ("template", "number", "section", "title", "body", "condition", "change_note",
             "created_at"),
        )  # fmt: skip
        self.reworded_on = today - timedelta(days=REWORDED_DAYS_AGO)
        # (template row, its reviews oldest first, its versions: [(published on, version)])
        self.clauses: list[tuple[ClauseTemplate, list[date], list]] = []
        for clause in CLAUSES:
            written = today - timedelta(days=LIBRARY_AGE_DAYS - rng.randrange(60))
            reviews = _reviews(written, today - timedelta(days=clause.reviewed_days_ago))
            bodies = [FIRST_WORDING, clause.body] if clause.key == REWORDED_KEY else [clause.body]
            template = ClauseTemplate(
                public_id=random_uuid(rng), slug=f"{KEY_PREFIX}{clause.key}",
                section=clause.section, position=clause.position, title=clause.title,
                condition=clause.condition,
            )  # fmt: skip
            template.pk = self.templates.add(
                template.public_id, template.slug, clause.section, clause.position, clause.title,
                bodies[-1], clause.condition, len(bodies), True, reviews[-1],
                reviews[-1] + timedelta(days=REVIEW_EVERY_DAYS), _at(written),
                _at(max(reviews[-1], self.reworded_on if len(bodies) > 1 else written)),
            )  # fmt: skip
            versions = []
            for number, body in enumerate(bodies, start=1):
                published = written if number == 1 else self.reworded_on
                note = "First version." if number == 1 else "Reworded after a review."
                version = ClauseTemplateVersion(
                    template=template, number=number, section=clause.section,
                    title=clause.title, body=body, condition=clause.condition,
                )  # fmt: skip
                version.pk = self.versions.add(
                    template.pk, number, clause.section, clause.title, body, clause.condition,
                    f"{note} {GENERATED}", _at(published),
                )  # fmt: skip
                versions.append((published, version))
            self.clauses.append((template, reviews, versions))

    def as_of(self, day: date) -> list[ClauseTemplateVersion]:
        used = []
        for template, reviews, versions in self.clauses:
            version = [version for published, version in versions if published <= day][-1]
            then = ClauseTemplate(
                pk=template.pk, public_id=template.public_id, slug=template.slug,
                position=template.position,
                reviewed_on=[review for review in reviews if review <= day][-1],
            )  # fmt: skip
            used.append(
                ClauseTemplateVersion(
                    pk=version.pk,
                    template=then,
                    number=version.number,
                    section=version.section,
                    title=version.title,
                    body=version.body,
                    condition=version.condition,
                )  # fmt: skip
            )
        return used

    def counts(self) -> dict[str, int]:
        return {"clause templates": self.templates.count, "clause versions": self.versions.count}


class PolicyRows:
    def __init__(self, context: ScaleContext, library: ClauseLibrary):
        self.library, self.now, self.today = library, context.now, context.today
        self.policies = context.writer(
            Policy,
            ("public_id", "organization", "answers", "steps_done", "created_at", "created_by",
             "updated_at"),
        )  # fmt: skip
        self.versions = context.writer(
            PolicyVersion,
            (
                "public_id", "policy", "number", "sections", "answers", "organization_name",
                "templates_reviewed_from", "templates_reviewed_to", "change_note", "created_at",
                "created_by", "adopted_on", "adopted_by",
            ),
        )  # fmt: skip
        self.clause_links = context.writer(
            PolicyVersion.clause_versions.through, ("policyversion", "clausetemplateversion")
        )
        self.links = context.writer(
            PolicyShareLink,
            ("public_id", "version", "label", "lookup_digest", "expires_on", "created_at",
             "created_by", "revoked_at", "revoked_by"),
        )  # fmt: skip
        self.comments = context.writer(
            PolicyReviewComment,
            ("public_id", "link", "version", "clause_key", "reviewer_name", "body", "created_at"),
        )

    def policy(self, rng: random.Random, organization, since: datetime, moments, *, shared=False):
        """The organization's policy, started by its admin after `since`, a version assembled at
        each of `moments` (oldest first); its latest version shared for review when `shared`
        or by chance."""
        admin_id = organization.admin_id
        answers = _answers(rng)
        made = []  # (moment, answers, assembly, change note)
        for moment in moments:
            note = ""
            if made:
                answers, note = _revised(rng, answers)
            assembly = assemble(organization.name, answers, self.library.as_of(_day(moment)))
            made.append((moment, answers, assembly, note))
        first, last = made[0][0], made[-1][0]
        policy_id = self.policies.add(
            random_uuid(rng), organization.id, answers, [s.slug for s in SECTIONS],
            max(since, first - timedelta(days=rng.randint(1, 20))), admin_id, last,
        )  # fmt: skip
        version_id = None
        for number, (moment, version_answers, assembly, note) in enumerate(made, start=1):
            adopted_on = None
            if rng.random() < 0.75:
                adopted_on = _day(moment) + timedelta(days=rng.randint(2, 30))
                adopted_on = adopted_on if adopted_on <= self.today else None
            version_id = self.versions.add(
                random_uuid(rng), policy_id, number, assembly.sections, version_answers,
                organization.name, assembly.reviewed_from, assembly.reviewed_to, note, moment,
                admin_id, adopted_on, admin_id if adopted_on else None,
            )  # fmt: skip
            for clause_version in assembly.clause_versions:
                self.clause_links.add(version_id, clause_version.pk)
        if shared or rng.random() < SHARED_SHARE:
            self._review(rng, version_id, made[-1][2].sections, last, admin_id)

    def _review(self, rng, version_id: int, sections: list[dict], assembled: datetime, admin_id):
        created = min(assembled + timedelta(days=rng.randint(1, 5)), self.now - timedelta(hours=2))
        expires_on = _day(created) + timedelta(days=rng.choice((30, 60, 90)))
        revoked = created + timedelta(days=rng.randint(5, 40))
        revoked = revoked if rng.random() < REVOKED_SHARE and revoked < self.now else None
        link_id = self.links.add(
            random_uuid(rng), version_id, rng.choice(SHARE_LABELS),
            digest(f"{rng.getrandbits(192):048x}"), expires_on, created, admin_id, revoked,
            admin_id if revoked else None,
        )  # fmt: skip
        # Comments came while the link worked: before its revocation, its last day and now.
        closes = min(revoked or self.now, _at(expires_on), self.now)
        keys = sorted(clause_keys(sections))
        reviewer = person_name(rng)
        for _ in range(rng.randint(1, 5)):
            when = created + (closes - created) * rng.random()
            body = f"{rng.choice(COMMENTS)} ({GENERATED})"
            self.comments.add(
                random_uuid(rng), link_id, version_id, rng.choice(keys), reviewer, body, when
            )

    def counts(self) -> dict[str, int]:
        return {
            "policies": self.policies.count,
            "policy versions": self.versions.count,
            "review links": self.links.count,
            "review comments": self.comments.count,
        }


def _answers(rng: random.Random) -> dict:
    """Answers to every step, as the step form saves them (each step checked)."""
    values: dict = {}
    for question in QUESTIONS.values():
        if question.kind == CHOICE:
            values[question.name] = rng.choice(question.choices)[0]
        elif question.kind == YES_NO:
            values[question.name] = rng.choice((YES, "no"))
        elif question.kind == NUMBER:
            choices = REVISED_NUMBERS.get(question.name) or (int(question.example),)
            values[question.name] = rng.choice(choices)
        elif question.kind == TEXT:
            pool = (*ANSWERS.get(question.name, ()), question.example)
            optional = not question.required and not question.required_when
            values[question.name] = "" if optional and rng.random() < 0.5 else rng.choice(pool)
    if values["patient_stories"] != YES:
        values["authorization_form"] = ""
    answers: dict = {}
    for section in SECTIONS:
        clean, errors = check_step(section, values)
        if errors:
            raise ValueError(f"Generated policy answers refused: {errors}")
        answers |= clean
    return answers


def _revised(rng: random.Random, answers: dict) -> tuple[dict, str]:
    """(the answers with one stated number changed, the version's note). Each of these numbers
    is stated in a clause every policy includes, so the new version reads differently."""
    name = rng.choice(list(REVISED_NUMBERS))
    value = rng.choice([v for v in REVISED_NUMBERS[name] if v != answers[name]])
    return {**answers, name: value}, REVISION_NOTES[name].format(value)


def _reviews(written: date, last: date) -> list[date]:
    """The days a clause was reviewed: when it was written, then every year up to `last`."""
    reviews = [last]
    while reviews[0] - timedelta(days=REVIEW_EVERY_DAYS) > written:
        reviews.insert(0, reviews[0] - timedelta(days=REVIEW_EVERY_DAYS))
    return [written, *reviews]


def _day(moment: datetime) -> date:
    return timezone.localtime(moment).date()


def _at(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(10)))
