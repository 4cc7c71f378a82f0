"""The record page and the later-note form: who reaches them (the coach and staff; the
organization's people 403; anyone else 404), the refusals shown on the page (not started,
already recorded), errors beside the field, and everything saved by one POST."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from socialrx.coaching.models import ActionItem, HoursUse, SessionNote
from socialrx.core.calendar import center_today
from tests.coaching.factories import make_coach, make_engagement, make_session, member_org
from tests.factories import give_mfa

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def _hours_ago(hours: int):
    return (timezone.now() - timedelta(hours=hours)).replace(minute=0, second=0, microsecond=0)


@pytest.fixture
def world():
    organization, admin, member = member_org("Riverside Medical Center")
    coach = make_coach(full_name="Dana Whitfield").user
    give_mfa(coach)
    engagement = make_engagement(organization, [coach])
    session = make_session(engagement, booked_by=member, starts_at=_hours_ago(2))
    return organization, admin, member, coach, engagement, session


def _record_url(session) -> str:
    return reverse("coaching:record", args=[session.public_id])


def _form(**extra) -> dict:
    data = {
        "outcome": "held",
        "note_body": "",
        "note_visibility": "center",
        "items-TOTAL_FORMS": "3",
        "items-INITIAL_FORMS": "0",
        "items-MIN_NUM_FORMS": "0",
        "items-MAX_NUM_FORMS": "10",
    }
    for row in range(3):
        data |= {f"items-{row}-title": "", f"items-{row}-owner": "", f"items-{row}-due_on": ""}
    return data | extra


def _messages(response) -> list[str]:
    return [str(m) for m in response.wsgi_request._messages]


def test_the_coach_sees_the_form_with_the_organizations_people_as_owners(client, world):
    _, admin, member, coach, _, session = world
    client.force_login(coach)

    response = client.get(_record_url(session))

    assert response.status_code == 200
    page = response.content.decode()
    assert "<h1>Record the session</h1>" in page
    assert "Missed (no-show, counts the hour)" in page
    assert "Shared with Riverside Medical Center" in page
    assert f'value="{member.public_id}"' in page
    assert f'value="{admin.public_id}"' in page
    assert f'value="{coach.public_id}"' in page


def test_recording_saves_the_outcome_the_note_and_the_items_in_one_post(client, world):
    _, _, member, coach, engagement, session = world
    due = center_today() + timedelta(days=7)
    client.force_login(coach)

    response = client.post(
        _record_url(session),
        _form(
            note_body="Agreed: **two videos** a month.",
            note_visibility="shared",
            **{
                "items-0-title": "Draft the moderation policy",
                "items-0-owner": str(member.public_id),
                "items-0-due_on": due.isoformat(),
            },
        ),
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("coaching:session", args=[session.public_id])
    assert _messages(response) == ["The session is recorded as held."]
    session.refresh_from_db()
    assert session.status == "held"
    assert HoursUse.objects.get().minutes == 60
    assert SessionNote.objects.get().visibility == "shared"
    item = ActionItem.objects.get()
    assert (item.title, item.owner, item.due_on, item.session) == (
        "Draft the moderation policy",
        member,
        due,
        session,
    )


def test_staff_record_a_no_show(client, world, staff):
    *_, session = world
    client.force_login(staff)

    response = client.post(_record_url(session), _form(outcome="no_show"))

    assert response.status_code == 302
    assert _messages(response) == ["The session is recorded as missed."]
    assert HoursUse.objects.get().reason == "no_show"


def test_before_the_start_the_page_says_so_and_a_post_writes_nothing(client, world):
    _, _, member, coach, engagement, _ = world
    upcoming = make_session(engagement, booked_by=member)  # in three days
    client.force_login(coach)

    page = client.get(_record_url(upcoming))
    posted = client.post(_record_url(upcoming), _form())

    assert page.status_code == 200
    assert "This session has not started yet: record it once it has started." in (
        page.content.decode()
    )
    assert "Record the session</button>" not in page.content.decode()
    assert posted.status_code == 400
    assert not HoursUse.objects.exists()


def test_a_recorded_session_shows_its_notes_and_refuses_a_second_record(client, world):
    *_, coach, _, session = world
    client.force_login(coach)
    client.post(_record_url(session), _form(note_body="First notes."))

    again = client.post(_record_url(session), _form(outcome="no_show"))

    assert again.status_code == 409
    page = again.content.decode()
    assert "This session was recorded as held." in page
    assert "First notes." in page
    assert "Private to the center" in page
    assert HoursUse.objects.count() == 1


def test_bad_action_items_are_shown_beside_their_fields(client, world):
    _, _, _, coach, _, session = world
    _, other_admin, _ = member_org("Lakeside Family Physicians")
    yesterday = center_today() - timedelta(days=1)
    client.force_login(coach)

    response = client.post(
        _record_url(session),
        _form(
            **{
                "items-0-title": "Someone else's task",
                "items-0-owner": str(other_admin.public_id),
                "items-0-due_on": (center_today() + timedelta(days=2)).isoformat(),
                "items-1-title": "Late already",
                "items-1-due_on": yesterday.isoformat(),
            }
        ),
    )

    assert response.status_code == 400
    page = response.content.decode()
    assert (
        '<span class="field-error" id="id_items-0-owner_error">Choose someone of Riverside '
        "Medical Center or the coach.</span>"
    ) in page
    assert (
        '<span class="field-error" id="id_items-1-due_on_error">The due date is in the past: '
        "choose today or a later day.</span>"
    ) in page
    session.refresh_from_db()
    assert session.status == "booked"
    assert not ActionItem.objects.exists()


def test_no_outcome_is_shown_beside_the_field(client, world):
    *_, coach, _, session = world
    client.force_login(coach)

    response = client.post(_record_url(session), _form(outcome=""))

    assert response.status_code == 400
    assert "Say whether the session was held." in response.content.decode()


def test_the_organizations_people_are_refused_and_others_do_not_find_it(client, world, researcher):
    _, admin, member, _, _, session = world
    _, other_admin, _ = member_org("Lakeside Family Physicians")
    other_coach = make_coach().user
    give_mfa(other_coach)

    for person, status in (
        (member, 403),
        (admin, 403),
        (other_admin, 404),
        (other_coach, 404),
        (researcher, 404),
    ):
        client.force_login(person)
        assert client.get(_record_url(session)).status_code == status, person
        assert client.post(_record_url(session), _form()).status_code == status, person
    assert not HoursUse.objects.exists()


def test_an_unknown_session_is_not_found(client, world):
    *_, coach, _, _ = world
    client.force_login(coach)

    url = reverse("coaching:record", args=["00000000-0000-0000-0000-000000000000"])

    assert client.get(url).status_code == 404


# --- later notes --------------------------------------------------------------------------------


def _note_url(session) -> str:
    return reverse("coaching:note_new", args=[session.public_id])


def test_a_later_note_goes_back_to_the_page_it_came_from(client, world):
    *_, coach, _, session = world
    client.force_login(coach)
    client.post(_record_url(session), _form())
    back = reverse("coaching:session", args=[session.public_id])

    response = client.post(
        _note_url(session), {"body": "Follow-up.", "visibility": "shared", "next": back}
    )

    assert response.status_code == 302
    assert response["Location"] == back
    assert list(SessionNote.objects.values_list("body", "visibility")) == [("Follow-up.", "shared")]


def test_an_empty_or_too_long_note_is_shown_beside_the_field(client, world):
    *_, coach, _, session = world
    client.force_login(coach)
    client.post(_record_url(session), _form())

    empty = client.post(_note_url(session), {"body": "   ", "visibility": "center"})
    long = client.post(_note_url(session), {"body": "x" * 10_001, "visibility": "center"})

    assert empty.status_code == 400
    assert '<span class="field-error" id="id_body_error">This field is required.</span>' in (
        empty.content.decode()
    )
    assert long.status_code == 400
    assert "Keep the note to 10,000 characters." in long.content.decode()
    assert not SessionNote.objects.exists()


def test_a_note_before_the_session_is_recorded_is_refused(client, world):
    *_, coach, _, session = world
    client.force_login(coach)

    response = client.post(_note_url(session), {"body": "Early.", "visibility": "center"})

    assert response.status_code == 409
    assert "Notes are added once the session is recorded as held or missed." in (
        response.content.decode()
    )


def test_notes_on_another_organizations_session_are_not_found(client, world):
    *_, session = world
    _, other_admin, _ = member_org("Lakeside Family Physicians")
    client.force_login(other_admin)

    response = client.post(_note_url(session), {"body": "Mine.", "visibility": "shared"})

    assert response.status_code == 404
    assert not SessionNote.objects.exists()


def test_a_begun_row_needs_its_title_and_due_date_and_empty_rows_are_skipped(client, world):
    _, _, member, coach, _, session = world
    client.force_login(coach)

    response = client.post(_record_url(session), _form(**{"items-1-owner": str(member.public_id)}))

    assert response.status_code == 400
    page = response.content.decode()
    assert (
        '<span class="field-error" id="id_items-1-title_error">Say what needs doing (or empty '
        "the row).</span>"
    ) in page
    assert '<span class="field-error" id="id_items-1-due_on_error">Choose a due date.</span>' in (
        page
    )
    assert "id_items-0-title_error" not in page
    assert not HoursUse.objects.exists()
