"""Demo course: "Podcasting for your practice", with a short computer-narrated audio lesson
(see narration.py)."""

from decimal import Decimal

from ..models import LessonKind, Level
from . import narration
from .spec import Answer, Ask, CourseText, Page, Part

FIT = """\
## What a practice podcast can do

A podcast lets patients hear your clinicians explain things in their own voices, at a time
that suits the listener: on the drive to work, on a walk, while cooking. It works well for:

- **Questions patients ask every week**: "Is this rash serious?", "What happens at a
  colonoscopy?", "How do I get ready for my child's first visit?"
- **Preparation and follow-up**: what to expect before a procedure, how to manage at home
  after it.
- **Getting to know you**: conversations that let people meet a clinician before choosing
  them.
- **Community health**: seasonal topics such as flu shots, heat, allergies.

## When it is not the right tool

A podcast is a steady commitment: it needs a host, a producer, time for planning and editing,
and someone to check the facts. Choose something else if:

- you cannot commit to at least six episodes;
- the message is urgent (a closure, an outbreak): post it, email it, put it on the website;
- the topic needs pictures (how to use an inhaler): make a short captioned video instead.

## Who listens

Podcast listeners in the US skew toward adults under 55, but many older adults listen too,
and caregivers are a large, often forgotten audience. Ask ten patients at the front desk
whether they listen to podcasts and what about. Their answers are your best market research.

## What success looks like

Decide before the first episode: "Patients mention the podcast at visits", "Fewer calls
about bowel preparation", "Two applicants a year say they heard it". Downloads alone are a
weak measure for a local practice; a few hundred loyal local listeners can be a great result.

> This lesson is open to everyone. Members continue with the rest of the course free.
"""

SEASON = """\
## Think in seasons, not forever

Plan a **first season** of six to eight episodes with a clear end. A season lets you launch
with several episodes ready, learn from the results, and rest before deciding on the next.

## Choose a format you can sustain

| Format | Good for | Effort |
|---|---|---|
| Solo (one clinician explains) | Clear how-to topics | Low |
| Interview (host asks, clinician answers) | Most practice podcasts | Medium |
| Panel (several voices) | Debates, case discussions | High: hard to record well |
| Patient story (with authorization) | Preparation, hope, trust | High: consent and editing |

A host who is good at asking the questions patients would ask, paired with a different
clinician each episode, is the most common and dependable format.

## Plan each episode on one page

- **The one question** the episode answers, in the patient's words.
- **Three points** the listener should remember.
- **One action**: "Call us if…", "Bring your medication list", "Book your screening".
- **Length**: 10 to 20 minutes. Shorter is better than padded.
- **Fact check**: which clinician reviews the script or the edit.

## Record ahead

Record at least three episodes before launch and publish on a regular, announced day
(every other Tuesday, for example). A steady schedule matters more than a frequent one.

## Name and describe the show

Use a name that says what it is ("Ask the Pediatrician: Lakeside Family Physicians") and a
description that names your town or region: people search for local care. Make the cover art
readable at the size of a thumbnail.
"""

LISTEN = """\
## Listen to this short lesson

The recording for this lesson is about 40 seconds long. **Its narration is
computer-generated**: a speech synthesizer (espeak-ng) reads the script you will find in the
transcript, so it sounds robotic. Your own episodes will be recorded by people. Turn on the
captions in the player, or read the transcript instead of listening.

### What to take from it

- Start from the questions your patients already ask.
- Keep episodes short: under fifteen minutes.
- Never discuss an identifiable patient without written authorization.
- A small, soft room matters more than an expensive microphone.

### Try it

Record ten seconds of yourself on your phone in a conference room, then in a small office
with a coat rack or a bookcase. Listen to both with headphones: the difference is the room.
"""

EQUIPMENT = """\
## The room first

The biggest improvement in sound costs nothing: record in a **small room with soft things**
in it (curtains, a sofa, a bookcase, a closet of coats). Large rooms with hard walls, such as
conference rooms and exam rooms, add echo that no editing software fully removes. Turn off
air handlers and fans if you can, silence phones and pagers, and put a sign on the door.

## A starter kit for a practice

| Item | What to look for | Rough cost (US) |
|---|---|---|
| Microphone (one per voice) | Dynamic USB or XLR, hears little of the room | $70 to $150 each |
| Headphones | Closed-back, so the microphone doesn't hear them | $50 to $100 |
| Stands or arms | Keep the microphone a hand's width from the mouth | $20 to $40 |
| Audio interface or recorder | Needed for XLR microphones or for several voices | $100 to $250 |
| Editing software | Audacity (free), or your hosting service's editor | $0 to $20/month |

Dynamic microphones forgive a less-than-perfect room better than condenser microphones do.

## Remote guests

Use a recording service that records each person locally and uploads the file afterwards;
it sounds far better than recording a video call. Ask the guest to wear earbuds and sit in a
small, quiet room. Check your organization's policy on approved software first.

## Recording habits

- Record 30 seconds of the room's silence at the start (useful for noise reduction).
- Check levels: speaking normally, the meter should peak well below the top.
- Keep water nearby; avoid clicking pens and rustling paper.
- Record a backup on a second device for important interviews.

## Editing, lightly

Cut long pauses, false starts and off-topic stretches, but keep the conversation natural.
Normalize loudness (many services aim at about -16 LUFS for stereo podcasts) so that listeners
don't reach for the volume between episodes.
"""

CONSENT = """\
## Guests and clinicians

Everyone whose voice is published should sign a **release** that allows the practice to
record, edit and publish their contribution, in which formats, and for how long. Employees
may be covered by their employment terms; check with HR. Clinicians' statements should be
reviewed for accuracy like any patient education material.

## Patients

If a patient tells their story on your podcast, the practice is using protected health
information publicly. You need:

- the patient's **written HIPAA authorization** that covers the podcast, on your
  organization's form, with the right to revoke it;
- a **release** for their voice and story;
- an agreement on what happens if they change their mind: say in writing how you will take an
  episode down, and accept that copies may already exist.

A verbal "yes" recorded at the start of the episode is a good courtesy and a useful record,
but not a substitute for the signed authorization.

## Talking about cases

Clinicians like to teach with cases. On a podcast, change or remove identifying details (age,
town, dates, rare features, occupation) so that no listener, including the patient's
neighbors, could recognize the person. When in doubt, leave it out or ask your privacy
officer.

## Advice and disclaimers

Say at the start or end of every episode that the podcast is general information and not
medical advice for any individual, and that listeners with an emergency should call 911.
Don't answer listeners' personal medical questions on air; answer the general question
instead.

## Music and sound

Use only music you have a license for (royalty-free libraries, or music you commissioned).
Commercial songs, even a few seconds, can get episodes removed by directories.
"""

PUBLISH = """\
## Hosting and directories

A podcast is an audio file plus an RSS feed that directories read. A **podcast hosting
service** stores your files, creates the feed and submits it to Apple Podcasts, Spotify and
other apps. Choose one that:

- gives you the feed and lets you move to another host (your audience follows the feed);
- reports downloads by episode, following the IAB's podcast measurement guidelines;
- supports transcripts and chapters.

Some organizations also publish episodes on their own website or on YouTube.

## Transcripts and show notes

Publish a **transcript** with every episode. It makes the episode accessible to people who
are deaf or hard of hearing, it lets people skim and search, and it helps search engines find
you. Machine transcripts are a good start; have someone correct names and medical terms.
Show notes should summarize the episode, list the resources mentioned, and carry the
disclaimer.

## Launch

- Publish three episodes on launch day, so new listeners can binge.
- Announce the show to patients: the website, the patient portal, waiting-room signs with a
  QR code, your social media pages.
- Ask staff to listen and share.

## Measuring

Read your measures monthly:

- **Downloads per episode at 30 days**: compare episodes with each other, not with
  national shows.
- **Completion**, where your host or directory reports it: where do people stop?
- **What patients say**: ask at the front desk, add a question to your patient survey.
- **Your goal's measure**: fewer calls about the topic, appointments booked, applicants.

At the end of the season, review with the team: keep what worked, drop what didn't, and
decide whether to make a second season.
"""

QUIZ = (
    Ask(
        "Which first-season plan is most likely to work for a busy practice?",
        "Short episodes answering questions patients already ask, several recorded before "
        "launch, are sustainable and useful. A weekly hour-long show recorded week by week is "
        "hard to keep up, and one episode teaches you little.",
        (
            Answer(
                "Six 12-minute episodes on questions patients ask, three recorded before launch",
                True,
            ),
            Answer("A weekly hour-long interview show, recorded the week each goes out"),
            Answer("One episode, then decide whether to make more"),
            Answer("Whatever the physicians find interesting that week"),
        ),
    ),
    Ask(
        "A patient agrees to tell her story on the podcast. What do you need before "
        "publishing? Select all that apply.",
        "A signed HIPAA authorization covering the podcast and a release for her voice and "
        "story. A verbal yes on the recording is a courtesy, not a substitute, and volunteering "
        "does not waive the authorization.",
        (
            Answer("Her signed HIPAA authorization that covers the podcast", True),
            Answer("A signed release for her voice and story", True),
            Answer("Only a verbal yes recorded at the start of the episode"),
            Answer("Nothing: she volunteered"),
        ),
    ),
    Ask(
        "What improves the sound of a practice podcast most for the least money?",
        "A small room with soft furnishings removes the echo that no microphone or editing "
        "fixes. An expensive microphone in an echoing room still sounds like the room.",
        (
            Answer("Recording in a small room with soft furnishings", True),
            Answer("A more expensive condenser microphone"),
            Answer("Speaking louder"),
            Answer("Adding background music"),
        ),
    ),
    Ask(
        "Why publish a transcript with every episode?",
        "Transcripts make the episode accessible to people who are deaf or hard of hearing, "
        "and searchable and skimmable for everyone. They are not a legal substitute for "
        "consent, and they do not replace the audio.",
        (
            Answer("It makes the episode accessible and searchable", True),
            Answer("It replaces the patient's authorization"),
            Answer("Directories refuse episodes without one"),
            Answer("So that the audio can be shorter"),
        ),
    ),
    Ask(
        "Which are useful measures of a practice podcast's success? Select all that apply.",
        "Downloads per episode at 30 days, completion and what patients say all show whether "
        "the show reaches and helps people. Equipment bought measures spending, not success.",
        (
            Answer("Downloads per episode at 30 days", True),
            Answer("Where listeners stop (completion)", True),
            Answer("Patients mentioning the podcast at visits", True),
            Answer("The number of microphones bought"),
        ),
    ),
)

COURSE = CourseText(
    slug="podcasting-for-your-practice",
    title="Podcasting for your practice",
    summary=(
        "Plan, record and publish a short podcast that answers your patients' questions, with "
        "the consent and privacy steps a practice needs."
    ),
    description="""\
For physician practices and hospital departments thinking about a podcast: practice
managers, communicators and the clinicians who will be its voices. Includes a short audio
lesson with captions and a transcript (its narration is computer-generated).

*A SocialRx demo course: general guidance, not legal advice.*
""",
    level=Level.INTRODUCTORY,
    topics=("content-production", "patient-education", "hipaa-privacy", "strategy"),
    platforms=("podcast",),
    hours=Decimal("3.0"),
    ce_hours=Decimal("0"),
    objectives=(
        "Decide whether a podcast fits your practice's goals and audience",
        "Plan a first season of short, useful episodes",
        "Choose affordable equipment and a room, and record clean audio",
        "Get the authorizations and releases patients and guests need",
        "Publish with transcripts and measure what matters",
    ),
    parts=(
        Part(
            "plan",
            "Plan the show",
            (
                Page("fit", "Is a podcast right for your practice?", FIT, minutes=10, preview=True),
                Page("season", "Planning your first season", SEASON, minutes=12),
            ),
        ),
        Part(
            "record",
            "Record and publish",
            (
                Page(
                    "listen",
                    "Listen: start small, record in a small room",
                    LISTEN,
                    kind=LessonKind.AUDIO,
                    minutes=3,
                    transcript=narration.TRANSCRIPT,
                    media=narration.AUDIO_NAME,
                ),
                Page("equipment", "Equipment on a practice budget", EQUIPMENT, minutes=12),
                Page("consent", "Consent, privacy and guests", CONSENT, minutes=12),
                Page("publish", "Publishing, hosting and measuring", PUBLISH, minutes=12),
            ),
        ),
        Part(
            "check",
            "Check yourself",
            (
                Page(
                    "quiz",
                    "Podcasting quiz",
                    "Five questions. You need 4 of 5 to pass; you have three attempts.",
                    kind=LessonKind.QUIZ,
                    questions=QUIZ,
                ),
            ),
        ),
    ),
)
