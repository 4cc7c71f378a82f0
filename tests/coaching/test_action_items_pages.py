"""The action item forms: adding one on the engagement (errors beside the field), ticking off
and reopening with a plain POST (back to the page) or with htmx (the item and the count come
back), and the refusals (403 for the organization's people adding, 404 for anyone else)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from socialrx.coaching.models import ActionItem
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
    give_mfa(coach)
    engagement = make_engagement(organization, [coach])
    return organization, admin, member, coach, engagement


def _new_url(engagement) -> str:
    return reverse("coaching:action_item_new", args=[engagement.public_id])


def _toggle_url(item) -> str:
    return reverse("coaching:action_item_toggle", args=[item.public_id])


def _engagement_url(engagement) -> str:
    return reverse("coaching:engagement", args=[engagement.public_id])


def _messages(response) -> list[str]:
    return [str(m) for m in response.wsgi_request._messages]


# --- adding --------------------------------------------------------------------------------------


def test_the_coach_adds_an_item_and_comes_back(client, world):
    _, _, member, coach, engagement = world
    due = center_today() + timedelta(days=5)
    client.force_login(coach)

    response = client.post(
        _new_url(engagement),
        {
            "title": "Write the FAQ",
            "owner": str(member.public_id),
            "due_on": due.isoformat(),
            "next": _engagement_url(engagement),
        },
    )

    assert response.status_code == 302
    assert response["Location"] == _engagement_url(engagement)
    assert _messages(response) == ["“Write the FAQ” is on the action items."]
    assert list(ActionItem.objects.values_list("title", "owner", "due_on", "session")) == [
        ("Write the FAQ", member.pk, due, None)
    ]


def test_an_item_added_from_a_session_page_belongs_to_that_session(client, world):
    _, _, member, coach, engagement = world
    session = make_session(engagement, booked_by=member, status="held")
    client.force_login(coach)

    client.post(
        _new_url(engagement),
        {
            "title": "Write the FAQ",
            "due_on": center_today().isoformat(),
            "session": str(session.public_id),
        },
    )

    assert ActionItem.objects.get().session == session


def test_a_session_of_another_engagement_is_not_found(client, world):
    organization, _, member, coach, engagement = world
    other = make_engagement(organization, [coach], title="Crisis readiness")
    session = make_session(other, booked_by=member, status="held")
    client.force_login(coach)

    response = client.post(
        _new_url(engagement),
        {"title": "X", "due_on": center_today().isoformat(), "session": str(session.public_id)},
    )

    assert response.status_code == 404
    assert not ActionItem.objects.exists()


def test_a_bad_owner_and_a_past_date_are_shown_beside_their_fields(client, world):
    *_, coach, engagement = world
    _, other_admin, _ = member_org("Lakeside Family Physicians")
    client.force_login(coach)

    response = client.post(
        _new_url(engagement),
        {
            "title": "Write the FAQ",
            "owner": str(other_admin.public_id),
            "due_on": (center_today() - timedelta(days=2)).isoformat(),
        },
    )

    assert response.status_code == 400
    page = response.content.decode()
    assert "<h1>Add an action item</h1>" in page
    assert (
        '<span class="field-error" id="id_owner_error">Choose someone of Riverside Medical '
        "Center or the coach.</span>"
    ) in page
    assert (
        '<span class="field-error" id="id_due_on_error">The due date is in the past: choose '
        "today or a later day.</span>"
    ) in page
    assert not ActionItem.objects.exists()


def test_a_date_that_is_not_one_is_shown_beside_the_field(client, world):
    *_, coach, engagement = world
    client.force_login(coach)

    response = client.post(_new_url(engagement), {"title": "X", "due_on": "31/02/2026"})

    assert response.status_code == 400
    assert "Enter a date, like 2026-03-31." in response.content.decode()


def test_the_organizations_people_may_not_add_and_others_do_not_find_it(client, world, researcher):
    _, admin, member, _, engagement = world
    _, other_admin, _ = member_org("Lakeside Family Physicians")
    data = {"title": "X", "due_on": center_today().isoformat()}

    for person, status in ((member, 403), (admin, 403), (other_admin, 404), (researcher, 404)):
        client.force_login(person)
        assert client.post(_new_url(engagement), data).status_code == status
    assert client.get(_new_url(engagement)).status_code == 405
    assert not ActionItem.objects.exists()


# --- ticking off ---------------------------------------------------------------------------------


def test_a_member_ticks_off_and_reopens_with_plain_posts(client, world):
    _, _, member, _, engagement = world
    item = make_action_item(engagement, title="Write the FAQ", owner=member)
    back = _engagement_url(engagement)
    client.force_login(member)

    ticked = client.post(_toggle_url(item), {"done": "1", "next": back})
    item.refresh_from_db()
    assert (ticked.status_code, ticked["Location"]) == (302, back)
    assert _messages(ticked) == ["“Write the FAQ” is done."]
    assert item.done_by == member

    reopened = client.post(_toggle_url(item), {"done": "0", "next": back})
    item.refresh_from_db()
    assert _messages(reopened)[-1] == "“Write the FAQ” is open again."
    assert (item.done_at, item.done_by) == (None, None)


def test_an_offsite_next_is_ignored(client, world):
    _, _, member, _, engagement = world
    item = make_action_item(engagement)
    client.force_login(member)

    response = client.post(_toggle_url(item), {"done": "1", "next": "https://evil.example/"})

    assert response["Location"] == _engagement_url(engagement)


def test_with_htmx_the_item_and_the_open_count_come_back(client, world):
    _, _, member, _, engagement = world
    item = make_action_item(engagement, title="Write the FAQ", owner=member)
    make_action_item(engagement, title="Still open")
    client.force_login(member)

    response = client.post(
        _toggle_url(item), {"done": "1", "next": "/somewhere/"}, HTTP_HX_REQUEST="true"
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert html.startswith(f'<li id="action-item-{item.public_id}" class="records-item-done">')
    assert 'aria-pressed="true"' in html
    assert '<input type="hidden" name="done" value="0">' in html
    assert '<input type="hidden" name="next" value="/somewhere/">' in html
    assert (
        '<span class="badge badge-brand" id="open-action-items" hx-swap-oob="true">1 open</span>'
    ) in html


def test_on_a_session_page_the_count_is_the_sessions(client, world):
    _, _, member, _, engagement = world
    session = make_session(engagement, booked_by=member, status="held")
    item = make_action_item(engagement, session=session)
    make_action_item(engagement, title="Of the engagement")
    client.force_login(member)

    response = client.post(
        _toggle_url(item),
        {"done": "1", "scope_session": str(session.public_id)},
        HTTP_HX_REQUEST="true",
    )

    assert 'id="open-action-items" hx-swap-oob="true">0 open</span>' in response.content.decode()


def test_the_coach_and_staff_tick_too(client, world, staff):
    *_, coach, engagement = world
    first = make_action_item(engagement)
    second = make_action_item(engagement)

    client.force_login(coach)
    client.post(_toggle_url(first), {"done": "1"})
    client.force_login(staff)
    client.post(_toggle_url(second), {"done": "1"})

    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.done_by, second.done_by) == (coach, staff)


def test_another_organizations_item_is_not_found(client, world, researcher):
    *_, engagement = world
    item = make_action_item(engagement)
    _, other_admin, _ = member_org("Lakeside Family Physicians")
    other_coach = make_coach().user
    give_mfa(other_coach)

    for person in (other_admin, other_coach, researcher):
        client.force_login(person)
        assert client.post(_toggle_url(item), {"done": "1"}).status_code == 404
    item.refresh_from_db()
    assert item.done_at is None
    assert client.get(_toggle_url(item)).status_code == 405


def test_the_done_item_shows_who_and_when_on_the_engagement_page(client, world):
    _, _, member, _, engagement = world
    make_action_item(engagement, title="Write the FAQ", done_at=timezone.now(), done_by=member)
    client.force_login(member)

    page = client.get(_engagement_url(engagement)).content.decode()

    assert "<s>Write the FAQ</s>" in page
    assert f"by {member.display_name}</dd>" in page
