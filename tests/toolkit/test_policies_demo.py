"""The policy builder's demo (`socialrx seed-demo`, small profile): the center's 37 clause
templates, Riverside's policy in two versions with its reviewers' comments on three links
(expired, revoked, open), version 2 adopted; never twice."""

from __future__ import annotations

from datetime import date, timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from socialrx.core.calendar import center_today
from socialrx.toolkit.models import (
    ClauseTemplate,
    ClauseTemplateVersion,
    Policy,
    PolicyReviewComment,
    PolicyShareLink,
    PolicyVersion,
)
from socialrx.toolkit.policy_assembly import version_text
from socialrx.toolkit.review_links import link_state
from socialrx.toolkit.selectors.policies import adopted_policy_of

pytestmark = pytest.mark.integration

MODELS = [
    ClauseTemplate,
    ClauseTemplateVersion,
    Policy,
    PolicyVersion,
    PolicyShareLink,
    PolicyReviewComment,
]
RIVERSIDE = "Riverside Regional Medical Center"


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in MODELS}


def test_the_center_keeps_37_clauses_one_reworded_one_overdue(demo_small):
    assert ClauseTemplate.objects.filter(is_active=True).count() == 37
    reworded = ClauseTemplate.objects.get(slug="questions-about-own-care")
    assert reworded.version == 2
    overdue = ClauseTemplate.objects.filter(review_due__lt=center_today())
    assert list(overdue.values_list("slug", flat=True)) == ["manual-archiving"]


def test_riverside_has_two_versions_the_second_adopted(demo_small):
    policy = Policy.objects.get(organization__name=RIVERSIDE)
    first, second = policy.versions.order_by("number")
    assert (first.number, second.number) == (1, 2)
    assert first.adopted_on is None
    assert adopted_policy_of(policy.organization) == second
    assert second.adopted_on < center_today()
    assert first.created_at < second.created_at
    keys_first = {c["key"] for s in first.sections for c in s["clauses"]}
    keys_second = {c["key"] for s in second.sections for c in s["clauses"]}
    # Counsel's advice: approval of sensitive posts only, on-call cover, an archiving service.
    assert keys_first - keys_second == {
        "approval-every-post",
        "business-hours-notice",
        "manual-archiving",
    }
    assert keys_second - keys_first == {
        "approval-risk-based",
        "after-hours-coverage",
        "archiving-service",
    }
    used = {v.template.slug: v.number for v in second.clause_versions.select_related("template")}
    assert used["questions-about-own-care"] == 2
    assert first.clause_versions.get(template__slug="questions-about-own-care").number == 1
    text = version_text(second.sections)
    assert "{{" not in text
    assert "Riverside Regional Medical Center" in text
    assert "gets a first response within 2 hours" in " ".join(text.split())


def test_each_version_cites_clause_reviews_made_before_it(demo_small):
    """Clauses written and reviewed 420 days ago; version 1 (120 days ago) saw one clause
    reviewed again 400 days ago; version 2 (75 days ago) saw two reviewed 90 days ago. The
    clauses reviewed since then show their new dates, in no version."""
    today = center_today()
    policy = Policy.objects.get(organization__name=RIVERSIDE)
    first, second = policy.versions.order_by("number")
    assert (first.templates_reviewed_from, first.templates_reviewed_to) == (
        today - timedelta(days=420),
        today - timedelta(days=400),
    )
    assert (second.templates_reviewed_from, second.templates_reviewed_to) == (
        today - timedelta(days=420),
        today - timedelta(days=90),
    )
    for version in (first, second):
        made = timezone.localdate(version.created_at)
        cited = {
            date.fromisoformat(clause["reviewed_on"])
            for section in version.sections
            for clause in section["clauses"]
        }
        assert max(cited) == version.templates_reviewed_to < made
    reworded = second.clause_versions.get(template__slug="questions-about-own-care")
    assert timezone.localdate(reworded.created_at) == today - timedelta(days=100)
    assert ClauseTemplate.objects.get(slug="questions-about-own-care").reviewed_on == (
        today - timedelta(days=50)
    )


def test_reviewers_comments_stay_on_expired_and_revoked_links(demo_small):
    policy = Policy.objects.get(organization__name=RIVERSIDE)
    links = {link.label: link for link in PolicyShareLink.objects.filter(version__policy=policy)}
    assert {label: link_state(link) for label, link in links.items()} == {
        "Outside counsel: Hale & Marsh LLP": "expired",
        "Compliance review": "revoked",
        "Board governance committee": "live",
    }
    counsel = links["Outside counsel: Hale & Marsh LLP"]
    assert sorted(counsel.comments.values_list("clause_key", flat=True)) == [
        "approval-every-post",
        "business-hours-notice",
        "manual-archiving",
        "patient-authorization",
    ]
    assert set(counsel.comments.values_list("reviewer_name", flat=True)) == {
        "Margaret Hale, Hale & Marsh LLP"
    }
    assert links["Compliance review"].comments.count() == 1
    assert PolicyReviewComment.objects.filter(version__policy=policy).count() == 5


def test_the_policy_pages_open_for_riverside(demo_small, client):
    policy = Policy.objects.get(organization__name=RIVERSIDE)
    client.force_login(policy.created_by)
    page = client.get(f"/toolkit/policies/{policy.public_id}/versions/1/", secure=True)
    assert page.status_code == 200
    assert "Reviewers left 4 comments on this version" in page.content.decode()
    compare = client.get(f"/toolkit/policies/{policy.public_id}/compare/", secure=True)
    assert compare.status_code == 200
    assert compare.context["comparison"].diff.changed


def test_a_second_run_creates_nothing(demo_small):
    before = counts()
    out = StringIO()
    call_command("seed_demo", profile="small", stdout=out)
    assert counts() == before
    printed = out.getvalue()
    assert "37 policy clause templates" in printed
    assert (
        f"{RIVERSIDE}: social media policy, 2 versions, 5 review comments, version 2 adopted"
        in (printed)
    )
