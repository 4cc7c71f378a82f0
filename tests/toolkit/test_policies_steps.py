"""The policy builder's entry page, starting a policy and the step-by-step form: each step's
answers are checked together and kept; a refused step writes nothing; assembling needs every
step. Only the admin of a member organization builds (a member is told why, 403; anyone else
gets a 404)."""

from __future__ import annotations

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from socialrx.core.models import AuditEvent
from socialrx.toolkit.models import Policy, PolicyVersion
from socialrx.toolkit.policy_sections import SECTION_BY_SLUG
from socialrx.toolkit.services.policies import StepInvalid, save_step
from tests.factories import SeatFactory, UserFactory, org_with_admin
from tests.toolkit.factories import (
    POLICY_ANSWERS,
    make_clause_per_section,
    make_policy,
    make_policy_member,
)

pytestmark = pytest.mark.django_db

ENTRY = "/toolkit/policies/"


@pytest.fixture
def member_org():
    organization, admin = org_with_admin(name="Lakeside Family Physicians")
    make_policy_member(organization)
    return organization, admin


def _step_url(policy, slug: str) -> str:
    return reverse("toolkit:policy_step", args=[policy.public_id, slug])


def _step_data(slug: str, answers=POLICY_ANSWERS, **changes) -> dict:
    values = {q.name: answers[q.name] for q in SECTION_BY_SLUG[slug].questions}
    values.update(changes)
    return {name: "" if value is None else value for name, value in values.items()}


def test_a_visitor_reads_what_the_builder_is_rather_than_a_sign_in_page(client):
    response = client.get(ENTRY)
    assert response.status_code == 200
    assertContains(response, "<h1>Social media policy builder</h1>", html=True)
    for title in ("Who may post for the organization", "Records retention", "Accessibility"):
        assertContains(response, title)
    page = response.content.decode()
    sections = page[page.index('class="policy-about-sections"') : page.index("</ol>")]
    assert sections.count("<li>") == 10
    assertContains(response, "comment clause by clause without an account")
    assertContains(response, "a benefit of the center's membership")
    assertContains(response, f'href="{reverse("account_login")}?next=/toolkit/policies/"')
    assertContains(response, reverse("membership:pricing"))
    assertNotContains(response, "Start building the policy")


def test_the_entry_page_explains_how_to_start_to_someone_without_an_organization(client):
    client.force_login(UserFactory())
    response = client.get(ENTRY)
    assert reverse("toolkit:policies") == ENTRY
    assertContains(response, "The policy builder is for member organizations")
    assertContains(response, reverse("membership:pricing"))
    assertContains(response, reverse("organizations:create"))


def test_the_admin_of_a_member_organization_is_offered_to_start(client, member_org):
    organization, admin = member_org
    client.force_login(admin)
    response = client.get(ENTRY)
    assertContains(response, "Start building the policy")
    assertContains(response, f'value="{organization.public_id}"')


def test_a_non_member_organization_is_told_the_builder_is_a_member_benefit(client):
    organization, admin = org_with_admin(name="Harbor Clinic")
    client.force_login(admin)
    response = client.get(ENTRY)
    assertContains(response, "The policy builder is a member benefit, and Harbor Clinic is not")
    assertContains(response, reverse("membership:pricing"))
    assertNotContains(response, "Start building the policy")


def test_starting_makes_one_policy_and_opens_the_first_step(client, member_org):
    organization, admin = member_org
    client.force_login(admin)
    first = client.post(reverse("toolkit:policy_start"), {"organization": organization.public_id})
    second = client.post(reverse("toolkit:policy_start"), {"organization": organization.public_id})
    policy = Policy.objects.get(organization=organization)
    assert first["Location"] == second["Location"] == _step_url(policy, "who_may_post")
    assert AuditEvent.objects.filter(action="toolkit.policy.started").count() == 1


def test_a_malformed_or_foreign_organization_is_404(client, member_org):
    _, admin = member_org
    other, _ = org_with_admin(name="Elsewhere Clinic")
    client.force_login(admin)
    assert client.post(reverse("toolkit:policy_start"), {"organization": "nope"}).status_code == 404
    assert (
        client.post(reverse("toolkit:policy_start"), {"organization": other.public_id}).status_code
        == 404
    )
    assert not Policy.objects.exists()


def test_a_step_shows_the_progress_and_its_questions(client, member_org):
    organization, admin = member_org
    policy = make_policy(organization, answers={}, created_by=admin)
    policy.steps_done = ["who_may_post"]
    policy.save()
    client.force_login(admin)
    response = client.get(_step_url(policy, "approval_workflow"))
    assertContains(response, "Step 2 of 10:")
    assertContains(response, 'aria-current="step"', count=1)
    assertContains(response, "answered", count=1)
    assertContains(response, "Who approves posts before they are published?")
    assertContains(response, "Save and go on to “Patient privacy and HIPAA”")


def test_on_a_step_the_questions_come_before_the_list_of_steps(client, member_org):
    """On a phone the page is one column: the first question must not wait below ten steps."""
    organization, admin = member_org
    policy = make_policy(organization, created_by=admin)
    client.force_login(admin)
    page = client.get(_step_url(policy, "approval_workflow")).content.decode()
    question = page.index("Who approves posts before they are published?")
    assert question < page.index("Save and go on to") < page.index('aria-current="step"')
    assert page.index('aria-current="step"') > page.index("</form>")
    assert 'class="input-short"' in page  # the number of business days: a short field


def test_saving_a_step_keeps_its_answers_and_goes_on(client, member_org):
    organization, admin = member_org
    policy = make_policy(organization, answers={}, created_by=admin)
    policy.steps_done = []
    policy.save()
    client.force_login(admin)
    response = client.post(
        _step_url(policy, "moderation"),
        {
            "monitoring_hours": " 7 a.m.  to 7 p.m.,\n daily ",
            "response_hours": "3",
            "after_hours": "no",
            "next": "1",
        },
    )
    assert response["Location"] == _step_url(policy, "crisis")
    policy.refresh_from_db()
    assert policy.answers == {
        "monitoring_hours": "7 a.m. to 7 p.m., daily",
        "response_hours": 3,
        "after_hours": "no",
    }
    assert policy.steps_done == ["moderation"]
    page = client.get(_step_url(policy, "moderation"))
    assertContains(page, 'value="7 a.m. to 7 p.m., daily"')


def test_the_last_step_leads_to_the_assembly(client, member_org):
    organization, admin = member_org
    policy = make_policy(organization, created_by=admin)
    client.force_login(admin)
    response = client.post(_step_url(policy, "accessibility"), _step_data("accessibility"))
    assert response["Location"] == reverse("toolkit:policy_assemble", args=[policy.public_id])


@pytest.mark.parametrize(
    ("slug", "changes", "field", "message"),
    [
        ("moderation", {"response_hours": "0"}, "response_hours", "greater than or equal to 1"),
        ("moderation", {"response_hours": "many"}, "response_hours", "Enter a whole number."),
        ("crisis", {"crisis_lead_role": ""}, "crisis_lead_role", "Answer this question to go on."),
        (
            "crisis",
            {"crisis_lead_role": "<script>alert(1)</script>"},
            "crisis_lead_role",
            "Write plain text: angle-bracket tags and {{ }} are not allowed.",
        ),
        (
            "privacy_hipaa",
            {"patient_stories": "yes", "authorization_form": ""},
            "authorization_form",
            "Answer this question to go on.",
        ),
        ("records", {"archiving": "carrier-pigeon"}, "archiving", "Select a valid choice."),
    ],
)
def test_a_refused_step_says_why_and_saves_nothing(
    client, member_org, slug, changes, field, message
):
    organization, admin = member_org
    policy = make_policy(organization, answers={}, created_by=admin)
    policy.steps_done = []
    policy.save()
    client.force_login(admin)
    response = client.post(_step_url(policy, slug), _step_data(slug, **changes))
    assert response.status_code == 400
    assertContains(response, message, status_code=400)
    assert field in response.context["form"].errors
    policy.refresh_from_db()
    assert (policy.answers, policy.steps_done) == ({}, [])


def test_an_authorization_form_is_not_needed_without_patient_stories(member_org):
    organization, admin = member_org
    policy = make_policy(organization, answers={}, created_by=admin)
    values = {
        "privacy_officer_role": "the Privacy Officer",
        "patient_stories": "no",
        "authorization_form": "",
    }
    policy = save_step(actor=admin, policy=policy, section="privacy_hipaa", values=values)
    assert policy.answers["authorization_form"] == ""
    with pytest.raises(StepInvalid) as refused:
        save_step(
            actor=admin,
            policy=policy,
            section="privacy_hipaa",
            values={**values, "patient_stories": "yes"},
        )
    assert refused.value.errors == {"authorization_form": "Answer this question to go on."}


def test_an_unknown_step_is_404(client, member_org):
    organization, admin = member_org
    policy = make_policy(organization, created_by=admin)
    client.force_login(admin)
    assert client.get(_step_url(policy, "astrology")).status_code == 404


def test_a_member_who_is_not_admin_is_told_who_builds(client, member_org):
    organization, admin = member_org
    policy = make_policy(organization, created_by=admin)
    member = SeatFactory(organization=organization).user
    client.force_login(member)
    response = client.get(_step_url(policy, "crisis"))
    assert response.status_code == 403
    assertContains(
        response, "Only an admin of Lakeside Family Physicians builds its policy.", status_code=403
    )
    response = client.post(_step_url(policy, "crisis"), _step_data("crisis", crisis_lead_role="Me"))
    assert response.status_code == 403
    policy.refresh_from_db()
    assert policy.answers["crisis_lead_role"] == "Vice President of Communications"


def test_an_admin_whose_membership_lapsed_is_told_it_is_a_member_benefit(client):
    organization, admin = org_with_admin(name="Harbor Clinic")
    policy = make_policy(organization, created_by=admin)
    client.force_login(admin)
    response = client.get(_step_url(policy, "crisis"))
    assertContains(
        response, "Harbor Clinic is not a member of the center right now", status_code=403
    )


def test_someone_of_another_organization_gets_404(client, member_org):
    organization, admin = member_org
    policy = make_policy(organization, created_by=admin)
    other_org, other_admin = org_with_admin(name="Elsewhere Clinic")
    make_policy_member(other_org)
    client.force_login(other_admin)
    assert client.get(_step_url(policy, "crisis")).status_code == 404
    assert client.get(reverse("toolkit:policy", args=[policy.public_id])).status_code == 404


def test_the_assembly_page_lists_the_steps_still_to_answer(client, member_org):
    organization, admin = member_org
    policy = make_policy(organization, created_by=admin)
    policy.steps_done = ["who_may_post"]
    policy.save()
    client.force_login(admin)
    response = client.get(reverse("toolkit:policy_assemble", args=[policy.public_id]))
    assertContains(response, "Answer every step first. Still to do:")
    assertContains(response, "This step is not answered yet.", count=9)
    assertNotContains(response, "Assemble the policy</button>")


def test_assembling_from_the_page_makes_version_1(client, member_org):
    organization, admin = member_org
    make_clause_per_section()
    policy = make_policy(organization, created_by=admin)
    client.force_login(admin)
    url = reverse("toolkit:policy_assemble", args=[policy.public_id])
    response = client.post(url, {"change_note": "First draft for counsel."})
    version = PolicyVersion.objects.get(policy=policy)
    assert response["Location"] == reverse("toolkit:policy_version", args=[policy.public_id, 1])
    assert version.change_note == "First draft for counsel."
    again = client.post(url, {"change_note": ""})
    assert again.status_code == 409
    assertContains(again, "Nothing has changed since version 1", status_code=409)
    assert PolicyVersion.objects.count() == 1


def test_assembling_without_clauses_says_so(client, member_org):
    organization, admin = member_org
    policy = make_policy(organization, created_by=admin)
    client.force_login(admin)
    response = client.post(reverse("toolkit:policy_assemble", args=[policy.public_id]), {})
    assertContains(
        response, "The center&#x27;s clause library has no clause yet for", status_code=400
    )
    assert not PolicyVersion.objects.exists()
