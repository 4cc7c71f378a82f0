"""Demo course: "Starting a hospital Facebook page safely" (two versions; sold to non-members)."""

from decimal import Decimal

from ..models import LessonKind, Level
from .course_facebook_v2 import OWN_INFORMATION
from .spec import Answer, Ask, CourseText, Page, Part, Revision

PURPOSE = """\
## Start with the question "what is the page for?"

A hospital Facebook page is a public front door. People use it to check visiting hours, find
out whether the emergency department is open during a storm, read about a new clinic, and
tell you what they think of their care. Before anyone designs a cover photo, write down in
one or two sentences what your page is for and whom it serves.

Good purposes are specific:

- **Community information**: hours, parking, construction, flu clinics, weather closures.
- **Health education**: short, accurate posts your clinicians stand behind.
- **Recruitment**: showing what it is like to work on your units.
- **Reputation**: thanking staff, celebrating milestones, answering concerns in the open.

"Because everyone else has one" is not a purpose. Neither is "marketing" on its own.

## Pick measures you can actually collect

For each purpose, pick one or two measures you can read every month without a data team:

| Purpose | A measure that fits |
|---|---|
| Community information | Questions answered on the page instead of by phone |
| Health education | Shares and saves of education posts |
| Recruitment | Applications that name Facebook as the source |
| Reputation | Share of public concerns answered within one business day |

Follower counts go up almost by themselves; they tell you little about whether the page
helps anyone.

## Know your audiences

Your page will be read by patients and families, neighbors, employees, job seekers, local
reporters and elected officials. Write for the patient and family first: plain language,
short sentences, and an image that shows a real place or person (with permission). Assume a
reporter reads every reply you post.

## What a page cannot be

A Facebook page is **not** a channel for individual medical advice, appointment changes,
billing disputes or emergencies. Say so plainly in the page's About section and in your
comment policy, and give people the right place to go: a phone number, the patient portal,
or 911.

> Try it: write your page's purpose in two sentences and show it to your chief
> communications officer and your privacy officer before you go further.
"""

OWNERSHIP = """\
## The page belongs to the hospital, not to a person

The most common way hospitals lose control of a page is ordinary: the one person who set it
up leaves, or an agency's contract ends, and nobody else can get in. Settle ownership first.

- Create and manage the page through the hospital's business account in Meta's business
  tools, not from one employee's personal profile alone.
- Give **full control to at least two named employees**, each signing in with their own
  account and two-factor authentication. Never share a password.
- Give agencies and helpers only the access their task needs, and remove it the day the
  work ends.
- Keep a short access list (who has what access, since when, approved by whom) and review
  it every quarter and whenever someone changes jobs.

## Decide who approves what

Not every post needs a committee, but everyone should know the rules before the first post:

| Kind of post | Who approves |
|---|---|
| Routine information (hours, events) | The page's editors |
| Health education | A clinician who checks the facts |
| Anything about a patient | Privacy officer, with the patient's signed authorization |
| Crisis or sensitive news | Communications lead and leadership, per the crisis plan |

Write the table into your social media policy so it survives staff changes.

## Set hours and say them

Decide when the page is watched (for example, weekdays 8 a.m. to 5 p.m. Central, with a check
each evening) and who covers holidays. Put the hours in the About section. A page that is
silent for three days after a complaint looks worse than no page at all.

## Keep records

Posts, replies and removed comments can be requested in litigation or by regulators. Ask your
records manager how long to keep them and how (an archive export or a monitoring tool), and
note in your policy who keeps the archive.

## Plan for the bad day

Agree now on who may post during an emergency, how posts are approved when leaders are busy,
and how you will pause scheduled posts. The worst time to discover that a cheerful scheduled
post will go out is the morning of a tragedy.
"""

HIPAA = """\
## Protected health information does not belong on the page

The HIPAA Privacy Rule applies to your hospital's page exactly as it applies to a hallway or a
press release. Protected health information (PHI) is health information that identifies a
person: a name with a diagnosis, a face in a hospital bed, a story that lets a neighbor
recognize who it is about. Confirming that someone **was a patient at all** is a disclosure.

Before anything about a patient is posted, the hospital needs the patient's **written
authorization**, on the hospital's form, that covers this use. A nurse's memory that "she
said it was fine" is not an authorization.

## The four ways it usually goes wrong

1. **Photos with something in the background**: a whiteboard with names, a screen, a
   wristband, a patient walking past the staff group photo. Check every corner of the image.
2. **Replies that confirm care**: "We're glad your surgery went well, Mr. Jones!" confirms
   that Mr. Jones was a patient and what was done. The HHS Office for Civil Rights has reached
   settlements with health care providers who disclosed patients' information while answering
   online reviews.
3. **Stories that are "de-identified" but still recognizable**: a rare condition, a small
   town and a date can identify a person without a name.
4. **Staff posting from work**: well-meant posts by employees about "a tough shift" that
   include details of a patient. Your policy and training must cover employees' own accounts.

## Safe patterns

- Thank people without confirming anything: *"Thank you for taking the time to share this.
  We'll pass your kind words to our teams."*
- Move anything specific to a private channel: *"We'd like to hear more. Please call Patient
  Relations at 555-0100."* (Do not ask for details in the comments.)
- Use stories only with authorization, and let the patient read the final post.
- Use stock or staged photos for clinical scenes, with staff or models, and say so.

## When something slips

If PHI does appear (in your post or your reply), remove it at once, take a screenshot for
the record first, and tell your privacy officer the same day. Whether it is a reportable
breach is their decision, under the Breach Notification Rule, and the clock starts when the
hospital knew.

*This lesson is general guidance, not legal advice. Your privacy officer and counsel decide
how the rules apply to your hospital.*
"""

MODERATION = """\
## Why you need a written comment policy

People will comment, and some comments will be rude, false, commercial or dangerous. If you
remove comments with no published rules, you look like you are hiding criticism. If you never
remove anything, the page fills with spam and misinformation. A short, public policy that you
apply the same way every time solves both.

## What the policy says

Post it on the page (a pinned post or the About section) and link to it from your website:

- **What the page is for** and that it is not monitored around the clock.
- **Not for emergencies or medical advice**: call 911 or your doctor; use the patient portal.
- **What will be hidden or removed**: profanity, threats, harassment, personal attacks,
  spam and advertising, posts that share another person's health information, and false
  health claims that could cause harm.
- **How to reach you privately**: the patient relations phone number or contact page.
- **That repeat offenders may be blocked.**

Keep criticism of the hospital. Honest complaints answered well are worth more to your
reputation than a page of praise.

## How moderation works day to day

- Use Facebook's tools to filter profanity and to hide comments with words you list (for
  example, drug names often used by spammers).
- **Hide before you delete** when unsure: a hidden comment stays visible to its author and
  friends and keeps a record while you decide.
- Keep a moderation log: date, what was removed, which rule, who decided. It protects you
  when someone says they were censored.
- Escalate threats of violence or self-harm at once to security and your crisis lead; do not
  wait for office hours.

## Answering criticism

Reply within one business day. Acknowledge the feeling, do not confirm care, and offer a
private route: *"We're sorry to hear this. We want to understand what happened. Please call
our Patient Relations team at 555-0100."* Then make sure someone actually answers that phone.

## A note for public hospitals

If your hospital is a government entity (a county or district hospital, a state university
hospital), removing comments can raise First Amendment questions. Ask counsel to review your
policy before launch.
"""

LAUNCH = """\
## Before launch day

Use this checklist; each item should have a name beside it.

- Purpose and measures written and approved
- Two or more administrators, each with two-factor authentication
- Social media policy and comment policy approved by privacy, legal and communications
- About section complete: address, main phone number, hours the page is watched, "not
  for emergencies"
- Profile image and cover photo with alt text; nothing identifiable in the background
- Four weeks of posts planned in a simple calendar
- Response playbook: the five questions you expect and approved answers to each
- Crisis contacts and the steps to pause scheduled posts

## The first 30 days

**Week 1.** Announce the page to employees first; ask them to follow and share, not to
comment on patients. Post two or three times: a welcome, practical information, one story
about staff (with their permission).

**Weeks 2 and 3.** Post three times a week. Try a short video with captions. Answer every
question within one business day, even if only to point to the right phone number.

**Week 4.** Read your measures. Which posts were shared? Which questions came up more than
once? Add those answers to your website and to the playbook.

## Make posts people can use

- Lead with the useful fact: "The Elm Street entrance closes Monday; use the North entrance."
- Write at a sixth- to eighth-grade reading level; spell out abbreviations.
- Caption every video and write alt text for every image, so that people who use screen
  readers get the same information.
- Link to the page on your site that has the full details.

## After the first month

Review the page monthly with your leadership sponsor: the measures, the hardest comment you
handled, and one thing you will change. Review the access list every quarter.
"""

QUIZ = (
    Ask(
        "A patient thanks the emergency department in a comment and names the day she was "
        "treated. Which reply from the hospital's page is best?",
        "A general thank-you acknowledges the comment without confirming she was a patient. "
        "Mentioning her visit or injury is a disclosure by the hospital, asking for a record "
        "number in public invites more identifiers, and her own kind words need not be removed.",
        (
            Answer("“Thank you for the kind words. We'll share them with our teams.”", True),
            Answer("“Glad your visit on Tuesday went well! We hope the ankle is healing.”"),
            Answer("“Thanks! Please reply with your record number so we can follow up.”"),
            Answer("Delete the comment, because it contains health information."),
        ),
    ),
    Ask(
        "Which of these belong in the page's published comment policy? Select all that apply.",
        "A comment policy tells people what will be removed, that the page is not for "
        "emergencies or watched around the clock, and where to go privately. The moderators' "
        "names are not needed, and publishing them invites harassment.",
        (
            Answer("What kinds of comments will be hidden or removed", True),
            Answer("That the page is not for emergencies and not watched around the clock", True),
            Answer("How to reach patient relations privately", True),
            Answer("The names of the employees who moderate the page"),
        ),
    ),
    Ask(
        "Who should hold full control of the hospital's page?",
        "At least two named employees, each with their own login and two-factor "
        "authentication, so the page never depends on one person or on an outside agency, and "
        "no password is ever shared.",
        (
            Answer("Two or more named employees, each with their own login and 2FA", True),
            Answer("The agency that designed the page, so it can fix problems quickly"),
            Answer("One shared marketing login, its password kept in a spreadsheet"),
            Answer("The social media coordinator alone, to keep accountability clear"),
        ),
    ),
    Ask(
        "A nurse wants to post a photo from the unit's holiday party. Which details would make "
        "it a privacy problem? Select all that apply.",
        "Names on a whiteboard, a recognizable patient in the background and a screen showing a "
        "schedule can all identify patients. Holiday sweaters are fine.",
        (
            Answer("A patient's name visible on a whiteboard behind the group", True),
            Answer("A patient recognizable in the hallway behind the group", True),
            Answer("A computer screen showing the day's schedule", True),
            Answer("Staff wearing holiday sweaters"),
        ),
    ),
    Ask(
        "A patient posts an angry comment about a bill and mentions her diagnosis. What should "
        "you do first?",
        "Acknowledge briefly and offer a private route, without confirming she is a patient. "
        "Details of her account, a public argument or a ban would each make things worse; the "
        "comment does not break the policy.",
        (
            Answer(
                "Acknowledge it briefly and invite her to call patient relations privately", True
            ),
            Answer("Reply publicly with an apology and the balance of her account"),
            Answer("Correct the facts in public so that readers know the hospital was right"),
            Answer("Block her from the page"),
        ),
    ),
)

COURSE = CourseText(
    slug="facebook-page-safely",
    title="Starting a hospital Facebook page safely",
    summary=(
        "Plan, staff, launch and moderate a hospital Facebook page patients trust, without "
        "putting protected health information at risk."
    ),
    description="""\
For communicators, marketing staff and managers who are about to launch (or rescue) a
hospital's Facebook page. You will leave with a written purpose, an access list, a comment
policy and a 30-day launch plan.

The first lesson is open to everyone. The course is free for members; others may buy it.

*A SocialRx demo course: general guidance, not legal advice. Your privacy officer and counsel
decide how the rules apply to your hospital.*
""",
    level=Level.INTRODUCTORY,
    topics=("strategy", "policy-legal", "hipaa-privacy", "reputation"),
    platforms=("facebook",),
    hours=Decimal("2.5"),
    ce_hours=Decimal("2.0"),
    objectives=(
        "Write down what the page is for, whom it serves and how you will measure it",
        "Set up ownership, access and approvals so the page never depends on one person",
        "Recognize protected health information and keep it off the page",
        "Publish a comment policy and moderate by it consistently",
        "Launch with a checklist and a 30-day plan",
    ),
    price_cents=14_900,
    parts=(
        Part(
            "plan",
            "Plan before you post",
            (
                Page("purpose", "What the page is for", PURPOSE, minutes=12, preview=True),
                Page("ownership", "Ownership, access and approvals", OWNERSHIP, minutes=12),
            ),
        ),
        Part(
            "privacy",
            "Privacy and moderation",
            (
                Page("hipaa", "HIPAA on a public page", HIPAA, minutes=15),
                Page("moderation", "Your comment and moderation policy", MODERATION, minutes=12),
            ),
        ),
        Part(
            "launch",
            "Launch",
            (
                Page("launch", "Launch checklist and the first 30 days", LAUNCH, minutes=12),
                Page(
                    "quiz",
                    "Check your understanding",
                    "Five questions on the whole course. You need 4 of 5 to pass; you have "
                    "three attempts.",
                    kind=LessonKind.QUIZ,
                    minutes=10,
                    questions=QUIZ,
                    passing_percent=80,
                    max_attempts=3,
                ),
            ),
        ),
    ),
    revisions=(
        Revision(
            "Added a lesson on replying when patients share their own health information.",
            part="privacy",
            after="hipaa",
            page=Page(
                "own-information",
                "When patients share their own health information",
                OWN_INFORMATION,
                minutes=10,
            ),
        ),
    ),
)
