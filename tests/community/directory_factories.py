"""Member-directory test data: member (and former member) organizations with their plan,
people with directory entries, organizations' entries, and case studies published in the
library for an organization."""

from __future__ import annotations

from datetime import timedelta
from itertools import count

from socialrx.community.models import DirectoryProfile, OrganizationEntry
from socialrx.core.calendar import center_today
from socialrx.library.models import CaseStudy, ResourceKind
from socialrx.membership.models import Membership, MembershipStatus, Plan
from socialrx.organizations.models import Organization, OrgRole
from socialrx.taxonomy.models import Platform, Topic
from tests.factories import OrganizationFactory, SeatFactory, UserFactory
from tests.library.factories import make_resource
from tests.membership.factories import PlanFactory

_numbers = count(1)


def make_plan(*, size_min: int = 1, size_max: int | None = None, **fields) -> Plan:
    """A hospital plan for `size_min`–`size_max` licensed beds."""
    return PlanFactory(size_min=size_min, size_max=size_max, **fields)


def make_membership(organization: Organization, *, plan: Plan | None = None, lapsed=False):
    """An active membership for a year from today (a lapsed one ended 200 days ago)."""
    today = center_today()
    start = today - timedelta(days=565) if lapsed else today
    return Membership.objects.create(
        organization=organization,
        plan=plan or make_plan(),
        billing_contact_name="Accounts payable",
        billing_email="ap@example-health.org",
        status=MembershipStatus.LAPSED if lapsed else MembershipStatus.ACTIVE,
        covered_from=start,
        covered_until=start + timedelta(days=364),
    )


def make_org(
    name: str | None = None, *, member: bool = True, plan: Plan | None = None, **fields
) -> Organization:
    """An organization (a member with an active membership unless `member=False`)."""
    organization = OrganizationFactory(
        name=name or f"Directory Hospital {next(_numbers)}", **fields
    )
    if member:
        make_membership(organization, plan=plan)
    return organization


def make_person(
    organization: Organization | None,
    name: str = "Ana Silva",
    *,
    listed: bool = True,
    role_title: str = "Social media manager",
    credentials: str = "",
    platforms=("facebook",),
    topics=("strategy",),
    accepts_messages: bool = True,
    shows_organization: bool = True,
    bio: str = "",
    email: str | None = None,
    org_role: str = OrgRole.MEMBER,
) -> DirectoryProfile:
    """A person with a seat in `organization` (none when None) and a directory entry."""
    number = next(_numbers)
    user = UserFactory(
        full_name=name,
        credentials=credentials,
        email=email or f"directory-person-{number}@example-health.org",
    )
    if organization is not None:
        SeatFactory(organization=organization, user=user, role=org_role)
    profile = DirectoryProfile.objects.create(
        user=user,
        is_listed=listed,
        role_title=role_title,
        organization=organization if shows_organization else None,
        bio=bio,
        accepts_messages=accepts_messages,
    )
    profile.platforms.set(Platform.objects.filter(code__in=platforms))
    profile.expertise.set(Topic.objects.filter(slug__in=topics))
    return profile


def make_org_entry(
    organization: Organization,
    *,
    listed: bool = True,
    description: str = "We answer every review within a day.",
    platforms=("facebook",),
) -> OrganizationEntry:
    entry = OrganizationEntry.objects.create(
        organization=organization, is_listed=listed, description=description
    )
    entry.platforms.set(Platform.objects.filter(code__in=platforms))
    return entry


def make_case_study(organization: Organization, *, title: str, **fields) -> CaseStudy:
    """A published case study of `organization` (a library resource of kind case study)."""
    resource = make_resource(title=title, kind=ResourceKind.CASE_STUDY, **fields)
    return CaseStudy.objects.create(
        resource=resource,
        organization=organization,
        goal="Answer patients' questions faster.",
        approach="A rota of two people answering comments.",
        results="Answer time fell from 2 days to 3 hours.",
        lessons="Agree the rota with legal first.",
    )
