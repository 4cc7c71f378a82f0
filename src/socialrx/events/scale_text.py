"""Words of events' scale data (see scale.py): invented titles for generated events, sessions and
speakers, so none reads as a real one."""

from __future__ import annotations

CONFERENCE_THEMES = (
    "Hospital Social Media",
    "Physician Voices Online",
    "Patient Education Online",
    "Health Communication",
    "Digital Reputation in Health Care",
    "Community Health Outreach",
    "Nursing on Social Media",
    "Health Care Marketing",
)
CONFERENCE_KINDS = ("Summit", "Forum", "Conference", "Symposium")
WEBINAR_TOPICS = (
    "Answering reviews without breaching privacy",
    "A first editorial calendar",
    "Short video for clinicians",
    "Moderating comments on a hospital page",
    "Measuring what your accounts are for",
    "Recruiting nurses on Instagram",
    "Replying to misinformation",
    "Securing shared accounts",
)
SESSION_TOPICS = (
    "Building a social media program",
    "Policy that counsel can approve",
    "Crisis drills for communication teams",
    "Physicians on LinkedIn",
    "Patient stories with consent",
    "Video on a budget",
    "What the registry says",
    "Measuring engagement",
    "Recruitment campaigns",
    "Replying to patients online",
    "Bilingual patient education",
    "Shared accounts and two-factor sign-in",
    "Podcasts with clinicians",
    "Community screening days",
    "Misinformation and corrections",
    "Reviews and reputation",
)
SESSION_KINDS = ("talk", "talk", "talk", "panel", "workshop")
TRACKS = ("Strategy", "Clinicians and patients", "Measurement")
ROOMS = ("Main Hall", "Room A", "Room B", "Room C")
SPEAKER_TITLES = (
    ("Director of Digital Communications", ""),
    ("Social Media Manager", ""),
    ("Chief Medical Officer", "MD"),
    ("Emergency Physician", "MD"),
    ("Nurse Educator", "RN, MSN"),
    ("Associate General Counsel", "JD"),
    ("Health Services Researcher", "PhD"),
    ("Clinical Pharmacist", "PharmD"),
    ("Chief Information Security Officer", ""),
    ("Community Outreach Manager", "MPH"),
)
SPEAKER_ORGANIZATIONS = (
    "Lakeview Health",
    "Prairie University Medical Center",
    "Harbor Community Health Center",
    "Northfield Health",
    "Valley Children's Hospital",
    "St. Brendan's Hospital",
)
JOB_TITLES = (
    "Social Media Manager",
    "Marketing Coordinator",
    "Physician",
    "Nurse Educator",
    "Practice Manager",
    "Communications Director",
    "Public Relations Specialist",
    "Student",
)
DIETARY = ("", "", "", "", "", "Vegetarian", "Vegan", "Gluten-free", "Halal", "Kosher")
ACCESSIBILITY = ("",) * 19 + ("Wheelchair access",)
