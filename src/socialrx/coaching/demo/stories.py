"""The two engagements the demo tells, session by session (`engagements.py` writes them).

Riverside Regional Medical Center (Medical Center plan: 12 included coaching hours a year):

- "Crisis readiness and review responses", coaching with Marcus Bell, from Riverside's needs
  assessment: 6 plan hours and a 4-hour package Riverside bought (invoiced, paid by check),
  10 hours in all. Seven one-hour sessions held and one cancelled three hours before (its
  hour counts): the plan's 6 hours went first, then 2 of the package: 8 of 10 hours used, 80 %,
  so the warning shows. One hour booked next week; one hour left to book.
- "Physician visibility on LinkedIn and X", one-on-one training with Teresa Alvarado for
  Dr. Okafor's physician volunteers: the other 6 plan hours. Sessions of 60, 30 and 60 minutes
  held (2 h 30 min used), 30 and 60 minutes booked; 2 hours left to book.

Riverside has then used 8 h 30 min of its 12 included hours this membership year (6 h and
2 h 30 min): 3 h 30 min are left."""

from __future__ import annotations

from dataclasses import dataclass

from ..models import EngagementKind, SessionStatus


@dataclass(frozen=True)
class Past:
    day: int  # days from today (negative), on the coach's clock
    hour: int  # the hour it starts near, on the coach's clock
    minutes: int
    agenda: str
    booked_by: str  # in the cast
    shared_note: str = ""
    center_note: str = ""
    status: str = SessionStatus.HELD
    cancel_reason: str = ""


@dataclass(frozen=True)
class Coming:
    day: int  # days from today
    hour: int
    minutes: int
    agenda: str
    booked_by: str
    booked_days_ago: int


@dataclass(frozen=True)
class Item:
    title: str
    owner: str  # in the cast
    due: int  # days from today (negative: past)
    after: int  # the index of the past session it came from
    done_days_ago: int | None = None


@dataclass(frozen=True)
class Package:
    hours: int
    invoiced_days_ago: int
    paid_days_ago: int
    check_number: str
    po_number: str


@dataclass(frozen=True)
class Story:
    title: str
    kind: str
    coach: str  # in the cast
    goals: str
    plan_hours: int
    meeting_url: str
    created_days_ago: int
    started_days_ago: int
    from_intake: bool
    package: Package | None
    past: tuple[Past, ...]
    coming: tuple[Coming, ...]
    items: tuple[Item, ...]


KAREN, JAMES, EMILY = "hospital_admin", "physician", "nurse"

CRISIS = Story(
    title="Crisis readiness and review responses",
    kind=EngagementKind.COACHING,
    coach="coach",
    goals=(
        "1. A social media crisis plan for three scenarios (an emergency department surge "
        "or diversion, a system outage, an incident involving a patient or staff member), "
        "with holding statements approved in advance and an after-hours posting rota.\n"
        "2. A review and comment playbook legal signs off on once, so replies go out within "
        "one working day without confirming that anyone is a patient.\n"
        "3. The shared Facebook, Instagram and X accounts secured: a password manager, "
        "two-factor authentication and two-person approval."
    ),
    plan_hours=6,
    meeting_url="https://meet.example.org/socialrx/riverside-crisis-readiness",
    created_days_ago=48,
    started_days_ago=45,
    from_intake=True,
    package=Package(
        hours=4, invoiced_days_ago=17, paid_days_ago=10, check_number="40517", po_number=""
    ),
    past=(
        Past(
            -42, 10, 60, "Kick-off: where Riverside's accounts stand and what a bad day looks "
            "like", KAREN,
            shared_note=(
                "## Kick-off\n\n"
                "- Reviewed twelve months of posts: about 4,200 Facebook followers, 1,300 on "
                "X, 1,700 on Instagram. Engagement peaks during weather closures.\n"
                "- Agreed the three scenarios to plan for: an ED surge or diversion, a system "
                "outage, an incident involving a patient or staff member.\n"
                "- Today anything that mentions a patient waits 2–5 working days for the "
                "privacy officer, and nobody may post after 5 p.m.\n\n"
                "**Next:** collect the last ten negative reviews and the replies we posted."
            ),
            center_note=(
                "Karen is capable and stretched thin (three people, 22 hours a week between "
                "them). The CEO's memory of the viral wait-time post drives the caution; worth "
                "inviting him to the tabletop exercise."
            ),
        ),
        Past(
            -35, 10, 60, "Mapping the three crisis scenarios", KAREN,
            shared_note=(
                "## The three scenarios\n\n"
                "| Scenario | First post within | Who approves after hours |\n"
                "|---|---|---|\n"
                "| ED surge or diversion | 30 minutes | Administrator on call |\n"
                "| System outage | 1 hour | Incident commander |\n"
                "| Incident with a patient or staff member | Holding statement only | "
                "CEO or delegate |\n\n"
                "Holding statements are written now and approved once, so the night shift "
                "only fills in the time and the phone number."
            ),
        ),
        Past(
            -28, 13, 60, "Review-response playbook: first draft", KAREN,
            shared_note=(
                "## Review replies\n\n"
                "Four templates: thanks, a general complaint, a billing complaint, a clinical "
                "complaint. Every reply:\n\n"
                "- never confirms that the reviewer was a patient or mentions any care;\n"
                "- offers the patient relations line (507-555-0142) to take it offline;\n"
                "- is signed by a role, not a person.\n\n"
                "Karen will send the draft to legal with a note asking them to approve the "
                "templates rather than each reply."
            ),
        ),
        Past(
            -21, 10, 60, "Holding statements for the outage and ED surge scenarios", KAREN,
            status=SessionStatus.LATE_CANCELLED,
            cancel_reason=(
                "Called into incident command for an ED surge: sorry for the late notice."
            ),
        ),
        Past(
            -19, 14, 60, "Holding statements for the outage and ED surge scenarios", KAREN,
            shared_note=(
                "## Holding statements\n\n"
                "Drafted and agreed for the ED surge and the outage. The surge statement "
                "points to urgent care hours and the nurse line; the outage statement says "
                "what still works (the emergency department always does) and when we will "
                "update next.\n\n"
                "Last week's real surge was a useful rehearsal: the page stayed silent for "
                "six hours because nobody on call could post."
            ),
            center_note=(
                "The late cancellation was the real ED surge; Karen handled it well under the "
                "old rules. Use it in the tabletop exercise."
            ),
        ),
        Past(
            -14, 10, 60, "Securing the shared accounts", KAREN,
            shared_note=(
                "## Shared accounts\n\n"
                "- Passwords move from the spreadsheet to the password manager IT already "
                "licenses; two-factor authentication on every account.\n"
                "- Admin rights on Facebook cut from nine people to three; the rest become "
                "editors or leave.\n"
                "- Two-person approval for anything posted from the incident command center."
            ),
        ),
        Past(
            -8, 13, 60, "Legal's comments on the playbook", KAREN,
            shared_note=(
                "## Legal's comments\n\n"
                "Legal accepts the four templates with two changes (no apology that could "
                "read as admitting fault; the phone number, not an email address). They still "
                "ask to see replies to clinical complaints; we agreed those go to the privacy "
                "officer with a same-day turnaround."
            ),
            center_note=(
                "Legal's written sign-off is slipping; Karen expected it last week. Raise it "
                "with the CMO at the tabletop exercise if it is still missing."
            ),
        ),
        Past(
            -3, 10, 60, "Planning the tabletop exercise", KAREN,
            shared_note=(
                "## Tabletop exercise\n\n"
                "Scenario: a system outage on a Saturday night while a video of the waiting "
                "room circulates. Participants: the administrator on call, the nursing "
                "supervisor, Karen's team, the privacy officer. Ninety minutes; Marcus "
                "facilitates remotely."
            ),
        ),
    ),
    coming=(
        Coming(
            4, 10, 60, "Tabletop exercise debrief and the after-hours posting rota", KAREN, 2
        ),
    ),
    items=(
        Item("Collect the last ten negative reviews and the replies posted", KAREN, -38, 0, 39),
        Item("Draft holding statements for the three scenarios", KAREN, -24, 1, 23),
        Item(
            "Move the shared account passwords into the password manager and turn on "
            "two-factor authentication",
            KAREN, -10, 5, 11,
        ),
        Item("Get legal's written sign-off on the review-response playbook", KAREN, -2, 6),
        Item(
            "Invite the on-call team to the tabletop exercise and book the room", KAREN, 2, 7
        ),
        Item("Brief the ED charge nurses on what not to post during a surge", EMILY, 6, 7),
    ),
)  # fmt: skip

PHYSICIANS = Story(
    title="Physician visibility on LinkedIn and X",
    kind=EngagementKind.TRAINING,
    coach="teresa",
    goals=(
        "Five physician volunteers, led by Dr. Okafor, post under their own names on LinkedIn "
        "and X once a week, within the hospital's policy: education, never advice to an "
        "individual, and the disclosure legal asked for. The posts support the new heart "
        "failure clinic and the recruitment of two cardiologists."
    ),
    plan_hours=6,
    meeting_url="https://meet.example.org/socialrx/riverside-physicians",
    created_days_ago=30,
    started_days_ago=28,
    from_intake=False,
    package=None,
    past=(
        Past(
            -26, 8, 60, "LinkedIn profiles for the physician volunteers", JAMES,
            shared_note=(
                "## Profiles\n\n"
                "Headline, photo, a three-line summary and the disclosure: *Views are my own; "
                "nothing here is medical advice for your situation.* Four of the five have a "
                "profile already; Dr. Patel starts from scratch."
            ),
            center_note=(
                "Dr. Okafor is enthusiastic; two volunteers have not confirmed. The "
                "orthopedic surgeon worries about malpractice exposure: cover it next time."
            ),
        ),
        Past(
            -16, 8, 30, "What a physician may post: advice, disclosures and patient stories",
            JAMES,
            shared_note=(
                "## The line\n\n"
                "- Education for everyone is fine; an answer to one person's symptoms is not.\n"
                "- A patient's story needs the patient's written authorization, even without "
                "a name.\n"
                "- Reply to a question in public with where to get care, then stop."
            ),
        ),
        Past(
            -6, 8, 60, "Writing the first thread: the heart failure clinic", JAMES,
            shared_note=(
                "## First thread\n\n"
                "Drafted three posts: what heart failure is, the three signs to call about, "
                "what happens at the clinic's first visit. Plain language, one link to the "
                "clinic page, no patient photos."
            ),
        ),
    ),
    coming=(
        Coming(3, 8, 30, "Reviewing the first two weeks of posts", JAMES, 3),
        Coming(10, 13, 60, "Answering comments and direct messages from patients", EMILY, 1),
    ),
    items=(
        Item("Complete LinkedIn profiles for the five physician volunteers", JAMES, -19, 0, 20),
        Item(
            "Confirm with the privacy officer which patient stories need written authorization",
            KAREN, -12, 1, 13,
        ),
        Item("Post the three-part thread about the heart failure clinic", JAMES, 5, 2),
        Item(
            "Draft answers to the five questions patients ask most about heart failure",
            EMILY, 8, 2,
        ),
    ),
)  # fmt: skip

STORIES = (CRISIS, PHYSICIANS)
