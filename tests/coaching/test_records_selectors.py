"""`records_for` / `session_records`: which notes each role reads, the order of action items,
the partials' rendering, and a fixed number of queries however many items and notes."""

from datetime import timedelta

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from socialrx.coaching.models import SessionNote
from socialrx.coaching.selectors.records import describe_due, records_for, session_records
from socialrx.core.calendar import center_today
from tests.coaching.factories import (
    make_action_item,
    make_coach,
    make_engagement,
    make_session,
    member_org,
)
from tests.factories import give_mfa

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def world():
    organization, admin, member = member_org("Riverside Medical Center")
    coach = make_coach(full_name="Dana Whitfield").user
    engagement = make_engagement(organization, [coach])
    start = (timezone.now() - timedelta(days=2)).replace(minute=0, second=0, microsecond=0)
    session = make_session(engagement, booked_by=member, starts_at=start, status="held")
    return organization, admin, member, coach, engagement, session


def _note(session, body, visibility, author=None):
    return SessionNote.objects.create(
        session=session, author=author or session.coach, body=body, visibility=visibility
    )


def _bodies(records) -> list[str]:
    return [note.body for note in records["notes"]]


# --- who reads which notes ------------------------------------------------------------------------


def test_the_organizations_people_read_the_shared_notes_only(world):
    _, admin, member, _, engagement, session = world
    _note(session, "Legal is nervous.", "center")
    _note(session, "Two videos a month.", "shared")

    for person in (member, admin):
        records = records_for(engagement, person)
        assert _bodies(records) == ["Two videos a month."]
        assert records["may_read_center_notes"] is False


def test_the_coach_and_staff_read_every_note_newest_first(world, staff):
    *_, coach, engagement, session = world
    _note(session, "Legal is nervous.", "center")
    _note(session, "Two videos a month.", "shared")

    for person in (coach, staff):
        assert _bodies(records_for(engagement, person)) == [
            "Two videos a month.",
            "Legal is nervous.",
        ]


def test_another_organizations_admin_does_not_find_the_engagement(client, world):
    *_, engagement, session = world
    _note(session, "Two videos a month.", "shared")
    _, other_admin, _ = member_org("Lakeside Family Physicians")
    client.force_login(other_admin)

    response = client.get(reverse("coaching:engagement", args=[engagement.public_id]))

    assert response.status_code == 404


def test_the_engagement_page_shows_a_member_the_shared_note_only(client, world):
    _, _, member, _, engagement, session = world
    _note(session, "Legal is nervous.", "center")
    _note(session, "Two *videos* a month.", "shared")
    client.force_login(member)

    page = client.get(reverse("coaching:engagement", args=[engagement.public_id]))

    text = page.content.decode()
    assert page.status_code == 200
    assert "Two <em>videos</em> a month." in text
    assert "Legal is nervous." not in text
    assert "Shared with Riverside Medical Center" in text


def test_the_session_page_shows_the_coach_both_notes(client, world):
    *_, coach, _, session = world
    give_mfa(coach)
    _note(session, "Legal is nervous.", "center")
    _note(session, "Two videos a month.", "shared")
    client.force_login(coach)

    page = client.get(reverse("coaching:session", args=[session.public_id]))

    text = page.content.decode()
    assert "Legal is nervous." in text
    assert "Two videos a month." in text
    assert "Private to the center" in text


def test_session_records_keep_to_the_session(world):
    _, _, member, coach, engagement, session = world
    other = make_session(engagement, booked_by=member, status="held")
    _note(session, "This one.", "shared")
    _note(other, "The other one.", "shared")
    make_action_item(engagement, title="Of this session", session=session)
    make_action_item(engagement, title="Of the engagement")

    records = session_records(session, coach)

    assert _bodies(records) == ["This one."]
    assert [item.title for item in records["action_items"]] == ["Of this session"]
    assert records["records_session"] == session


# --- action items ---------------------------------------------------------------------------------


def test_open_items_come_first_by_due_date_then_the_latest_done(world):
    _, _, member, coach, engagement, _ = world
    now = timezone.now()
    make_action_item(engagement, title="Due in 9 days", due_in_days=9)
    make_action_item(engagement, title="Overdue", due_in_days=-3)
    make_action_item(engagement, title="Done long ago", done_at=now - timedelta(days=5))
    make_action_item(engagement, title="Due tomorrow", due_in_days=1)
    make_action_item(engagement, title="Done today", done_at=now, done_by=member)

    records = records_for(engagement, member)

    assert [item.title for item in records["action_items"]] == [
        "Overdue",
        "Due tomorrow",
        "Due in 9 days",
        "Done today",
        "Done long ago",
    ]
    assert records["open_action_items"] == 3
    assert [item.due_in_words for item in records["action_items"]] == [
        "Overdue by 3 days",
        "Due tomorrow",
        "Due in 9 days",
        "",
        "",
    ]


@pytest.mark.unit
def test_due_dates_in_words():
    today = center_today()

    assert describe_due(today - timedelta(days=1), today=today) == "Overdue by 1 day"
    assert describe_due(today - timedelta(days=3), today=today) == "Overdue by 3 days"
    assert describe_due(today, today=today) == "Due today"
    assert describe_due(today + timedelta(days=1), today=today) == "Due tomorrow"
    assert describe_due(today + timedelta(days=2), today=today) == "Due in 2 days"


def test_who_may_tick_and_who_may_add(world, staff, researcher):
    _, admin, member, coach, engagement, _ = world

    flags = {
        name: (records["may_tick_action_items"], records["may_record"])
        for name, records in (
            ("member", records_for(engagement, member)),
            ("admin", records_for(engagement, admin)),
            ("coach", records_for(engagement, coach)),
            ("staff", records_for(engagement, staff)),
        )
    }

    assert flags == {
        "member": (True, False),
        "admin": (True, False),
        "coach": (True, True),
        "staff": (True, True),
    }
    assert [p.display_name for p in records_for(engagement, coach)["action_item_owners"]] == (
        sorted([admin.display_name, member.display_name, "Dana Whitfield"])
    )


# --- the partials ---------------------------------------------------------------------------------


def _render(template: str, records: dict, user, path: str = "/coaching/engagements/x/") -> str:
    request = RequestFactory().get(path)
    request.user = user
    return render_to_string(template, {**records, "request": request, "user": user})


def test_the_action_items_partial_for_a_member(world):
    _, _, member, _, engagement, _ = world
    item = make_action_item(engagement, title="Draft the policy", owner=member, due_in_days=-3)
    make_action_item(engagement, title="Film the intro", done_at=timezone.now(), done_by=member)

    html = _render("coaching/_action_items.html", records_for(engagement, member), member)

    assert '<span class="badge badge-danger">Overdue by 3 days</span>' in html
    assert f"<dd>{member.display_name}</dd>" in html
    assert '<span class="badge badge-success">Done</span>' in html
    assert html.count('aria-pressed="false"') == 1
    assert html.count('aria-pressed="true"') == 1
    toggle = reverse("coaching:action_item_toggle", args=[item.public_id])
    assert f'action="{toggle}"' in html
    assert '<input type="hidden" name="next" value="/coaching/engagements/x/">' in html
    assert '<span class="badge badge-brand" id="open-action-items">1 open</span>' in html
    assert "Add an action item" not in html


def test_the_action_items_partial_for_the_coach_has_the_add_form(world):
    *_, coach, engagement, _ = world

    html = _render("coaching/_action_items.html", records_for(engagement, coach), coach)

    assert "No action items yet." in html
    assert "Add an action item" in html
    assert f'action="{reverse("coaching:action_item_new", args=[engagement.public_id])}"' in html


def test_the_notes_partial_escapes_what_it_does_not_render(world):
    *_, coach, engagement, session = world
    _note(session, "# Plan\n\n**Bold** <script>alert(1)</script>", "shared")
    _note(session, "Private thought.", "center", author=None)

    html = _render("coaching/_notes.html", records_for(engagement, coach), coach)

    assert "<strong>Bold</strong>" in html
    assert "<h4>Plan</h4>" in html  # under the note's own h3
    assert "<script>" not in html
    assert (
        '<span class="badge badge-brand records-visibility">Shared with Riverside Medical '
        "Center</span>" in html
    )
    assert (
        '<span class="badge badge-warning records-visibility">Private to the center</span>' in html
    )
    assert "Dana Whitfield" in html


# --- queries --------------------------------------------------------------------------------------


def _fill(engagement, session, member, count: int) -> None:
    for number in range(count):
        make_action_item(engagement, title=f"Item {number}", owner=member, session=session)
        _note(session, f"Note {number}", "shared" if number % 2 else "center")


@pytest.mark.parametrize("count", [2, 10])
def test_records_for_makes_the_same_queries_at_any_size(world, count, django_assert_num_queries):
    _, _, member, coach, engagement, session = world
    _fill(engagement, session, member, count)
    coach.refresh_from_db()  # no facts cached from writing the data

    # The engagement's coaches (asked by the rules), the coach's seats (the rule for ticking
    # asks for organization roles first), the items with their people, the notes with their
    # sessions and authors, the owners offered to the coach: 5.
    with django_assert_num_queries(5):
        records = records_for(engagement, coach)

    assert len(records["action_items"]) == count
    assert len(records["notes"]) == count


@pytest.mark.parametrize("count", [2, 10])
def test_a_members_records_make_the_same_queries_at_any_size(
    world, count, django_assert_num_queries
):
    _, _, member, _, engagement, session = world
    _fill(engagement, session, member, count)
    member.refresh_from_db()

    # The coaches, the member's seats (their roles), the items, the shared notes: 4.
    with django_assert_num_queries(4):
        records = records_for(engagement, member)

    assert len(records["notes"]) == count // 2
