"""Demo course: "X for physicians" (members only). The professionalism guidance paraphrases the
positions of the AMA's Code of Medical Ethics and the Federation of State Medical Boards on
physicians' use of social media, in the course's own words."""

from decimal import Decimal

from ..models import LessonKind, Level
from .spec import Answer, Ask, CourseText, Page, Part

WHY = """\
## Why physicians are on X

X (formerly Twitter) is where many journalists, researchers, medical societies and public
health agencies post first. Physicians use it to:

- **follow the literature** as it comes out, often with the authors discussing their own work;
- **teach**: short threads on a guideline, a common misconception, a visual diagnosis;
- **build a network** beyond their institution, for collaboration, speaking and jobs;
- **counter misinformation** in the places their patients read it;
- **advocate** on policy that affects their patients and their profession.

## What to expect

X rewards speed, brevity and strong opinions. That is also its risk. A post written in a
minute between patients can be read by millions, quoted out of context, and found years later
by a patient, an employer, a licensing board or a jury. Screenshots last even when you delete
the post.

Expect disagreement, some of it hostile. Decide in advance how you will handle it: most of the
time, the best answer to a bad-faith reply is no answer; mute and block are tools, not
defeats.

## Your post is a professional act

Once you identify yourself as a physician, readers hear your posts as medical opinion, and
professional bodies treat them that way. The AMA's ethical guidance on social media asks
physicians to protect patient privacy online, to keep the boundaries of the patient-physician
relationship, to consider keeping personal and professional content apart, and to remember
that what they post can affect their own reputation, their colleagues' and the public's trust
in medicine. State medical boards, through the Federation of State Medical Boards, have said
the same standards of professional conduct apply online as in person.

> Think of each post as something you would be comfortable saying at grand rounds, with your
> department chair, a patient and a reporter in the room.
"""

SETUP = """\
## Decide what the account is for

Pick one main purpose and one or two side topics: "pediatric asthma education and the
research behind it", for example. A focused account is easier to write for and easier for the
right people to find.

Many physicians keep **two accounts**: a professional one in their own name, and a private
one (with a protected account) for friends and family. Whatever you choose, assume that
anything you post anywhere can become public.

## Set up the profile

- **Name and handle**: your real name, consistent with your other professional profiles.
- **Photo**: a clear, current head shot.
- **Bio**: specialty, where you practice (if your employer allows you to name it), and a
  line such as *"Views my own. Not medical advice."* This does not protect you from
  everything, but it tells readers what to expect.
- **Link**: your institutional profile page or a personal site with your credentials and
  disclosures.
- **Pinned post**: an introduction: who you are, what you post about, and where to find
  your conflict of interest disclosures.

## Read your employer's policy first

Most hospitals and health systems have a social media policy for employees and medical
staff. It may apply to personal accounts when you identify yourself as working there, limit
using the institution's name or logo, and say what you may post about the workplace. Read it,
and ask communications for help: they may amplify your posts.

## Security

Use a strong, unique password and two-factor authentication with an authenticator app.
Impersonation of physicians (to sell products or spread false claims) is common; a verified,
active, well-described profile helps people recognize the real you. Report impersonators
to the platform.

## Build the habit

Follow the journals, societies, public health agencies and colleagues in your field. Spend
the first two weeks mostly reading and replying thoughtfully before you post much of your own.
"""

BOUNDARIES = """\
## Education, not individual advice

The line that matters most on social media is between **general education** ("this is how
the new asthma guideline changes inhaler choice") and **individual medical advice** ("you
should switch to this inhaler"). General education helps many people at once. Individual
advice, without a history, an exam or a record, can harm the person who follows it and can
create a patient-physician relationship you did not intend.

When someone asks about their own symptoms or treatment:

- reply (publicly or privately) that you cannot advise individuals online;
- point to the right place: their own clinician, the patient portal, urgent care, or 911 for
  an emergency;
- if the question is common, answer the general version in a separate post, without
  referring to the person.

## Patients who find you

Patients will follow you. Be warm, and keep clinical conversations in clinical channels. Do
not confirm on X that someone is your patient, and do not discuss their care, even when they
bring it up first. Private messages on X are not a secure or documented channel for care.

## Posts about your work

Stories from practice teach powerfully, and they are where most privacy trouble starts. A
case with "a patient in my clinic today", a rare finding, a town and a date can identify
someone without a name. Change or leave out details, wait before posting, and ask yourself
whether the patient, reading it, would recognize themselves and be hurt. If you want to share
an identifiable story or image, you need the patient's written authorization under your
institution's process.

## Venting and humor

Medicine is hard, and humor helps. Humor that mocks patients, colleagues or groups of people
does not belong on a public professional account. State medical boards have disciplined
physicians for unprofessional posts: derogatory or discriminatory remarks, sharing patient
images, and misrepresenting credentials among them.

## Colleagues

If a colleague posts something that identifies a patient or is clearly unprofessional, tell
them privately first. If it is serious or continues, the AMA's guidance says physicians
should report it to the appropriate authorities.
"""

DISCLOSURE = """\
## Why disclosure matters on X

Readers judge a claim partly by who makes it and why. If you are paid by, consult for, or
hold shares in a company whose product you post about, readers deserve to know, at the point
where they read the post, not only on a page they may never open.

## What to disclose

- Consulting fees, advisory boards, speakers bureaus and honoraria from the company, or from
  its competitors, related to the topic.
- Research funding and your role as an investigator on a study you discuss.
- Ownership, stock or royalties.
- Gifts, free products or travel given so that you would post about something.

Industry payments to physicians are already public in the CMS Open Payments database;
readers can and do look them up. Disclosing first builds trust.

## How to disclose

- **In the post itself** when it is about a product or study you have a tie to: "Disclosure:
  I consult for the manufacturer." At the top of a thread, not at the end.
- **In your profile**: a link to a full, current list of relationships.
- **For sponsored posts**, follow the Federal Trade Commission's Endorsement Guides: a
  clear, unmissable disclosure such as "Paid partnership with…", in the post; a hashtag
  buried among many others is not enough.

## Affiliations

Say when you speak for yourself and when you speak for your institution or a society. If you
hold a leadership role, readers may take your posts as official positions; your bio's "views
my own" helps, but it does not settle the question when you post about your own
institution's business.

## When in doubt

Ask: would a reasonable reader want to know about this relationship to weigh what I wrote? If
yes, disclose it. Over-disclosure costs a few characters; a hidden tie, once found, costs
credibility that is hard to win back.
"""

EVIDENCE = """\
## Share evidence the way you would teach it

A single post can't hold a study's methods, but it can avoid misleading people. Before you
post about new research:

- **Read the paper**, not only the press release or the abstract.
- **Say what kind of study it is**: a randomized trial, an observational cohort, a case
  series, a mouse model. Each supports a different strength of conclusion.
- **Say whether it is peer reviewed**. Preprints are useful and fast, and they are not yet
  checked; say "preprint" in the post.
- **Give absolute numbers** with relative ones: "cut the risk by half" may mean from 2 in
  1,000 to 1 in 1,000.
- **Name the limits**: size, population, follow-up, who funded it.
- **Link to the source** so readers can check.

## Correcting misinformation

Counter false claims with clear, kind, sourced posts, aimed at the people watching rather than
the person who posted them. Lead with the fact, not the myth; give one or two sources people
trust (the CDC, a specialty society, a major guideline). Avoid repeating the false claim in a
headline-like form.

The Federation of State Medical Boards has warned that physicians who generate and spread
health misinformation risk disciplinary action, including action against their license. The
standard is the same as in the clinic: claims consistent with the evidence and with the
consensus of the profession, and honesty about uncertainty.

## When you got it wrong

Everyone posts an error eventually. Correct it visibly: reply to your own post with the
correction, or delete it and post a correction that says what changed. Quietly deleting an
error that has spread leaves the error without the correction.

## Your own opinions

You may disagree with a guideline or a colleague; science moves that way. Say that it is
your view, give your reasons and evidence, and argue with the idea, not the person.
"""

QUIZ = (
    Ask(
        "A follower you have never met describes chest pain and asks whether to go to the "
        "emergency department. What is the best response?",
        "Chest pain needs urgent in-person assessment, and you cannot assess someone through "
        "X. Say you can't advise individuals online and point them to emergency care. Asking "
        "for details by private message starts a clinical relationship in an undocumented "
        "channel.",
        (
            Answer("Say you can't advise individuals online and urge them to call 911 now", True),
            Answer("Ask for more details by private message so you can assess the pain"),
            Answer("Suggest an antacid first and the emergency department if it continues"),
            Answer("Say nothing: it is not your patient"),
        ),
    ),
    Ask(
        "You post about a drug you have studied. Which relationships should you disclose in the "
        "post? Select all that apply.",
        "Consulting fees, your role as an investigator and paid speaking for the manufacturer "
        "are all ties a reader would want to know about to weigh your post. Your sports team "
        "is not.",
        (
            Answer("Consulting fees from the drug's manufacturer", True),
            Answer("Being an investigator on the drug's trial", True),
            Answer("Paid talks for the manufacturer's speakers bureau", True),
            Answer("The sports team you support"),
        ),
    ),
    Ask(
        "Which statement about your employer's social media policy is most accurate?",
        "Employers' policies often cover personal accounts when you identify yourself as "
        "working there. A disclaimer in your bio helps readers, but it does not take you out "
        "of the policy.",
        (
            Answer("It may apply to your personal account when you name your employer", True),
            Answer("It never applies to an account you opened yourself"),
            Answer("A “views my own” line in your bio exempts you from it"),
            Answer("It only applies to the institution's official accounts"),
        ),
    ),
    Ask(
        "A preprint reports a dramatic effect of a new treatment. Which make your post "
        "responsible? Select all that apply.",
        "Saying it is a preprint, giving the study's design and size, and linking to the paper "
        "let readers weigh it. A relative risk alone exaggerates the effect when the baseline "
        "risk is small.",
        (
            Answer("Saying that it is a preprint, not yet peer reviewed", True),
            Answer("Giving the study's design and size", True),
            Answer("Linking to the paper itself", True),
            Answer("Leading with the relative risk reduction alone"),
        ),
    ),
    Ask(
        "Which of these can lead a state medical board to discipline a physician?",
        "Boards have disciplined physicians for sharing identifiable patient information "
        "online. Sharing a public guideline, following people you disagree with and a "
        "professional photo are all fine.",
        (
            Answer("Posting details that identify a patient", True),
            Answer("Sharing a CDC guideline with a short summary"),
            Answer("Following colleagues who disagree with you"),
            Answer("A profile photo in a white coat"),
        ),
    ),
)

COURSE = CourseText(
    slug="x-for-physicians",
    title="X for physicians",
    summary=(
        "A professional presence on X that colleagues and patients trust: purpose, boundaries, "
        "disclosure and sharing evidence well."
    ),
    description="""\
For physicians (and residents, fellows and advanced practice clinicians) who post on X or
are thinking about it. No prior experience with X needed; the habits carry over to Bluesky,
Threads and LinkedIn.

The guidance paraphrases the published positions of the American Medical Association's Code
of Medical Ethics and the Federation of State Medical Boards, and the Federal Trade
Commission's Endorsement Guides; read the originals for their exact terms.

*A SocialRx demo course: general guidance, not legal advice.*
""",
    level=Level.INTERMEDIATE,
    topics=("physician-presence", "policy-legal", "reputation", "patient-education"),
    platforms=("x",),
    hours=Decimal("2.0"),
    ce_hours=Decimal("1.5"),
    objectives=(
        "Decide what your professional account is for and set it up to match",
        "Keep the line between public education and individual medical advice",
        "Disclose conflicts of interest and affiliations where readers see them",
        "Share and discuss research accurately, including its limits",
        "Know what professional bodies and licensing boards expect of physicians online",
    ),
    parts=(
        Part(
            "presence",
            "Your professional presence",
            (
                Page("why", "Why physicians use X", WHY, minutes=10, preview=True),
                Page("setup", "Setting up a professional account", SETUP, minutes=12),
            ),
        ),
        Part(
            "practice",
            "Boundaries, disclosure and evidence",
            (
                Page("boundaries", "Education, not individual advice", BOUNDARIES, minutes=15),
                Page("disclosure", "Disclosure and conflicts of interest", DISCLOSURE),
                Page("evidence", "Sharing evidence responsibly", EVIDENCE, minutes=15),
            ),
        ),
        Part(
            "check",
            "Check yourself",
            (
                Page(
                    "quiz",
                    "Professionalism on X: quiz",
                    "Five questions. You need 4 of 5 to pass; you have three attempts.",
                    kind=LessonKind.QUIZ,
                    questions=QUIZ,
                ),
            ),
        ),
    ),
)
