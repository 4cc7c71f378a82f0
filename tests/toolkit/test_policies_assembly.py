"""Assembling a policy: every clause the center keeps is reachable through some answers and is
rendered with its placeholders filled; a version is a snapshot that later changes to the
clauses do not touch; what the service refuses leaves nothing behind."""

from __future__ import annotations

import re

import pytest

from socialrx.core.models import AuditEvent
from socialrx.toolkit.demo.policies import CLAUSES, seed_clauses
from socialrx.toolkit.models import ClauseTemplate, PolicyVersion
from socialrx.toolkit.policy_answers import CONDITIONS
from socialrx.toolkit.policy_assembly import assemble, version_text
from socialrx.toolkit.policy_sections import SECTIONS
from socialrx.toolkit.services import clauses as clause_services
from socialrx.toolkit.services.policies import StepsMissing, assemble_version
from tests.factories import org_with_admin
from tests.toolkit.factories import (
    POLICY_ANSWERS,
    POLICY_OTHER_ANSWERS,
    assembled_policy,
    make_clause,
    make_clause_per_section,
    make_policy,
    make_policy_member,
)

pytestmark = pytest.mark.django_db

ALWAYS = {
    "official-accounts", "speaking-for-the-organization", "clinical-accuracy", "urgent-posts",
    "no-protected-health-information", "privacy-incidents", "personal-use-at-work",
    "personal-accounts-conduct", "policy-questions", "questions-about-own-care",
    "connections-with-patients", "monitoring-and-response", "community-guidelines",
    "crisis-escalation", "crisis-communications", "compromised-account",
    "records-retention-period", "testimonials-and-claims", "workforce-disclosures",
    "accessible-posts", "accessibility-feedback",
}  # fmt: skip
FIRST_VARIANTS = {
    "publishers-communications-team", "approval-every-post", "patient-authorization",
    "sharing-official-posts", "clinicians-posting-professionally", "after-hours-coverage",
    "archiving-service", "paid-partnerships", "other-languages",
}  # fmt: skip
OTHER_VARIANTS = {
    "publishers-trained-delegates", "approval-risk-based", "no-identifiable-patients",
    "clinicians-not-posting", "business-hours-notice", "manual-archiving",
    "no-paid-partnerships",
}  # fmt: skip


@pytest.fixture
def center_clauses(staff):
    seed_clauses(staff)
    return ClauseTemplate.objects.count()


def _keys(assembly) -> set[str]:
    return {clause["key"] for section in assembly.sections for clause in section["clauses"]}


def test_the_center_keeps_37_clauses_using_every_condition(center_clauses):
    assert center_clauses == 37
    used = set(ClauseTemplate.objects.values_list("condition", flat=True))
    assert used == {condition.slug for condition in CONDITIONS}


def test_each_answer_set_brings_in_its_variants(center_clauses):
    first = assemble("Lakeside Family Physicians", POLICY_ANSWERS)
    other = assemble("Lakeside Family Physicians", POLICY_OTHER_ANSWERS)
    assert _keys(first) == ALWAYS | FIRST_VARIANTS
    assert _keys(other) == ALWAYS | OTHER_VARIANTS
    assert first.empty_sections == other.empty_sections == []


def test_every_clause_is_reachable_and_rendered_with_its_placeholders_filled(center_clauses):
    reached: set[str] = set()
    for answers in (POLICY_ANSWERS, POLICY_OTHER_ANSWERS):
        assembly = assemble("Lakeside Family Physicians", answers)
        assert [section["slug"] for section in assembly.sections] == [s.slug for s in SECTIONS]
        for section in assembly.sections:
            assert section["clauses"], section["title"]
            for clause in section["clauses"]:
                reached.add(clause["key"])
                assert "{{" not in clause["markdown"] and "}}" not in clause["markdown"]
                assert clause["html"].startswith(("<p>", "<ul>", "<ol>")), clause["key"]
    assert reached == {clause.key for clause in CLAUSES}


def test_the_answers_appear_in_the_clauses(center_clauses):
    assembly = assemble("Lakeside Family Physicians", POLICY_ANSWERS)
    html = {c["key"]: " ".join(c["html"].split()) for s in assembly.sections for c in s["clauses"]}
    assert "first response within 6 hours" in html["monitoring-and-response"]
    assert (
        "monitored at these times: 8 a.m. to 5 p.m. on weekdays."
        in (html["monitoring-and-response"])
    )
    assert "Marketing and Communications owns every official account" in html["official-accounts"]
    assert "directs them to MyChart or to the care team" in html["questions-about-own-care"]
    assert "within 15 minutes of seeing it" in html["crisis-escalation"]
    assert "follow WCAG 2.1 Level AA as far" in html["accessible-posts"]
    assert "are records of Lakeside Family Physicians." in html["records-retention-period"]
    assert "on the Patient Media Authorization, signed" in html["patient-authorization"]


def test_clauses_are_numbered_in_section_order():
    make_clause("b-second", "who_may_post", "Second.", position=20, title="Second")
    make_clause("a-first", "who_may_post", "First.", position=10, title="First")
    make_clause("c-only-if-delegates", "who_may_post", "Delegates.", condition="delegates_post")
    make_clause("privacy", "privacy_hipaa", "Privacy.")
    sections = assemble("Lakeside", POLICY_ANSWERS).sections
    assert [(c["number"], c["title"]) for c in sections[0]["clauses"]] == [
        ("1.1", "First"),
        ("1.2", "Second"),
    ]
    assert [c["number"] for c in sections[2]["clauses"]] == ["3.1"]
    assert sections[2]["title"] == "Patient privacy and HIPAA"


def test_script_in_a_clause_is_stripped_from_the_policy():
    make_clause("unsafe", "who_may_post", "Safe text <script>alert(1)</script> and more.")
    clause = assemble("Lakeside", POLICY_ANSWERS).sections[0]["clauses"][0]
    assert "<script" not in clause["html"]
    assert clause["html"] == "<p>Safe text &lt;script&gt;alert(1)&lt;/script&gt; and more.</p>\n"


@pytest.fixture
def member_org():
    organization, admin = org_with_admin(name="Lakeside Family Physicians")
    make_policy_member(organization)
    make_clause_per_section()
    return organization, admin


def test_a_version_keeps_a_snapshot_the_answers_and_the_clause_versions(member_org):
    organization, admin = member_org
    policy, version = assembled_policy(organization, admin)
    assert version.number == 1
    assert version.answers == POLICY_ANSWERS
    assert version.organization_name == "Lakeside Family Physicians"
    assert version.clause_count == 10
    assert version.clause_versions.count() == 10
    assert version.sections[0]["clauses"][0]["markdown"] == (
        "Lakeside Family Physicians follows this rule on who may post for the organization."
    )
    event = AuditEvent.objects.get(action="toolkit.policy.version_created")
    assert event.actor == admin
    assert event.target_id == str(version.pk)
    assert event.after["number"] == 1
    assert "who-may-post-basics v1" in event.after["clauses"]


def test_a_clause_changed_later_leaves_the_old_version_as_it_was(member_org, staff):
    organization, admin = member_org
    policy, first = assembled_policy(organization, admin)
    clause = ClauseTemplate.objects.get(slug="crisis-basics")
    data = clause_services.ClauseData(
        slug=clause.slug,
        section=clause.section,
        title=clause.title,
        body="{{ organization_name }} names a crisis lead.",
        condition=clause.condition,
        position=clause.position,
        reviewed_on=clause.reviewed_on,
        review_due=clause.review_due,
    )
    clause_services.update_clause(actor=staff, template=clause, data=data)
    second = assemble_version(actor=admin, policy=policy)
    assert second.number == 2
    first.refresh_from_db()
    old = version_text(first.sections)
    new = version_text(second.sections)
    assert (
        "7.1 Basics of crisis and incident response\n"
        "Lakeside Family Physicians follows this rule on crisis and incident response." in old
    )
    assert "Lakeside Family Physicians names a crisis lead." in new
    assert "names a crisis lead" not in old
    assert sorted(
        second.clause_versions.filter(template=clause).values_list("number", flat=True)
    ) == [2]
    assert list(first.clause_versions.filter(template=clause).values_list("number", flat=True)) == [
        1
    ]


def test_nothing_changed_is_refused(member_org):
    organization, admin = member_org
    policy, _ = assembled_policy(organization, admin)
    with pytest.raises(Exception) as refused:
        assemble_version(actor=admin, policy=policy)
    assert refused.value.message.startswith("Nothing has changed since version 1")
    assert PolicyVersion.objects.count() == 1


def test_a_missing_step_is_refused_and_nothing_is_written(member_org):
    organization, admin = member_org
    policy = make_policy(organization, created_by=admin)
    policy.steps_done = [s.slug for s in SECTIONS if s.slug != "records"]
    policy.save()
    with pytest.raises(StepsMissing) as refused:
        assemble_version(actor=admin, policy=policy)
    assert refused.value.message == (
        "Answer every step before assembling the policy. Still to do: Records retention."
    )
    assert not PolicyVersion.objects.exists()
    assert not AuditEvent.objects.filter(action="toolkit.policy.version_created").exists()


def test_a_section_without_any_clause_is_refused(member_org):
    organization, admin = member_org
    ClauseTemplate.objects.filter(section="accessibility").update(is_active=False)
    policy = make_policy(organization, created_by=admin)
    with pytest.raises(Exception) as refused:
        assemble_version(actor=admin, policy=policy)
    assert refused.value.message.startswith(
        "The center's clause library has no clause yet for: Accessibility."
    )
    assert not PolicyVersion.objects.exists()


def test_only_the_admin_of_a_member_organization_assembles(member_org):
    from django.core.exceptions import PermissionDenied  # noqa: PLC0415

    from tests.factories import SeatFactory  # noqa: PLC0415

    organization, admin = member_org
    policy = make_policy(organization, created_by=admin)
    member = SeatFactory(organization=organization).user
    with pytest.raises(PermissionDenied):
        assemble_version(actor=member, policy=policy)
    outsider_org, outsider = org_with_admin(name="Elsewhere Clinic")
    make_policy_member(outsider_org)
    with pytest.raises(PermissionDenied):
        assemble_version(actor=outsider, policy=policy)
    assert not PolicyVersion.objects.exists()


def test_the_text_of_a_version_numbers_sections_and_clauses(member_org):
    organization, admin = member_org
    _, version = assembled_policy(organization, admin)
    text = version_text(version.sections)
    assert text.startswith(
        "1. Who may post for the organization\n\n"
        "1.1 Basics of who may post for the organization\n"
        "Lakeside Family Physicians follows this rule on who may post for the organization.\n\n"
        "2. Approval workflow\n"
    )
    assert len(re.findall(r"^\d+\. ", text, flags=re.M)) == 10
