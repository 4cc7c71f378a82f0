"""The center's clause templates, sections 1 to 5 (who may post, approval, patient privacy,
personal accounts, clinicians online). Written as a health system's counsel would expect a social
media policy to read; placeholders are filled from the organization's answers."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DemoClause:
    key: str
    section: str
    position: int
    title: str
    condition: str
    body: str
    reviewed_days_ago: int  # the last review, counted back from the day the demo runs


CLAUSES_A: tuple[DemoClause, ...] = (
    # 1. Who may post for the organization
    DemoClause(
        "official-accounts",
        "who_may_post",
        10,
        "Official accounts",
        "always",
        """An official account is any social media account, page, channel or profile that uses the
name, logo or other marks of {{ organization_name }}, or that a reasonable person would take to
speak for it.

- {{ owner_department }} owns every official account and keeps an inventory of them, with each
  account's purpose, its administrators and the date its access was last reviewed.
- No department, service line, foundation or employee may open an official account without the
  written approval of {{ owner_department }}.
- Log-in credentials are held in the organization's password manager, never in personal files or
  messages, and every account that supports it uses multi-factor authentication.
- Access is reviewed at least every six months and removed within one business day when a person
  changes role or leaves the organization.""",
        40,
    ),
    DemoClause(
        "publishers-communications-team",
        "who_may_post",
        20,
        "Who may publish",
        "communications_only",
        """Only members of the {{ owner_department }} team publish, reply or send messages on the
official accounts. Departments and service lines that want something shared send it to
{{ owner_department }}, which decides whether, when and where it is posted.""",
        40,
    ),
    DemoClause(
        "publishers-trained-delegates",
        "who_may_post",
        20,
        "Who may publish",
        "delegates_post",
        """Members of the {{ owner_department }} team publish on the official accounts. A
department or service line may also have delegates who publish on the accounts assigned to it, on
these conditions:

1. The department's leader names the delegate in writing, and {{ owner_department }} agrees.
2. The delegate completes the organization's social media and privacy training before receiving
   access, and again every year.
3. The delegate follows this policy's approval workflow and may be asked to stop publishing at any
   time.
4. {{ owner_department }} removes the delegate's access when they change role, leave, or no longer
   need it.""",
        40,
    ),
    DemoClause(
        "speaking-for-the-organization",
        "who_may_post",
        30,
        "Speaking for the organization",
        "always",
        """Only the people this policy authorizes speak for {{ organization_name }} on social
media. Other members of the workforce do not present their views as the organization's, and refer
questions from journalists, including those received through social media, to
{{ owner_department }}.""",
        40,
    ),
    # 2. Approval workflow
    DemoClause(
        "approval-every-post",
        "approval_workflow",
        10,
        "Approval before publication",
        "every_post_approved",
        """Every post on an official account is approved before it is published by the
{{ approver_role }} or a person they designate in writing. A request for approval includes the
text, every image or video and its source, the accounts it is for and the date it should appear.

Approval is given or refused within {{ approval_days }} business days of a complete request. A
refusal says why, so the post can be corrected.""",
        40,
    ),
    DemoClause(
        "approval-risk-based",
        "approval_workflow",
        10,
        "Which posts need approval",
        "risk_based_approval",
        """Routine posts, such as event reminders, visiting hours, service announcements and health
information already approved for the organization's website, may be published by an authorized
publisher without further approval.

Before it is published, a post must be approved by the {{ approver_role }} or a person they
designate in writing when it:

- mentions, shows or could identify a patient, a patient's family or a member of the workforce
  other than the author;
- gives clinical or health information that has not already been approved;
- concerns litigation, regulatory matters, labor relations, prices, finances, an incident or a
  public health emergency; or
- responds to a complaint or to news coverage about the organization.

Approval is given or refused within {{ approval_days }} business days of a complete request.""",
        40,
    ),
    DemoClause(
        "clinical-accuracy",
        "approval_workflow",
        20,
        "Clinical accuracy",
        "always",
        """Health and clinical information posted on official accounts is checked for accuracy
by the {{ clinical_reviewer_role }} before it is first published. It names its sources where they
help the reader, is dated when it may change, and is corrected promptly and visibly when it is
found to be wrong. Deleting an inaccurate post is not enough on its own: publish a correction
where the original was seen.""",
        40,
    ),
    DemoClause(
        "urgent-posts",
        "approval_workflow",
        30,
        "Urgent posts",
        "always",
        """When people's safety depends on information being published quickly, such as a facility
closure, a shelter-in-place order or a boil-water notice, the person leading the response may
approve a post on their own. The {{ approver_role }} is told as soon as practicable and the post is
reviewed afterwards.""",
        40,
    ),
    # 3. Patient privacy and HIPAA
    DemoClause(
        "no-protected-health-information",
        "privacy_hipaa",
        10,
        "Protected health information",
        "always",
        """No one posts protected health information on social media, on official or personal
accounts, except a patient's own story shared with their written authorization under this policy.
Protected health information includes anything that could identify a patient together with their
health, care or payment, such as:

- names, initials, photographs, video or voice recordings, dates of admission, discharge or
  procedures, room numbers and ages over 89;
- images in which a patient, a chart, a screen, a whiteboard, a wristband or a schedule can be
  seen, even in the background; and
- descriptions of a case that could identify the patient to someone who knows them, because of a
  rare condition, a small community, a date or a news event.

Removing a name does not make a story de-identified. When in doubt, do not post, and ask the
{{ privacy_officer_role }}.""",
        25,
    ),
    DemoClause(
        "patient-authorization",
        "privacy_hipaa",
        20,
        "Sharing a patient's story",
        "patient_stories",
        """A patient's story, photograph, video or voice is shared only with the patient's written
authorization on the {{ authorization_form }}, signed before anything is recorded for publication.
The authorization:

- describes what will be shared, on which channels and for how long;
- is signed by a parent or legal guardian for a minor, and by a legal representative for a patient
  who cannot sign;
- tells the patient that care does not depend on signing, and that they may revoke the
  authorization in writing at any time.

The signed form is kept with the organization's records. When a patient revokes an authorization,
the organization stops using the material and removes it from its official accounts where it
can.""",
        25,
    ),
    DemoClause(
        "no-identifiable-patients",
        "privacy_hipaa",
        20,
        "Patients are not featured",
        "no_patient_stories",
        """The official accounts do not feature identifiable patients, their stories, images or
voices. Any exception needs the prior approval of the {{ privacy_officer_role }} and the patient's
written HIPAA authorization, signed before anything is recorded.""",
        25,
    ),
    DemoClause(
        "privacy-incidents",
        "privacy_hipaa",
        30,
        "A possible privacy incident",
        "always",
        """Anyone who sees protected health information posted by a member of the workforce, on any
account, reports it at once to the {{ privacy_officer_role }}. On an official account, the post is
hidden or removed straight away, after a screenshot is kept for the investigation. It is for the
{{ privacy_officer_role }} to decide whether it is a breach under the HIPAA Breach Notification
Rule and any state law, and what notice is owed.""",
        25,
    ),
    # 4. Employees' personal accounts
    DemoClause(
        "personal-use-at-work",
        "personal_accounts",
        10,
        "Personal use at work",
        "always",
        """Members of the workforce may use their personal social media accounts at work
{{ personal_use }}. Personal use never comes before patient care or safety, and personal devices
are not used to photograph or record in patient care areas.""",
        60,
    ),
    DemoClause(
        "personal-accounts-conduct",
        "personal_accounts",
        20,
        "Your own accounts",
        "always",
        """On their own accounts, members of the workforce speak for themselves, not for
{{ organization_name }}. Anyone who mentions their work here makes clear that the views are their
own, and does not:

- share protected health information, confidential business information or anything learned in
  confidence at work;
- post anything that harasses, threatens or discriminates against patients, visitors or colleagues;
  or
- use the organization's logo or name in a way that suggests it endorses them.

Nothing in this policy restricts anyone's right to discuss their wages, hours or other terms and
conditions of employment, or any other activity protected by law, including Section 7 of the
National Labor Relations Act.""",
        60,
    ),
    DemoClause(
        "sharing-official-posts",
        "personal_accounts",
        30,
        "Sharing the organization's posts",
        "employee_advocacy",
        """Members of the workforce are welcome to share the official accounts' posts on their own
accounts. Sharing is always voluntary: no one is asked to share as a condition of their job, and no
one is rewarded for it without {{ owner_department }} and the compliance team agreeing the reward
and how it is disclosed. When sharing, say that you work for {{ organization_name }} if your
connection is not obvious.""",
        60,
    ),
    DemoClause(
        "policy-questions",
        "personal_accounts",
        40,
        "Questions about this policy",
        "always",
        """Questions about this policy go to {{ policy_contact }}. A question asked before posting
is always welcome; it is better than a post that has to be taken down.""",
        60,
    ),
    # 5. Physician–patient interaction online
    DemoClause(
        "clinicians-posting-professionally",
        "physician_patient",
        10,
        "Clinicians who post professionally",
        "physicians_post",
        """Physicians and other clinicians who post publicly in their professional capacity:

- keep professional accounts separate from personal ones;
- give general health information, not advice on an individual's care;
- say when they speak for themselves rather than for {{ organization_name }};
- disclose financial or other relationships with companies whose products or services they discuss;
  and
- follow the guidance of their licensing board and professional bodies on online conduct.

A clinician who wants to start or change a professional presence talks to {{ owner_department }}
first, which can help with verification, training and security.""",
        50,
    ),
    DemoClause(
        "clinicians-not-posting",
        "physician_patient",
        10,
        "Clinicians and the official accounts",
        "physicians_do_not_post",
        """Physicians and other clinicians do not post on behalf of {{ organization_name }}. The
official accounts may feature them with their agreement; the content is prepared and approved
through this policy's workflow. A clinician who wants to post publicly in a professional capacity
talks to {{ owner_department }} first.""",
        50,
    ),
    DemoClause(
        "questions-about-own-care",
        "physician_patient",
        20,
        "When patients ask about their own care",
        "always",
        """When someone asks about their own health or care in a comment or a message, whether to
an official account or to a clinician, the reply:

1. does not confirm or deny that the person is a patient, and does not discuss their care;
2. thanks them and directs them to {{ patient_portal_name }} or to the care team by phone; and
3. for anything urgent, tells them to call 911 or go to the nearest emergency department.

Clinical questions are answered only through {{ patient_portal_name }}, by phone or in person,
where identity is checked and the answer is recorded in the medical record.""",
        50,
    ),
    DemoClause(
        "connections-with-patients",
        "physician_patient",
        30,
        "Connections with patients",
        "always",
        """Clinicians do not send friend or connection requests to current or former patients from
personal accounts, and decline such requests politely, pointing to {{ patient_portal_name }} for
anything about the patient's care. Following an organization's or a patient group's public page is
not a connection with a patient.""",
        50,
    ),
)
