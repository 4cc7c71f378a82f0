"""The words of the toolkit's scale data (see scale.py): the policy builder's short answers,
the legal reviewers' comments and the drafts saved to checkers' histories (the clause library
is the demo's). A draft and a comment say they were generated for the benchmarks in their
last words."""

from __future__ import annotations

GENERATED = "Generated for the benchmarks."
KEY_PREFIX = "scale-"


# Short answers of the policy builder, by question name (the question's own example is
# another choice).
ANSWERS: dict[str, tuple[str, ...]] = {
    "owner_department": ("Marketing and Communications", "Public Relations", "Communications"),
    "approver_role": (
        "the Director of Communications",
        "the Marketing Manager",
        "the Practice Manager",
    ),
    "clinical_reviewer_role": (
        "the Chief Medical Officer",
        "a physician the Medical Director names",
        "the Chief Nursing Officer",
    ),
    "privacy_officer_role": ("the Privacy Officer", "the Compliance Officer"),
    "authorization_form": (
        "the Patient Media Authorization",
        "the Consent to Share My Story form",
    ),
    "policy_contact": ("Human Resources", "the Communications team"),
    "patient_portal_name": ("MyChart", "the patient portal", "FollowMyHealth"),
    "monitoring_hours": (
        "8 a.m. to 5 p.m., Monday to Friday",
        "7 a.m. to 7 p.m., every day",
        "during office hours",
    ),
    "crisis_lead_role": (
        "the Vice President of Communications",
        "the Incident Commander",
        "the Practice Administrator",
    ),
    "emergency_plan_name": ("Emergency Operations Plan", "Crisis Communications Plan"),
    "records_owner": ("Health Information Management", "the Records Manager"),
    "compliance_role": ("the Compliance Officer", "the General Counsel"),
    "other_languages": ("Spanish", "Spanish and Vietnamese", "Somali and Hmong"),
    "accessibility_contact": (
        "the Communications office",
        "the patient experience line",
        "the web team's contact form",
    ),
}

SHARE_LABELS = ("Outside counsel", "Compliance office", "Privacy officer", "General counsel")
COMMENTS = (
    "Please name the role, not the office, so this survives a reorganization.",
    "Our records schedule says seven years for this kind of content; please check.",
    "Fine as written.",
    "Add that a patient may withdraw the authorization, and how.",
    "Can we shorten the response time for complaints about care?",
    "This matches what the board approved last year.",
    "Please cross-reference the crisis plan's section on media statements.",
    "Legal would like to see this one again after the change.",
)

# (draft, image description) saved to organizations' histories: the patient stories and
# public answers the checker exists for, advice without a disclaimer, and clean posts.
DRAFTS: tuple[tuple[str, str], ...] = (
    (
        "So proud of our patient Maria Delgado, discharged yesterday after three weeks in "
        "the ICU. Room 412 will miss you!",
        "Maria waving from her wheelchair at the front door, her face visible",
    ),
    (
        "Happy 92nd birthday to our longest-serving volunteer's mother, who came in for her "
        "hip surgery on March 3. Call her at 555-201-4477 to wish her well!",
        "",
    ),
    (
        "@jdoe_runs Sorry about the wait at your appointment on Tuesday. Your lab results "
        "are ready: your MRN is 00482913 if you call.",
        "",
    ),
    (
        "If your child has a fever over 102, give them double the usual dose of ibuprofen "
        "and skip the ER.",
        "",
    ),
    (
        "This new supplement cures arthritis in two weeks, guaranteed. Ask for it at our pharmacy!",
        "A bottle of the supplement on a counter",
    ),
    (
        "Flu shots are free this Saturday from 9 a.m. to noon in the main lobby. No "
        "appointment needed.",
        "A nurse giving a flu shot, seen from behind",
    ),
    (
        "We're hiring night-shift nurses for our medical-surgical unit. Apply on our careers page.",
        "",
    ),
    (
        "Thank you to our environmental services team for keeping every room spotless during "
        "the storm.",
        "The team in the hallway, smiling",
    ),
    (
        "Join Dr. Okafor for a free talk on heart health at the community center next "
        "Thursday at 6 p.m.",
        "",
    ),
    (
        "Our patient John Whitfield, 67, of 14 Birch Lane, is home after his bypass. He "
        "says the nurses saved his life!",
        "",
    ),
    (
        "Washing your hands for 20 seconds is still the best way to stop a cold from "
        "spreading. This is general information, not medical advice.",
        "",
    ),
    (
        "Our new MRI suite opens Monday: quieter, faster scans and a wider bore for comfort.",
        "The new scanner in a bright room, no people",
    ),
)


def draft_text(index: int) -> tuple[str, str]:
    """A saved draft (with its image description), its last sentence saying it was generated."""
    text, image = DRAFTS[index % len(DRAFTS)]
    return f"{text} ({GENERATED})", image
