"""Library test data: resources in every state and access level, their files, and member
organizations whose plans include or leave out premium resources."""

from __future__ import annotations

from datetime import timedelta
from itertools import count

from django.core.files.base import ContentFile
from django.utils import timezone

from socialrx.core.calendar import center_today
from socialrx.core.markdown import render
from socialrx.library.models import (
    Access,
    Audience,
    FileKind,
    Resource,
    ResourceFile,
    ResourceKind,
    ResourceStatus,
)
from socialrx.membership.models import Membership, MembershipStatus
from socialrx.taxonomy.models import Platform, Topic
from tests.factories import SeatFactory, org_with_admin
from tests.membership.factories import PlanFactory

_numbers = count(1)

# The smallest valid PDF a browser opens (one empty page).
PDF_BYTES = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def make_member(organization, *, tiers=("public", "member")) -> Membership:
    """`organization` holds an active membership for a year from today on a plan whose library
    tiers are `tiers` (add "premium" for premium resources)."""
    today = center_today()
    return Membership.objects.create(
        organization=organization,
        plan=PlanFactory(resource_tiers=list(tiers)),
        billing_contact_name="Accounts payable",
        billing_email="ap@example-health.org",
        status=MembershipStatus.ACTIVE,
        covered_from=today,
        covered_until=today + timedelta(days=364),
    )


def member_org(name: str | None = None, *, tiers=("public", "member")):
    """(organization, admin, member) of a member organization."""
    organization, admin = org_with_admin(name=name or f"Lakeside Health {next(_numbers)}")
    member = SeatFactory(organization=organization).user
    make_member(organization, tiers=tiers)
    return organization, admin, member


def make_resource(
    *,
    title: str | None = None,
    kind: str = ResourceKind.GUIDE,
    access: str = Access.PUBLIC,
    status: str = ResourceStatus.PUBLISHED,
    summary: str = "What a hospital communication team needs to know.",
    body: str = "## Why it matters\n\nPatients look for their hospital on social media.",
    topics=("strategy",),
    platforms=("facebook",),
    audiences=("communications",),
    published_days_ago: int = 10,
    **fields,
) -> Resource:
    number = next(_numbers)
    title = title or f"Social media guide {number}"
    resource = Resource.objects.create(
        slug=fields.pop("slug", f"resource-{number}"),
        kind=kind,
        title=title,
        summary=summary,
        body=body,
        body_html=render(body),
        search_text=f"{title} {summary} {body}",
        access=access,
        status=status,
        published_on=(center_today() - timedelta(days=published_days_ago))
        if status == ResourceStatus.PUBLISHED
        else None,
        **fields,
    )
    resource.topics.set(Topic.objects.filter(slug__in=topics))
    resource.platforms.set(Platform.objects.filter(code__in=platforms))
    resource.audiences.set(Audience.objects.filter(slug__in=audiences))
    return resource


def attach_pdf(resource: Resource, *, name: str = "template.pdf") -> ResourceFile:
    attached = ResourceFile(
        resource=resource,
        kind=FileKind.DOCUMENT,
        content_type="application/pdf",
        size_bytes=len(PDF_BYTES),
        original_name=name,
    )
    attached.file.save(name, ContentFile(PDF_BYTES), save=False)
    attached.save()
    return attached


def days_ago(days: int):
    return timezone.now() - timedelta(days=days)
