"""Review links for legal review: made by the org admin (shown once, only its digest kept),
opened without an account, comments per clause (plain text, escaped, rate-limited), seen by
the organization under each clause; revoking (audited) or expiring closes the link with a 410
page, and its comments stay with the organization. An unknown link is a 404 page."""

from __future__ import annotations

import hashlib
from datetime import timedelta

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from socialrx.core.calendar import center_today
from socialrx.core.models import AuditEvent
from socialrx.core.permissions import allowed
from socialrx.membership.models import Membership
from socialrx.toolkit.models import PolicyReviewComment, PolicyShareLink
from socialrx.toolkit.services import policy_reviews
from socialrx.toolkit.services.policy_reviews import create_share_link, revoke_share_link
from tests.factories import SeatFactory, org_with_admin
from tests.toolkit.factories import (
    assembled_policy,
    make_clause_per_section,
    make_policy_member,
)

pytestmark = pytest.mark.django_db

CLAUSE = "crisis-basics"


@pytest.fixture
def shared():
    organization, admin = org_with_admin(name="Lakeside Family Physicians")
    make_policy_member(organization)
    make_clause_per_section()
    policy, version = assembled_policy(organization, admin)
    made = create_share_link(actor=admin, version=version, label="Outside counsel")
    return organization, admin, policy, version, made.link, made.secret


def _review_url(secret: str) -> str:
    return reverse("toolkit:policy_review", args=[secret])


def _comment(client, secret, **changes):
    data = {"clause": CLAUSE, "name": "Margaret Hale", "comment": "Name a deputy."}
    data.update(changes)
    return client.post(_review_url(secret), data)


def test_making_a_link_shows_it_once_and_keeps_only_its_digest(client, shared):
    organization, admin, policy, version, link, secret = shared
    client.force_login(admin)
    url = reverse("toolkit:policy_share_new", args=[policy.public_id, 1])
    made_url = reverse("toolkit:policy_share_made", args=[policy.public_id, 1])
    posted = client.post(url, {"label": "Compliance review", "expires_on": ""})
    assert posted.status_code == 302
    assert posted["Location"] == made_url  # the secret is never in a URL
    response = client.get(made_url)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    made = PolicyShareLink.objects.get(label="Compliance review")
    shown = response.context["url"]
    secret_shown = shown.rstrip("/").rsplit("/", 1)[1]
    assert made.lookup_digest == hashlib.sha256(secret_shown.encode()).hexdigest()
    assert secret_shown not in made.lookup_digest
    assertContains(response, shown)
    event = AuditEvent.objects.get(action="toolkit.policy_share.created", target_id=str(made.pk))
    assert event.after == {"version": 1, "label": "Compliance review", "expires_on": None}
    # The version page lists it afterwards without the link itself.
    page = client.get(reverse("toolkit:policy_version", args=[policy.public_id, 1]))
    assertContains(page, "Compliance review")
    assertNotContains(page, secret_shown)


def test_refreshing_the_page_of_a_new_link_makes_nothing_and_shows_no_secret(client, shared):
    organization, admin, policy, version, link, secret = shared
    client.force_login(admin)
    url = reverse("toolkit:policy_share_new", args=[policy.public_id, 1])
    made_url = client.post(url, {"label": "Compliance review"})["Location"]
    first = client.get(made_url)
    secret_shown = first.context["url"].rstrip("/").rsplit("/", 1)[1]

    refreshed = client.get(made_url)

    version_url = reverse("toolkit:policy_version", args=[policy.public_id, 1])
    assert refreshed.status_code == 302
    assert refreshed["Location"] == f"{version_url}#review-heading"
    assert PolicyShareLink.objects.filter(label="Compliance review").count() == 1
    assert PolicyShareLink.objects.count() == 2  # the fixture's and this one
    assert AuditEvent.objects.filter(action="toolkit.policy_share.created").count() == 2
    page = client.get(refreshed["Location"])
    assertContains(page, "A review link is shown only once")
    assertNotContains(page, secret_shown)


def test_the_page_of_a_new_link_is_the_builders_only(client, shared):
    organization, admin, policy, version, link, secret = shared
    client.force_login(admin)
    client.post(reverse("toolkit:policy_share_new", args=[policy.public_id, 1]), {"label": "X"})
    made_url = reverse("toolkit:policy_share_made", args=[policy.public_id, 1])
    client.force_login(SeatFactory(organization=organization).user)
    assert client.get(made_url).status_code == 403
    other, other_admin = org_with_admin(name="Elsewhere Clinic")
    client.force_login(other_admin)
    assert client.get(made_url).status_code == 404


def test_a_link_needs_a_label_and_a_sensible_end(client, shared):
    organization, admin, policy, version, link, secret = shared
    client.force_login(admin)
    url = reverse("toolkit:policy_share_new", args=[policy.public_id, 1])
    assertContains(client.post(url, {"label": ""}), "Say who the link is for.", status_code=400)
    past = (center_today() - timedelta(days=1)).isoformat()
    response = client.post(url, {"label": "Counsel", "expires_on": past})
    assertContains(response, "Choose a date from today to a year from now", status_code=400)
    assert PolicyShareLink.objects.count() == 1


def test_a_reviewer_without_an_account_reads_and_comments(client, shared):
    organization, admin, policy, version, link, secret = shared
    page = client.get(_review_url(secret))
    assert page.status_code == 200
    assert page["Referrer-Policy"] == "no-referrer"
    assert "no-store" in page["Cache-Control"] or "max-age=0" in page["Cache-Control"]
    assertContains(page, "Legal review · shared with “Outside counsel”")
    assertContains(
        page, "Lakeside Family Physicians follows this rule on crisis and incident response."
    )
    assertContains(page, "<summary>Comment on this clause", count=10)
    response = _comment(client, secret, comment="Name a deputy <b>for nights</b>.\nAnd weekends.")
    assert response["Location"] == f"{_review_url(secret)}#clause-{CLAUSE}"
    comment = PolicyReviewComment.objects.get()
    assert (comment.clause_key, comment.reviewer_name, comment.version) == (
        CLAUSE,
        "Margaret Hale",
        version,
    )
    assert comment.body == "Name a deputy <b>for nights</b>.\nAnd weekends."
    event = AuditEvent.objects.get(action="toolkit.policy_review.commented")
    assert event.actor is None
    assert event.after["clause"] == CLAUSE
    # The name is remembered for the next comment, and the comment is shown escaped.
    again = client.get(_review_url(secret))
    assertContains(again, 'value="Margaret Hale"', count=10)
    assertContains(again, "Name a deputy &lt;b&gt;for nights&lt;/b&gt;.")


def test_the_organization_reads_the_comments_under_each_clause(client, shared):
    organization, admin, policy, version, link, secret = shared
    _comment(client, secret)
    client.force_login(SeatFactory(organization=organization).user)
    page = client.get(reverse("toolkit:policy_version", args=[policy.public_id, 1]))
    assertContains(page, "Reviewers left 1 comment on this version")
    assertContains(page, "Review comment (1)")
    assertContains(page, "Name a deputy.")
    assertContains(page, "through the link for “Outside counsel”")


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"name": ""}, "Give your name, so the organization knows who wrote."),
        ({"comment": "   "}, "Write your comment."),
        ({"comment": "x" * 4001}, "Ensure this value has at most 4000 characters"),
        ({"clause": "no-such-clause"}, "Choose a clause of this policy to comment on."),
    ],
)
def test_a_bad_comment_is_refused_and_nothing_saved(client, shared, changes, message):
    organization, admin, policy, version, link, secret = shared
    response = _comment(client, secret, **changes)
    assertContains(response, message, status_code=400)
    assert not PolicyReviewComment.objects.exists()


def test_comments_are_rate_limited(client, shared, monkeypatch):
    organization, admin, policy, version, link, secret = shared
    monkeypatch.setattr(policy_reviews, "COMMENTS_PER_HOUR", 2)
    assert _comment(client, secret).status_code == 302
    assert _comment(client, secret).status_code == 302
    response = _comment(client, secret, comment="A third one.")
    assertContains(response, "Too many comments from here in a short time", status_code=429)
    assertContains(response, "A third one.", status_code=429)  # what they wrote is kept
    assert PolicyReviewComment.objects.count() == 2


def test_revoking_closes_the_link_and_keeps_its_comments(client, shared):
    organization, admin, policy, version, link, secret = shared
    _comment(client, secret)
    client.force_login(admin)
    response = client.post(
        reverse("toolkit:policy_share_revoke", args=[policy.public_id, link.public_id])
    )
    assert response["Location"] == reverse("toolkit:policy_version", args=[policy.public_id, 1])
    link.refresh_from_db()
    assert link.revoked_by == admin
    assert AuditEvent.objects.filter(action="toolkit.policy_share.revoked").count() == 1
    client.logout()
    closed = client.get(_review_url(secret))
    assertContains(closed, "This review link was revoked", status_code=410)
    assertNotContains(closed, "follows this rule", status_code=410)
    refused = _comment(client, secret, comment="Too late.")
    assert refused.status_code == 410
    assert PolicyReviewComment.objects.count() == 1
    client.force_login(admin)
    page = client.get(reverse("toolkit:policy_version", args=[policy.public_id, 1]))
    assertContains(page, "Name a deputy.")
    assertContains(page, "Revoked")


def test_an_expired_link_is_closed(client, shared):
    organization, admin, policy, version, link, secret = shared
    PolicyShareLink.objects.filter(pk=link.pk).update(expires_on=center_today() - timedelta(days=1))
    response = client.get(_review_url(secret))
    assertContains(response, "This review link has expired", status_code=410)
    assert _comment(client, secret).status_code == 410
    assert not PolicyReviewComment.objects.exists()


def test_a_link_works_through_its_last_day(client, shared):
    organization, admin, policy, version, link, secret = shared
    PolicyShareLink.objects.filter(pk=link.pk).update(expires_on=center_today())
    assert client.get(_review_url(secret)).status_code == 200


def test_an_unknown_link_is_a_404_page(client, shared):
    response = client.get(_review_url("not-a-real-link-at-all"))
    assertContains(response, "This review link does not open a policy", status_code=404)
    assert client.get(_review_url("x" * 300)).status_code == 404


def test_revoking_twice_says_it_was_already_revoked(client, shared):
    organization, admin, policy, version, link, secret = shared
    revoke_share_link(actor=admin, link=link)
    client.force_login(admin)
    response = client.post(
        reverse("toolkit:policy_share_revoke", args=[policy.public_id, link.public_id]), follow=True
    )
    assertContains(response, "This link was already revoked.")
    assert AuditEvent.objects.filter(action="toolkit.policy_share.revoked").count() == 1


def test_only_an_admin_of_the_organization_revokes(client, shared):
    organization, admin, policy, version, link, secret = shared
    url = reverse("toolkit:policy_share_revoke", args=[policy.public_id, link.public_id])
    client.force_login(SeatFactory(organization=organization).user)
    assert client.post(url).status_code == 403
    other, other_admin = org_with_admin(name="Elsewhere Clinic")
    client.force_login(other_admin)
    assert client.post(url).status_code == 404
    link.refresh_from_db()
    assert link.revoked_at is None


def test_an_admin_revokes_even_once_the_membership_has_lapsed(client, shared):
    organization, admin, policy, version, link, secret = shared
    Membership.objects.filter(organization=organization).delete()
    client.force_login(admin)
    client.post(reverse("toolkit:policy_share_revoke", args=[policy.public_id, link.public_id]))
    link.refresh_from_db()
    assert link.revoked_at is not None


def test_revoking_is_its_own_permission_held_by_the_organizations_admins_only(shared):
    """`toolkit.revoke_policy_link`: an admin of the organization, whether or not it is a member
    right now; not its other people, not another organization's admin."""
    organization, admin, policy, version, link, secret = shared
    person = SeatFactory(organization=organization).user
    _, other_admin = org_with_admin(name="Elsewhere Clinic")
    assert allowed(admin, "toolkit.revoke_policy_link", policy)
    assert not allowed(person, "toolkit.revoke_policy_link", policy)
    assert not allowed(other_admin, "toolkit.revoke_policy_link", policy)
    Membership.objects.filter(organization=organization).delete()
    assert not allowed(admin, "toolkit.build_policy", policy)
    assert allowed(admin, "toolkit.revoke_policy_link", policy)
