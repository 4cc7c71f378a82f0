"""Riverside's answers to the policy builder, what changed for its second version, the first
wording of the clause the center reworded in between, and its reviewers' comments."""

from __future__ import annotations

RIVERSIDE_ANSWERS: dict = {
    "owner_department": "Marketing and Communications",
    "posting_model": "trained_delegates",
    "approver_role": "Director of Digital Communications",
    "approval_model": "every_post",
    "clinical_reviewer_role": "Chief Medical Officer or a physician they designate",
    "approval_days": 2,
    "privacy_officer_role": "Privacy Officer in the Compliance Department",
    "patient_stories": "yes",
    "authorization_form": "Authorization to Use Patient Photographs, Video and Stories "
    "(form HIM-214)",
    "personal_use": "breaks_only",
    "employee_advocacy": "yes",
    "policy_contact": "Human Resources or the Digital Communications team",
    "physicians_post": "yes",
    "patient_portal_name": "MyRiverside",
    "monitoring_hours": "8 a.m. to 6 p.m., Monday to Friday",
    "response_hours": 4,
    "after_hours": "no",
    "crisis_lead_role": "Vice President of Marketing and Communications",
    "escalation_minutes": 30,
    "emergency_plan_name": "Emergency Operations Plan",
    "retention_years": 7,
    "archiving": "manual",
    "records_owner": "Health Information Management",
    "paid_partnerships": "no",
    "compliance_role": "Chief Compliance Officer",
    "accessibility_standard": "wcag21",
    "other_languages": "Spanish and Somali",
    "accessibility_contact": "accessibility@riverside-rmc.example or 507-555-0134",
}

# Version 2, after outside counsel's comments.
SECOND_VERSION_CHANGES: dict = {
    "approval_model": "risk_based",
    "after_hours": "yes",
    "archiving": "service",
    "response_hours": 2,
}

REWORDED_KEY = "questions-about-own-care"
FIRST_WORDING = """When someone asks about their own health or care in a comment or a message,
whether to an official account or to a clinician, the reply:

1. does not confirm or deny that the person is a patient, and does not discuss their care; and
2. thanks them and directs them to {{ patient_portal_name }} or to the care team by phone.

Clinical questions are answered only through {{ patient_portal_name }}, by phone or in person,
where identity is checked and the answer is recorded in the medical record."""

COUNSEL = "Margaret Hale, Hale & Marsh LLP"
# (clause key, days ago, (reviewer, comment)) on version 1.
COUNSEL_COMMENTS = (
    (
        "approval-every-post",
        112,
        (
            COUNSEL,
            "Approval of every post within two business days will not hold during a weather "
            "emergency or a busy flu season, and the team will be tempted to work around it. "
            "Consider approval for posts that touch patients, clinical content or sensitive "
            "matters only, and name who approves when the Director is away.",
        ),
    ),
    (
        "business-hours-notice",
        112,
        (
            COUNSEL,
            "As written, nobody watches the accounts from Friday evening to Monday morning. "
            "Given the emergency department's volume, an on-call rota for evenings and weekends "
            "would reduce the risk of a harmful comment or a patient's disclosure staying up for "
            "days.",
        ),
    ),
    (
        "manual-archiving",
        111,
        (
            COUNSEL,
            "Monthly exports will not capture comments deleted between exports, which matters "
            "if we ever need to produce them. Health Information Management tells me an "
            "archiving service is already budgeted; the policy should rely on it.",
        ),
    ),
    (
        "patient-authorization",
        110,
        (
            COUNSEL,
            "Please confirm that form HIM-214 names social media expressly and states the "
            "right to revoke. If it does not, the form should be updated before this policy is "
            "adopted.",
        ),
    ),
)

COMPLIANCE_COMMENT = (
    "testimonials-and-claims",
    70,
    (
        "Daniel Reyes, Chief Compliance Officer",
        "Agreed as written. Before we repost the hospital's ranking, the awards page needs the "
        "publisher and the year beside it, as this clause requires.",
    ),
)
