"""Members' contributions in the demo, through the contribution services so each has its
review history, audit rows and emails:

- The four case studies (content_case_studies.py) were contributed by their organization's
  admin, submitted and approved by center staff, who published them credited to the
  organization. Riverside's go through the contribution form's services as they are. North
  Star (its membership application is waiting) and Lakeside (its membership lapsed) are not
  members today, so the form would refuse to credit them: theirs are written by the same
  service steps minus that one check, as contributions made while they were members.
- Two of Riverside's contributions are still open: Emily Sorensen's checklist waits in the
  staff's review queue; James Okafor's guide was sent back with changes requested.

Each is made only when its organization (or author) has none of that title."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone
from django.utils.text import slugify

from socialrx.core.calendar import center_today
from socialrx.core.demo import inside_the_demo as inside
from socialrx.membership.selectors import member_organization_ids

from ..models import CaseStudy, Resource, ResourceKind, ResourceReview
from ..services import case_studies, contribution_reviews, contributions
from ..services.contributions import ContributionDraft
from .content_case_studies import CASE_STUDIES, CaseStudySpec

# Days ago each case study was submitted (staff approved it two days later), in content order.
SUBMITTED_DAYS_AGO = (78, 52, 37, 14)
APPROVAL_NOTE = "Thank you: clear numbers and a lesson other members can use. Published."


@dataclass(frozen=True)
class OpenContribution:
    author: str  # in the cast
    kind: str
    title: str
    summary: str
    body: str
    topics: tuple[str, ...]
    platforms: tuple[str, ...]
    audiences: tuple[str, ...]
    submitted_days_ago: int
    changes_requested: str = ""  # staff's note when sent back


OPEN = (
    OpenContribution(
        "nurse",
        ResourceKind.CHECKLIST,
        "Night-shift nurse ambassadors: a posting checklist",
        "What Riverside's nurse ambassadors check before posting from a unit at night.",
        "- [ ] No patient, screen, whiteboard or wristband in the frame\n"
        "- [ ] Colleagues in the photo agreed, and their consent form is on file\n"
        "- [ ] The post says what the job is like, not what happened to a patient\n"
        "- [ ] The application link carries the ambassador's tag\n"
        "- [ ] Posted after the shift, never during it",
        ("recruitment", "hipaa-privacy"),
        ("instagram", "linkedin"),
        ("nurses", "human-resources"),
        submitted_days_ago=2,
    ),
    OpenContribution(
        "physician",
        ResourceKind.GUIDE,
        "A physician's first month on LinkedIn",
        "Four weeks of small steps for a physician starting a professional profile.",
        "## Week 1\n\nA photo, a headline that says what you treat, and your hospital.\n\n"
        "## Week 2\n\nShare one article you would give a patient, with a sentence of why.\n\n"
        "## Weeks 3 and 4\n\nAnswer comments; never give individual medical advice.",
        ("physician-presence",),
        ("linkedin",),
        ("physicians",),
        submitted_days_ago=9,
        changes_requested=(
            "A useful start. Please add what to do when a patient messages you on LinkedIn "
            "(our guide on professional accounts has the wording), then submit it again."
        ),
    ),
)


def seed_case_studies(cast: dict, staff, vocabulary) -> list[Resource]:
    made = []
    for spec, days_ago in zip(CASE_STUDIES, SUBMITTED_DAYS_AGO, strict=True):
        organization = cast[spec.organization]
        found = CaseStudy.objects.filter(organization=organization, resource__title=spec.title)
        case_study = found.select_related("resource").first()
        if case_study is not None:
            made.append(case_study.resource)
            continue
        admin = cast[f"{spec.organization}_admin"]
        resource = _start_case_study(admin, _draft(spec, organization, vocabulary), _answers(spec))
        inside(contributions.submit_contribution)(actor=admin, resource=resource)
        resource = inside(contribution_reviews.approve_contribution)(
            actor=staff, resource=resource, access=spec.access, note=APPROVAL_NOTE
        )
        _date_decision(resource, submitted=days_ago, decided=days_ago - 2, slug=spec.slug)
        made.append(resource)
    return made


def _draft(spec: CaseStudySpec, organization, vocabulary) -> ContributionDraft:
    return ContributionDraft(
        kind=ResourceKind.CASE_STUDY,
        title=spec.title,
        summary=spec.summary,
        organization=organization,
        access=spec.access,
        topics=[vocabulary.topics[slug] for slug in spec.topics],
        platforms=[vocabulary.platforms[code] for code in spec.platforms],
    )


def _answers(spec: CaseStudySpec) -> case_studies.CaseStudyAnswers:
    return case_studies.CaseStudyAnswers(
        goal=spec.goal,
        approach=spec.approach,
        results=spec.results,
        lessons=spec.lessons,
        legal_it_requirements=spec.legal_it,
        figures=[
            case_studies.Figure(
                measure=measure,
                before=None if before is None else Decimal(str(before)),
                after=Decimal(str(after)),
                unit=unit,
                period=period,
            )
            for measure, before, after, unit, period in spec.figures
        ],
    )


def _start_case_study(admin, draft: ContributionDraft, answers) -> Resource:
    """The case study form's service for a member organization; for one that is not a
    member today, its same steps without the membership check (see the module's note)."""
    if draft.organization.pk in member_organization_ids(admin):
        return inside(case_studies.start_case_study)(actor=admin, draft=draft, answers=answers)
    composed = case_studies._as_draft(draft, case_studies.compose_body(answers))  # noqa: SLF001 - the form's own steps
    case_studies._check_answers(answers)  # noqa: SLF001 - the form's own steps
    resource = contributions.new_contribution(admin, composed)
    case_studies._write_case_study(resource, draft.organization, answers)  # noqa: SLF001 - the form's own steps
    return resource


def seed_open_contributions(cast: dict, staff, vocabulary) -> list[Resource]:
    """Emily's checklist waiting for review, James's guide sent back."""
    made = []
    for spec in OPEN:
        author = cast[spec.author]
        resource = Resource.objects.filter(author=author, title=spec.title).first()
        if resource is None:
            resource = _open(spec, author, cast["hospital"], staff, vocabulary)
        made.append(resource)
    return made


def _open(spec: OpenContribution, author, organization, staff, vocabulary) -> Resource:
    draft = ContributionDraft(
        kind=spec.kind,
        title=spec.title,
        summary=spec.summary,
        organization=organization,
        body=spec.body,
        topics=[vocabulary.topics[slug] for slug in spec.topics],
        platforms=[vocabulary.platforms[code] for code in spec.platforms],
        audiences=[vocabulary.audiences[slug] for slug in spec.audiences],
        minutes=3,
    )
    resource = inside(contributions.start_contribution)(actor=author, draft=draft)
    inside(contributions.submit_contribution)(actor=author, resource=resource)
    if spec.changes_requested:
        inside(contribution_reviews.request_changes)(
            actor=staff, resource=resource, note=spec.changes_requested
        )
    decided = spec.submitted_days_ago - 1 if spec.changes_requested else None
    _date_decision(resource, submitted=spec.submitted_days_ago, decided=decided)
    resource.refresh_from_db()
    return resource


def _date_decision(resource: Resource, *, submitted: int, decided: int | None, slug: str = ""):
    """Submitted `submitted` days ago, decided (approved: published and reviewed that day)
    `decided` days ago; a published case study keeps the content's slug."""
    changes = {"is_generated": True, "updated_at": _at(submitted, 10)}
    if decided is not None:
        ResourceReview.objects.filter(resource=resource).update(created_at=_at(decided, 15))
        if resource.published_on is not None:
            day = center_today() - timedelta(days=decided)
            changes.update(published_on=day, reviewed_on=day, updated_at=_at(decided, 15))
    if slug and not Resource.objects.filter(slug=slug).exclude(pk=resource.pk).exists():
        changes["slug"] = slugify(slug)
    Resource.objects.filter(pk=resource.pk).update(**changes)
    resource.refresh_from_db()


def _at(days_ago: int, hour: int) -> datetime:
    day = center_today() - timedelta(days=days_ago)
    return timezone.make_aware(datetime.combine(day, time(hour)))


__all__ = ["OPEN", "seed_case_studies", "seed_open_contributions"]
