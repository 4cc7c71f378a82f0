"""/toolkit/assessment/: the short version anyone takes (never stored) and, for a signed-in
person, the doors to the full version of their organizations."""

import pytest
from django.urls import reverse

from socialrx.toolkit.models import Assessment
from tests.factories import SeatFactory
from tests.toolkit.factories import make_assessment, make_check_member
from tests.toolkit.test_scoring import SHORT_ANSWERS

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

URL = "/toolkit/assessment/"


def test_the_menu_address_is_the_start_page():
    assert reverse("toolkit:assessment") == URL


def test_a_visitor_sees_the_ten_short_questions(client):
    page = client.get(URL).content.decode()

    assert 'type="radio"' in page
    for key in SHORT_ANSWERS:
        assert f'name="{key}"' in page
    for asked_only_in_full in ("goals_audience", "policy_crisis", "people_hours", "facebook_count"):
        assert f'name="{asked_only_in_full}"' not in page
    assert "Your organizations" not in page


def test_a_visitor_gets_the_short_scores_and_is_invited_to_join(client):
    response = client.post(URL, {key: str(value) for key, value in SHORT_ANSWERS.items()})

    page = response.content.decode()
    assert response.status_code == 200
    # By hand in test_scoring: 63, 13, 100, 0, 38; overall 43, 2 Developing.
    assert "Your readiness — Level 2 of 4: Developing" in page
    assert "Overall score <strong>43</strong>" in page
    for label, value in [("Strategy", 63), ("Governance", 13), ("Capacity", 100)]:
        assert f'<th scope="row">{label}</th><td class="numeric">{value}</td>' in page
    assert "<svg" in page and "Scores by dimension, out of 100" in page
    # Phones draw the narrow bars: a row of 46 a dimension from 8 down (8 + 5 × 46 + 28 = 266
    # high), each label above its bar (bar 20 below the row's top), the track 4 to 266 (262
    # wide): capacity, the third row, at y 8 + 92 + 20 = 120, 100 → 262 wide; strategy 63 →
    # 165.06 → 165.1.
    assert '<svg class="assessment-bars-narrow" viewBox="0 0 300 266"' in page
    assert '<text x="4" y="22" text-anchor="start" font-size="14"' in page
    assert '<rect x="4" y="120" width="262.0" height="18"' in page
    assert '<rect x="4" y="28" width="165.1" height="18"' in page
    assert 'aria-label="Scores by dimension, table"' in page
    assert reverse("membership:pricing") in page
    assert "Get the full assessment" in page
    # The weak dimensions get advice, weakest first; nothing is stored.
    assert page.index("<h3>Skills") < page.index("<h3>Governance") < page.index("<h3>Measurement")
    assert not Assessment.objects.exists()


def test_the_short_versions_capacity_advice_does_not_point_at_a_missing_estimate(client):
    # Capacity 1 + 0 of 8 points → 13: weak, so it gets advice.
    weak_capacity = SHORT_ANSWERS | {"leadership_budget": 1, "people_owner": 0}

    page = client.post(URL, {key: str(value) for key, value in weak_capacity.items()})

    text = page.content.decode()
    assert "<h3>Capacity" in text
    assert "work out the hours a week your posting plan needs before you ask for people" in text
    assert "staffing estimate below" not in text
    assert "this assessment's staffing estimate" not in text


def test_an_incomplete_short_version_says_what_is_missing(client):
    answers = {key: str(value) for key, value in SHORT_ANSWERS.items() if key != "review_legal"}
    answers["policy_status"] = "7"

    response = client.post(URL, answers)

    page = response.content.decode()
    assert response.status_code == 400
    assert "Please correct the 2 fields marked below." in page
    assert "Answer this question." in page
    assert "Choose one of the answers." in page
    assert "Your readiness" not in page


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_the_start_page_answers_only_get_and_post(client, method):
    response = getattr(client, method)(URL)

    assert response.status_code == 405
    assert response["Allow"] == "GET, POST"


def test_an_admin_of_a_member_organization_is_offered_the_full_version(client, org_a):
    organization, admin, _ = org_a
    make_check_member(organization)
    make_assessment(organization)
    client.force_login(admin)

    page = client.get(URL).content.decode()

    assert "Your organizations" in page
    assert reverse("toolkit:assessment_step", args=[organization.public_id, 1]) in page
    assert "Take the full assessment again" in page
    assert reverse("toolkit:assessment_history", args=[organization.public_id]) in page
    assert "1 assessment saved" in page


def test_an_admin_of_an_organization_that_is_not_a_member_is_invited_to_apply(client, org_b):
    organization, admin = org_b
    client.force_login(admin)

    page = client.get(URL).content.decode()
    answered = client.post(URL, {k: str(v) for k, v in SHORT_ANSWERS.items()}).content.decode()

    apply_url = reverse("membership:apply", args=[organization.public_id])
    assert apply_url in page
    assert reverse("toolkit:assessment_step", args=[organization.public_id, 1]) not in page
    assert f"Apply for membership for {organization.name}" in answered


def test_a_member_who_is_not_admin_reads_the_history_but_takes_no_full_version(client, org_a):
    organization, _, member = org_a
    make_check_member(organization)
    make_assessment(organization)
    client.force_login(member)

    page = client.get(URL).content.decode()

    assert reverse("toolkit:assessment_history", args=[organization.public_id]) in page
    assert reverse("toolkit:assessment_step", args=[organization.public_id, 1]) not in page


def test_a_member_who_is_not_admin_is_told_who_takes_the_full_version(client, org_a):
    organization, admin, member = org_a
    admin.full_name = "Dana Whitfield"
    admin.save()
    unnamed_admin = SeatFactory(organization=organization, role="admin").user
    unnamed_admin.full_name = ""
    unnamed_admin.save()
    make_check_member(organization)
    client.force_login(member)

    page = client.get(URL).content.decode()

    assert "No assessment saved yet." in page
    assert (
        f"An admin of {organization.name} (Dana Whitfield) takes the full assessment while the "
        "organization is a member of the center. You will read its results here once one is "
        "saved."
    ) in page
    assert unnamed_admin.email not in page


def test_a_person_of_two_organizations_sees_both(client, org_a, org_b):
    organization, admin, _ = org_a
    make_check_member(organization)
    SeatFactory(organization=org_b[0], user=admin)
    client.force_login(admin)

    page = client.get(URL).content.decode()

    assert organization.name in page and org_b[0].name in page
