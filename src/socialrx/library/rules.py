"""Who may do what in the library.

- Anyone reads published public resources, news, the podcast and the site's pages; a member
  (a person of an organization holding benefits) reads member resources, and premium ones when
  a plan of theirs includes premium resources (membership's `resource_tiers_of`). A file is
  served only to people who may read its resource.
- Members contribute resources and case studies for their organization; the contributor and
  their organization's admins edit a contribution until staff decide on it.
- Center staff write, publish and withdraw resources, review contributions, write news, edit
  the site's pages, read the contact messages and the usage reports."""

import rules

from socialrx.core.permissions import declare, is_center_staff, is_org_admin, is_org_member
from socialrx.membership.selectors import may_read_member_content, resource_tiers_of

from .models import ResourceStatus

EDITABLE_CONTRIBUTION = frozenset({ResourceStatus.DRAFT, ResourceStatus.CHANGES_REQUESTED})


@rules.predicate
def is_member(user) -> bool:
    return may_read_member_content(user)


@rules.predicate
def contributed_it(user, resource) -> bool:
    """The person wrote the contribution or is a member of the organization credited with it."""
    if not hasattr(resource, "author_id") or not getattr(user, "is_authenticated", False):
        return False
    if resource.author_id == user.pk:
        return True
    return resource.contributed_by_organization_id is not None and is_org_member(
        user, resource.contributed_by_organization
    )


@rules.predicate
def may_open(user, resource) -> bool:
    """A published resource whose access the person's tiers include."""
    if getattr(resource, "status", None) != ResourceStatus.PUBLISHED:
        return False
    return resource.access in resource_tiers_of(user)


@rules.predicate
def may_edit_contribution(user, resource) -> bool:
    if getattr(resource, "status", None) not in EDITABLE_CONTRIBUTION:
        return False
    if resource.author_id == getattr(user, "pk", None):
        return True
    organization = resource.contributed_by_organization
    return organization is not None and is_org_admin(user, organization)


declare(
    {
        "library.read_resource": may_open | is_center_staff | contributed_it,
        "library.contribute": is_member | is_center_staff,
        "library.edit_contribution": may_edit_contribution,
        "library.view_history": rules.is_authenticated,
        "library.manage": is_center_staff,
    }
)
