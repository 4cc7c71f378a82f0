"""Building an organization's social media policy (`toolkit.build_policy`: an admin of a
member organization).

- `start_policy`: the organization's policy, made the first time (one per organization;
  audited `toolkit.policy.started`).
- `save_step`: one step's answers, checked together (`policy_answers.check_step`); a refused
  step writes nothing and `StepInvalid.errors` says what is wrong beside each question.
  Saving a step is working on the draft, like typing: not audited (the version records the
  answers it was assembled from).
- `assemble_version`: the next numbered version, from the answers and the clause templates
  in use (`policy_assembly`); refused while a step is missing, when a section has no clause
  that applies, or when nothing changed since the last version. Audited
  `toolkit.policy.version_created`.
- `adopt_version`: the date the organization adopted a version (`toolkit.policy.adopted`)."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from socialrx.core import audit
from socialrx.core.calendar import center_today
from socialrx.core.errors import Conflict, DomainError
from socialrx.core.permissions import require
from socialrx.organizations.models import Organization

from ..models import Policy, PolicyVersion
from ..policy_answers import check_step, missing_steps
from ..policy_assembly import assemble, same_wording
from ..policy_sections import SECTION_BY_SLUG, SECTIONS


class StepInvalid(DomainError):
    def __init__(self, errors: dict[str, str]):
        super().__init__("Some answers need a second look: nothing was saved.", code="invalid")
        self.errors = errors


class StepsMissing(DomainError):
    def __init__(self, titles: list[str]):
        listed = "; ".join(titles)
        super().__init__(
            f"Answer every step before assembling the policy. Still to do: {listed}.",
            code="steps_missing",
        )
        self.titles = titles


def _locked(policy: Policy) -> Policy:
    return Policy.objects.select_for_update().select_related("organization").get(pk=policy.pk)


@transaction.atomic(durable=True)
def start_policy(*, actor, organization: Organization) -> Policy:
    require(actor, "toolkit.build_policy", organization)
    policy, created = Policy.objects.get_or_create(
        organization=organization, defaults={"created_by": actor}
    )
    if created:
        audit.record(
            actor=actor,
            action="toolkit.policy.started",
            target=policy,
            after={"organization": organization.name},
        )
    return policy


@transaction.atomic(durable=True)
def save_step(*, actor, policy: Policy, section: str, values: dict) -> Policy:
    require(actor, "toolkit.build_policy", policy)
    step = SECTION_BY_SLUG.get(section)
    if step is None:
        raise DomainError("There is no such step.", code="not_found")
    clean, errors = check_step(step, values)
    if errors:
        raise StepInvalid(errors)
    policy = _locked(policy)
    policy.answers = {**policy.answers, **clean}
    done = set(policy.steps_done) | {step.slug}
    policy.steps_done = [s.slug for s in SECTIONS if s.slug in done]
    policy.save(update_fields=["answers", "steps_done", "updated_at"])
    return policy


@transaction.atomic(durable=True)
def assemble_version(*, actor, policy: Policy, change_note: str = "") -> PolicyVersion:
    require(actor, "toolkit.build_policy", policy)
    policy = _locked(policy)
    missing = missing_steps(policy.answers, policy.steps_done)
    if missing:
        raise StepsMissing([section.title for section in missing])
    if len(change_note) > 300:
        raise DomainError("Keep the note under 300 characters.", field="change_note")
    organization = policy.organization
    assembly = assemble(organization.name, policy.answers)
    if assembly.empty_sections:
        raise DomainError(
            "The center's clause library has no clause yet for: "
            f"{'; '.join(assembly.empty_sections)}. Write to the center so its staff can add "
            "one; your answers are kept.",
            code="no_clauses",
        )
    latest = policy.versions.order_by("-number").first()
    if latest is not None and same_wording(latest.sections, assembly.sections):
        raise Conflict(
            f"Nothing has changed since version {latest.number}: change an answer (or wait "
            "for the center to update a clause) to assemble a new version.",
            code="unchanged",
        )
    number = (policy.versions.aggregate(top=Max("number"))["top"] or 0) + 1
    version = PolicyVersion.objects.create(
        policy=policy,
        number=number,
        sections=assembly.sections,
        answers=dict(policy.answers),
        organization_name=organization.name,
        templates_reviewed_from=assembly.reviewed_from,
        templates_reviewed_to=assembly.reviewed_to,
        change_note=change_note.strip(),
        created_by=actor,
    )
    version.clause_versions.set(assembly.clause_versions)
    audit.record(
        actor=actor,
        action="toolkit.policy.version_created",
        target=version,
        after={
            "organization": organization.name,
            "number": number,
            "clauses": [f"{v.template.slug} v{v.number}" for v in assembly.clause_versions],
            "answers": _answers_text(policy.answers),
        },
    )
    return version


def _answers_text(answers: dict) -> str:
    return "; ".join(f"{name}={value}" for name, value in sorted(answers.items()))


@transaction.atomic(durable=True)
def adopt_version(*, actor, version: PolicyVersion, adopted_on: date) -> PolicyVersion:
    """The organization adopted `version` on `adopted_on` (not before it was assembled, not in
    the future); a later call corrects the date."""
    require(actor, "toolkit.build_policy", version.policy)
    version = PolicyVersion.objects.select_for_update().select_related("policy").get(pk=version.pk)
    assembled_on = timezone.localtime(version.created_at, timezone.get_default_timezone()).date()
    if adopted_on > center_today():
        raise DomainError("The adoption date cannot be in the future.", field="adopted_on")
    if adopted_on < assembled_on:
        raise DomainError(
            f"Version {version.number} was assembled on {assembled_on:%b %-d, %Y}: it cannot "
            "have been adopted before.",
            field="adopted_on",
        )
    before = audit.snapshot(version, ["adopted_on"])
    version.adopted_on = adopted_on
    version.adopted_by = actor
    version.save(update_fields=["adopted_on", "adopted_by"])
    audit.record(
        actor=actor,
        action="toolkit.policy.adopted",
        target=version,
        before=before,
        after=audit.snapshot(version, ["adopted_on", "number"]),
    )
    return version


__all__ = [
    "StepInvalid",
    "StepsMissing",
    "adopt_version",
    "assemble_version",
    "save_step",
    "start_policy",
]
