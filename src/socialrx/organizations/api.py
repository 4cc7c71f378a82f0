from uuid import UUID

from ninja import Router, Schema

from socialrx.api.errors import documented

from . import selectors

router = Router()


class OrganizationOut(Schema):
    public_id: UUID
    name: str
    org_type: str
    city: str
    state: str
    website: str
    licensed_beds: int | None
    hospital_count: int | None
    provider_count: int | None
    employee_count: int | None
    cms_certification_number: str
    npi: str


class MyOrganizationOut(Schema):
    role: str
    organization: OrganizationOut


class PersonOut(Schema):
    public_id: UUID
    email: str
    full_name: str
    professional_title: str
    credentials: str
    role: str
    joined_at: str


@router.get(
    "/mine",
    **documented(list[MyOrganizationOut], 401, 403),
    summary="The caller's organizations",
)
def my_organizations(request):
    return [
        {"role": membership.role, "organization": membership.organization}
        for membership in selectors.memberships_of_user(request.user)
    ]


@router.get(
    "/{public_id}/people",
    **documented(list[PersonOut], 401, 403, 404, 422),
    summary="An organization's people (its admins and center staff only)",
)
def organization_people(request, public_id: UUID):
    organization = selectors.organization_for(
        request.user, public_id, "organizations.manage_people"
    )
    return [
        {
            "public_id": membership.user.public_id,
            "email": membership.user.email,
            "full_name": membership.user.full_name,
            "professional_title": membership.user.professional_title,
            "credentials": membership.user.credentials,
            "role": membership.role,
            "joined_at": membership.joined_at.isoformat(),
        }
        for membership in selectors.people_of(organization)
    ]
