"""The center's clause templates, sections 6 to 10 (moderation, crisis, records, endorsements,
accessibility). See `policy_clauses_a` for the first five."""

from __future__ import annotations

from .policy_clauses_a import DemoClause

CLAUSES_B: tuple[DemoClause, ...] = (
    # 6. Comment moderation and response times
    DemoClause(
        "monitoring-and-response",
        "moderation",
        10,
        "Monitoring and first response",
        "always",
        """The official accounts are monitored at these times: {{ monitoring_hours }}. During those
hours, a comment or message that needs an answer gets a first response within {{ response_hours }}
hours, even if the full answer takes longer.

Conversations that involve a person's care, a complaint or personal details move to a private
channel, such as a phone call, the patient relations team or the patient portal, without confirming
in public that the person is a patient.""",
        30,
    ),
    DemoClause(
        "after-hours-coverage",
        "moderation",
        20,
        "Outside monitoring hours",
        "after_hours_monitoring",
        """Outside monitoring hours, a member of the workforce on call checks the official accounts
at least every four hours and escalates anything urgent at once, following the crisis and incident
response section of this policy.""",
        30,
    ),
    DemoClause(
        "business-hours-notice",
        "moderation",
        20,
        "Outside monitoring hours",
        "business_hours_only",
        """The official accounts are not watched outside monitoring hours. Each account's profile
says when it is monitored and that it is not the way to reach the organization in an emergency: in
a medical emergency, call 911. Messages received outside monitoring hours are answered on the next
working day.""",
        30,
    ),
    DemoClause(
        "community-guidelines",
        "moderation",
        30,
        "Community guidelines and removal",
        "always",
        """The official accounts publish community guidelines. Under them, a comment may be hidden
or removed when it:

- shares health information about someone other than the person posting it;
- threatens, harasses or abuses anyone, or attacks people for who they are;
- is spam, advertising, or a link to malicious content;
- contains false health information likely to cause harm; or
- is obscene or unlawful.

A comment is not removed because it criticizes the organization. Before anything is hidden or
removed, a screenshot with the date is kept in the account's records. A reply to a review never
confirms that the reviewer is or was a patient.""",
        30,
    ),
    # 7. Crisis and incident response
    DemoClause(
        "crisis-escalation",
        "crisis",
        10,
        "Reporting a possible crisis",
        "always",
        """Anyone who sees on social media a possible crisis, such as a threat of violence, an
allegation about patient safety, a data breach, an incident at a facility or a complaint gathering
wide attention, reports it to the {{ crisis_lead_role }} within {{ escalation_minutes }} minutes of
seeing it, through the contact details in the {{ emergency_plan_name }}. They do not reply, delete
or argue online before the {{ crisis_lead_role }} decides how to respond.""",
        20,
    ),
    DemoClause(
        "crisis-communications",
        "crisis",
        20,
        "Communicating during a crisis",
        "always",
        """In a crisis, the {{ crisis_lead_role }} leads social media communications as part of the
{{ emergency_plan_name }}:

1. Scheduled posts are paused and reviewed.
2. The official accounts share only confirmed information, approved through the incident's command
   structure, and point to one place where updates are kept current.
3. Posts never speculate about causes, blame or people involved, and never include patient
   information.
4. The workforce is reminded not to post about the incident on personal accounts, and where to send
   people who ask them.
5. After the crisis, the team reviews what was posted and what it learned.""",
        20,
    ),
    DemoClause(
        "compromised-account",
        "crisis",
        30,
        "A compromised account",
        "always",
        """If an official account is hacked, impersonated or used without authority, whoever
notices tells {{ owner_department }} and the IT security team at once. They secure the account,
change its credentials, report the problem to the platform, tell followers what happened if they
were exposed to anything harmful, and record the incident.""",
        20,
    ),
    # 8. Records retention
    DemoClause(
        "records-retention-period",
        "records",
        10,
        "What is kept, and for how long",
        "always",
        """Posts, replies, comments, direct messages and their edits and deletions on the official
accounts are records of {{ organization_name }}. They are kept for {{ retention_years }} years, or
longer when the records retention schedule kept by {{ records_owner }}, a legal hold or the law
requires it. When a legal hold is issued, nothing it covers is deleted, on the accounts or in the
archive, until the hold is lifted.""",
        90,
    ),
    DemoClause(
        "archiving-service",
        "records",
        20,
        "How records are archived",
        "archiving_service",
        """An archiving service captures the content of every official account automatically,
including edits and deletions, and keeps it for the retention period. Access to the archive is
limited to {{ owner_department }}, {{ records_owner }} and legal counsel, and every search of it is
logged.""",
        90,
    ),
    DemoClause(
        "manual-archiving",
        "records",
        20,
        "How records are archived",
        "manual_archiving",
        """{{ owner_department }} exports the content of every official account at least once a
month, using each platform's data export, and stores the exports on the organization's secure file
storage, never on personal devices or accounts. Before anything is deleted from an account, a copy
is kept with the export. A log records each export: the account, the period covered, who made it
and where it is stored.""",
        400,
    ),
    # 9. Endorsements and disclosures
    DemoClause(
        "paid-partnerships",
        "endorsements",
        10,
        "Paid partnerships and endorsements",
        "paid_partnerships",
        """When the organization gives money, free services, products or anything else of value to
a creator, influencer, patient or other person for posting about it, the relationship is disclosed
clearly in each post, as the Federal Trade Commission's Endorsement Guides require: in words such
as "Paid partnership with {{ organization_name }}" or the platform's own disclosure tool, placed
where readers see it before they read the rest.

Every such arrangement has a written agreement reviewed by the {{ compliance_role }} before it
starts, which requires disclosure, forbids claims about results the organization could not
support, and keeps patient information out of every post. Nothing of value is offered to a
patient in return for a review, a testimonial or a referral without the review of the
{{ compliance_role }}.""",
        35,
    ),
    DemoClause(
        "no-paid-partnerships",
        "endorsements",
        10,
        "Paid partnerships",
        "no_paid_partnerships",
        """The organization does not pay or give anything of value to creators, influencers or
patients for posts about it. Any proposal to do so is reviewed by the {{ compliance_role }} before
anything is agreed, and this policy is updated first.""",
        35,
    ),
    DemoClause(
        "testimonials-and-claims",
        "endorsements",
        20,
        "Testimonials and claims",
        "always",
        """Posts on the official accounts:

- do not promise a cure or a result, or suggest that one patient's experience is typical when it is
  not;
- make comparative claims, such as rankings and awards, only when they can be supported, naming the
  source and the year;
- do not promote specific prescription drugs, medical devices or other commercial products; and
- do not endorse vendors, sponsors or other businesses in the organization's name without the
  approval of the {{ compliance_role }}.""",
        35,
    ),
    DemoClause(
        "workforce-disclosures",
        "endorsements",
        30,
        "The workforce's own disclosures",
        "always",
        """A member of the workforce who posts about a company's products or services and has a
relationship with that company, such as payment, gifts, research funding or consulting, discloses
it in the post, whether or not the post mentions {{ organization_name }}.""",
        35,
    ),
    # 10. Accessibility
    DemoClause(
        "accessible-posts",
        "accessibility",
        10,
        "Posts everyone can use",
        "always",
        """The official accounts follow {{ accessibility_standard }} as far as each platform
allows. In particular:

- every image has alternative text that says what it shows and why it matters;
- every video has accurate captions, and audio has a transcript;
- hashtags are written with a capital letter for each word, such as #HeartHealth, so screen readers
  read them correctly;
- text in images is kept short and repeated in the post, and color is never the only way
  information is given; and
- posts use plain language and avoid unexplained abbreviations.""",
        15,
    ),
    DemoClause(
        "other-languages",
        "accessibility",
        20,
        "Other languages",
        "other_languages",
        """Many of the people the organization serves read {{ other_languages }}. Important
information, such as safety notices, service changes and public health guidance, is also posted in
those languages. Translations of clinical or safety information are made or checked by a qualified
translator, not by machine translation alone, in keeping with the organization's language access
obligations, including Section 1557 of the Affordable Care Act.""",
        15,
    ),
    DemoClause(
        "accessibility-feedback",
        "accessibility",
        30,
        "Reporting a post that cannot be used",
        "always",
        """Anyone who cannot use a post on an official account can say so at
{{ accessibility_contact }}. {{ owner_department }} answers within five working days and provides
the information in a form the person can use.""",
        15,
    ),
)
