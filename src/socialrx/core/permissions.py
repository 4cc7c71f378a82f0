"""Every access decision in SocialRx, in one place.

Predicates (django-rules) are composed into named permissions. Views use
`require(user, perm, obj)`, the API uses `allowed(...)`, templates use `{% has_perm %}` from
rules' template tags: all three ask the same rules, so nobody re-derives roles.
"""

from __future__ import annotations

import rules
from django.apps import apps
from django.core.exceptions import PermissionDenied

_ORG_ROLES_CACHE = "_socialrx_org_roles"


def org_roles(user) -> dict[int, str]:
    """{organization id: org role} for the user, loaded once per user object (one query)."""
    if not getattr(user, "is_authenticated", False):
        return {}
    cached = getattr(user, _ORG_ROLES_CACHE, None)
    if cached is None:
        membership = apps.get_model("organizations", "OrgMembership")
        cached = dict(
            membership.objects.filter(user_id=user.pk).values_list("organization_id", "role")
        )
        setattr(user, _ORG_ROLES_CACHE, cached)
    return cached


def forget_org_roles(user) -> None:
    """Call after changing a person's seats so the next check reloads them."""
    if hasattr(user, _ORG_ROLES_CACHE):
        delattr(user, _ORG_ROLES_CACHE)


_REGISTRY_CLAIMS_CACHE = "_socialrx_registry_claims"


def verified_registry_claims(user) -> frozenset[int]:
    """Ids of the registry entities the user's verified claims cover (one query per user
    object)."""
    if not getattr(user, "is_authenticated", False):
        return frozenset()
    cached = getattr(user, _REGISTRY_CLAIMS_CACHE, None)
    if cached is None:
        claim = apps.get_model("registry", "Claim")
        cached = frozenset(
            claim.objects.filter(claimant_id=user.pk, status="verified").values_list(
                "entity_id", flat=True
            )
        )
        setattr(user, _REGISTRY_CLAIMS_CACHE, cached)
    return cached


def forget_registry_claims(user) -> None:
    if hasattr(user, _REGISTRY_CLAIMS_CACHE):
        delattr(user, _REGISTRY_CLAIMS_CACHE)


# --- predicates -----------------------------------------------------------------------------

is_authenticated = rules.is_authenticated


@rules.predicate
def is_center_staff(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_staff and user.is_active)


@rules.predicate
def is_coach(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_coach)


@rules.predicate
def is_researcher(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_researcher)


@rules.predicate
def is_org_member(user, organization) -> bool:
    return organization is not None and organization.pk in org_roles(user)


@rules.predicate
def is_org_admin(user, organization) -> bool:
    return organization is not None and org_roles(user).get(organization.pk) == "admin"


@rules.predicate
def is_invitation_admin(user, invitation) -> bool:
    return invitation is not None and is_org_admin(user, invitation.organization)


@rules.predicate
def is_invoice_org_admin(user, invoice) -> bool:
    return invoice is not None and is_org_admin(user, invoice.organization)


@rules.predicate
def represents_entity(user, entity) -> bool:
    """A verified claimant of the registry entity, or an admin of the organization that
    claimed it."""
    if entity is None:
        return False
    if entity.pk in verified_registry_claims(user):
        return True
    return entity.organization_id is not None and (
        org_roles(user).get(entity.organization_id) == "admin"
    )


@rules.predicate
def reads_member_content(user) -> bool:
    from socialrx.membership.selectors import may_read_member_content

    return may_read_member_content(user)


# --- permissions ----------------------------------------------------------------------------

PERMISSIONS = {
    # Organizations
    "organizations.create_organization": is_authenticated,
    "organizations.view_profile": is_org_member | is_center_staff,
    "organizations.edit_profile": is_org_admin | is_center_staff,
    "organizations.view_people": is_org_member | is_center_staff,
    "organizations.manage_people": is_org_admin | is_center_staff,
    "organizations.manage_invitations": is_org_admin | is_center_staff,
    "organizations.manage_invitation": is_invitation_admin | is_center_staff,
    # Membership and billing
    "membership.apply": is_org_admin,
    "membership.view_billing": is_org_admin | is_center_staff,
    "membership.view_invoice": is_invoice_org_admin | is_center_staff,
    "membership.pay_invoice": is_invoice_org_admin,
    "membership.read_member_content": reads_member_content,
    "membership.manage_plans": is_center_staff,
    "membership.review_applications": is_center_staff,
    "membership.manage_memberships": is_center_staff,
    "membership.record_payments": is_center_staff,
    "membership.view_reports": is_center_staff,
    # Registry
    "registry.claim_entity": is_authenticated,
    "registry.manage_accounts": represents_entity | is_center_staff,
    "registry.edit_details": is_center_staff,
    "registry.manage_imports": is_center_staff,
    "registry.review_claims": is_center_staff,
    "registry.review_corrections": is_center_staff,
    "registry.see_who_changed": is_center_staff,
    # Center operations
    "core.view_audit_log": is_center_staff,
    "accounts.grant_center_roles": is_center_staff,
    "accounts.view_people_directory": is_center_staff,
}

for _name, _predicate in PERMISSIONS.items():
    rules.add_perm(_name, _predicate)


def allowed(user, perm: str, obj=None) -> bool:
    return rules.has_perm(perm, user, obj)


def require(user, perm: str, obj=None) -> None:
    """Raise PermissionDenied unless `user` holds `perm` (on `obj`)."""
    if not allowed(user, perm, obj):
        raise PermissionDenied(f"You do not have permission to do this ({perm}).")
