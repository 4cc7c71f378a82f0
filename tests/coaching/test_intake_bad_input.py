"""Bad input on the needs-assessment form: each answer out of bounds is shown beside its field
(200, never a 500); the draft keeps the answers that were valid and nothing of the bad ones,
and a bad answer stops a submission."""

from decimal import Decimal

import pytest
from django.urls import reverse

from socialrx.coaching.models import Intake
from socialrx.coaching.services.intakes import save_draft, start_intake
from socialrx.core.models import AuditEvent

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def draft(org_a) -> Intake:
    organization, admin, _member = org_a
    intake = start_intake(actor=admin, organization=organization)
    # What an earlier save kept: a bad answer later must not wipe it.
    return save_draft(
        actor=admin,
        intake=intake,
        data={"people_available": 4, "hours_per_week": Decimal("3.5"), "goals": ["reputation"]},
    )


@pytest.fixture
def admin_client(client, org_a):
    client.force_login(org_a[1])
    return client


def post(client, intake, **data):
    """The form as a browser sends it: every answer, the draft's saved ones where not changed."""
    shown = {"people_available": "4", "hours_per_week": "3.5", "goals": ["reputation"]}
    return client.post(reverse("coaching:intake_edit", args=[intake.public_id]), shown | data)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("people_available", "0", "At least 1 person: someone has to do the work."),
        ("people_available", "9999", "At most 500 people."),
        ("people_available", "2.5", "Enter a whole number of people, such as 2."),
        ("hours_per_week", "abc", "Enter a number of hours, such as 6 or 2.5."),
        ("hours_per_week", "NaN", "Enter a number of hours, such as 6 or 2.5."),
        ("hours_per_week", "0.2", "At least half an hour (0.5) a week."),
        ("hours_per_week", "200", "At most 168 hours: that is every hour of the week."),
        ("hours_per_week", "2.25", "Use at most one decimal, such as 2.5."),
        (
            "goals",
            "world_domination",
            "Choose goals from the list (“world_domination” is not one).",
        ),
        ("platforms_in_use", "myspace", "Choose platforms from the list (“myspace” is not one)."),
        ("platforms_planned", "9999", "Choose platforms from the list (“9999” is not one)."),
        ("policy_status", "maybe", "Choose one of the answers."),
    ],
)
def test_a_bad_answer_is_shown_beside_its_field_and_not_saved(
    admin_client, draft, field, value, message
):
    response = post(admin_client, draft, save="1", audience="Patients", **{field: value})

    assert response.status_code == 200
    page = response.content.decode()
    assert f'id="id_{field}_error">{message}</span>' in page
    assert "except the answers below" in page
    draft.refresh_from_db()
    # The valid answer of the same post is saved; the bad one leaves the earlier value.
    assert draft.audience == "Patients"
    assert (draft.people_available, draft.hours_per_week) == (4, Decimal("3.5"))
    assert list(draft.platforms_in_use.all()) == []


def test_a_bad_goal_keeps_the_goals_saved_before(admin_client, draft):
    post(admin_client, draft, save="1", goals=["recruitment", "world_domination"])

    draft.refresh_from_db()
    assert draft.goals == ["reputation"]


def test_text_over_two_thousand_characters_is_refused_with_its_length(admin_client, draft):
    response = post(admin_client, draft, save="1", anything_else="x" * 2001, audience="Patients")

    assert response.status_code == 200
    assert "Keep this under 2,000 characters (it has 2001)." in response.content.decode()
    draft.refresh_from_db()
    assert (draft.anything_else, draft.audience) == ("", "Patients")


def test_a_bad_answer_stops_a_submission_even_when_the_rest_is_complete(admin_client, draft):
    response = post(
        admin_client,
        draft,
        submit="1",
        goals=["reputation"],
        platforms_in_use=["facebook"],
        audience="Patients",
        people_available="9999",
        hours_per_week="3.5",
        policy_status="none",
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert "Not sent yet." in page
    assert "At most 500 people." in page
    draft.refresh_from_db()
    assert (draft.status, draft.people_available, draft.audience) == ("draft", 4, "Patients")
    assert not AuditEvent.objects.filter(action="coaching.intake.submitted").exists()


def test_the_error_list_links_to_each_field(admin_client, draft):
    response = post(admin_client, draft, save="1", people_available="0", hours_per_week="abc")

    page = response.content.decode()
    assert '<a href="#id_people_available">People who will work on social media</a>' in page
    assert '<a href="#id_hours_per_week">Hours a week they have for it, together</a>' in page


def test_a_get_on_the_start_action_is_refused(admin_client):
    assert admin_client.get(reverse("coaching:intake_new")).status_code == 405
