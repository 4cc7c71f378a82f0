"""The demo conference's programme: rooms, tracks and sessions (speakers in speakers.py),
written for the demo.
The people are fictional (the event page says so); their topics are the field's real ones, from
the 2010 article behind the center and the published figures (shared/background/).

A session is (day, start on the event's clock, minutes, track, room, kind, title, abstract,
speakers). Times never put a speaker or a room in two places at once: the database refuses that."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SpeakerText:
    slug: str
    full_name: str
    credentials: str
    job_title: str
    organization_name: str
    bio: str


@dataclass(frozen=True)
class SessionText:
    day: int  # 1 or 2
    start: str  # "09:00", the event's clock
    minutes: int
    track: str  # a TRACKS key, or "" for plenary sessions and breaks
    room: str  # a ROOMS key, or "" for a break everyone takes
    kind: str
    title: str
    abstract: str
    speakers: tuple[str, ...] = ()


ROOMS = {"hall": "Main Hall", "a": "Room A (Mayo Auditorium)", "b": "Room B (Learning Lab)"}
TRACKS = {
    "strategy": "Strategy and leadership",
    "clinicians": "Clinicians and patients",
    "measure": "Measurement and research",
}

S = SessionText
SESSIONS = [
    # Day 1
    S(1, "08:00", 60, "", "", "break", "Registration and breakfast", "Badges at the front desk."),
    S(
        1,
        "09:00",
        60,
        "",
        "hall",
        "keynote",
        "It is not all risk with no benefit",
        "Why hospitals that engage on social media see more than followers: what a decade of "
        "programs taught one health system, and how to make that case to your leadership.",
        ("nora-quinn", "omar-haddad"),
    ),
    S(
        1,
        "10:15",
        45,
        "strategy",
        "hall",
        "talk",
        "From one page to a program",
        "Staffing, governance and an editorial calendar that survives the first crisis: the "
        "steps Lakeshore took, in the order that worked.",
        ("lena-ortiz",),
    ),
    S(
        1,
        "10:15",
        45,
        "clinicians",
        "a",
        "talk",
        "Answering patients online without giving medical advice",
        "Where general education ends and individual advice begins, with replies residents "
        "can reuse.",
        ("samuel-okafor",),
    ),
    S(
        1,
        "10:15",
        45,
        "measure",
        "b",
        "talk",
        "What the registry says about hospitals on social media",
        "Which hospitals are on which platforms, by size and region, from the center's public "
        "registry and CMS data.",
        ("priya-raman",),
    ),
    S(
        1,
        "11:15",
        45,
        "strategy",
        "hall",
        "panel",
        "Getting to yes with legal and IT",
        "Counsel and a security chief explain what they need to approve a program, and what "
        "makes them say no.",
        ("grace-huang", "helen-brooks", "tom-whitaker"),
    ),
    S(
        1,
        "11:15",
        45,
        "clinicians",
        "a",
        "talk",
        "Nurses sharing their work, not their patients",
        "A bilingual Instagram series and the consent and review steps behind every post.",
        ("ana-delgado",),
    ),
    S(
        1,
        "11:15",
        45,
        "measure",
        "b",
        "workshop",
        "Measuring what each account is for",
        "Bring your accounts: set one goal and one measure for each, and drop the vanity metrics.",
        ("rachel-stein",),
    ),
    S(1, "12:00", 60, "", "", "break", "Lunch", "Lunch is served in the atrium."),
    S(
        1,
        "13:00",
        45,
        "strategy",
        "hall",
        "talk",
        "Recruiting nurses on Instagram and LinkedIn",
        "Campaigns, budgets and the numbers that convinced HR.",
        ("sofia-marin",),
    ),
    S(
        1,
        "13:00",
        45,
        "clinicians",
        "a",
        "talk",
        "When a post about a patient goes viral",
        "An emergency physician and a coach walk through the first six hours of a real "
        "incident, anonymised.",
        ("james-carter", "marcus-bell"),
    ),
    S(
        1,
        "13:00",
        45,
        "measure",
        "b",
        "talk",
        "Social media and patient experience scores",
        "What the public HCAHPS data can and cannot tell us about social media's effect on "
        "patient satisfaction.",
        ("priya-raman", "ian-fletcher"),
    ),
    S(
        1,
        "14:00",
        90,
        "strategy",
        "b",
        "workshop",
        "Write your social media policy in ninety minutes",
        "Start from the center's policy builder and leave with a draft your counsel can review.",
        ("grace-huang", "marcus-bell"),
    ),
    S(
        1,
        "14:00",
        45,
        "clinicians",
        "a",
        "talk",
        "Short medication videos that pharmacists trust",
        "A review checklist for accuracy, and a format patients finish.",
        ("kwame-mensah",),
    ),
    # Day 2
    S(2, "08:00", 60, "", "", "break", "Breakfast", "Served in the atrium."),
    S(
        2,
        "09:00",
        60,
        "",
        "hall",
        "keynote",
        "Physicians online: visibility with safety",
        "How a chief medical officer sponsors physicians' own accounts, and the guardrails that "
        "made the board comfortable.",
        ("omar-haddad", "samuel-okafor"),
    ),
    S(
        2,
        "10:15",
        45,
        "strategy",
        "hall",
        "talk",
        "A podcast with your own clinicians",
        "Equipment, scheduling busy physicians, and finding listeners.",
        ("beth-lawson", "tom-whitaker"),
    ),
    S(
        2,
        "10:15",
        45,
        "clinicians",
        "a",
        "talk",
        "Replying to misinformation without amplifying it",
        "What the research says about when and how clinicians should reply.",
        ("ian-fletcher",),
    ),
    S(
        2,
        "10:15",
        45,
        "measure",
        "b",
        "workshop",
        "Community outreach that fills screening days",
        "Facebook groups, reminders and partners: a health center's playbook and its results.",
        ("david-kim",),
    ),
    S(
        2,
        "11:15",
        45,
        "strategy",
        "hall",
        "panel",
        "Securing shared accounts",
        "Credential vaults, two-factor sign-in and offboarding: a practical session for "
        "communication and IT teams together.",
        ("helen-brooks", "rachel-stein"),
    ),
    S(
        2,
        "11:15",
        45,
        "clinicians",
        "a",
        "talk",
        "Spanish-language patient education that works",
        "Writing for families, reviewing translations, and measuring reach.",
        ("ana-delgado", "kwame-mensah"),
    ),
    S(2, "12:00", 60, "", "", "break", "Lunch", "Lunch is served in the atrium."),
    S(
        2,
        "13:00",
        60,
        "",
        "hall",
        "keynote",
        "What we will measure next year",
        "The center's research agenda, and how member organizations can take part.",
        ("priya-raman", "nora-quinn"),
    ),
]
