"""What the toolkit's browser journeys share: the member hospital and its admin, the center's
clause templates (the demo's, written through the back office's service), the answers the
journeys give (by the words on the page, as a person picks them) and small page helpers.

Expected figures are worked out by hand beside the answers that produce them."""

from __future__ import annotations

from playwright.sync_api import Page

from socialrx.privacy.engine import get_engine
from socialrx.toolkit.demo.policies import seed_clauses
from tests.factories import StaffFactory, org_with_admin
from tests.toolkit.factories import make_check_member

from .browser import assert_accessible, assert_fits_the_screen

ORGANIZATION = "Lakeside Community Hospital"
PHONE_WIDTH = 390

# --- the short version: two questions a dimension, 8 points each ---------------------------
# strategy 2+2 = 4/8 = 50; capacity 0+1 = 1/8 = 12.5 → 13; skills 1+1 = 2/8 = 25;
# governance 1+1 = 2/8 = 25; measurement 1+3 = 4/8 = 50.
# Overall (50+25+13+25+50)/5 = 32.6 → 33: 1 Starting.
SHORT_ANSWERS = {
    "Are your social media goals written down?": "Written goals",
    "Does an executive sponsor back social media?": "A named sponsor",
    "Is there a budget for social media (people, tools, promotion)?": "None",
    "Who looks after social media day to day?": "Someone, beside their main job",
    "Has the team been trained in social media for health care?": "Self-taught",
    "Do you have a social media policy?": "One is being drafted",
    "Where do legal and compliance stand?": "They have blocked or paused social media",
    "Does everyone who posts know what counts as patient information (HIPAA)?": "Some do",
    "What do you track?": "Followers",
    "Who sees the figures?": "A quarterly report to leadership",
}
SHORT_SCORES = [
    ["Strategy", "50", "2 Developing"],
    ["Governance", "25", "1 Starting"],
    ["Capacity", "13", "1 Starting"],
    ["Skills", "25", "1 Starting"],
    ["Measurement", "50", "2 Developing"],
]

# --- the full version, step by step (the points of each answer in brackets) ----------------
# strategy   written 3, audience 2, plan 2, sponsor 4, view 3            = 14/20 = 70
# governance status 2, approval 1, moderation 0, crisis 1, legal 3,
#            IT 4, consent 2                                              = 13/28 = 46.4 → 46
# capacity   budget 1, owner 2, cover 0, scheduling 2                     =  5/16 = 31.25 → 31
# skills     training 4, clinicians 3, privacy 4, production 4            = 15/16 = 93.75 → 94
# measurement tracking 2, reporting 3, listening 1                       =  6/12 = 50
# Overall (70+46+31+94+50)/5 = 58.2 → 58: 2 Developing.
FULL_STEPS: list[dict[str, str]] = [
    {  # 1. Goals
        "Are your social media goals written down?": (
            "Written goals tied to the organization's priorities"
        ),
        "Do you know whom each platform is meant to reach?": (
            "Named audiences (patients, job seekers, referring physicians)"
        ),
        "How is content planned?": "A monthly calendar",
    },
    {  # 2. Leadership support
        "Does an executive sponsor back social media?": (
            "It is part of the strategic plan, with a sponsor"
        ),
        "How does leadership see social media today?": (
            "A channel to reach patients, families and staff"
        ),
        "Is there a budget for social media (people, tools, promotion)?": "Asked for each time",
    },
    {  # 3. People and hours (and 12 hours a week now)
        "Who looks after social media day to day?": "Part of one person's role",
        "Is someone watching when the main person is away (evenings, weekends, holidays)?": "No",
        "Has the team been trained in social media for health care?": (
            "Everyone is trained, with a refresher every year"
        ),
        "Do clinicians take part?": "Clinicians review content and appear in posts",
    },
    {  # 4. Policy and approvals
        "Do you have a social media policy?": "Adopted, but few people know it",
        "How is a post approved before it is published?": "Whoever is around has a look",
        "Do you have rules for comments (what you remove, how fast you answer)?": "No",
        "Is there a plan for a crisis or an incident on social media?": "We would improvise",
    },
    {  # 5. Legal, IT and privacy review
        "Where do legal and compliance stand?": "They approved our policy",
        "How are the accounts' passwords and access kept?": (
            "Both, with access removed when people leave"
        ),
        "Does everyone who posts know what counts as patient information (HIPAA)?": (
            "Everyone is trained, and drafts are checked before posting"
        ),
        "How do you get consent for patients' stories and photos?": "A written form, sometimes",
    },
    {  # 6. Platforms (and the cadence below)
        "Can the team make what these platforms need (short video, graphics, captions, image "
        "descriptions)?": "Video, graphics, captions and image descriptions as routine",
        "How are posts published?": "Scheduled in each platform's own tool",
    },
    {  # 7. Measurement
        "What do you track?": "Reach and engagement per post",
        "Who sees the figures?": "A quarterly report to leadership",
        "Do you follow what is said about you (mentions, reviews)?": "When something comes up",
    },
]
GOALS = ["Recruit nurses, physicians and staff", "Educate patients and the public"]
HOURS_NOW = "12"
CADENCE = [("Facebook", "5", "a week"), ("X (Twitter)", "1", "a day"), ("YouTube", "2", "a month")]
FULL_SCORES = [
    ["Strategy", "70", "3 Established"],
    ["Governance", "46", "2 Developing"],
    ["Capacity", "31", "1 Starting"],
    ["Skills", "94", "4 Leading"],
    ["Measurement", "50", "2 Developing"],
]

# --- the staffing estimate of that cadence, default assumptions ------------------------------
# Each platform: posts a week × (minutes per post + 10 approving + 4 comments × 3 minutes),
# plus 15 minutes' monitoring × 7 days = 105 minutes.
#   Facebook 5 × (30 + 10 + 12) + 105 = 365 min = 6.08 h → 6.1
#   X        7 × (15 + 10 + 12) + 105 = 364 min = 6.07 h → 6.1
#   YouTube  2 × 12/52 = 0.4615 posts × (180 + 10 + 12) + 105 = 198.2 min = 3.30 h → 3.3
# Week: 927.2 min = 15.45 h + 3 planning = 18.45 → 18.5 h; 18.45 / 40 = 0.4613 → 0.46 FTE.
# The team has 12 hours now: 6.5 more needed.
STAFFING_HOURS = [["Facebook", "6.1"], ["X (Twitter)", "6.1"], ["YouTube", "3.3"]]
# Watched 5 days instead of 7: 30 minutes less monitoring on each platform (75 min, 1.25 → 1.3 h).
#   Facebook 335 min = 5.58 → 5.6; X 334 min = 5.57 → 5.6; YouTube 168.2 min = 2.80 → 2.8
# Week: 837.2 min = 13.95 h + 3 = 16.95 → 17.0 h; 16.95 / 40 = 0.4238 → 0.42 FTE.
FIVE_DAY_HOURS = [["Facebook", "5.6"], ["X (Twitter)", "5.6"], ["YouTube", "2.8"]]

# --- the policy builder's ten steps: (question, answer); a radio's answer is its label ------
POLICY_STEPS: list[list[tuple[str, str]]] = [
    [
        (
            "Which department owns the organization's official social media accounts?",
            "Marketing and Communications",
        ),
        ("Who may publish on the official accounts?", "Only the communications team"),
    ],
    [
        ("Who approves posts before they are published?", "Director of Communications"),
        ("Which posts need approval?", "Every post, before it is published"),
        ("Who checks clinical content for accuracy?", "the Chief Medical Officer"),
        ("Within how many business days should an approval be given?", "2"),
    ],
    [
        ("Who is the privacy officer staff should consult?", "the Privacy Officer"),
        ("Does the organization share patients' stories, photos or videos?", "Yes"),
        (
            "What is the authorization form patients sign before their story is shared called?",
            "Patient Media Authorization",
        ),
    ],
    [
        (
            "When may employees use their personal social media accounts at work?",
            "On breaks and meal periods only",
        ),
        (
            "Are employees encouraged to share the organization's posts from their own accounts?",
            "Yes",
        ),
        ("Whom should employees ask about this policy?", "Human Resources"),
    ],
    [
        (
            "Do physicians or other clinicians post publicly in their professional capacity?",
            "Yes",
        ),
        ("What is the secure patient portal called?", "MyChart"),
    ],
    [
        ("When are the accounts monitored?", "8 a.m. to 6 p.m., Monday to Friday"),
        (
            "Within how many hours, during monitoring hours, should a comment or message get a "
            "first response?",
            "4",
        ),
        ("Is someone on call to watch the accounts outside those hours?", "No"),
    ],
    [
        ("Who leads communications in a crisis?", "Vice President of Communications"),
        (
            "Within how many minutes must a possible crisis seen on social media be reported "
            "to them?",
            "30",
        ),
        ("What is the organization's emergency plan called?", "Emergency Operations Plan"),
    ],
    [
        ("For how many years are social media records kept?", "7"),
        (
            "How is the content of the accounts archived?",
            "An archiving service captures it automatically",
        ),
        (
            "Who keeps the organization's records retention schedule?",
            "Health Information Management",
        ),
    ],
    [
        (
            "Does the organization pay, or give anything of value to, creators, influencers or "
            "patients for posts?",
            "No",
        ),
        ("Who reviews endorsements and sponsorships for compliance?", "the Compliance Officer"),
    ],
    [
        (
            "Which accessibility standard do the organization's digital channels follow?",
            "WCAG 2.1 Level AA",
        ),
        ("Besides English, which languages do many of your patients read?", "Spanish"),
        ("How can someone report a post they cannot use?", "access@lakeside-ch.example"),
    ],
]
POLICY_STEP_TITLES = [
    "Who may post for the organization",
    "Approval workflow",
    "Patient privacy and HIPAA",
    "Employees' personal accounts",
    "Physician–patient interaction online",
    "Comment moderation and response times",
    "Crisis and incident response",
    "Records retention",
    "Endorsements and disclosures",
    "Accessibility",
]

# --- the post safety checker: a staff shout-out naming a patient and her admission ----------
# Typed in two parts: the marks are there after the first sentence, before the draft is done.
DRAFT_FIRST = "Maria Lopez was admitted on March 3 after a fall."
DRAFT_REST = " Today she walked out on her own, thanks to our rehab team!"


def member_hospital():
    """Lakeside, a member hospital, with its admin; the center's clause templates exist."""
    organization, admin = org_with_admin(name=ORGANIZATION)
    make_check_member(organization)
    seed_clauses(StaffFactory())
    return organization, admin


def detector_ready() -> None:
    """Build the identifier detector now: it loads its language model on first use (seconds
    on a busy machine), once per process, and the live server runs in this one. The checker's
    answers to typing are then timed against checking, not against loading the model."""
    get_engine()


def look(page: Page, name: str) -> None:
    """axe clean (WCAG 2.1 AA) and nothing wider than the screen."""
    width = page.viewport_size["width"]
    assert_accessible(page, context=f"{name}, {width}px wide")
    assert_fits_the_screen(page)


def look_on_a_phone(page: Page, name: str) -> None:
    """The same page at a phone's width (390 px), then back at the desktop's."""
    desktop = page.viewport_size
    page.set_viewport_size({"width": PHONE_WIDTH, "height": 844})
    look(page, name)
    page.set_viewport_size(desktop)


def answer(page: Page, question: str, choice: str) -> None:
    """Pick `choice` among the answers of `question` (a fieldset named by its question)."""
    page.get_by_role("group", name=question, exact=True).get_by_label(choice, exact=True).check()


def rows_of(table, part: str = "tbody") -> list[list[str]]:
    """The text of each row's cells (header cells included) in a part of a table."""
    return table.locator(f"{part} tr").evaluate_all(
        "rows => rows.map(row => Array.from(row.cells, cell => cell.innerText.trim()))"
    )


def mark_stay(page: Page) -> None:
    """Mark the document: `still_the_same_page` is true until the browser loads another one
    (an htmx swap keeps the document; a form submitted the old way replaces it)."""
    page.evaluate("window.toolkitJourneyMarker = true")


def still_the_same_page(page: Page) -> bool:
    return page.evaluate("window.toolkitJourneyMarker === true")
