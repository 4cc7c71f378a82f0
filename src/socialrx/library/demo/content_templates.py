"""Demo library content, part 2: policy templates and checklists (templates keep versions:
`history` holds the earlier texts, so the version pages have something to compare)."""

from .spec import R

_POLICY_V1 = """## Purpose

This policy sets out how [Organization] and its workforce use social media.

## Scope

All employees, medical staff, students and volunteers.

## Official accounts

Only the communications department creates or runs accounts in [Organization]'s name.

## Patient information

Never post information about a patient, including photos, without written authorization.

## Personal use

Employees speak for themselves, not for [Organization], on personal accounts."""

_POLICY_V2 = (
    _POLICY_V1
    + """

## Responding to patients online

Staff never confirm that a person is a patient. Questions about care are answered with the
patient line's number: [phone].

## Violations

Violations are handled under the workforce conduct policy."""
)

_POLICY_V3 = (
    _POLICY_V2.replace(
        "Only the communications department creates or runs accounts in [Organization]'s name.",
        "Only the communications department creates or runs accounts in [Organization]'s name. "
        "Departments that want an account apply to communications with a plan: goals, owner, "
        "backup, and posting cadence.",
    )
    + """

## Artificial intelligence tools

Drafts written with AI tools are reviewed by a person before publication, and never contain
patient information entered into the tool."""
)

_CHECKLIST_V1 = """- [ ] The post contains no patient name, photo, date of care or room number
- [ ] Every person in a photo has a signed consent form on file
- [ ] Clinical claims were reviewed by a clinician
- [ ] Links work and go to our own pages"""

_CHECKLIST_V2 = (
    _CHECKLIST_V1
    + """
- [ ] No screens, whiteboards or wristbands are readable in the photo
- [ ] The post has alt text for its image"""
)

TEMPLATES = (
    R(
        "social-media-policy-template",
        "policy_template",
        "Social media policy template for hospitals",
        "A complete policy to adapt: scope, official accounts, patient information, personal "
        "use, responding to patients, AI tools, violations.",
        _POLICY_V3,
        topics=("policy-legal", "hipaa-privacy"),
        platforms=("facebook", "x", "instagram", "linkedin"),
        audiences=("communications", "legal-compliance", "human-resources"),
        minutes=12,
        access="member",
        history=(
            (_POLICY_V1, "First version."),
            (_POLICY_V2, "Added responding to patients online and violations."),
            (_POLICY_V3, "Departmental accounts need a plan; added AI tools."),
        ),
        attachment="pdf",
    ),
    R(
        "patient-photo-consent-form",
        "policy_template",
        "Patient photo and story consent form",
        "The authorization a patient signs before their photo, video or story appears on "
        "social media: what, where, how long, and how to withdraw.",
        """## Authorization to use my image and story

I, [patient name], authorize [Organization] to use the photographs, video and story
described below on its social media accounts and website.

**What:** [description]

**Where:** Facebook, Instagram, YouTube, LinkedIn and [Organization]'s website.

**How long:** until I withdraw this authorization in writing.

I understand that I may withdraw this authorization at any time, that withdrawal does not
affect posts already published, and that my care does not depend on signing.

Signature ______________________ Date __________""",
        topics=("hipaa-privacy", "policy-legal"),
        platforms=("facebook", "instagram", "youtube"),
        audiences=("communications", "legal-compliance"),
        minutes=4,
        access="member",
        history=(("Draft consent wording.", "First version."),),
        attachment="pdf",
    ),
    R(
        "comment-moderation-policy",
        "policy_template",
        "Comment moderation policy (public-facing)",
        "The house rules you pin to every page: what you remove and why, in words readers accept.",
        """## Our community guidelines

We welcome comments and questions. We remove comments that:

- share anyone's health information, including your own, to protect your privacy;
- are abusive, threatening, or discriminatory;
- advertise products or services;
- are off topic or repeated.

We cannot give medical advice here. For questions about your care, call [phone].""",
        topics=("policy-legal", "reputation"),
        platforms=("facebook", "instagram", "youtube"),
        audiences=("communications", "legal-compliance"),
        minutes=3,
        access="public",
    ),
    R(
        "physician-social-media-guidelines",
        "policy_template",
        "Medical staff social media guidelines",
        "Guidelines for physicians' own accounts: professionalism, boundaries with patients, "
        "disclosures and what to do when something goes wrong.",
        """## Professionalism

You are identifiable as a physician of [Organization] even on a personal account.

## Patients

Do not give individual medical advice online. Decline friend requests from patients on
personal accounts.

## Disclosures

Disclose conflicts of interest in the post.

## When something goes wrong

Tell communications at once; do not delete and hope.""",
        topics=("physician-presence", "policy-legal"),
        platforms=("x", "linkedin", "instagram", "tiktok"),
        audiences=("physicians", "legal-compliance"),
        minutes=5,
        access="member",
    ),
    R(
        "crisis-communication-plan-template",
        "policy_template",
        "Crisis communication plan: the social media annex",
        "Roles, approval shortcuts, holding statements and the update rhythm, ready to fill "
        "in before you need it.",
        """## Roles

| Role | Name | Backup |
| --- | --- | --- |
| Incident commander | | |
| Social media lead | | |
| Approver | | |

## Holding statement

*We are aware of [event] at [location]. The safety of our patients and staff comes first.
We will share an update here by [time].*

## Update rhythm

Every 30 minutes in the first two hours, then hourly.""",
        topics=("crisis-response", "policy-legal"),
        platforms=("x", "facebook"),
        audiences=("communications", "leadership"),
        minutes=8,
        access="premium",
        attachment="pdf",
    ),
    R(
        "vendor-review-questionnaire",
        "policy_template",
        "Security questionnaire for social media tools",
        "The questions IT sends to a scheduling or monitoring vendor before the contract.",
        """## Access

- Does the tool support single sign-on? Two-factor authentication?
- Can access be limited per account and per person?

## Data

- What data about our followers do you store, where, and for how long?
- Do you use our data to train models?

## Incidents

- How and how fast do you tell us about a breach?""",
        topics=("policy-legal", "hipaa-privacy"),
        platforms=("other",),
        audiences=("it-security", "legal-compliance"),
        minutes=5,
        access="member",
    ),
)

CHECKLISTS = (
    R(
        "before-you-post-checklist",
        "checklist",
        "Before you post: a six-point privacy checklist",
        "Six checks that catch nearly every privacy mistake before it is published.",
        _CHECKLIST_V2,
        topics=("hipaa-privacy",),
        platforms=("facebook", "instagram", "x"),
        audiences=("communications", "nurses", "physicians"),
        minutes=2,
        access="public",
        history=(
            (_CHECKLIST_V1, "First version."),
            (_CHECKLIST_V2, "Added readable screens and alt text."),
        ),
        attachment="pdf",
    ),
    R(
        "new-account-launch-checklist",
        "checklist",
        "Launching a new account: the checklist",
        "Owner, backup, verification, bio, links, first month of posts, moderation rules.",
        """- [ ] Owner and backup named in the account register
- [ ] Two-factor authentication on both logins
- [ ] Verified badge requested
- [ ] Bio with the phone number and a link to the website
- [ ] Community guidelines pinned
- [ ] First month of posts drafted and approved""",
        topics=("strategy",),
        platforms=("facebook", "instagram", "linkedin", "tiktok"),
        audiences=("communications",),
        minutes=3,
        access="member",
    ),
    R(
        "crisis-readiness-checklist",
        "checklist",
        "Crisis readiness: is your team ready today?",
        "Ten questions to answer before the next outage, storm or incident.",
        """- [ ] Can two people pause all scheduled posts within five minutes?
- [ ] Is the holding statement approved in advance?
- [ ] Does the incident commander know who posts?
- [ ] Is there a web page that will carry the facts?
- [ ] Has the plan been rehearsed this year?""",
        topics=("crisis-response",),
        platforms=("x", "facebook"),
        audiences=("communications", "leadership"),
        minutes=3,
        access="member",
    ),
    R(
        "quarterly-access-review-checklist",
        "checklist",
        "Quarterly access review",
        "Who can post as the hospital, and should they still?",
        """- [ ] Export every account's admin and editor list
- [ ] Compare with the account register and HR's leavers
- [ ] Remove people who left or changed role
- [ ] Confirm two-factor for everyone who remains""",
        topics=("policy-legal",),
        platforms=("facebook", "instagram", "linkedin", "x"),
        audiences=("it-security", "communications"),
        minutes=2,
        access="member",
    ),
    R(
        "event-photography-checklist",
        "checklist",
        "Photographing a community event",
        "Consent, signage, children, and what to leave out of frame.",
        """- [ ] Signs at the entrance say photos may be taken and shared
- [ ] Consent forms for anyone featured
- [ ] No children without a parent's written consent
- [ ] No patients in gowns or wristbands in frame""",
        topics=("hipaa-privacy", "content-production"),
        platforms=("facebook", "instagram"),
        audiences=("communications",),
        minutes=2,
        access="public",
    ),
    R(
        "monthly-report-checklist",
        "checklist",
        "The monthly social media report",
        "What goes in the one page leadership reads.",
        """- [ ] One line per goal, with its measure and last month's figure
- [ ] The best post and why it worked
- [ ] Questions from patients and how fast they were answered
- [ ] One decision you need from leadership""",
        topics=("measurement-roi",),
        platforms=("facebook", "linkedin"),
        audiences=("communications", "leadership"),
        minutes=2,
        access="premium",
    ),
)
