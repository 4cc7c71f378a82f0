"""Coaching's browser journeys (issue 23), in Debian's Chromium, axe clean on every page:

1. an org admin fills the needs assessment (a draft saved, then finished and submitted);
   center staff assign the coach the page ranks first, start the engagement from the
   assessment and activate it; a member of the organization books a slot shown on her own
   clock (New York; the coach keeps Denver's) and sees it on her dashboard; once the session
   is over, the coach records it as held with a shared note and an action item for her; she
   ticks the item off, and her hours left went down by the session's hour;
2. a booking beyond the hours left is refused with the reason and, for the org admin, a
   "Buy more hours" link that leads to buying them; nothing is booked.
"""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from socialrx.coaching.models import CoachingSession, Engagement, SessionStatus
from socialrx.core.calendar import center_today
from tests.coaching.factories import make_engagement, make_session

from .browser import force_login, login
from .coaching_world import (
    COACH_ZONE,
    MEMBER_ZONE,
    ORGANIZATION,
    at,
    journey_world,
    look,
    monday_after,
    move_into_the_past,
)

pytestmark = pytest.mark.e2e
TITLE = "Patient education · Crisis readiness"  # prefilled from the goals, in the form's order
ITEM = "Draft the comment moderation policy"


def panel(page):
    """The organization's coaching panel of the dashboard."""
    return page.get_by_role("region", name="Coaching", exact=True)


def fact(scope, term: str):
    """The <dd> of a <dt> in a facts list."""
    return scope.locator("dt", has_text=re.compile(f"^{term}$")).locator("xpath=../dd")


def _fill_the_needs_assessment(page) -> None:
    page.goto("/coaching/intakes/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Needs assessments")
    look(page, "journey-intakes")
    page.get_by_role("button", name=f"Start a needs assessment for {ORGANIZATION}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"{ORGANIZATION}: what do you need?")
    # A first sitting: the goals and today's platforms, then a draft.
    page.get_by_label("Crisis readiness").check()
    page.get_by_label("Patient education").check()
    page.get_by_label("What success looks like").fill("Two patient videos a month.")
    in_use = page.get_by_role("group", name="Platforms in use today")
    in_use.get_by_label("Facebook").check()
    in_use.get_by_label("Instagram").check()
    look(page, "journey-intake-form")
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_text(re.compile(r"^Draft saved at \d{1,2}:\d{2} [AP]M\.$"))).to_be_visible()

    # She comes back later: the draft kept her answers.
    page.goto("/coaching/intakes/")
    draft_row = page.get_by_role("row").filter(has_text="Draft")
    expect(draft_row.get_by_role("cell").first).to_have_text("Draft")
    page.get_by_role("link", name="Continue the draft", exact=True).click()
    expect(page.get_by_label("Crisis readiness")).to_be_checked()
    expect(page.get_by_label("Patient education")).to_be_checked()
    expect(in_use.get_by_label("Instagram")).to_be_checked()
    expect(page.get_by_label("What success looks like")).to_have_value(
        "Two patient videos a month."
    )
    page.get_by_role("group", name="Platforms planned").get_by_label("TikTok").check()
    page.get_by_label("Who you want to reach").fill("Patients and families in the county.")
    page.get_by_label("People who will work on social media").fill("2")
    page.get_by_label("Hours a week they have for it, together").fill("6")
    page.get_by_label("How a post is approved today").fill("Legal reviews every post.")
    page.get_by_label("Legal or compliance").fill("Patient privacy in comments.")
    page.get_by_label("A policy is being drafted").check()
    page.get_by_role("button", name="Submit to the center").click()

    expect(
        page.get_by_text(
            f"Thank you: {ORGANIZATION}'s needs assessment is with the center.", exact=False
        )
    ).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text(ORGANIZATION)
    summary = page.get_by_role("article", name="Summary of the needs assessment")
    expect(summary).to_contain_text("Patients and families in the county.")
    expect(summary).to_contain_text("TikTok")
    look(page, "journey-intake-submitted")


def _assign_the_suggested_coach(page) -> None:
    page.goto("/staff/coaching/intakes/")
    awaiting = page.get_by_role("region", name="Needs assessments awaiting a coach")
    expect(awaiting.get_by_role("rowheader")).to_contain_text([ORGANIZATION])
    look(page, "journey-staff-intakes")
    awaiting.get_by_role("link", name=f"Assign a coach to {ORGANIZATION}").click()

    # Ranked (coaching_world's hand-worked scores): two 80s, the one with more free time
    # first (Dana: 35 h a week, 140 h in four weeks; Lee: Monday mornings, 12 h), then 23.
    suggestions = page.locator("li.suggestion")
    expect(suggestions.locator("strong").first).to_have_text("Dana Whitfield")
    expect(suggestions.locator("label > span > strong")).to_have_text(
        ["Dana Whitfield", "Lee Park", "Sam Okafor"]
    )
    expect(suggestions.locator(".badge").filter(has_text="/ 100")).to_have_text(
        ["80 / 100", "80 / 100", "23 / 100"]
    )
    expect(suggestions.nth(0)).to_contain_text("140 h free in the next 4 weeks")
    expect(suggestions.nth(1)).to_contain_text("12 h free in the next 4 weeks")
    expect(suggestions.nth(0)).to_contain_text("Hospital")
    look(page, "journey-assign")
    suggestions.nth(0).get_by_role("radio").check()
    page.get_by_role("button", name="Assign the coach").click()
    expect(page.get_by_text(f"Dana Whitfield is now {ORGANIZATION}’s coach.")).to_be_visible()


def _start_and_activate_the_engagement(page) -> None:
    page.get_by_role("link", name="Create the engagement").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Start an engagement")
    expect(page.get_by_text("its coach, Dana Whitfield, is chosen below")).to_be_visible()
    expect(page.get_by_label("Dana Whitfield (Crisis readiness for hospitals)")).to_be_checked()
    expect(page.get_by_label("Title")).to_have_value(TITLE)
    page.get_by_label("Kind").select_option(label="Coaching")
    page.get_by_label("Plan hours allotted").fill("6")
    page.get_by_label("Meeting link").fill("https://meet.example.org/riverside")
    look(page, "journey-engagement-new")
    page.get_by_role("button", name="Create the engagement").click()
    expect(page.get_by_text(f"{TITLE} was created (proposed).")).to_be_visible()
    status = page.get_by_role("region", name="Status")
    expect(status.locator(".badge")).to_have_text("Proposed")
    status.get_by_role("button", name="Activate").click()
    expect(
        page.get_by_text(f"{TITLE} is active: {ORGANIZATION}'s admins were emailed")
    ).to_be_visible()
    expect(status.locator(".badge")).to_have_text("Active")
    look(page, "journey-engagement-active")


def _book_next_wednesday_at_eleven(page) -> tuple[str, str]:
    """Books Wednesday of next week, 9:00 AM in Denver: 11:00 AM on the member's clock.
    Returns the day's heading ("Wed, Dec 2") and New York's zone abbreviation that day."""
    expect(fact(panel(page), "Hours left")).to_have_text("6 h of 6 h")
    expect(fact(panel(page), "Next session")).to_have_text("None booked")
    panel(page).get_by_role("link", name="Book a session").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Book a session")
    expect(page.get_by_text("Left to book:")).to_have_text("Left to book: 6 h.")
    expect(page.locator(".booking-zone")).to_contain_text(
        f"Times are shown in your time zone, {MEMBER_ZONE} ("
    )
    monday = monday_after(MEMBER_ZONE)
    wednesday = monday + timedelta(days=2)
    page.get_by_label("Week of").fill(monday.isoformat())
    page.get_by_role("button", name="Show times").click()
    day_name = f"{wednesday:%a, %b} {wednesday.day}"
    day = page.locator("details.booking-day").filter(
        has=page.get_by_role("heading", name=day_name, exact=True)
    )
    # The coach's first hour, 9:00 AM in Denver, is 11:00 AM in New York (EST or EDT).
    expect(day.locator(".booking-clock").first).to_have_text("11:00 AM")
    eastern = "EDT" if at(wednesday, 11, MEMBER_ZONE).dst() else "EST"
    slot = day.get_by_label(f"11:00 AM {eastern}", exact=True)  # the radio, named on her clock
    day.locator("label", has_text="11:00 AM").click()  # its chip (the radio itself is hidden)
    expect(slot).to_be_checked()
    page.get_by_label("Agenda").fill("Plan the first two patient videos.")
    look(page, "journey-book")
    page.get_by_role("button", name="Book this session").click()

    expect(page.get_by_text("Your session is booked")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text("Session with Dana Whitfield")
    mountain = "MDT" if at(wednesday, 9, COACH_ZONE).dst() else "MST"
    when = page.locator(".details dd").first
    expect(when).to_contain_text(
        f"{day_name}, {wednesday:%Y}, 11:00 AM {eastern} (60 minutes) (your time zone)"
    )
    expect(when).to_contain_text(f"{day_name}, {wednesday:%Y}, 9:00 AM {mountain} for the coach")
    look(page, "journey-session-booked")
    return day_name, eastern


def test_from_the_needs_assessment_to_an_action_item_ticked_off(new_page, live_server, staff):
    world = journey_world(staff=staff)

    admin = new_page()
    login(admin, live_server, world.admin)
    _fill_the_needs_assessment(admin)

    office = new_page()
    login(office, live_server, staff)  # with her second factor
    _assign_the_suggested_coach(office)
    _start_and_activate_the_engagement(office)

    # A member of the organization, in New York, books from her dashboard.
    member = new_page()
    login(member, live_server, world.member)
    expect(panel(member).get_by_role("heading", name=TITLE)).to_be_visible()
    day_name, eastern = _book_next_wednesday_at_eleven(member)
    member.goto("/dashboard/")
    expect(fact(panel(member), "Next session")).to_contain_text(
        f"{day_name}, 11:00 AM–12:00 PM {eastern}"
    )
    expect(fact(panel(member), "Hours left")).to_have_text("6 h of 6 h (1 h booked)")
    look(member, "journey-dashboard-booked")

    # The session took place (moved a day before now: recording waits for its start).
    session = move_into_the_past(CoachingSession.objects.get(engagement__title=TITLE))
    coach = new_page()
    login(coach, live_server, world.coaches["dana"].user)
    coach.get_by_role("link", name=re.compile(f"^Record .* with {ORGANIZATION}$")).click()
    expect(coach.get_by_role("heading", level=1)).to_have_text("Record the session")
    coach.get_by_label("Held", exact=True).check()
    coach.get_by_label("What you discussed").fill(
        "We chose **two videos**: a nurse's day, flu shots."
    )
    coach.get_by_label(f"Shared with {ORGANIZATION}").check()
    first = coach.get_by_role("group", name="Action item 1")
    first.get_by_label("What needs doing").fill(ITEM)
    first.get_by_label("Owner").select_option(label="Maria Lopez")
    due = center_today() + timedelta(days=7)
    first.get_by_label("Due on").fill(due.isoformat())
    look(coach, "journey-record")
    coach.get_by_role("button", name="Record the session").click()
    expect(coach.get_by_text("The session is recorded as held.")).to_be_visible()
    expect(coach.locator(".page-header .badge")).to_have_text("Held")
    session.refresh_from_db()
    assert session.status == SessionStatus.HELD

    # The member reads the shared note and ticks her item off on the engagement page.
    member.goto("/dashboard/")
    expect(fact(panel(member), "Hours left")).to_have_text("5 h of 6 h")  # 6 h − the 1 h held
    expect(panel(member)).to_contain_text(f"{ITEM} · due {due:%b} {due.day}")
    panel(member).get_by_role("link", name="Engagement, notes and action items").click()
    expect(member.get_by_role("heading", level=1)).to_have_text(TITLE)
    hours = member.get_by_role("region", name="Hours")
    expect(hours.locator(".coaching-hours-label")).to_have_text("Hours used: 1 h of 6 h (16 %)")
    expect(fact(hours, "Left")).to_have_text("5 h")
    notes = member.get_by_role("region", name="Session notes")
    expect(notes).to_contain_text(f"Shared with {ORGANIZATION}")
    expect(notes.locator("strong")).to_have_text("two videos")
    items = member.get_by_role("region", name="Action items")
    expect(items.locator("#open-action-items")).to_have_text("1 open")
    item = items.get_by_role("listitem").filter(has_text=ITEM)
    expect(fact(item, "Owner")).to_have_text("Maria Lopez")
    look(member, "journey-engagement")
    # Chromium names it "Done : Draft…" (the hidden span is laid out as a block).
    item.get_by_role("button", name=re.compile(rf"^Done ?: {ITEM}$")).click()
    item = items.get_by_role("listitem").filter(has_text=ITEM)
    expect(item.locator(".badge")).to_have_text("Done")
    expect(fact(item, "Done")).to_contain_text("by Maria Lopez")
    expect(items.locator("#open-action-items")).to_have_text("0 open")
    look(member, "journey-item-done")
    member.goto("/dashboard/")
    expect(panel(member)).not_to_contain_text(ITEM)


def test_a_booking_beyond_the_hours_left_is_refused_with_a_way_to_buy_more(
    new_page, live_server, staff
):
    world = journey_world(staff=staff)
    dana = world.coaches["dana"]
    engagement = make_engagement(world.organization, [dana], plan_hours=1)
    Engagement.objects.filter(pk=engagement.pk).update(plan_minutes=90)  # 1 h 30 min
    # One hour booked next Tuesday: 30 minutes are left to book.
    make_session(
        engagement,
        coach=dana,
        booked_by=world.member,
        starts_at=at(monday_after(COACH_ZONE) + timedelta(days=1), 10),
    )
    page = new_page()
    force_login(page, live_server, world.admin)
    monday = monday_after(MEMBER_ZONE)
    page.goto(f"/coaching/engagements/{engagement.public_id}/book/?week={monday.isoformat()}")
    warning = page.locator(".alert-warning")
    expect(warning).to_have_text(
        "A 60-minute session does not fit in the 30 min left. A 30-minute one may. Buy more hours."
    )
    wednesday = monday + timedelta(days=2)
    day = page.locator("details.booking-day").filter(
        has=page.get_by_role("heading", name=f"{wednesday:%a, %b} {wednesday.day}", exact=True)
    )
    day.locator(".booking-slot label").first.click()
    page.get_by_label("Agenda").fill("Rehearse the crisis statement.")
    page.get_by_role("button", name="Book this session").click()

    refusal = (
        "This engagement has 30 min left to book, so a 60-minute session does not fit "
        "(1 h 30 min in all, 0 h used, 1 h booked). Your organization's admin can buy more hours."
    )
    expect(page.get_by_text(refusal)).to_be_visible()
    look(page, "refused-over-allowance")
    assert CoachingSession.objects.filter(engagement=engagement).count() == 1
    page.locator("form.form").get_by_role("link", name="Buy more hours").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Buy more coaching hours")
    expect(page).to_have_url(re.compile(f"/coaching/engagements/{engagement.public_id}/hours/$"))
    look(page, "buy-hours")
