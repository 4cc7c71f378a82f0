"""The words of training's scale data (see scale.py): course titles made of a subject, a
platform and an audience, a few lesson bodies of realistic length, and one quiz."""

from __future__ import annotations

SUBJECTS = [
    "Starting", "Moderating", "Measuring", "Staffing", "Writing for", "Video on",
    "Crisis response on", "Recruiting on", "Patient stories on", "Policy for",
]  # fmt: skip
PLATFORMS = ["Facebook", "X", "Instagram", "LinkedIn", "YouTube", "TikTok", "a blog", "a podcast"]
AUDIENCES = [
    "hospital communicators", "physicians", "nurse leaders", "practice managers",
    "health system marketers", "residents", "public health teams",
]  # fmt: skip
LEVELS = ["introductory", "introductory", "intermediate", "advanced"]


def course_title(rng, number: int) -> tuple[str, str, str]:
    """(title, level, summary) of generated course `number`."""
    subject, platform = rng.choice(SUBJECTS), rng.choice(PLATFORMS)
    audience = rng.choice(AUDIENCES)
    title = f"{subject} {platform} for {audience} ({number + 1})"
    summary = f"A generated course for the benchmarks: {subject.lower()} {platform} safely."
    return title, rng.choice(LEVELS), summary


_PARAGRAPH = (
    "Generated for the benchmarks. A hospital's page is a public front door: patients, "
    "families, employees, reporters and neighbors read it. Decide what it is for, who "
    "approves what, and how quickly questions are answered. Keep protected health "
    "information off the page, and answer criticism with a private route rather than "
    "details of anyone's care."
)


def _body(heading: str, points: list[str]) -> str:
    items = "\n".join(f"- **{point}**: {_PARAGRAPH[:120]}…" for point in points)
    return f"## {heading}\n\n{_PARAGRAPH}\n\n{items}\n\n## In practice\n\n{_PARAGRAPH}\n"


LESSON_BODIES = [
    _body("Purpose and audience", ["Community information", "Education", "Recruitment"]),
    _body("Ownership and access", ["Two administrators", "Two-factor authentication"]),
    _body("Privacy", ["Photos", "Replies", "Stories", "Staff accounts"]),
    _body("Moderation", ["Published rules", "Hide before delete", "A log"]),
    _body("Measuring", ["Questions answered", "Shares", "Applications"]),
]

# (prompt, ((answer, correct), ...)): three single-answer questions and one multiple.
QUIZ = [
    (
        "A patient thanks the hospital in a comment. Which reply is best?",
        (("A general thank-you", True), ("Mention her visit", False), ("Ask for her MRN", False)),
    ),
    (
        "Who should hold full control of the page?",
        (("Two named employees with 2FA", True), ("The agency", False), ("A shared login", False)),
    ),
    (
        "What improves a recording most for the least money?",
        (("A small, soft room", True), ("A costlier microphone", False), ("Music", False)),
    ),
    (
        "Which belong in a comment policy? Select all that apply.",
        (("What is removed", True), ("Not for emergencies", True), ("Moderators' names", False)),
    ),
]
