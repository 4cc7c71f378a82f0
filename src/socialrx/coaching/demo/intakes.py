"""The demo's needs assessments: Riverside's, submitted seven weeks ago and assigned to Marcus
Bell (its crisis-readiness engagement follows from it); North Star's, submitted three days ago
and waiting for staff to assign a coach (Daniel Osei matches it best); Lakeside's, a draft its
managing partner started and has not finished. Each is made only when its organization has
none."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from socialrx.taxonomy.models import Platform
from socialrx.training.demo.dates import days_ago

from ..models import Goal, Intake, IntakeStatus, PolicyStatus


@dataclass(frozen=True)
class IntakeText:
    organization: str  # in the cast: "hospital", "health_system", "practice"
    admin: str  # who fills it, in the cast
    status: str
    started_days_ago: int
    submitted_days_ago: int | None = None
    assigned_days_ago: int | None = None
    goals: tuple[str, ...] = ()
    platforms_in_use: tuple[str, ...] = ()
    platforms_planned: tuple[str, ...] = ()
    fields: dict = field(default_factory=dict)


RIVERSIDE = IntakeText(
    organization="hospital",
    admin="hospital_admin",
    status=IntakeStatus.ASSIGNED,
    started_days_ago=55,
    submitted_days_ago=52,
    assigned_days_ago=49,
    goals=(
        Goal.CRISIS_READINESS,
        Goal.REPUTATION,
        Goal.PHYSICIAN_VISIBILITY,
        Goal.PATIENT_EDUCATION,
    ),
    platforms_in_use=("facebook", "instagram", "x", "youtube"),
    platforms_planned=("linkedin",),
    fields={
        "goals_detail": (
            "By the end of the year we want a crisis plan for social media that the "
            "incident command team has rehearsed, a way to answer reviews and comments within "
            "one working day that legal has approved once rather than reply by reply, and "
            "five physicians posting under their own names about the new heart failure "
            "clinic. Success is the next emergency department surge passing without a post "
            "we regret, and review replies going out in a day instead of two weeks."
        ),
        "audience": (
            "Patients and families in Rochester and the eleven surrounding counties (many "
            "over 65, a growing Somali-speaking community); nurses and physicians we are "
            "recruiting (82 open RN positions); referring physicians in the region; local "
            "media, who follow our Facebook page during weather emergencies."
        ),
        "people_available": 3,
        "hours_per_week": Decimal("22.5"),
        "approval_process": (
            "Karen or our web content editor drafts. The marketing director approves routine "
            "posts the same day. Anything that mentions a patient, a physician or an incident "
            "also goes to the privacy officer, which takes two to five working days. After "
            "5 p.m. and at weekends nobody is authorized to post, so during last winter's "
            "ice storm our page was silent for fourteen hours."
        ),
        "legal_concerns": (
            "Last year a staff member confirmed a patient's visit in a reply to a one-star "
            "review, and the patient complained to the Office for Civil Rights. Legal now "
            "wants every reply checked for protected health information, which is why replies "
            "take two weeks. They also want a disclaimer on physicians' personal accounts."
        ),
        "it_concerns": (
            "The passwords of our Facebook, Instagram and X accounts sit in a shared "
            "spreadsheet and nine people have admin rights. IT blocks social media on clinical "
            "workstations and asks for a password manager with two-factor authentication "
            "before they allow anything new."
        ),
        "leadership_concerns": (
            "Our CEO supports social media but remembers the emergency department wait-time "
            "post that was shared 3,000 times. Our chief medical officer wants physicians "
            "visible but not giving medical advice to strangers online."
        ),
        "policy_status": PolicyStatus.DRAFTING,
        "anything_else": (
            "A Joint Commission survey is expected in the spring and the emergency department "
            "expansion opens in the fall, so we expect attention from local media."
        ),
    },
)

NORTH_STAR = IntakeText(
    organization="health_system",
    admin="system_admin",
    status=IntakeStatus.SUBMITTED,
    started_days_ago=9,
    submitted_days_ago=3,
    goals=(Goal.PATIENT_EDUCATION, Goal.MEASUREMENT, Goal.RECRUITMENT),
    platforms_in_use=("facebook", "instagram", "youtube", "linkedin"),
    platforms_planned=("tiktok",),
    fields={
        "goals_detail": (
            "A patient-education video series on YouTube, cut down for TikTok and Instagram, "
            "that our seven hospitals share instead of each making their own; and a monthly "
            "report leadership reads, tying views to appointments booked and calls to the "
            "nurse line avoided."
        ),
        "audience": (
            "Patients of our seven hospitals and 40 clinics across the Twin Cities and central "
            "Minnesota, their caregivers, and nurses and allied health staff we want to hire."
        ),
        "people_available": 6,
        "hours_per_week": Decimal("120.0"),
        "approval_process": (
            "Each hospital's marketing lead posts to its own Facebook page. System-wide posts "
            "go through Alex Moreno and then brand review. Videos with clinicians also need "
            "the clinician's department chair."
        ),
        "legal_concerns": (
            "Consent forms for patients who appear in videos are different at each hospital; "
            "legal wants one form and a register of consents."
        ),
        "it_concerns": "TikTok is blocked on system devices; security has not reviewed it yet.",
        "leadership_concerns": (
            "The board asks what social media returns for its cost; nobody can answer today."
        ),
        "policy_status": PolicyStatus.IN_PLACE,
        "anything_else": (
            "Our membership application is with the center; we would like to start in the "
            "new quarter."
        ),
    },
)

LAKESIDE = IntakeText(
    organization="practice",
    admin="practice_admin",
    status=IntakeStatus.DRAFT,
    started_days_ago=5,
    goals=(Goal.REPUTATION, Goal.PHYSICIAN_VISIBILITY),
    platforms_in_use=("facebook",),
    fields={
        "goals_detail": (
            "Answer Google and Facebook reviews properly, and help our six physicians be "
            "found by new patients."
        ),
        "people_available": 1,
        "policy_status": PolicyStatus.NONE,
    },
)

INTAKES = (RIVERSIDE, NORTH_STAR, LAKESIDE)


def seed_intakes(cast, coach) -> dict[str, Intake]:
    """{organization's cast name: its intake}: each made only when the organization has none
    (Riverside's assigned to `coach`)."""
    return {text.organization: _intake(cast, text, coach) for text in INTAKES}


def _intake(cast, text: IntakeText, coach) -> Intake:
    organization = cast[text.organization]
    found = Intake.objects.filter(organization=organization).order_by("created_at").first()
    if found is not None:
        return found
    admin = cast[text.admin]
    intake = Intake.objects.create(
        organization=organization,
        status=text.status,
        goals=list(text.goals),
        created_by=admin,
        **text.fields,
    )
    intake.platforms_in_use.set(Platform.objects.filter(code__in=text.platforms_in_use))
    intake.platforms_planned.set(Platform.objects.filter(code__in=text.platforms_planned))
    dated = {
        "created_at": days_ago(text.started_days_ago, 15),
        "updated_at": days_ago(text.submitted_days_ago or text.started_days_ago, 16, 20),
    }
    if text.submitted_days_ago is not None:
        dated |= {"submitted_by": admin, "submitted_at": days_ago(text.submitted_days_ago, 16, 20)}
    if text.assigned_days_ago is not None:
        dated |= {
            "assigned_coach": coach,
            "assigned_by": cast.staff,
            "assigned_at": days_ago(text.assigned_days_ago, 11),
        }
    Intake.objects.filter(pk=intake.pk).update(**dated)
    intake.refresh_from_db()
    return intake
