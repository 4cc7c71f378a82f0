"""One rule for the roles a policy names (who approves, reviews, leads): the answer is a title,
every clause writes "the" before its placeholder, and a "the" the answer starts with is left
out, so "the CMO" and "CMO" both read "the CMO" (never "the the CMO"). The step's help says so,
and the back office refuses a clause that breaks the rule."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains

from socialrx.toolkit.clause_text import fill, problems
from socialrx.toolkit.demo.policies import seed_clauses
from socialrx.toolkit.policy_answers import placeholder_values, role_title
from socialrx.toolkit.policy_assembly import assemble, version_text
from socialrx.toolkit.policy_sections import QUESTIONS
from socialrx.toolkit.services.policies import save_step
from tests.factories import org_with_admin
from tests.toolkit.factories import POLICY_ANSWERS, make_policy, make_policy_member

ROLES = {
    "approver_role",
    "clinical_reviewer_role",
    "privacy_officer_role",
    "crisis_lead_role",
    "compliance_role",
}
CLAUSE = "Posts are approved by the {{ approver_role }}. The {{ approver_role }} may delegate."


@pytest.mark.parametrize(
    ("answer", "title"),
    [
        ("the CMO", "CMO"),
        ("CMO", "CMO"),
        ("The CMO", "CMO"),
        ("  THE   Chief Medical Officer ", "Chief Medical Officer"),
        ("Theatre Manager", "Theatre Manager"),
        ("Director of the Cancer Center", "Director of the Cancer Center"),
    ],
)
def test_a_roles_title_leaves_out_one_leading_the(answer, title):
    assert role_title(answer) == title


@pytest.mark.parametrize("answer", ["the CMO", "CMO"])
def test_the_cmo_and_cmo_both_read_well_in_a_clause(answer):
    values = placeholder_values("Lakeside", {"approver_role": answer})
    assert fill(CLAUSE, values) == "Posts are approved by the CMO. The CMO may delegate."


def test_the_role_questions_are_the_five_titles_and_their_help_gives_the_rule():
    assert {name for name, question in QUESTIONS.items() if question.role} == ROLES
    for name in ROLES:
        question = QUESTIONS[name]
        assert "The policy puts “the” before it and reads “the " in question.help
        assert "a “the” typed at the start is left out" in question.help
        assert not question.example.lower().startswith("the ")


@pytest.mark.django_db
def test_saving_a_step_keeps_the_title_without_the():
    organization, admin = org_with_admin(name="Lakeside Family Physicians")
    make_policy_member(organization)
    policy = make_policy(organization, answers={}, created_by=admin)
    values = {
        "paid_partnerships": "no",
        "compliance_role": "The Chief Compliance Officer",
    }
    policy = save_step(actor=admin, policy=policy, section="endorsements", values=values)
    assert policy.answers["compliance_role"] == "Chief Compliance Officer"


@pytest.mark.django_db
def test_the_step_page_shows_the_rule_under_the_question(client):
    organization, admin = org_with_admin(name="Lakeside Family Physicians")
    make_policy_member(organization)
    policy = make_policy(organization, created_by=admin)
    client.force_login(admin)
    response = client.get(reverse("toolkit:policy_step", args=[policy.public_id, "endorsements"]))
    assertContains(response, "reads “the Compliance Officer”")


@pytest.mark.parametrize(
    "body",
    [
        "Ask {{ compliance_role }} first.",
        "{{ crisis_lead_role }} leads.",
        "Reviewed by thethe{{ privacy_officer_role }}.",
        "Approved by the {{ approver_role }} or by {{ approver_role }}'s deputy.",
    ],
)
def test_a_clause_putting_a_role_anywhere_but_after_the_is_refused(body):
    found = problems(body)
    assert len(found) == 1
    assert found[0].startswith("Write “the” right before {{ ")


def test_a_role_after_the_passes_even_across_a_line_break():
    assert problems("The {{ crisis_lead_role }} leads; ask the\n{{ compliance_role }}.") == []


@pytest.mark.django_db
@pytest.mark.parametrize("article", ["the ", ""])
def test_no_the_the_in_a_policy_from_the_centers_clauses(staff, article):
    """Every center clause follows the rule, whichever way the organization wrote its roles."""
    seed_clauses(staff)
    answers = {**POLICY_ANSWERS, **{name: f"{article}Chief Officer {name}" for name in ROLES}}
    text = " ".join(version_text(assemble("Lakeside", answers).sections).split())
    assert not re.search(r"\bthe the\b", text, re.IGNORECASE)
    for name in ROLES:
        assert f"the Chief Officer {name}" in text
