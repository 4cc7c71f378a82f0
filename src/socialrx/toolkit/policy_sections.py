"""The policy builder's steps: the ten sections of a health-care social media policy and the
questions each asks the organization (`policy_answers` says what the answers fill in and
choose, and how they are checked).

Plain data: the step form, the services that save and assemble a policy and the clause back
office all read it, so a question is defined once. Answers are kept flat ({question name:
value}); a question's name is unique across sections. Values are text (short answers and
choice codes), whole numbers, or "yes"/"no"."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

TEXT, NUMBER, CHOICE, YES_NO = "text", "number", "choice", "yes_no"
YES, NO = "yes", "no"
YES_NO_CHOICES = ((YES, "Yes"), (NO, "No"))
TEXT_LIMIT = 200


@dataclass(frozen=True)
class Question:
    name: str
    label: str
    kind: str
    help: str = ""
    example: str = ""  # shown as the input's example and used to preview clauses
    choices: tuple[tuple[str, str], ...] = ()
    required: bool = True
    # Text answers only required when another answer is "yes" ({"patient_stories": "yes"}).
    required_when: Mapping[str, str] = field(default_factory=dict)
    minimum: int | None = None
    maximum: int | None = None
    # The placeholder this answer fills ("" when it fills none, e.g. a yes/no question), and
    # the words used when it is not answered (an optional question left empty).
    placeholder: str = ""
    fallback: str = ""
    # A role's title ("Chief Compliance Officer"): clauses write "the" before its placeholder,
    # so a "the" the answer starts with is left out when it is saved and when it fills one.
    role: bool = False

    def choice_label(self, value) -> str:
        return dict(self.choices).get(value, "")


def role_help(example: str) -> str:
    """The help under every role question: one rule for "the", said the same way each time."""
    return (
        "A title rather than a person's name, so the policy outlives staff changes. The policy "
        f"puts “the” before it and reads “the {example}”; a “the” typed at the start is left out."
    )


@dataclass(frozen=True)
class Section:
    slug: str
    title: str
    intro: str
    questions: tuple[Question, ...]


SECTIONS: tuple[Section, ...] = (
    Section(
        "who_may_post",
        "Who may post for the organization",
        "Who speaks for the organization on its official accounts, and who keeps them.",
        (
            Question(
                "owner_department",
                "Which department owns the organization's official social media accounts?",
                TEXT,
                help="It keeps the list of accounts, their passwords and who may use them.",
                example="Marketing and Communications",
                placeholder="owner_department",
            ),
            Question(
                "posting_model",
                "Who may publish on the official accounts?",
                CHOICE,
                choices=(
                    ("communications_team", "Only the communications team"),
                    (
                        "trained_delegates",
                        "The communications team and trained delegates in departments and "
                        "service lines",
                    ),
                ),
            ),
        ),
    ),
    Section(
        "approval_workflow",
        "Approval workflow",
        "Who approves what before it is published, and how quickly.",
        (
            Question(
                "approver_role",
                "Who approves posts before they are published?",
                TEXT,
                help=role_help("Director of Marketing and Communications"),
                example="Director of Marketing and Communications",
                placeholder="approver_role",
                role=True,
            ),
            Question(
                "approval_model",
                "Which posts need approval?",
                CHOICE,
                choices=(
                    ("every_post", "Every post, before it is published"),
                    (
                        "risk_based",
                        "Posts about patients, clinical topics or sensitive subjects; routine "
                        "posts go out directly",
                    ),
                ),
            ),
            Question(
                "clinical_reviewer_role",
                "Who checks clinical content for accuracy?",
                TEXT,
                help=role_help("Chief Medical Officer or a physician they designate"),
                example="Chief Medical Officer or a physician they designate",
                placeholder="clinical_reviewer_role",
                role=True,
            ),
            Question(
                "approval_days",
                "Within how many business days should an approval be given?",
                NUMBER,
                minimum=1,
                maximum=10,
                example="2",
                placeholder="approval_days",
            ),
        ),
    ),
    Section(
        "privacy_hipaa",
        "Patient privacy and HIPAA",
        "How protected health information is kept off social media, and how patients' own "
        "stories are shared with their written authorization.",
        (
            Question(
                "privacy_officer_role",
                "Who is the privacy officer staff should consult?",
                TEXT,
                help=role_help("Privacy Officer in the Compliance Department"),
                example="Privacy Officer in the Compliance Department",
                placeholder="privacy_officer_role",
                role=True,
            ),
            Question(
                "patient_stories",
                "Does the organization share patients' stories, photos or videos?",
                YES_NO,
            ),
            Question(
                "authorization_form",
                "What is the authorization form patients sign before their story is shared called?",
                TEXT,
                help="Needed when the organization shares patients' stories.",
                example="Authorization for Use of Patient Photographs, Video and Stories",
                required=False,
                required_when={"patient_stories": YES},
                placeholder="authorization_form",
                fallback="the organization's written HIPAA authorization form",
            ),
        ),
    ),
    Section(
        "personal_accounts",
        "Employees' personal accounts",
        "What the organization expects of its workforce on their own accounts.",
        (
            Question(
                "personal_use",
                "When may employees use their personal social media accounts at work?",
                CHOICE,
                choices=(
                    ("breaks_only", "On breaks and meal periods only"),
                    (
                        "limited",
                        "Briefly, when it does not interfere with their work or patient care",
                    ),
                ),
                placeholder="personal_use",
            ),
            Question(
                "employee_advocacy",
                "Are employees encouraged to share the organization's posts from their own "
                "accounts?",
                YES_NO,
            ),
            Question(
                "policy_contact",
                "Whom should employees ask about this policy?",
                TEXT,
                example="Human Resources or the Marketing and Communications team",
                placeholder="policy_contact",
            ),
        ),
    ),
    Section(
        "physician_patient",
        "Physician–patient interaction online",
        "How clinicians handle patients who reach them on social media.",
        (
            Question(
                "physicians_post",
                "Do physicians or other clinicians post publicly in their professional capacity?",
                YES_NO,
                help="For example a physician's professional account, or videos in which "
                "clinicians explain a condition.",
            ),
            Question(
                "patient_portal_name",
                "What is the secure patient portal called?",
                TEXT,
                help="Where patients should be directed for questions about their own care.",
                example="MyChart",
                placeholder="patient_portal_name",
            ),
        ),
    ),
    Section(
        "moderation",
        "Comment moderation and response times",
        "When the accounts are watched, how fast people get an answer, and what is removed.",
        (
            Question(
                "monitoring_hours",
                "When are the accounts monitored?",
                TEXT,
                example="8 a.m. to 6 p.m., Monday to Friday",
                placeholder="monitoring_hours",
            ),
            Question(
                "response_hours",
                "Within how many hours, during monitoring hours, should a comment or message "
                "get a first response?",
                NUMBER,
                minimum=1,
                maximum=72,
                example="4",
                placeholder="response_hours",
            ),
            Question(
                "after_hours",
                "Is someone on call to watch the accounts outside those hours?",
                YES_NO,
            ),
        ),
    ),
    Section(
        "crisis",
        "Crisis and incident response",
        "What happens when something goes wrong on, or reaches, social media.",
        (
            Question(
                "crisis_lead_role",
                "Who leads communications in a crisis?",
                TEXT,
                help=role_help("Vice President of Marketing and Communications"),
                example="Vice President of Marketing and Communications",
                placeholder="crisis_lead_role",
                role=True,
            ),
            Question(
                "escalation_minutes",
                "Within how many minutes must a possible crisis seen on social media be "
                "reported to them?",
                NUMBER,
                minimum=5,
                maximum=240,
                example="30",
                placeholder="escalation_minutes",
            ),
            Question(
                "emergency_plan_name",
                "What is the organization's emergency plan called?",
                TEXT,
                example="Emergency Operations Plan",
                placeholder="emergency_plan_name",
            ),
        ),
    ),
    Section(
        "records",
        "Records retention",
        "How long posts, comments and messages are kept, and how.",
        (
            Question(
                "retention_years",
                "For how many years are social media records kept?",
                NUMBER,
                help="Follow your state's and your organization's records retention schedule.",
                minimum=1,
                maximum=30,
                example="7",
                placeholder="retention_years",
            ),
            Question(
                "archiving",
                "How is the content of the accounts archived?",
                CHOICE,
                choices=(
                    ("service", "An archiving service captures it automatically"),
                    ("manual", "The communications team exports it on a schedule"),
                ),
            ),
            Question(
                "records_owner",
                "Who keeps the organization's records retention schedule?",
                TEXT,
                example="Health Information Management",
                placeholder="records_owner",
            ),
        ),
    ),
    Section(
        "endorsements",
        "Endorsements and disclosures",
        "Paid partnerships, testimonials and the disclosures they need.",
        (
            Question(
                "paid_partnerships",
                "Does the organization pay, or give anything of value to, creators, "
                "influencers or patients for posts?",
                YES_NO,
                help="Money, free services, products or gifts all count.",
            ),
            Question(
                "compliance_role",
                "Who reviews endorsements and sponsorships for compliance?",
                TEXT,
                help=role_help("Compliance Officer"),
                example="Compliance Officer",
                placeholder="compliance_role",
                role=True,
            ),
        ),
    ),
    Section(
        "accessibility",
        "Accessibility",
        "Posts everyone can use, including people with disabilities and people who read "
        "another language.",
        (
            Question(
                "accessibility_standard",
                "Which accessibility standard do the organization's digital channels follow?",
                CHOICE,
                choices=(
                    ("wcag21", "WCAG 2.1 Level AA"),
                    ("wcag22", "WCAG 2.2 Level AA"),
                ),
                placeholder="accessibility_standard",
            ),
            Question(
                "other_languages",
                "Besides English, which languages do many of your patients read?",
                TEXT,
                help="Leave empty if none.",
                example="Spanish and Somali",
                required=False,
                placeholder="other_languages",
                fallback="other languages",
            ),
            Question(
                "accessibility_contact",
                "How can someone report a post they cannot use?",
                TEXT,
                example="accessibility@riverside-rmc.example or 507-555-0134",
                placeholder="accessibility_contact",
            ),
        ),
    ),
)

SECTION_BY_SLUG: dict[str, Section] = {section.slug: section for section in SECTIONS}
SECTION_CHOICES = tuple((section.slug, section.title) for section in SECTIONS)
QUESTIONS: dict[str, Question] = {q.name: q for section in SECTIONS for q in section.questions}
