"""Demo library content, part 1: guides. Written for the demo (every row is marked generated
and the pages say so); the advice follows the 2010 article behind the center and common
practice, and names no real patient."""

from .spec import R

GUIDES = (
    R(
        "starting-a-hospital-facebook-page",
        "guide",
        "Starting a hospital Facebook page without regrets",
        "Who owns the page, who answers comments, what you will and will not post, and the "
        "first 90 days, step by step.",
        """## Decide who owns it

A hospital page needs one accountable owner (usually communications) and a named backup.
Write both names in your policy and on the page's admin roles; never share one login.

## Decide what the page is for

Pick two or three goals you can measure: patient education, recruitment, community events,
service-line awareness. A page that tries to do everything ends up doing announcements.

## Set the rules before the first post

- Comment moderation: what you hide (spam, profanity, patient information), what you
  answer, and how fast (business hours, within four hours).
- A clinical question from a patient gets the same answer every time: *we can't discuss
  your care here; please call our patient line*, with the number.
- Photos of patients and staff need a signed consent form on file.

## The first 90 days

1. Weeks 1–2: claim the page, verify it, add hours, phone and a link to the website.
2. Weeks 3–6: two posts a week: one educational, one about people in the hospital.
3. Weeks 7–12: review what got comments and shares; drop what didn't.

Report to leadership at day 90 with three numbers: followers, engagement rate, and
questions answered.""",
        topics=("strategy", "policy-legal"),
        platforms=("facebook",),
        audiences=("communications", "leadership"),
        minutes=8,
        access="public",
    ),
    R(
        "answering-negative-reviews",
        "guide",
        "Answering negative reviews without breaking privacy",
        "A reply that acknowledges, takes the conversation offline and never confirms that the "
        "reviewer was a patient.",
        """## The rule that matters most

Even when a reviewer describes their own care, your reply must not confirm that they were
a patient. Confirming it is a disclosure of protected health information.

## A reply that works

> Thank you for taking the time to write. We take every concern seriously and would like to
> hear more. Please call our patient relations team at 555-0100.

## What to avoid

- Details of the visit, dates, departments or staff names.
- Arguing the facts in public.
- Copy-pasting the same reply to every review: readers notice.

## When to escalate

Threats, mentions of self-harm, or a post naming a staff member go to the escalation list
in your crisis plan, not to the review queue.""",
        topics=("reputation", "hipaa-privacy"),
        platforms=("facebook", "other"),
        audiences=("communications", "legal-compliance"),
        minutes=6,
        access="public",
    ),
    R(
        "physician-professional-accounts",
        "guide",
        "A physician's professional account: boundaries that hold",
        "Separate personal and professional accounts, never answer clinical questions in "
        "public, and know what your employer's policy asks of you.",
        """## Two accounts, two audiences

Keep a professional account for your work as a physician and a personal one for family and
friends, with privacy settings to match. Patients will find both.

## Never give individual advice in public

A reply to "should I stop my medication?" is medical advice to one person. Answer with
general information and an invitation to book a visit.

## Friend requests from patients

Decline on personal accounts; point patients to the professional account or the practice
page. Say so in a pinned post.

## Disclosures

Mention conflicts of interest and sponsorships in the post itself, not only in your bio.""",
        topics=("physician-presence", "policy-legal"),
        platforms=("x", "linkedin", "instagram"),
        audiences=("physicians",),
        minutes=7,
        access="public",
    ),
    R(
        "measuring-social-media-roi",
        "guide",
        "Measuring what social media returns to a hospital",
        "Count what leadership cares about: appointments requested, applications, survey "
        "scores and reach of health messages, each with its source.",
        """## Start from the goal

Every measure ties to a goal in your plan. Followers are a means, not a result.

| Goal | Measure | Source |
| --- | --- | --- |
| Recruitment | Applications from social links | Careers site analytics (UTM) |
| Access | Appointment requests from social | Scheduling system |
| Education | People reached by campaign posts | Platform insights |
| Experience | HCAHPS "would recommend" | CMS Hospital Compare |

## Report monthly, decide quarterly

A one-page monthly report; a quarterly review that stops what does not work.

## Be honest about attribution

Social media is rarely the only cause. Say "associated with", give the period, and keep the
baseline.""",
        topics=("measurement-roi", "strategy"),
        platforms=("facebook", "linkedin"),
        audiences=("communications", "leadership"),
        minutes=9,
        access="member",
    ),
    R(
        "crisis-first-hour",
        "guide",
        "The first hour of a crisis on social media",
        "Who posts, what the holding statement says, how often to update and what never to "
        "speculate about.",
        """## Minute 0–15

- Confirm the facts with the incident commander.
- Pause scheduled posts on every platform.
- Post a holding statement: *We are aware of … Our priority is the safety of patients and
  staff. We will update here by [time].*

## Minute 15–60

- Update at the time you promised, even if only to say there is nothing new.
- Answer questions with the same facts; link to one source of truth (a web page).
- Never name patients, never give numbers of injured before officials do.

## After

Write down what happened while it is fresh: the timeline, what worked, what to change in
the plan.""",
        topics=("crisis-response",),
        platforms=("x", "facebook", "instagram"),
        audiences=("communications", "leadership"),
        minutes=6,
        access="member",
    ),
    R(
        "recruiting-nurses-on-social",
        "guide",
        "Recruiting nurses on social media",
        "Show the unit, the people and the schedule; let nurses speak for themselves; measure "
        "applications, not likes.",
        """## What candidates want to see

The unit, the team, the schedule, and how new nurses are supported. Stock photos do not
recruit.

## Let nurses post

A nurse ambassador programme with a short guide (no patients in frame, no screens, no
whiteboards) produces the posts that work.

## Measure

Tag every link with UTM parameters and count applications per channel each month.""",
        topics=("recruitment",),
        platforms=("instagram", "linkedin", "tiktok"),
        audiences=("human-resources", "nurses", "communications"),
        minutes=5,
        access="public",
    ),
    R(
        "patient-education-series",
        "guide",
        "Planning a patient education series",
        "One question patients ask, one short answer, one action, with a clinician's review "
        "before anything is published.",
        """## Pick the questions

Ask clinic staff for the five questions they answer every week. Those are the series.

## One post, one action

Each post answers one question and ends with one action: book a screening, call the nurse
line, read the full page.

## Clinical review

A named clinician reviews every post before it is scheduled; keep the review date with the
post.""",
        topics=("patient-education", "content-production"),
        platforms=("facebook", "instagram", "youtube"),
        audiences=("communications", "physicians", "nurses"),
        minutes=6,
        access="public",
    ),
    R(
        "it-security-for-social-accounts",
        "guide",
        "Securing the hospital's social media accounts",
        "Two-factor on every account, shared access through the platforms' roles, and an "
        "offboarding step that removes people the day they leave.",
        """## What IT will ask, and the answers

- **Who has access?** Named people through each platform's page roles, listed in one
  register reviewed quarterly.
- **How are accounts protected?** Two-factor authentication on every personal login that
  holds a role; no shared passwords.
- **What happens when someone leaves?** Their roles are removed on their last day, as part
  of HR's offboarding checklist.

## Third-party tools

Scheduling and monitoring tools need the same review as any software: a security
questionnaire, single sign-on where offered, and a named owner.""",
        topics=("policy-legal", "hipaa-privacy"),
        platforms=("facebook", "x", "linkedin", "instagram"),
        audiences=("it-security", "communications"),
        minutes=7,
        access="member",
    ),
    R(
        "staffing-a-social-media-programme",
        "guide",
        "How many people a social media programme needs",
        "Hours a week by platform and cadence, with the assumptions written down so leadership "
        "can change them.",
        """## Estimate from the work, not from a benchmark

For each platform: posts a week × minutes to make one + minutes a day to monitor and
answer. A hospital posting five times a week on two platforms, with an hour a day of
monitoring, needs about 12 hours a week: a third of one person.

## Where the time really goes

Approvals. A post that waits three days for sign-off costs more than the post itself. Agree
which posts need review and which do not.

## Start small

One platform done well beats four done badly. Add a platform when the first one runs on its
own.""",
        topics=("strategy", "measurement-roi"),
        platforms=("facebook", "instagram"),
        audiences=("leadership", "communications", "practice-managers"),
        minutes=6,
        access="premium",
    ),
    R(
        "video-on-a-budget",
        "guide",
        "Hospital video on a phone budget",
        "Light, sound and a steady phone matter more than the camera; captions always.",
        """## Sound first

A clip-on microphone costs less than a lunch and makes the difference viewers notice.

## Light

Face a window. Avoid overhead fluorescent light.

## Captions

Most people watch without sound. Caption every video, and check the automatic captions'
medical terms by hand.""",
        topics=("content-production",),
        platforms=("youtube", "instagram", "tiktok"),
        audiences=("communications",),
        minutes=4,
        access="public",
    ),
)
