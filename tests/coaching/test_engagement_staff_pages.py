"""The coaching back office's engagement pages: the home (engagements by status, intakes
waiting), a new engagement (from an intake or not) and the edit page with its status buttons;
bad input answered beside the field, never a 500."""

from __future__ import annotations

import pytest
from django.urls import reverse

from socialrx.coaching.models import Engagement, Intake
from tests.coaching.engagement_support import book_ahead, hold
from tests.coaching.factories import make_coach, make_engagement, member_org
from tests.factories import UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.integration]

ORG = "Riverside Medical Center"
HOME = "/staff/coaching/"
NEW = "/staff/coaching/engagements/new/"


@pytest.fixture
def riverside():
    return member_org(ORG)


@pytest.fixture
def coach():
    return make_coach(full_name="Maya Okafor")


@pytest.fixture
def signed_in_staff(client, staff):
    client.force_login(staff)
    return staff


def _edit_url(engagement) -> str:
    return reverse("coaching:staff_engagement_edit", args=[engagement.public_id])


def _form(organization, coach, **changes) -> dict:
    values = {
        "organization": str(organization.public_id),
        "kind": "coaching",
        "title": "Launching the physician video series",
        "goals": "Two videos a month.",
        "coaches": [str(coach.user.pk)],
        "plan_hours": "5",
        "meeting_url": "https://meet.example.org/riverside",
        "status": "proposed",
    }
    return values | changes


def _error(response, field) -> str:
    return response.context["form"].errors[field][0]


# --- home -----------------------------------------------------------------------------------


def test_the_home_lists_engagements_by_status_and_the_intakes_waiting(
    client, signed_in_staff, riverside, coach
):
    active = make_engagement(riverside[0], [coach], plan_hours=4, title="Video series")
    hold(active, 60)
    session = book_ahead(active, 60)
    proposed = make_engagement(
        riverside[0], [coach], plan_hours=0, status="proposed", title="Crisis drill"
    )
    completed = make_engagement(
        riverside[0], [coach], plan_hours=0, status="completed", title="Old one"
    )
    Intake.objects.create(organization=riverside[0], status="submitted")
    Intake.objects.create(organization=riverside[0], status="draft")  # not waiting: a draft

    response = client.get(HOME)

    html = response.content.decode()
    home = response.context["home"]
    assert response.status_code == 200
    assert home.counts == {"proposed": 1, "active": 1, "completed": 1}
    assert [c.engagement for c in home.active] == [active]
    assert [c.engagement for c in home.proposed] == [proposed]
    assert [c.engagement for c in home.completed] == [completed]
    assert home.intakes_waiting == 1
    assert home.active[0].next_session_at == session.starts_at
    # 1 h used of 4 h.
    assert '<span class="nowrap">1 h / 4 h</span>' in html
    assert f'href="{reverse("coaching:staff_intakes")}">Assign coaches</a>' in html
    assert 'aria-label="Coaching back office"' in html  # the tabs
    assert _edit_url(proposed) in html


@pytest.mark.parametrize("count", [1, 5])
def test_the_home_takes_the_same_queries_for_1_and_5_engagements_of_each_status(
    client, signed_in_staff, riverside, django_assert_num_queries, count
):
    for number in range(count):
        for status in ("proposed", "active", "completed"):
            engagement = make_engagement(
                riverside[0],
                [make_coach(), make_coach()],
                plan_hours=0,
                status=status,
                title=f"{status} {number}",
            )
            if status == "active":
                book_ahead(engagement, 30, days=number + 2)

    # session, person; counts by status; open engagements, their coaches; completed ones,
    # their coaches; the allowances' three; intakes waiting; the menus' membership check
    # 3 of them read the organizations' membership years (the plan hours they still hold).
    with django_assert_num_queries(15):
        response = client.get(HOME)

    assert len(response.context["home"].active) == count


def test_the_back_office_is_for_staff_only(client, riverside, coach):
    assert client.get(HOME).status_code == 302  # to sign in
    client.force_login(riverside[1])
    assert client.get(HOME).status_code == 403
    assert client.get(NEW).status_code == 403
    engagement = make_engagement(riverside[0], [coach])
    assert client.get(_edit_url(engagement)).status_code == 403


# --- new ------------------------------------------------------------------------------------


def test_staff_start_an_engagement(client, signed_in_staff, riverside, coach):
    page = client.get(NEW)
    assert page.status_code == 200
    assert "Maya Okafor" in page.content.decode()

    response = client.post(NEW, _form(riverside[0], coach, status="active", plan_hours="4.5"))

    engagement = Engagement.objects.get()
    assert response.status_code == 302
    assert response.url == _edit_url(engagement)
    assert (engagement.status, engagement.plan_minutes) == ("active", 270)
    assert list(engagement.coaches.all()) == [coach.user]


def test_a_new_engagement_from_an_intake_is_prefilled(client, signed_in_staff, riverside, coach):
    intake = Intake.objects.create(
        organization=riverside[0],
        status="assigned",
        goals=["crisis_readiness"],
        goals_detail="A plan for the first hour of a crisis.",
        assigned_coach=coach.user,
    )

    page = client.get(f"{NEW}?intake={intake.public_id}")

    html = page.content.decode()
    form = page.context["form"]
    assert form["title"].value() == "Crisis readiness"
    assert form["goals"].value() == "- Crisis readiness\n\nA plan for the first hour of a crisis."
    assert form["coaches"].value() == [coach.user.pk]
    assert "Starting from" in html and "its coach, Maya Okafor, is chosen below" in html
    # 12 h included, none allotted yet.
    assert f"{ORG} has 12 h of included hours left this membership year not yet allotted." in html

    posted = client.post(
        f"{NEW}?intake={intake.public_id}",
        # The organization is the intake's whatever the request says.
        _form(riverside[0], coach, title="Crisis readiness") | {"organization": "ignored"},
    )

    assert posted.status_code == 302
    engagement = Engagement.objects.get()
    assert (engagement.intake, engagement.organization) == (intake, riverside[0])


@pytest.mark.parametrize("intake", ["not-a-uuid", "4b0c8a5e-1f5e-4d43-9d25-0d5e2b3c4a11"])
def test_a_bad_or_unknown_intake_is_not_found(client, signed_in_staff, intake):
    assert client.get(f"{NEW}?intake={intake}").status_code == 404


def test_a_draft_intake_is_refused_with_a_message(client, signed_in_staff, riverside, coach):
    intake = Intake.objects.create(organization=riverside[0], status="draft")

    page = client.get(f"{NEW}?intake={intake.public_id}")
    posted = client.post(f"{NEW}?intake={intake.public_id}", _form(riverside[0], coach))

    assert "still a draft" in page.content.decode()
    assert posted.status_code == 400
    assert not Engagement.objects.exists()


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"plan_hours": "0.25"},
            "plan_hours",
            "Plan hours come in half hours (0.5, 1, 1.5…): sessions last 30 or 60 minutes.",
        ),
        ({"plan_hours": "-1"}, "plan_hours", "Plan hours cannot be negative: enter 0 or more."),
        (
            {"plan_hours": "lots"},
            "plan_hours",
            "Enter the plan hours as a number, in half hours (0.5, 1, 1.5…).",
        ),
        (
            {"plan_hours": "12.5"},
            "plan_hours",
            f"{ORG} has 12 h of included hours left this membership year not yet allotted: "
            "allot at most that.",
        ),
        ({"coaches": []}, "coaches", "Choose at least one coach."),
        ({"title": ""}, "title", "This field is required."),
        ({"meeting_url": "meet me"}, "meeting_url", "Use a secure link that starts with https://."),
        (
            {"meeting_url": "http://meet.example.org/riverside"},
            "meeting_url",
            "Use a secure link that starts with https://.",
        ),
    ],
)
def test_bad_input_is_answered_beside_the_field(
    client, signed_in_staff, riverside, coach, changes, field, message
):
    response = client.post(NEW, _form(riverside[0], coach, **changes))

    assert response.status_code == 400
    assert _error(response, field) == message
    assert not Engagement.objects.exists()


def test_someone_who_is_not_a_coach_cannot_be_chosen(client, signed_in_staff, riverside, coach):
    not_a_coach = UserFactory(full_name="Pat Lee")

    response = client.post(NEW, _form(riverside[0], coach, coaches=[str(not_a_coach.pk)]))

    assert response.status_code == 400
    assert _error(response, "coaches") == "Choose coaches from the list."


# --- edit -----------------------------------------------------------------------------------


def test_staff_edit_an_engagement(client, signed_in_staff, riverside, coach):
    engagement = make_engagement(riverside[0], [coach], plan_hours=5)
    page = client.get(_edit_url(engagement))
    assert page.status_code == 200
    assert page.context["form"]["plan_hours"].value() == 5

    response = client.post(
        _edit_url(engagement), _form(riverside[0], coach, title="Season two", plan_hours="6")
    )

    assert response.status_code == 302
    engagement.refresh_from_db()
    assert (engagement.title, engagement.plan_minutes) == ("Season two", 360)


def test_plan_hours_below_what_was_used_are_refused(client, signed_in_staff, riverside, coach):
    engagement = make_engagement(riverside[0], [coach], plan_hours=5)
    hold(engagement, 60)
    hold(engagement, 60)

    response = client.post(_edit_url(engagement), _form(riverside[0], coach, plan_hours="1.5"))

    assert response.status_code == 400
    assert _error(response, "plan_hours") == (
        "This engagement already used 2 h of plan hours: allot at least that."
    )


def test_activate_then_complete(client, signed_in_staff, riverside, coach):
    engagement = make_engagement(riverside[0], [coach], status="proposed")

    activated = client.post(_edit_url(engagement), {"change": "activate"})
    engagement.refresh_from_db()
    assert (activated.status_code, engagement.status) == (302, "active")

    completed = client.post(_edit_url(engagement), {"change": "complete"})
    engagement.refresh_from_db()
    assert (completed.status_code, engagement.status) == (302, "completed")

    page = client.get(_edit_url(engagement)).content.decode()
    assert "This engagement is completed: it can no longer be changed." in page
    refused = client.post(_edit_url(engagement), _form(riverside[0], coach, title="Late edit"))
    assert refused.status_code == 400
    assert "completed: it cannot be changed" in refused.content.decode()


def test_completing_with_sessions_booked_ahead_says_which(
    client, signed_in_staff, riverside, coach
):
    engagement = make_engagement(riverside[0], [coach])
    book_ahead(engagement, 60)

    response = client.post(_edit_url(engagement), {"change": "complete"})

    assert response.status_code == 400
    html = response.content.decode()
    assert "1 session is still booked ahead (" in html
    assert "with Maya Okafor" in html
    engagement.refresh_from_db()
    assert engagement.status == "active"


def test_an_unknown_status_change_is_refused(client, signed_in_staff, riverside, coach):
    engagement = make_engagement(riverside[0], [coach], status="proposed")

    response = client.post(_edit_url(engagement), {"change": "restart"})

    assert response.status_code == 400
    assert "Choose activate or complete." in response.content.decode()


def test_an_unknown_engagement_is_not_found(client, signed_in_staff):
    url = "/staff/coaching/engagements/4b0c8a5e-1f5e-4d43-9d25-0d5e2b3c4a11/edit/"

    assert client.get(url).status_code == 404
