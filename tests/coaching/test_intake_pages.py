"""The needs-assessment pages: the admin's list (and its explanation for people who administer
nothing), starting one, the form's two buttons, the read-only rule after submission and the
summary for the admin, the assigned coach and staff."""

from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from socialrx.coaching.models import Intake
from socialrx.coaching.services.intakes import start_intake, submit_intake
from socialrx.taxonomy.models import Platform
from tests.factories import CoachFactory, StaffFactory, UserFactory, give_mfa

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

LIST = reverse("coaching:intakes")
NEW = reverse("coaching:intake_new")


def edit_url(intake) -> str:
    return reverse("coaching:intake_edit", args=[intake.public_id])


def summary_url(intake) -> str:
    return reverse("coaching:intake", args=[intake.public_id])


def complete_post(**changes) -> dict:
    data = {
        "goals": ["patient_education", "physician_visibility"],
        "goals_detail": "Two explainer videos a month.",
        "platforms_in_use": ["facebook", "instagram"],
        "platforms_planned": ["tiktok"],
        "audience": "Parents of young children in the county.",
        "people_available": "2",
        "hours_per_week": "6",
        "approval_process": "Marketing drafts, compliance reviews.",
        "legal_concerns": "Patient photos without consent.",
        "it_concerns": "",
        "leadership_concerns": "",
        "policy_status": "drafting",
        "anything_else": "",
    }
    data.update(changes)
    return data


def submitted(organization, admin) -> Intake:
    intake = start_intake(actor=admin, organization=organization)
    answers = {
        "goals": ["patient_education"],
        "platforms_in_use": list(Platform.objects.filter(code="facebook")),
        "audience": "Patients",
        "people_available": 2,
        "hours_per_week": Decimal("6"),
        "policy_status": "none",
    }
    return submit_intake(actor=admin, intake=intake, data=answers)


# --- the list ------------------------------------------------------------------------------


def test_the_list_shows_each_administered_organization_with_its_assessments(client, org_a):
    organization, admin, _member = org_a
    intake = submitted(organization, admin)
    client.force_login(admin)

    response = client.get(LIST)

    assert response.status_code == 200
    page = response.content.decode()
    assert organization.name in page
    assert "Start a needs assessment" in page  # none open: another may be started
    assert summary_url(intake) in page
    assert "Being matched" in page


def test_an_open_draft_is_continued_rather_than_started_again(client, org_a):
    organization, admin, _member = org_a
    draft = start_intake(actor=admin, organization=organization)
    client.force_login(admin)

    page = client.get(LIST).content.decode()

    assert "Continue the draft" in page
    assert edit_url(draft) in page
    assert "Start a needs assessment" not in page


def test_a_member_who_administers_nothing_is_told_who_fills_it(client, org_a):
    organization, admin, member = org_a
    submitted(organization, admin)
    client.force_login(member)

    response = client.get(LIST)

    assert response.status_code == 200
    page = response.content.decode()
    assert "Your organization's admin fills the needs assessment" in page
    assert "ask one of its admins" in page
    assert organization.name not in page  # its intakes are the admin's, staff's and the coach's


def test_staff_are_pointed_to_the_back_office(client, staff):
    client.force_login(staff)

    page = client.get(LIST).content.decode()

    assert f'<a href="{reverse("coaching:staff_intakes")}">coaching back office</a>' in page


def test_a_visitor_is_sent_to_sign_in(client):
    response = client.get(LIST)

    assert (response.status_code, response.url.split("?")[0]) == (302, "/accounts/login/")


@pytest.mark.parametrize("count", [1, 5])
def test_the_list_makes_the_same_queries_however_many_assessments(
    client, org_a, count, django_assert_num_queries
):
    organization, admin, _member = org_a
    for _ in range(count):
        submitted(organization, admin)
    client.force_login(admin)
    client.get(LIST)  # warm the caches the site keeps for every page

    # The session and the person; the organizations they administer and all their intakes
    # (coaches and submitters joined); the header's roles and membership.
    with django_assert_num_queries(6):
        response = client.get(LIST)

    assert response.content.decode().count("Being matched") == count


# --- starting ------------------------------------------------------------------------------


def test_the_admin_starts_a_draft_and_lands_on_the_form(client, org_a):
    organization, admin, _member = org_a
    client.force_login(admin)

    response = client.post(NEW, {"organization": str(organization.public_id)})

    intake = Intake.objects.get()
    assert (response.status_code, response.url) == (302, edit_url(intake))
    assert (intake.organization, intake.status) == (organization, "draft")


@pytest.mark.parametrize(
    ("who", "expected"),
    [("member", 403), ("admin_b", 404), ("staff", 403), ("stranger", 404)],
)
def test_only_the_admin_may_start_one(client, org_a, org_b, who, expected):
    organization, _admin, member = org_a
    person = {
        "member": member,
        "admin_b": org_b[1],
        "staff": StaffFactory(),
        "stranger": UserFactory(),
    }[who]
    if person.is_staff:
        give_mfa(person)
    client.force_login(person)

    response = client.post(NEW, {"organization": str(organization.public_id)})

    assert response.status_code == expected
    assert not Intake.objects.exists()


@pytest.mark.parametrize("value", ["", "not-a-uuid", "8c1f3a56-0000-4000-8000-000000000000"])
def test_an_unknown_organization_is_not_found(client, org_a, value):
    client.force_login(org_a[1])

    assert client.post(NEW, {"organization": value}).status_code == 404


# --- the form ------------------------------------------------------------------------------


def test_the_form_shows_its_fieldsets_and_both_buttons(client, org_a):
    organization, admin, _member = org_a
    draft = start_intake(actor=admin, organization=organization)
    client.force_login(admin)

    page = client.get(edit_url(draft)).content.decode()

    for legend in ("Goals", "Platforms", "Audience", "People and time", "Approval process"):
        assert f"<legend><h2>{legend}</h2></legend>" in page
    for legend in ("Concerns", "Policy", "Anything else"):
        assert f"<legend><h2>{legend}</h2></legend>" in page
    assert ">Save draft</button>" in page
    assert ">Submit to the center</button>" in page
    assert 'value="physician_visibility"' in page
    assert 'value="tiktok"' in page


@time_machine.travel("2025-03-04 16:42:00+00:00", tick=False)
def test_save_draft_keeps_a_partial_answer_and_says_when(client, org_a):
    organization, admin, _member = org_a
    admin.time_zone = "America/Chicago"
    admin.save(update_fields=["time_zone"])
    draft = start_intake(actor=admin, organization=organization)
    client.force_login(admin)

    response = client.post(
        edit_url(draft), {"save": "1", "audience": "Nurses", "platforms_planned": ["tiktok"]}
    )

    assert (response.status_code, response.url) == (302, edit_url(draft))
    page = client.get(response.url).content.decode()
    assert "Draft saved at 10:42 AM." in page  # 16:42 UTC on the admin's Chicago clock
    draft.refresh_from_db()
    assert (draft.status, draft.audience) == ("draft", "Nurses")
    assert [p.code for p in draft.platforms_planned.all()] == ["tiktok"]


def test_submitting_a_complete_form_thanks_the_admin_and_shows_the_summary(client, org_a):
    organization, admin, _member = org_a
    draft = start_intake(actor=admin, organization=organization)
    client.force_login(admin)

    response = client.post(edit_url(draft), complete_post(submit="1"), follow=True)

    assert response.redirect_chain == [(summary_url(draft), 302)]
    page = response.content.decode()
    assert "needs assessment is with the center" in page
    assert (
        f"{organization.name} wants help with patient education and physician visibility. "
        "Two people can give it about 6 hours a week."
    ) in page
    draft.refresh_from_db()
    assert draft.status == "submitted"


def test_a_submission_with_answers_missing_saves_the_draft_and_marks_them(client, org_a):
    organization, admin, _member = org_a
    draft = start_intake(actor=admin, organization=organization)
    client.force_login(admin)

    response = client.post(edit_url(draft), {"submit": "1", "audience": "Patients"})

    assert response.status_code == 200
    page = response.content.decode()
    assert "Not sent yet." in page
    for message in (
        "Choose at least one goal.",
        "Tick at least one platform you use or plan to use.",
        "Say how many people will work on social media.",
        "Say how many hours a week they have for it.",
        "Say whether you have a social media policy.",
    ):
        assert message in page
    assert "Say who you want to reach." not in page
    draft.refresh_from_db()
    assert (draft.status, draft.audience) == ("draft", "Patients")


def test_a_submitted_assessment_is_read_only(client, org_a):
    organization, admin, _member = org_a
    intake = submitted(organization, admin)
    client.force_login(admin)

    shown = client.get(edit_url(intake), follow=True)
    refused = client.post(edit_url(intake), complete_post(submit="1", audience="Changed"))

    assert shown.redirect_chain == [(summary_url(intake), 302)]
    assert "already submitted to the center" in shown.content.decode()
    assert refused.status_code == 409
    assert "This needs assessment was already submitted" in refused.content.decode()
    intake.refresh_from_db()
    assert intake.audience == "Patients"


@pytest.mark.parametrize(("who", "expected"), [("staff", 403), ("member", 404), ("admin_b", 404)])
def test_only_the_admin_edits(client, org_a, org_b, who, expected):
    organization, admin, member = org_a
    draft = start_intake(actor=admin, organization=organization)
    person = {"staff": StaffFactory(), "member": member, "admin_b": org_b[1]}[who]
    if person.is_staff:
        give_mfa(person)
    client.force_login(person)

    assert client.get(edit_url(draft)).status_code == expected
    assert client.post(edit_url(draft), complete_post(submit="1")).status_code == expected
    draft.refresh_from_db()
    assert draft.status == "draft"


# --- the summary ---------------------------------------------------------------------------


def test_the_assigned_coach_and_staff_read_the_summary_others_do_not(client, org_a, org_b):
    organization, admin, member = org_a
    intake = submitted(organization, admin)
    coach, other_coach, staff = CoachFactory(), CoachFactory(), StaffFactory()
    intake.assigned_coach = coach
    intake.save(update_fields=["assigned_coach"])
    for person in (coach, other_coach, staff):
        give_mfa(person)

    def status(person) -> int:
        client.force_login(person)
        return client.get(summary_url(intake)).status_code

    assert [status(p) for p in (admin, coach, staff)] == [200, 200, 200]
    assert [status(p) for p in (member, org_b[1], other_coach)] == [404, 404, 404]


def test_the_summary_reads_as_prose_with_its_sections(client, org_a):
    organization, admin, _member = org_a
    draft = start_intake(actor=admin, organization=organization)
    client.force_login(admin)
    client.post(edit_url(draft), complete_post(submit="1"))

    page = client.get(summary_url(draft)).content.decode()

    assert '<h2 id="intake-concerns">Concerns by department</h2>' in page
    assert "Patient photos without consent." in page
    assert "A social media policy is being drafted." in page
    assert 'TikTok <span class="badge badge-brand">new</span>' in page
    assert "Not assigned yet" in page
    assert "Continue editing" not in page
