"""The full version, step by step: every question reachable, progress shown, answers kept in
the session between steps, nothing written before a complete submission, and who may take it."""

import pytest
from django.urls import reverse

from socialrx.core.models import AuditEvent
from socialrx.toolkit.assessment_questions import SECTIONS, STEP_COUNT
from socialrx.toolkit.forms_assessments import step_data
from socialrx.toolkit.models import Assessment
from tests.factories import StaffFactory, give_mfa
from tests.toolkit.factories import FULL_ANSWERS, make_assessment, make_check_member

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def admin_client(client, org_a):
    organization, admin, _ = org_a
    make_check_member(organization)
    client.force_login(admin)
    return client


def checked(page: str, name: str, value: int) -> bool:
    """Whether the radio button `name` = `value` is checked on the page."""
    radio = f'<input type="radio" name="{name}" value="{value}" id="id_{name}_{value}"'
    return f"{radio} required checked>" in page


def step_url(organization, number: int) -> str:
    return reverse("toolkit:assessment_step", args=[organization.public_id, number])


def answer(client, organization, number: int, answers: dict, button: str = "next"):
    data = step_data(SECTIONS[number - 1], answers) | {button: "1"}
    return client.post(step_url(organization, number), data)


def test_there_are_seven_steps_in_the_issues_order():
    assert STEP_COUNT == 7
    assert [s.title for s in SECTIONS] == [
        "Goals",
        "Leadership support",
        "People and hours",
        "Policy and approvals",
        "Legal, IT and privacy review",
        "Platforms",
        "Measurement",
    ]


def test_every_question_is_asked_on_its_step(admin_client, org_a):
    organization = org_a[0]
    asked = set()
    for number, section in enumerate(SECTIONS, start=1):
        page = admin_client.get(step_url(organization, number)).content.decode()
        assert f"Step {number} of 7:</span> {section.title}" in page
        assert f'<progress max="7" value="{number}"' in page
        for question in section.questions:
            if question.kind == "cadence":
                assert 'name="facebook_count"' in page and 'name="tiktok_period"' in page
            else:
                assert f'name="{question.key}"' in page
                assert question.text.replace("'", "&#x27;") in page
            asked.add(question.key)
    assert asked == set(FULL_ANSWERS)  # every question of the questionnaire, none left out


def test_the_admin_completes_the_steps_and_the_take_is_saved(admin_client, org_a):
    organization, admin, _ = org_a
    for number in range(1, STEP_COUNT):
        response = answer(admin_client, organization, number, FULL_ANSWERS)
        assert response.status_code == 302
        assert response["Location"] == step_url(organization, number + 1)
        assert not Assessment.objects.exists()  # nothing half-written in between

    response = answer(admin_client, organization, STEP_COUNT, FULL_ANSWERS, button="submit")

    assessment = Assessment.objects.get()
    assert response["Location"] == reverse("toolkit:assessment_result", args=[assessment.public_id])
    assert assessment.taken_by == admin
    assert (assessment.governance_score, assessment.overall_score) == (46, 58)
    assert assessment.answers == FULL_ANSWERS
    assert AuditEvent.objects.filter(action="toolkit.assessment.submitted").count() == 1
    # The draft is gone: a new take starts from the saved answers.
    page = admin_client.get(step_url(organization, 1)).content.decode()
    assert checked(page, "goals_written", 3)


def test_next_refuses_a_step_with_a_missing_answer_and_keeps_the_others(admin_client, org_a):
    organization = org_a[0]
    answers = {k: v for k, v in FULL_ANSWERS.items() if k != "goals_plan"}

    response = answer(admin_client, organization, 1, answers)

    page = response.content.decode()
    assert response.status_code == 400
    assert "Answer this question." in page
    assert "Step 1 of 7" in page
    again = admin_client.get(step_url(organization, 1)).content.decode()
    assert checked(again, "goals_written", 3)


def test_back_keeps_what_was_answered_without_requiring_the_rest(admin_client, org_a):
    organization = org_a[0]
    response = answer(admin_client, organization, 3, {"people_owner": 4}, button="back")

    assert response["Location"] == step_url(organization, 2)
    page = admin_client.get(step_url(organization, 3)).content.decode()
    assert checked(page, "people_owner", 4)


def test_submitting_with_a_step_skipped_shows_its_missing_answers_and_saves_nothing(
    admin_client, org_a
):
    organization = org_a[0]
    for number in (1, 2, 3, 5, 6):  # step 4 (policy) never answered
        answer(admin_client, organization, number, FULL_ANSWERS)

    response = answer(admin_client, organization, 7, FULL_ANSWERS, button="submit")

    assert response["Location"] == step_url(organization, 4) + "?check=1"
    assert not Assessment.objects.exists()
    page = admin_client.get(response["Location"]).content.decode()
    assert "Some answers are missing: nothing was saved yet." in page
    assert "Please correct the 4 fields marked below." in page
    assert page.count("Answer this question.") == 4
    assert '<span class="badge">to do</span>' in page  # step 4 in the progress list


def test_ten_thousand_posts_a_day_is_refused_beside_the_platform(admin_client, org_a):
    organization = org_a[0]
    answers = FULL_ANSWERS | {"platforms": {"facebook": {"count": 10_000, "period": "day"}}}

    response = answer(admin_client, organization, 6, answers)

    page = response.content.decode()
    assert response.status_code == 400
    assert (
        "Facebook: 10,000 posts a day is more than any team can write, approve and answer. "
        "Enter at most 50 a day." in page
    )
    assert 'id="id_facebook_count_error"' in page


@pytest.mark.parametrize("count", ["-3", "12.5", "lots", str(10**30)])
def test_absurd_post_counts_are_refused_with_a_message(admin_client, org_a, count):
    organization = org_a[0]
    data = step_data(SECTIONS[5], FULL_ANSWERS) | {"x_count": count, "next": "1"}

    response = admin_client.post(step_url(organization, 6), data)

    assert response.status_code == 400
    page = response.content.decode()
    assert "X (Twitter):" in page
    assert 'id="id_x_count_error"' in page


def test_a_step_with_no_platform_posting_is_refused(admin_client, org_a):
    organization = org_a[0]
    answers = FULL_ANSWERS | {"platforms": {}}

    page = answer(admin_client, organization, 6, answers).content.decode()

    assert "Enter how often you post on at least one platform." in page


@pytest.mark.parametrize("number", [0, 8, 99])
def test_a_step_that_does_not_exist_is_404(admin_client, org_a, number):
    assert admin_client.get(step_url(org_a[0], number)).status_code == 404


def test_others_may_not_take_it(client, org_a, org_b):
    organization, _, member = org_a
    make_check_member(organization)
    staff = StaffFactory()
    give_mfa(staff)
    url = step_url(organization, 1)
    expected = {member: 403, org_b[1]: 404, staff: 403}
    for person, status in expected.items():
        client.force_login(person)
        assert client.get(url).status_code == status
        assert client.post(url, {"next": "1"}).status_code == status
    client.logout()
    assert client.get(url)["Location"].startswith("/accounts/login/")


def test_the_admin_of_an_organization_that_is_not_a_member_is_told_how_to_join(client, org_b):
    organization, admin = org_b
    client.force_login(admin)

    response = client.get(step_url(organization, 1))

    assert response.status_code == 403
    page = response.content.decode()
    assert "The full assessment is for member organizations" in page
    assert reverse("membership:apply", args=[organization.public_id]) in page


def test_a_retake_starts_from_the_latest_answers(admin_client, org_a):
    organization = org_a[0]
    make_assessment(organization, answers=FULL_ANSWERS | {"policy_status": 4})

    page = admin_client.get(step_url(organization, 4)).content.decode()

    assert checked(page, "policy_status", 4)
