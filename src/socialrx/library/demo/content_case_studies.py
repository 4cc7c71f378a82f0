"""Demo library content, part 4: case studies of the demo organizations (invented for the
demo, figures included; the pages say so) and the center's news posts."""

from dataclasses import dataclass


@dataclass(frozen=True)
class CaseStudySpec:
    slug: str
    organization: str  # the demo context's name of the organization
    title: str
    summary: str
    goal: str
    approach: str
    results: str
    lessons: str
    legal_it: str
    figures: tuple[
        tuple[str, float | None, float, str, str], ...
    ]  # measure, before, after, unit, period
    topics: tuple[str, ...]
    platforms: tuple[str, ...]
    access: str = "member"


CASE_STUDIES = (
    CaseStudySpec(
        "riverside-nurse-recruitment",
        "demo_hospital",
        "Riverside Regional: nurse ambassadors fill night shifts",
        "Twelve nurse ambassadors posting about their own units doubled applications from "
        "social media in a year.",
        "Fill 40 open night-shift nursing positions without raising agency spending.",
        "Twelve volunteer nurse ambassadors, a one-page photo guide (no patients, screens or "
        "whiteboards in frame), two posts a week each on Instagram and LinkedIn, every link "
        "tagged to count applications.",
        "Applications arriving from social media links rose from 38 to 91 a quarter; "
        "time to fill a night position fell from 74 to 51 days.",
        "Nurses' own words outperformed every produced video. Approvals had to take a day, "
        "not a week, or the ambassadors stopped posting.",
        "Legal approved the photo guide and a consent form for colleagues; IT added the "
        "ambassadors' accounts to the access register and required two-factor.",
        (
            ("Applications from social media links", 38, 91, "per quarter", "12 months"),
            ("Days to fill a night position", 74, 51, "days", "12 months"),
        ),
        ("recruitment", "content-production"),
        ("instagram", "linkedin"),
        access="public",
    ),
    CaseStudySpec(
        "riverside-storm-response",
        "demo_hospital",
        "Riverside Regional: a winter storm, handled in public",
        "Hourly updates during a two-day storm kept the phone lines free and the rumours down.",
        "Keep patients and families informed when clinics closed for two days.",
        "The crisis annex's holding statement went out in eight minutes; updates every hour "
        "on Facebook and X, each pointing to one web page with the facts.",
        "Calls to the main switchboard were 35% below the previous storm's; no false rumour "
        "needed a correction.",
        "Promise the time of the next update and keep the promise, even with nothing new.",
        "Legal had pre-approved the holding statement; nothing waited for sign-off.",
        (("Calls to the switchboard on day one", 4200, 2730, "calls", "storm days"),),
        ("crisis-response",),
        ("facebook", "x"),
    ),
    CaseStudySpec(
        "north-star-system-policy",
        "demo_health_system",
        "North Star Health System: one policy for seven hospitals",
        "Seven hospitals, 41 accounts and one policy: how a system brought its pages under "
        "one register without silencing its hospitals.",
        "Replace seven local policies with one, and know who runs every account.",
        "An account register, the center's policy template adapted once for the system, "
        "quarterly access reviews, and local owners for each hospital's pages.",
        "Every one of the 41 accounts has a named owner and backup; 9 abandoned accounts "
        "were closed; two-factor coverage rose from 40% to 100% of people with access.",
        "Start with the register: the policy is easy once you know what exists.",
        "IT ran the first access review; legal signed off the system policy in one round "
        "because it started from a known template.",
        (
            ("Accounts with a named owner", 22, 41, "accounts", "6 months"),
            ("People with access using two-factor", 40, 100, "%", "6 months"),
        ),
        ("policy-legal", "strategy"),
        ("facebook", "instagram", "linkedin", "x"),
    ),
    CaseStudySpec(
        "lakeside-practice-education",
        "demo_practice",
        "Lakeside Family Physicians: a small practice's education series",
        "Six physicians, one question a week, and a flu-shot season that booked itself.",
        "Raise flu-vaccination bookings among the practice's patients.",
        "One short post a week answering a question patients ask at the front desk, each "
        "reviewed by a physician, with a link to online booking.",
        "Online flu-shot bookings rose from 310 to 540 over the season.",
        "The front desk's list of questions was the whole editorial plan.",
        "No legal review beyond the practice's own; the booking link needed no new IT.",
        (("Online flu-shot bookings", 310, 540, "bookings", "one flu season"),),
        ("patient-education",),
        ("facebook",),
        access="public",
    ),
)

# (slug, title, summary, body, days ago)
NEWS = (
    (
        "library-opens",
        "The center's library is open",
        "Guides, policy templates, checklists, case studies and the Rounds podcast, in one "
        "searchable place.",
        "Members can now search every resource the center has published, filter by "
        "platform, topic and audience, and download templates to adapt.",
        40,
    ),
    (
        "rounds-podcast-launch",
        "Rounds, the center's podcast, starts its first season",
        "Five short episodes on the questions hospitals ask before they start.",
        "Subscribe in any podcast app with the feed address on the podcast page.",
        30,
    ),
    (
        "forums-open-to-members",
        "Member forums are open",
        "Ask the network: questions with accepted answers, by platform and topic.",
        "Every person of a member organization can post; two categories are open to guests.",
        20,
    ),
    (
        "case-study-call",
        "Share your case study",
        "Tell the network what you did and what came of it, with your numbers.",
        "The case study form asks for your goal, approach, results and what legal and IT "
        "required. The center reviews each one before it is published, credited to you.",
        10,
    ),
    (
        "spring-boot-camp-dates",
        "Spring boot camp dates announced",
        "Two days at the center for communication teams new to social media.",
        "See the training catalogue for dates, prices and member discounts.",
        3,
    ),
)
