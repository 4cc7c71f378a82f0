"""The policy builder's rows of the permission matrix (merged in matrix_rows.py). Organization
A is made a member of the center, and the center holds a clause for every section.

- The entry page: everyone (a visitor reads what the builder is, with links to sign in and to
  the plans; a person without an organization is told how to start).
- Org A's policy, its versions, downloads and comparison: org A's people only; everyone else
  (center staff included: a policy is the organization's) gets a 404.
- Building (starting, steps, assembling, adopting, making a review link and the page that
  shows it once): org A's admin; its member may read but not build (403 with the reason);
  everyone else 404. Revoking a link:
  org A's admin (403 for its member).
- The reviewer's page: anyone holding a live link reads and comments; a revoked link is 410.
- The clause back office: center staff (403 for other people signed in).
- The API: the policies of my organizations for everyone signed in; a version and its
  downloads for org A's people (404 for the others, 401 without credentials)."""

from __future__ import annotations

from datetime import timedelta
from functools import cached_property

from django.urls import reverse

from tests.permission_matrix_kit import (
    ADMIN_A,
    ALLOW,
    DONE,
    FORBIDDEN,
    LOGIN,
    MEMBER_A,
    NOT_FOUND,
    PUBLIC,
    SIGNED_IN_API,
    STAFF_ONLY,
    STAFF_ONLY_ACTION,
    UNAUTHORIZED,
    VISITOR,
    Case,
    api_cases,
    everyone,
    fixed,
    get,
    only,
    post,
    post_only,
    roles,
    status,
)

API = "/api/v1/toolkit/policies"
VIEWERS = only(MEMBER_A, ADMIN_A, grant=ALLOW, deny=NOT_FOUND)
VIEWERS_API = VIEWERS | {VISITOR: UNAUTHORIZED}
BUILDER = roles(NOT_FOUND, visitor=LOGIN, member_a=FORBIDDEN, admin_a=ALLOW)
BUILDER_ACTION = roles(NOT_FOUND, visitor=LOGIN, member_a=FORBIDDEN, admin_a=DONE)
REVIEW_LINK_CLAUSE = "crisis-basics"


class Data:
    """The objects this area's cases need (mixed into the matrix's World; names prefixed)."""

    @cached_property
    def policies_member_org_a(self):
        """Organization A holds a membership and the center a clause for every section."""
        from tests.toolkit.factories import make_clause_per_section, make_policy_member  # noqa: PLC0415

        make_clause_per_section()
        return make_policy_member(self.org_a)

    @cached_property
    def policies_draft(self):
        """Org A's policy with every step answered, no version yet."""
        from tests.toolkit.factories import make_policy  # noqa: PLC0415

        self.policies_member_org_a  # noqa: B018 - a member, with clauses
        return make_policy(self.org_a, created_by=self.admin_a)

    @cached_property
    def policies_version(self):
        """Version 1 of org A's policy."""
        from socialrx.toolkit.services.policies import assemble_version  # noqa: PLC0415

        return assemble_version(actor=self.admin_a, policy=self.policies_draft)

    def _policies_link(self, label: str):
        from socialrx.toolkit.services.policy_reviews import create_share_link  # noqa: PLC0415

        return create_share_link(actor=self.admin_a, version=self.policies_version, label=label)

    @cached_property
    def policies_live_link(self):
        return self._policies_link("Matrix counsel")

    @cached_property
    def policies_revoked_link(self):
        from socialrx.toolkit.services.policy_reviews import revoke_share_link  # noqa: PLC0415

        made = self._policies_link("Matrix revoked")
        revoke_share_link(actor=self.admin_a, link=made.link)
        return made

    @cached_property
    def policies_staff_clause(self):
        from socialrx.core.calendar import center_today  # noqa: PLC0415
        from tests.toolkit.factories import make_clause  # noqa: PLC0415

        today = center_today()
        return make_clause(
            "matrix-clause",
            "crisis",
            "Report within {{ escalation_minutes }} minutes.",
            reviewed_on=today - timedelta(days=400),
            review_due=today - timedelta(days=35),
        )


def _policy(name: str, *more):
    def url(world) -> str:
        return reverse(name, args=[world.policies_version.policy.public_id, *more])

    return url


def _draft(name: str, *more):
    return lambda world: reverse(name, args=[world.policies_draft.public_id, *more])


def _clause(name: str):
    return lambda world: reverse(name, args=[world.policies_staff_clause.public_id])


def _api(suffix: str = ""):
    return lambda world: f"{API}/{world.policies_version.policy.public_id}/versions/1{suffix}"


def _review(attribute: str):
    return lambda world: reverse("toolkit:policy_review", args=[getattr(world, attribute).secret])


def _started(world) -> bool:
    from socialrx.toolkit.models import Policy  # noqa: PLC0415

    return Policy.objects.filter(organization=world.org_a).exists()


def _start_data(world) -> dict:
    world.policies_member_org_a  # noqa: B018
    return {"organization": str(world.org_a.public_id)}


CRISIS_STEP = {
    "crisis_lead_role": "Matrix crisis lead",
    "escalation_minutes": "20",
    "emergency_plan_name": "Emergency Operations Plan",
}


def _step_saved(world) -> bool:
    world.policies_draft.refresh_from_db()
    return world.policies_draft.answers["crisis_lead_role"] == "Matrix crisis lead"


def _assembled(world) -> bool:
    return world.policies_draft.versions.exists()


def _adopted(world) -> bool:
    world.policies_version.refresh_from_db()
    return world.policies_version.adopted_on is not None


def _adopt_data(world) -> dict:
    from socialrx.core.calendar import center_today  # noqa: PLC0415

    return {"adopted_on": center_today().isoformat()}


def _link_made(world) -> bool:
    return world.policies_version.share_links.filter(label="Matrix reviewers").exists()


def _revoke_url(world) -> str:
    link = world.policies_live_link.link
    return reverse(
        "toolkit:policy_share_revoke", args=[link.version.policy.public_id, link.public_id]
    )


def _revoked(world) -> bool:
    link = world.policies_live_link.link
    link.refresh_from_db()
    return link.revoked_at is not None


def _commented(world) -> bool:
    return world.policies_live_link.link.comments.exists()


def _clause_form(key: str):
    def data(world) -> dict:
        from socialrx.core.calendar import center_today  # noqa: PLC0415

        today = center_today()
        return {
            "title": "Matrix clause",
            "slug": key,
            "section": "crisis",
            "position": "10",
            "condition": "always",
            "body": "Report within {{ escalation_minutes }} minutes, day or night.",
            "reviewed_on": today.isoformat(),
            "review_due": (today + timedelta(days=365)).isoformat(),
            "is_active": "on",
        }

    return data


def _clause_made(world) -> bool:
    from socialrx.toolkit.models import ClauseTemplate  # noqa: PLC0415

    return ClauseTemplate.objects.filter(slug="matrix-new-clause").exists()


def _clause_published(world) -> bool:
    world.policies_staff_clause.refresh_from_db()
    return world.policies_staff_clause.version == 2


def _clause_reviewed(world) -> bool:
    from socialrx.core.calendar import center_today  # noqa: PLC0415

    world.policies_staff_clause.refresh_from_db()
    return world.policies_staff_clause.reviewed_on == center_today()


ROWS: dict[str, tuple[Case, ...]] = {
    "toolkit:policies": (get(fixed("/toolkit/policies/"), PUBLIC),),
    "toolkit:policy_start": post_only(
        fixed("/toolkit/policies/start/"), BUILDER_ACTION, data=_start_data, effect=_started
    ),
    "toolkit:policy": (get(_policy("toolkit:policy"), VIEWERS),),
    "toolkit:policy_step": (
        get(_draft("toolkit:policy_step", "crisis"), BUILDER),
        post(
            _draft("toolkit:policy_step", "crisis"),
            BUILDER_ACTION,
            data=lambda world: CRISIS_STEP,
            effect=_step_saved,
        ),
    ),
    "toolkit:policy_assemble": (
        get(_draft("toolkit:policy_assemble"), BUILDER),
        post(
            _draft("toolkit:policy_assemble"), BUILDER_ACTION, data=lambda w: {}, effect=_assembled
        ),
    ),
    "toolkit:policy_compare": (get(_policy("toolkit:policy_compare"), VIEWERS),),
    "toolkit:policy_version": (get(_policy("toolkit:policy_version", 1), VIEWERS),),
    "toolkit:policy_version_pdf": (get(_policy("toolkit:policy_version_pdf", 1), VIEWERS),),
    "toolkit:policy_version_docx": (get(_policy("toolkit:policy_version_docx", 1), VIEWERS),),
    "toolkit:policy_adopt": post_only(
        _policy("toolkit:policy_adopt", 1), BUILDER_ACTION, data=_adopt_data, effect=_adopted
    ),
    "toolkit:policy_share_new": post_only(
        _policy("toolkit:policy_share_new", 1),
        BUILDER_ACTION,
        data=lambda world: {"label": "Matrix reviewers"},
        effect=_link_made,
    ),
    # Without a link just made in the session, the builder is sent back to the version.
    "toolkit:policy_share_made": (get(_policy("toolkit:policy_share_made", 1), BUILDER_ACTION),),
    "toolkit:policy_share_revoke": post_only(_revoke_url, BUILDER_ACTION, effect=_revoked),
    "toolkit:policy_review": (
        get(_review("policies_live_link"), everyone(ALLOW)),
        post(
            _review("policies_live_link"),
            everyone(DONE),
            data=lambda world: {
                "clause": REVIEW_LINK_CLAUSE,
                "name": "Matrix reviewer",
                "comment": "Looks right.",
            },
            effect=_commented,
        ),
        get(_review("policies_revoked_link"), everyone(status(410)), label="GET, a revoked link"),
    ),
    "toolkit:staff_clauses": (get(fixed("/staff/toolkit/clauses/"), STAFF_ONLY),),
    "toolkit:staff_clause_new": (
        get(fixed("/staff/toolkit/clauses/new/"), STAFF_ONLY),
        post(
            fixed("/staff/toolkit/clauses/new/"),
            STAFF_ONLY_ACTION,
            data=_clause_form("matrix-new-clause"),
            effect=_clause_made,
        ),
    ),
    "toolkit:staff_clause_edit": (
        get(_clause("toolkit:staff_clause_edit"), STAFF_ONLY),
        post(
            _clause("toolkit:staff_clause_edit"),
            STAFF_ONLY_ACTION,
            data=_clause_form("matrix-clause"),
            effect=_clause_published,
        ),
    ),
    "toolkit:staff_clause_reviewed": post_only(
        _clause("toolkit:staff_clause_reviewed"), STAFF_ONLY_ACTION, effect=_clause_reviewed
    ),
}

API_ROWS: dict[str, tuple[Case, ...]] = {
    f"GET {API}": api_cases(fixed(API), SIGNED_IN_API),
    f"GET {API}/<policy_id>/versions/<number>": api_cases(_api(), VIEWERS_API),
    f"GET {API}/<policy_id>/versions/<number>/docx": api_cases(_api("/docx"), VIEWERS_API),
    f"GET {API}/<policy_id>/versions/<number>/pdf": api_cases(_api("/pdf"), VIEWERS_API),
}
