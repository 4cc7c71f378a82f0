"""Last year's summit, as the demo tells it: a one-day programme in two rooms, given by speakers
of this year's programme (one profile each across events). Fictional, like `program.py`.

Some sessions were recorded or have their slides online: their addresses are fictional too
(example.org, under /socialrx-demo/)."""

from __future__ import annotations

from .program import SessionText as S

ROOMS = {"hall": "Main Hall", "a": "Room A (Mayo Auditorium)"}
TRACKS = {"strategy": "Strategy", "clinicians": "Clinicians and patients"}
MEDIA = "https://media.example.org/socialrx-demo/summit-2026"

SESSIONS = [
    S(1, "08:00", 60, "", "", "break", "Registration and breakfast", "Badges at the front desk."),
    S(
        1,
        "09:00",
        60,
        "",
        "hall",
        "keynote",
        "Ten years of hospitals on social media",
        "From a handful of hospital pages to nearly every hospital on Facebook: what changed, "
        "and what still holds programs back.",
        ("nora-quinn",),
    ),
    S(
        1,
        "10:15",
        45,
        "strategy",
        "hall",
        "talk",
        "Your first social media policy",
        "What a policy must say about privacy, approvals and staff's own accounts, and what it "
        "can leave out.",
        ("grace-huang",),
    ),
    S(
        1,
        "10:15",
        45,
        "clinicians",
        "a",
        "talk",
        "Physicians on LinkedIn: a starter kit",
        "A profile, three kinds of posts and the boundaries that keep them professional.",
        ("james-carter",),
    ),
    S(
        1,
        "11:15",
        45,
        "strategy",
        "hall",
        "workshop",
        "Crisis drills teams actually run",
        "A one-hour tabletop exercise you can repeat every quarter, with its scenario cards.",
        ("marcus-bell", "lena-ortiz"),
    ),
    S(
        1,
        "11:15",
        45,
        "clinicians",
        "a",
        "talk",
        "Patient-education video on a budget",
        "A phone, a quiet room and a review checklist: short videos clinicians trust.",
        ("kwame-mensah", "ana-delgado"),
    ),
    S(1, "12:00", 60, "", "", "break", "Lunch", "Lunch is served in the atrium."),
    S(
        1,
        "13:00",
        45,
        "",
        "hall",
        "panel",
        "Measuring engagement without vanity metrics",
        "Which numbers tell a hospital its accounts are working, and how to report them.",
        ("rachel-stein", "priya-raman"),
    ),
    S(
        1,
        "14:00",
        60,
        "",
        "hall",
        "keynote",
        "What patients want from hospital pages",
        "Findings from patient interviews: answers, access and a human voice.",
        ("samuel-okafor",),
    ),
]

# Titles of the sessions with a recording, with slides (the rest have neither).
RECORDED = {
    "Ten years of hospitals on social media",
    "Your first social media policy",
    "Physicians on LinkedIn: a starter kit",
    "Patient-education video on a budget",
    "What patients want from hospital pages",
}
WITH_SLIDES = {
    "Your first social media policy",
    "Crisis drills teams actually run",
    "Patient-education video on a budget",
    "Measuring engagement without vanity metrics",
}
