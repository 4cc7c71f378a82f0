"""Reads of the policy builder: the person's organizations and their policies, one policy or
version for a viewer (404 for anyone else), a version's review comments and share links, the
comparison of two versions, and the policy an organization adopted (for the executive brief).
The clause back office's reads are in `selectors.clauses`."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch

from socialrx.core.diff import Diff, line_diff
from socialrx.core.errors import NotFound
from socialrx.core.permissions import allowed, org_roles
from socialrx.membership.selectors import member_organization_ids
from socialrx.organizations.models import Organization, OrgRole

from ..models import Policy, PolicyReviewComment, PolicyShareLink, PolicyVersion
from ..policy_answers import missing_steps
from ..policy_assembly import version_text
from ..policy_sections import SECTIONS
from ..review_links import SECRET_LENGTH_LIMIT, digest, link_state


@dataclass(frozen=True)
class OrganizationPolicy:
    """One of the person's organizations on the policy builder's entry page."""

    organization: Organization
    is_admin: bool
    is_member: bool
    policy: Policy | None
    versions: list[PolicyVersion] = field(default_factory=list)

    @property
    def may_build(self) -> bool:
        return self.is_admin and self.is_member

    @property
    def latest(self) -> PolicyVersion | None:
        return self.versions[0] if self.versions else None

    @property
    def adopted(self) -> PolicyVersion | None:
        return latest_adopted(self.versions)

    @property
    def steps_done(self) -> int:
        return len(self.policy.steps_done) if self.policy else 0


def latest_adopted(versions) -> PolicyVersion | None:
    adopted = [v for v in versions if v.adopted_on]
    return max(adopted, key=lambda v: (v.adopted_on, v.number), default=None)


def policies_of_person(user) -> list[OrganizationPolicy]:
    """The person's organizations by name, each with its policy and versions (newest first):
    four queries however many organizations."""
    roles = org_roles(user)
    if not roles:
        return []
    members = member_organization_ids(user)
    versions = PolicyVersion.objects.order_by("-number").only(
        "public_id", "policy_id", "number", "created_at", "adopted_on", "change_note"
    )
    organizations = (
        Organization.objects.filter(pk__in=roles)
        .select_related("toolkit_policy")
        .prefetch_related(Prefetch("toolkit_policy__versions", queryset=versions))
        .order_by("name", "pk")
    )
    rows = []
    for organization in organizations:
        policy = getattr(organization, "toolkit_policy", None)
        rows.append(
            OrganizationPolicy(
                organization=organization,
                is_admin=roles[organization.pk] == OrgRole.ADMIN,
                is_member=organization.pk in members,
                policy=policy,
                versions=list(policy.versions.all()) if policy else [],
            )
        )
    return rows


def policy_for(user, public_id, perm: str = "toolkit.view_policy") -> Policy:
    """The policy if `user` may `perm` it; the same NotFound for missing and not theirs."""
    policy = Policy.objects.select_related("organization").filter(public_id=public_id).first()
    if policy is None or not allowed(user, perm, policy):
        raise NotFound("No such policy.")
    return policy


def versions_of(policy: Policy) -> list[PolicyVersion]:
    """Newest first, with who assembled and adopted each."""
    return list(policy.versions.select_related("created_by", "adopted_by").order_by("-number"))


def version_in(versions: list[PolicyVersion], number: int) -> PolicyVersion:
    found = next((version for version in versions if version.number == number), None)
    if found is None:
        raise NotFound(f"There is no version {number} of this policy.")
    return found


def version_of(policy: Policy, number: int) -> PolicyVersion:
    found = policy.versions.select_related("created_by", "adopted_by").filter(number=number).first()
    if found is None:
        raise NotFound(f"There is no version {number} of this policy.")
    return found


def draft_progress(policy: Policy) -> tuple[int, list]:
    """(steps done, the sections still to answer) of the policy's draft."""
    missing = missing_steps(policy.answers, policy.steps_done)
    return len(SECTIONS) - len(missing), missing


# --- a version's reviews ------------------------------------------------------------------------


@dataclass(frozen=True)
class LinkRow:
    link: PolicyShareLink
    state: str  # "live", "revoked", "expired"
    comment_count: int


def comments_by_clause(version: PolicyVersion) -> dict[str, list[PolicyReviewComment]]:
    """{clause key: its comments, oldest first}, from every link of the version (revoked and
    expired ones included: the comments stay the organization's)."""
    grouped: dict[str, list[PolicyReviewComment]] = defaultdict(list)
    for comment in version.review_comments.select_related("link").order_by("created_at", "id"):
        grouped[comment.clause_key].append(comment)
    return dict(grouped)


def links_of(version: PolicyVersion) -> list[LinkRow]:
    links = (
        version.share_links.select_related("created_by", "revoked_by")
        .annotate(comment_count=Count("comments"))
        .order_by("-created_at", "-id")
    )
    return [LinkRow(link, link_state(link), link.comment_count) for link in links]


def link_for_secret(secret: str) -> PolicyShareLink | None:
    """The link a secret opens, whatever its state; None for anything else."""
    if not secret or len(secret) > SECRET_LENGTH_LIMIT:
        return None
    return (
        PolicyShareLink.objects.select_related("version__policy__organization", "revoked_by")
        .filter(lookup_digest=digest(secret))
        .first()
    )


def link_comments(link: PolicyShareLink) -> dict[str, list[PolicyReviewComment]]:
    """The comments made through one link, by clause (the reviewer's page shows them)."""
    grouped: dict[str, list[PolicyReviewComment]] = defaultdict(list)
    for comment in link.comments.order_by("created_at", "id"):
        grouped[comment.clause_key].append(comment)
    return dict(grouped)


# --- comparing versions ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Comparison:
    older: PolicyVersion
    newer: PolicyVersion
    diff: Diff


def compare(versions: list[PolicyVersion], first: int, second: int) -> Comparison:
    """The changes from version `first` to `second` (either order: older against newer);
    NotFound naming a number the policy has no version of."""
    for number in (first, second):
        version_in(versions, number)
    older = version_in(versions, min(first, second))
    newer = version_in(versions, max(first, second))
    return Comparison(
        older, newer, line_diff(version_text(older.sections), version_text(newer.sections))
    )


def version_number(value: str | None) -> int | None:
    """A version number from the query string; None when missing or not a whole number."""
    text = (value or "").strip()
    if not text.isdigit() or len(text) > 9:
        return None
    return int(text)


# --- for the executive brief ----------------------------------------------------------------------


def adopted_policy_of(organization: Organization) -> PolicyVersion | None:
    """The organization's policy version adopted last (by adoption date, then number), or
    None when it has adopted none. One query."""
    return (
        PolicyVersion.objects.filter(policy__organization=organization, adopted_on__isnull=False)
        .select_related("policy")
        .order_by("-adopted_on", "-number")
        .first()
    )
