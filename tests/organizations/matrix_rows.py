"""Organizations' rows of the permission matrix: profiles, people, invitations and their API."""

from __future__ import annotations

from functools import cached_property

from socialrx.organizations.forms import OrganizationForm
from socialrx.organizations.models import (
    Invitation,
    InvitationStatus,
    Organization,
    OrgRole,
    Seat,
)
from socialrx.organizations.services import invitation_token
from tests.factories import InvitationFactory
from tests.permission_matrix_kit import (
    ADMIN_A,
    ALLOW,
    DONE,
    NOT_FOUND,
    ORG_A_MANAGER_ACTION,
    ORG_A_MANAGERS,
    ORG_A_MANAGERS_API,
    ORG_A_VIEWERS,
    PUBLIC,
    SIGNED_IN,
    SIGNED_IN_API,
    STAFF,
    Case,
    World,
    api_cases,
    everyone,
    fixed,
    get,
    named,
    only,
    org_a,
    post,
    post_only,
    signed_in,
    status,
)


def org_form_data(organization: Organization, **changes) -> dict:
    data = {
        name: getattr(organization, name)
        for name in OrganizationForm._meta.fields
        if getattr(organization, name) is not None
    }
    data.update(changes)
    return data


def _api_people_a(world: World) -> str:
    return f"/api/v1/organizations/{world.org_a.public_id}/people"


class OrganizationsData:
    """Seats and invitations of organizations A and B for a case (mixed into the matrix's
    `World`)."""

    @cached_property
    def member_seat_a(self) -> Seat:
        return Seat.objects.get(organization=self.org_a, user=self.member_a)

    @cached_property
    def admin_seat_b(self) -> Seat:
        return Seat.objects.get(organization=self.org_b, role=OrgRole.ADMIN)

    @cached_property
    def invitation_a(self) -> Invitation:
        return InvitationFactory(
            organization=self.org_a, invited_by=self.admin_a, email="new.nurse@example-health.org"
        )

    @cached_property
    def invitation_b(self) -> Invitation:
        return InvitationFactory(organization=self.org_b, email="someone@example-health.org")

    @cached_property
    def revoked_invitation_a(self) -> Invitation:
        return InvitationFactory(
            organization=self.org_a, invited_by=self.admin_a, status=InvitationStatus.REVOKED
        )


WORLD_DATA = OrganizationsData

ROWS: dict[str, tuple[Case, ...]] = {
    "organizations:create": (
        get(named("organizations:create"), SIGNED_IN),
        post(
            named("organizations:create"),
            signed_in(DONE),
            data=lambda world: {
                "org_type": "hospital",
                "name": "Northfield Community Hospital",
                "city": "Northfield",
                "state": "MN",
                "licensed_beds": 25,
            },
            effect=lambda world: Organization.objects.filter(
                name="Northfield Community Hospital"
            ).exists(),
        ),
    ),
    "organizations:detail": (get(named("organizations:detail", org_a), ORG_A_VIEWERS),),
    "organizations:edit": (
        get(named("organizations:edit", org_a), ORG_A_MANAGERS),
        post(
            named("organizations:edit", org_a),
            ORG_A_MANAGER_ACTION,
            data=lambda world: org_form_data(world.org_a, name="Riverside Regional East"),
            effect=lambda world: Organization.objects.filter(
                name="Riverside Regional East"
            ).exists(),
        ),
    ),
    "organizations:people": (get(named("organizations:people", org_a), ORG_A_VIEWERS),),
    "organizations:change_role": (
        *post_only(
            named("organizations:change_role", org_a, lambda world: world.member_seat_a.pk),
            ORG_A_MANAGER_ACTION,
            data=lambda world: {"role": "admin"},
            effect=lambda world: Seat.objects.get(pk=world.member_seat_a.pk).role == OrgRole.ADMIN,
        ),
        # Org B's seat through org A's URL: not found, even for org A's admin.
        post(
            named("organizations:change_role", org_a, lambda world: world.admin_seat_b.pk),
            only(ADMIN_A, STAFF, grant=NOT_FOUND, deny=NOT_FOUND),
            label="POST seat of org B",
            data=lambda world: {"role": "member"},
            effect=lambda world: Seat.objects.get(pk=world.admin_seat_b.pk).role != OrgRole.ADMIN,
        ),
    ),
    "organizations:remove_member": (
        *post_only(
            named("organizations:remove_member", org_a, lambda world: world.member_seat_a.pk),
            ORG_A_MANAGER_ACTION,
            effect=lambda world: not Seat.objects.filter(pk=world.member_seat_a.pk).exists(),
        ),
        post(
            named("organizations:remove_member", org_a, lambda world: world.admin_seat_b.pk),
            only(ADMIN_A, STAFF, grant=NOT_FOUND, deny=NOT_FOUND),
            label="POST seat of org B",
            effect=lambda world: not Seat.objects.filter(pk=world.admin_seat_b.pk).exists(),
        ),
    ),
    "organizations:invitations": (
        get(named("organizations:invitations", org_a), ORG_A_MANAGERS),
        post(
            named("organizations:invitations", org_a),
            ORG_A_MANAGER_ACTION,
            data=lambda world: {"email": "pharmacist@example-health.org", "role": "member"},
            effect=lambda world: Invitation.objects.filter(
                email="pharmacist@example-health.org"
            ).exists(),
        ),
    ),
    "organizations:resend_invitation": (
        *post_only(
            named(
                "organizations:resend_invitation",
                org_a,
                lambda world: world.invitation_a.public_id,
            ),
            ORG_A_MANAGER_ACTION,
            effect=lambda world: (
                Invitation.objects.get(pk=world.invitation_a.pk).nonce != world.invitation_a.nonce
            ),
        ),
        post(
            named(
                "organizations:resend_invitation",
                org_a,
                lambda world: world.invitation_b.public_id,
            ),
            only(ADMIN_A, STAFF, grant=NOT_FOUND, deny=NOT_FOUND),
            label="POST invitation of org B",
            effect=lambda world: (
                Invitation.objects.get(pk=world.invitation_b.pk).nonce != world.invitation_b.nonce
            ),
        ),
    ),
    "organizations:revoke_invitation": (
        *post_only(
            named(
                "organizations:revoke_invitation",
                org_a,
                lambda world: world.invitation_a.public_id,
            ),
            ORG_A_MANAGER_ACTION,
            effect=lambda world: (
                Invitation.objects.get(pk=world.invitation_a.pk).status == InvitationStatus.REVOKED
            ),
        ),
        post(
            named(
                "organizations:revoke_invitation",
                org_a,
                lambda world: world.invitation_b.public_id,
            ),
            only(ADMIN_A, STAFF, grant=NOT_FOUND, deny=NOT_FOUND),
            label="POST invitation of org B",
            effect=lambda world: (
                Invitation.objects.get(pk=world.invitation_b.pk).status == InvitationStatus.REVOKED
            ),
        ),
    ),
    # The accept page is public: the link itself is the credential.
    "organizations:invitation_accept": (
        get(
            named(
                "organizations:invitation_accept",
                lambda world: invitation_token(world.invitation_a),
            ),
            PUBLIC,
        ),
        # Accepting needs the invited address: nobody in this matrix is the invitee.
        post(
            named(
                "organizations:invitation_accept",
                lambda world: invitation_token(world.invitation_a),
            ),
            signed_in(status(400), visitor=ALLOW),
            effect=lambda world: (
                Invitation.objects.get(pk=world.invitation_a.pk).status == InvitationStatus.ACCEPTED
            ),
            effect_roles=frozenset(),
        ),
        get(
            named(
                "organizations:invitation_accept",
                lambda world: invitation_token(world.revoked_invitation_a),
            ),
            everyone(status(410)),
            label="GET revoked link",
        ),
        get(
            fixed("/organizations/invitations/not-a-signed-token/"),
            everyone(NOT_FOUND),
            label="GET forged link",
        ),
    ),
    "GET /api/v1/organizations/mine": api_cases(fixed("/api/v1/organizations/mine"), SIGNED_IN_API),
    "GET /api/v1/organizations/<public_id>/people": api_cases(_api_people_a, ORG_A_MANAGERS_API),
}
