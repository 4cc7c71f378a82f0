"""Who may do what with the toolkit.

- Anyone checks a short draft and takes the short assessment; a member (a person of an
  organization holding benefits) checks drafts of any length.
- A person of a member organization saves checks to that organization's history and reads
  them; the history is the organization's alone (center staff do not read it); the
  person who saved a check, or an admin of the organization, deletes it.
- An org admin of a member organization takes the full assessment, builds the policy and
  draws the executive brief; any admin of the organization, member or not any more, revokes
  its policy's review links; everyone of the organization reads the results, the policies and
  the briefs; center staff read assessments and briefs to help (coaching), never the checks.
- Center staff keep the policy builder's clause templates."""

import rules

from socialrx.core.permissions import declare, is_center_staff, is_org_admin, is_org_member
from socialrx.membership.selectors import is_member, may_read_member_content
from socialrx.organizations.models import Organization


def organization_of(thing) -> Organization | None:
    """The organization a check, assessment, policy or brief belongs to (or the organization)."""
    if isinstance(thing, Organization):
        return thing
    if thing is not None and hasattr(thing, "organization_id"):
        return thing.organization
    return None


@rules.predicate
def is_member_person(user) -> bool:
    return may_read_member_content(user)


@rules.predicate
def member_of_its_organization(user, thing) -> bool:
    return is_org_member(user, organization_of(thing))


@rules.predicate
def admin_of_its_organization(user, thing) -> bool:
    return is_org_admin(user, organization_of(thing))


@rules.predicate
def its_organization_is_member(user, thing) -> bool:
    organization = organization_of(thing)
    return organization is not None and is_member(organization)


@rules.predicate
def saved_it(user, thing) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return getattr(thing, "saved_by_id", None) == user.pk


declare(
    {
        # Post safety checker
        "toolkit.check_full": is_member_person | is_center_staff,
        "toolkit.save_check": member_of_its_organization & its_organization_is_member,
        "toolkit.view_check": member_of_its_organization,
        "toolkit.delete_check": member_of_its_organization & (saved_it | admin_of_its_organization),
        # Readiness and staffing assessment
        "toolkit.assess": admin_of_its_organization & its_organization_is_member,
        "toolkit.view_assessment": member_of_its_organization | is_center_staff,
        # Policy builder
        "toolkit.build_policy": admin_of_its_organization & its_organization_is_member,
        "toolkit.view_policy": member_of_its_organization,
        # Deliberately no current membership: a lapsed organization's admin must still be able
        # to stop a review link that leaked.
        "toolkit.revoke_policy_link": member_of_its_organization & admin_of_its_organization,
        "toolkit.manage_clauses": is_center_staff,
        # Executive brief
        "toolkit.draw_brief": (admin_of_its_organization & its_organization_is_member)
        | is_center_staff,
        "toolkit.view_brief": member_of_its_organization | is_center_staff,
    }
)
