"""Words of the library's generated rows (`library.scale`): titles, summaries and bodies put
together from phrases of the field, so searching the benchmark's library finds and ranks
something, and the pages show text of a realistic length. Every body says it was generated."""

from __future__ import annotations

import random
from html import escape

from .models import ResourceKind

SUBJECTS = {
    "strategy": ["an editorial calendar", "channel goals", "a first-year plan", "audiences"],
    "policy-legal": ["a social media policy", "approval workflows", "disclaimers", "consent"],
    "hipaa-privacy": ["patient privacy", "protected health information", "photo consent"],
    "measurement-roi": ["engagement reports", "attribution", "board metrics", "benchmarks"],
    "crisis-response": ["outage updates", "a holding statement", "incident command"],
    "recruitment": ["nurse recruitment", "employer brand", "physician hiring"],
    "patient-education": ["flu-season posts", "health literacy", "patient questions"],
    "reputation": ["negative reviews", "comment moderation", "ratings"],
    "physician-presence": ["physician profiles", "professional accounts", "boundaries"],
    "content-production": ["short video", "photo guides", "captions and alt text"],
}
FORMS = {
    ResourceKind.GUIDE: "A practical guide to {subject} on {platform}",
    ResourceKind.POLICY_TEMPLATE: "Template: {subject} for {platform}",
    ResourceKind.CHECKLIST: "Checklist: {subject} before you post on {platform}",
    ResourceKind.CASE_STUDY: "Case study: {subject} on {platform} at a member hospital",
    ResourceKind.VIDEO: "Video: {subject} on {platform} in five minutes",
    ResourceKind.PODCAST_EPISODE: "Rounds: {subject} and {platform}",
    ResourceKind.WEBINAR_RECORDING: "Webinar: what works for {subject} on {platform}",
    ResourceKind.SLIDE_DECK: "Slides: {subject} on {platform} for leadership",
}
SENTENCES = (
    "Start with the goal and the audience, then choose the channel.",
    "Name one owner and one backup for every account in the register.",
    "Never confirm in public that a person is a patient.",
    "Legal reviews the template once, so each post does not wait for sign-off.",
    "Measure what leadership reads: appointments, applications and questions answered.",
    "Promise the time of the next update and keep the promise.",
    "Photos need a signed consent form on file before they are posted.",
    "Reply within one working day, and move clinical questions to the phone.",
    "Review the account's access every quarter and remove people who left.",
    "Physicians keep professional and personal accounts apart.",
    "A short video with captions reaches more people than a long one without.",
    "Compare like with like: the same period, the same measure, the same source.",
    "Every post follows the organization's social media policy.",
)
HEADINGS = ("Why it matters", "What to do", "What to avoid", "How to measure it")
GENERATED = "Generated for the benchmarks: not a real resource."


def title_of(rng: random.Random, kind: str, topic: str, platform: str) -> tuple[str, str]:
    """(title, summary) of a resource of `kind` on `topic` for the platform named."""
    subject = rng.choice(SUBJECTS.get(topic, ["social media"]))
    title = FORMS[kind].format(subject=subject, platform=platform)
    summary = (
        f"{rng.choice(SENTENCES)} {rng.choice(SENTENCES)} Written about {subject} for "
        "hospital social media teams."
    )
    return title[:200], summary[:400]


def body_of(rng: random.Random, sections: int) -> tuple[str, str, str]:
    """(Markdown, its HTML, its plain words) of a body of `sections` sections: headings and
    paragraphs only, whose HTML is what core.markdown draws of them."""
    markdown, html, words = [], [], []
    for heading in rng.sample(HEADINGS, min(sections, len(HEADINGS))):
        paragraph = " ".join(rng.sample(SENTENCES, 3))
        markdown.append(f"## {heading}\n\n{paragraph}")
        html.append(f"<h2>{escape(heading)}</h2>\n<p>{escape(paragraph)}</p>")
        words += [heading, paragraph]
    markdown.append(f"*{GENERATED}*")
    html.append(f"<p><em>{escape(GENERATED)}</em></p>")
    words.append(GENERATED)
    return "\n\n".join(markdown), "\n".join(html), " ".join(words)


__all__ = ["GENERATED", "body_of", "title_of"]
