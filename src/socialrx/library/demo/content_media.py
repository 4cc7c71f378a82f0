"""Demo library content, part 3: videos, webinar recordings, slide decks and the podcast's
five episodes. The demo makes no video: a video or webinar carries its transcript, and a
generated audio track where `attachment` says so; the pages say it is generated."""

from .spec import R

MEDIA = (
    R(
        "video-answering-comments",
        "video",
        "Video: answering comments in four minutes",
        "A walk-through of five real-world comment types and the reply to each.",
        """## Transcript

Welcome. Today: five comments every hospital page receives, and how to answer each.

1. **The compliment.** Thank them by name and pass it on to the team.
2. **The complaint.** Acknowledge, apologise for the experience, move it offline.
3. **The clinical question.** General information and the patient line, never advice.
4. **The troll.** Hide if it breaks your published rules; otherwise, let it be.
5. **The emergency.** Tell them to call 911, and alert your escalation list.""",
        topics=("reputation", "patient-education"),
        platforms=("facebook", "instagram"),
        audiences=("communications",),
        minutes=4,
        access="public",
        attachment="audio",
    ),
    R(
        "video-consent-in-practice",
        "video",
        "Video: getting consent for a patient story",
        "How a communications lead asks, explains and documents a patient's authorization.",
        """## Transcript

Asking for consent is a conversation before it is a form. Explain where the story will
appear, for how long, and that the patient can say no without any effect on their care.
Then the form, signed and filed where you can find it in five years.""",
        topics=("hipaa-privacy",),
        platforms=("facebook", "youtube"),
        audiences=("communications", "legal-compliance"),
        minutes=3,
        access="member",
        attachment="audio",
    ),
    R(
        "webinar-hcahps-and-social",
        "webinar_recording",
        "Webinar: what social media can and cannot do for HCAHPS",
        "The evidence on social media and patient experience scores, and how to read your own.",
        """## Agenda

1. What HCAHPS measures, and how it is published
2. What studies have found about social media and patient experience
3. Reading your own numbers honestly: baselines, periods and other causes
4. Questions from participants

## Key points

Associations are not causes. Compare like with like, over the same periods, and state the
source and date of every figure.""",
        topics=("measurement-roi",),
        platforms=("facebook",),
        audiences=("leadership", "communications"),
        minutes=45,
        access="member",
        attachment="audio",
    ),
    R(
        "webinar-legal-and-it-yes",
        "webinar_recording",
        "Webinar: getting to yes with legal and IT",
        "A panel of a privacy officer, a CISO and a communications director on what they need "
        "to approve a programme.",
        """## What the panel agreed

- Bring a plan, not a request: goals, owner, approvals, moderation rules.
- Legal wants the consent process and the escalation list.
- IT wants the access register and two-factor everywhere.""",
        topics=("policy-legal", "strategy"),
        platforms=("facebook", "linkedin"),
        audiences=("leadership", "legal-compliance", "it-security"),
        minutes=60,
        access="premium",
        attachment="audio",
    ),
    R(
        "webinar-tiktok-for-clinicians",
        "webinar_recording",
        "Webinar: short video for clinicians",
        "Three physicians who teach on short video on what they post, what they refuse and how "
        "they protect their patients.",
        """## Takeaways

Teach one idea per video, cite a source, never film in clinical areas, and keep your
employer's policy at hand.""",
        topics=("physician-presence", "content-production"),
        platforms=("tiktok", "instagram", "youtube"),
        audiences=("physicians",),
        minutes=50,
        access="member",
    ),
    R(
        "slides-board-briefing",
        "slide_deck",
        "Slides: briefing the board on social media",
        "Twelve slides: why, what it costs, the risks and how they are managed, what we will "
        "report.",
        """## Outline

1. Where our patients are
2. Three goals for the year
3. What it costs: people and hours
4. Risks and how we manage them
5. What we will report, and when""",
        topics=("strategy", "measurement-roi"),
        platforms=("facebook", "linkedin"),
        audiences=("leadership",),
        minutes=15,
        access="premium",
        attachment="pdf",
    ),
    R(
        "slides-orientation-module",
        "slide_deck",
        "Slides: social media in new-employee orientation",
        "A ten-minute orientation module every new hire sees on day one.",
        """## Outline

1. You represent us, even off duty
2. Patients' privacy: never post what you see at work
3. Where to send a media or patient question
4. Our accounts and how to share from them""",
        topics=("policy-legal", "hipaa-privacy"),
        platforms=("facebook", "instagram"),
        audiences=("human-resources", "nurses"),
        minutes=10,
        access="member",
        attachment="pdf",
    ),
    R(
        "slides-service-line-campaign",
        "slide_deck",
        "Slides: planning a service-line campaign",
        "From the question patients ask to the appointment they book, with the measures at "
        "each step.",
        """## Outline

1. The patient's question
2. The content that answers it
3. The call to action
4. The measure at each step""",
        topics=("strategy", "patient-education"),
        platforms=("facebook", "instagram", "youtube"),
        audiences=("communications",),
        minutes=12,
        access="member",
    ),
    R(
        "slides-physician-presence-workshop",
        "slide_deck",
        "Slides: physician presence workshop",
        "The deck of the center's one-hour workshop for medical staff.",
        """## Outline

1. Why physicians post
2. Boundaries
3. Disclosures
4. Handling criticism""",
        topics=("physician-presence",),
        platforms=("x", "linkedin"),
        audiences=("physicians",),
        minutes=20,
        access="public",
    ),
)

# (season, number, resource): the five episodes of "Social Rx Rounds".
EPISODES = (
    (
        1,
        1,
        R(
            "podcast-why-hospitals-hesitate",
            "podcast_episode",
            "Rounds 1: why hospitals hesitate",
            "Legal, IT and staffing: the three reasons hospitals give for staying off social "
            "media, and what changed their minds.",
            """## Show notes

- The three objections, and the evidence that answers each
- A CMO on the question that convinced her board
- Resources: the social media policy template, the staffing guide""",
            topics=("strategy", "policy-legal"),
            platforms=("podcast",),
            audiences=("leadership",),
            minutes=2,
            access="public",
            attachment="audio",
        ),
    ),
    (
        1,
        2,
        R(
            "podcast-answering-patients",
            "podcast_episode",
            "Rounds 2: answering patients in public",
            "What to say when a patient asks about their care in a comment.",
            """## Show notes

- The reply that never confirms someone is a patient
- When to move to a phone call
- Resources: the comment moderation policy""",
            topics=("reputation", "hipaa-privacy"),
            platforms=("podcast",),
            audiences=("communications",),
            minutes=2,
            access="public",
            attachment="audio",
        ),
    ),
    (
        1,
        3,
        R(
            "podcast-measuring-what-matters",
            "podcast_episode",
            "Rounds 3: measuring what matters",
            "From followers to appointments: the measures leadership reads.",
            """## Show notes

- Goals first, measures second
- Attribution without overclaiming""",
            topics=("measurement-roi",),
            platforms=("podcast",),
            audiences=("communications", "leadership"),
            minutes=2,
            access="public",
            attachment="audio",
        ),
    ),
    (
        1,
        4,
        R(
            "podcast-physicians-online",
            "podcast_episode",
            "Rounds 4: physicians online",
            "Two physicians on building a professional presence without blurring boundaries.",
            """## Show notes

- Separate accounts
- Declining friend requests kindly""",
            topics=("physician-presence",),
            platforms=("podcast",),
            audiences=("physicians",),
            minutes=2,
            access="public",
            attachment="audio",
        ),
    ),
    (
        1,
        5,
        R(
            "podcast-crisis-night",
            "podcast_episode",
            "Rounds 5: the night the power went out",
            "A communications director walks through the first hour of a real-world-style outage "
            "(a composite, not one hospital's story).",
            """## Show notes

- The holding statement
- Updating when there is nothing new""",
            topics=("crisis-response",),
            platforms=("podcast",),
            audiences=("communications", "leadership"),
            minutes=2,
            access="public",
            attachment="audio",
        ),
    ),
)
