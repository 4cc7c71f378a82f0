from uuid import UUID

from ninja import Router, Schema

from socialrx.core.api_errors import documented

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
        {"role": seat.role, "organization": seat.organization}
        for seat in selectors.seats_of_user(request.user)
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
            "public_id": seat.user.public_id,
            "email": seat.user.email,
            "full_name": seat.user.full_name,
            "professional_title": seat.user.professional_title,
            "credentials": seat.user.credentials,
            "role": seat.role,
            "joined_at": seat.joined_at.isoformat(),
        }
        for seat in selectors.people_of(organization)
    ]
