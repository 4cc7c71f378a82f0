"""The demo's forum: categories and threads with replies and accepted answers, written for
the demo between the demo organizations' people (named by the demo context: "demo_hospital_admin",
"demo_physician", …). Invented conversations; the forum pages say demo content is generated."""

from dataclasses import dataclass

# (slug, name, description, grouping, platform code, topic slug, organization type, guests)
CATEGORIES = (
    (
        "getting-started",
        "Getting started",
        "Introduce yourself and ask anything about starting out.",
        "general",
        "",
        "",
        "",
        True,
    ),
    (
        "ask-the-network",
        "Ask the network",
        "Questions for peers at other member organizations.",
        "general",
        "",
        "",
        "",
        False,
    ),
    (
        "facebook",
        "Facebook",
        "Pages, groups, comments and ads.",
        "platform",
        "facebook",
        "",
        "",
        False,
    ),
    (
        "instagram",
        "Instagram",
        "Photos, reels and stories.",
        "platform",
        "instagram",
        "",
        "",
        False,
    ),
    (
        "x-and-threads",
        "X and Threads",
        "Short posts, live updates and replies.",
        "platform",
        "x",
        "",
        "",
        False,
    ),
    (
        "linkedin",
        "LinkedIn",
        "Recruitment, leadership voices and employer brand.",
        "platform",
        "linkedin",
        "",
        "",
        False,
    ),
    (
        "policy-legal",
        "Policy and legal",
        "Policies, approvals, disclaimers and consent.",
        "topic",
        "",
        "policy-legal",
        "",
        False,
    ),
    (
        "hipaa-privacy",
        "HIPAA and privacy",
        "Protected health information online.",
        "topic",
        "",
        "hipaa-privacy",
        "",
        False,
    ),
    (
        "crisis-response",
        "Crisis response",
        "Outages, incidents and emergencies.",
        "topic",
        "",
        "crisis-response",
        "",
        False,
    ),
    (
        "measurement",
        "Measurement and ROI",
        "What to count and how to report it.",
        "topic",
        "",
        "measurement-roi",
        "",
        False,
    ),
    (
        "physician-presence",
        "Physician presence",
        "Clinicians' own professional accounts.",
        "topic",
        "",
        "physician-presence",
        "",
        True,
    ),
    (
        "hospitals-systems",
        "Hospitals and health systems",
        "Running many accounts across sites.",
        "organization_type",
        "",
        "",
        "health_system",
        False,
    ),
    (
        "practices",
        "Physician practices",
        "Small teams, little time.",
        "organization_type",
        "",
        "",
        "practice",
        False,
    ),
)


@dataclass(frozen=True)
class ThreadSpec:
    category: str
    kind: str  # "question" or "discussion"
    title: str
    author: str  # demo context name of the person
    body: str
    replies: tuple[tuple[str, str], ...]  # (author, body)
    accepted: int | None = None  # the reply (1-based among replies) accepted as the answer
    followers: tuple[str, ...] = ()


THREADS = (
    ThreadSpec(
        "hipaa-privacy",
        "question",
        "A patient tagged us in a photo from her room. Can we share it?",
        "demo_hospital_admin",
        "A patient posted a photo from her room after her surgery and tagged our page. She "
        "looks happy and the nurse is in frame. Can we reshare it, or is that a disclosure?",
        (
            (
                "demo_health_system_admin",
                "We don't reshare without a signed authorization, even "
                "when the patient posted it first. Resharing is us confirming she was a patient. "
                "We reply with a thank-you and ask the patient relations team to call her about "
                "the consent form if we'd like to feature the story.",
            ),
            (
                "demo_physician",
                "Also check the background: whiteboards and wristbands are "
                "readable more often than you'd think.",
            ),
        ),
        accepted=1,
        followers=("demo_physician",),
    ),
    ThreadSpec(
        "crisis-response",
        "discussion",
        "How often do you update during an outage?",
        "demo_health_system_admin",
        "Our EHR was down for six hours last month. We posted once at the start and once at "
        "the end, and got a lot of 'why didn't you tell us' comments. What rhythm do you use?",
        (
            (
                "demo_hospital_admin",
                "Every 30 minutes for the first two hours, then hourly, even "
                "if the update is 'no change yet'. Promising the time of the next update is what "
                "calmed our comments.",
            ),
            (
                "demo_practice_admin",
                "For a small practice we post on Facebook and change the "
                "voicemail greeting at the same time, same words.",
            ),
        ),
    ),
    ThreadSpec(
        "policy-legal",
        "question",
        "Does anyone's policy cover AI-written drafts?",
        "demo_practice_admin",
        "Our manager uses an AI tool to draft posts. Should the policy say anything about it?",
        (
            (
                "demo_hospital_admin",
                "Ours says: a person reviews every draft before publication, "
                "and nothing about a patient is ever typed into the tool. The center's policy "
                "template has a section you can adapt.",
            ),
        ),
        accepted=1,
    ),
    ThreadSpec(
        "measurement",
        "question",
        "What do you report to the board each quarter?",
        "demo_hospital_admin",
        "Our CEO wants a one-page quarterly report. What would you put on it?",
        (
            (
                "demo_health_system_admin",
                "One line per goal (recruitment: applications from "
                "social; access: appointment requests), the best post, and one decision we need. "
                "Followers only as context.",
            ),
            (
                "demo_physician",
                "From the medical staff side: include the questions patients "
                "asked and how fast they were answered. Boards care about access.",
            ),
        ),
        accepted=1,
    ),
    ThreadSpec(
        "physician-presence",
        "discussion",
        "Declining patients' friend requests without offending them",
        "demo_physician",
        "I get a few friend requests from patients every month on my personal account. How do "
        "others decline kindly?",
        (
            (
                "demo_practice_admin",
                "Our physicians pin a short note on their professional page: "
                "'To protect your privacy I don't connect with patients on personal accounts; "
                "follow the practice page for updates.' Then they just leave requests pending.",
            ),
        ),
    ),
    ThreadSpec(
        "getting-started",
        "discussion",
        "Introductions: who's here?",
        "demo_hospital_admin",
        "I lead communications at Riverside Regional (350 beds). We run Facebook, Instagram and "
        "LinkedIn with a team of two. Glad to compare notes on recruitment.",
        (
            (
                "demo_practice_admin",
                "Managing partner at Lakeside Family Physicians: six "
                "physicians, one Facebook page, and a lot of questions!",
            ),
            (
                "demo_health_system_admin",
                "Digital lead at North Star: seven hospitals, 41 accounts, one policy (finally).",
            ),
        ),
    ),
    ThreadSpec(
        "facebook",
        "question",
        "Hide or delete a comment that names a nurse?",
        "demo_practice_admin",
        "Someone left an angry comment naming one of our nurses. Hide it or delete it?",
        (
            (
                "demo_hospital_admin",
                "Hide: the author and their friends still see it, so it "
                "doesn't escalate, and you keep a record. Then reply privately offering a call "
                "with the practice manager. Our published house rules say we remove comments "
                "naming staff, so we can point to them.",
            ),
        ),
        accepted=1,
    ),
    ThreadSpec(
        "practices",
        "discussion",
        "Two hours a week: what's worth doing?",
        "demo_practice_admin",
        "We have about two hours a week for social media. What would you prioritise?",
        (
            (
                "demo_physician",
                "One useful post a week answering a question patients ask, and "
                "checking comments daily for five minutes. Skip everything else until that runs "
                "on its own.",
            ),
        ),
    ),
)
