"""Demo data of organizations, run by `socialrx seed-demo` after the center's people.
Idempotent.

Three member organizations (a 350-bed hospital, a health system and a 6-physician practice),
each made by its admin, whose people join through invitations from the admin (the center's
staff stands in should the admin have lost that seat), and one invitation left open. All of it
goes through the services the pages use, so the audit log shows the history a real center
would have. Existing rows are left as they are (a tester's edits survive a restart).

Reads: "center_staff". Puts: "demo_hospital", "demo_health_system", "demo_practice", their
admins ("demo_hospital_admin", "demo_health_system_admin", "demo_practice_admin"), the
hospital's chief medical officer "demo_physician", and "demo_invitation" (the open one, or
None once the invitee has joined).
"""

from __future__ import annotations

from dataclasses import dataclass

from socialrx.accounts.demo import DEMO_PASSWORD, Person, demo_user
from socialrx.accounts.models import User
from socialrx.core.demo import DemoContext, DemoReport, Login, Tally

from .models import (
    Invitation,
    InvitationStatus,
    Organization,
    OrganizationType,
    OrgRole,
    Seat,
)
from .services import (
    accept_invitation,
    create_organization,
    invitation_token,
    invitation_url,
    invite_person,
    resend_invitation,
)

RIVERSIDE_ADMIN = Person(
    email="karen.lindqvist@riverside-rmc.example",
    full_name="Karen Lindqvist",
    professional_title="Director of Digital Communications",
)
RIVERSIDE_CMO = Person(
    email="james.okafor@riverside-rmc.example",
    full_name="James Okafor",
    professional_title="Chief Medical Officer",
    credentials="MD",
    specialty="Internal medicine",
)
RIVERSIDE_NURSE = Person(
    email="emily.sorensen@riverside-rmc.example",
    full_name="Emily Sorensen",
    professional_title="Clinical Nurse Educator",
    credentials="RN, BSN",
    specialty="Patient education",
)
NORTH_STAR_ADMIN = Person(
    email="rachel.nguyen@northstarhealth.example",
    full_name="Rachel Nguyen",
    professional_title="Vice President, Marketing and Communications",
    credentials="MBA",
)
NORTH_STAR_SOCIAL = Person(
    email="alex.moreno@northstarhealth.example",
    full_name="Alex Moreno",
    professional_title="Social Media Manager",
)
LAKESIDE_ADMIN = Person(
    email="sarah.whitman@lakesidefp.example",
    full_name="Sarah Whitman",
    professional_title="Managing Partner",
    credentials="MD, FAAFP",
    specialty="Family medicine",
)
LAKESIDE_PHYSICIAN = Person(
    email="david.chen@lakesidefp.example",
    full_name="David Chen",
    professional_title="Family Physician",
    credentials="MD",
    specialty="Family medicine",
)
LAKESIDE_MANAGER = Person(
    email="olivia.hart@lakesidefp.example",
    full_name="Olivia Hart",
    professional_title="Practice Manager",
)


@dataclass(frozen=True)
class DemoOrganization:
    name: str  # in the demo context: name and name + "_admin"
    data: dict
    admin: Person
    # (person, org role); each joins through an invitation from the admin, as in real life.
    seats: list[tuple[Person, str]]


RIVERSIDE = DemoOrganization(
    name="demo_hospital",
    data={
        "org_type": OrganizationType.HOSPITAL,
        "name": "Riverside Regional Medical Center",
        "street_address": "1200 Second Street SW",
        "city": "Rochester",
        "state": "MN",
        "postal_code": "55902",
        "website": "https://www.riverside-rmc.example",
        "licensed_beds": 350,
        "employee_count": 2800,
        "cms_certification_number": "240352",
    },
    admin=RIVERSIDE_ADMIN,
    seats=[(RIVERSIDE_CMO, OrgRole.MEMBER), (RIVERSIDE_NURSE, OrgRole.MEMBER)],
)
NORTH_STAR = DemoOrganization(
    name="demo_health_system",
    data={
        "org_type": OrganizationType.HEALTH_SYSTEM,
        "name": "North Star Health System",
        "street_address": "800 Nicollet Mall, Suite 1500",
        "city": "Minneapolis",
        "state": "MN",
        "postal_code": "55402",
        "website": "https://www.northstarhealth.example",
        "hospital_count": 7,
        "employee_count": 12000,
    },
    admin=NORTH_STAR_ADMIN,
    # Riverside's communications lead also sits in the system's team: one person, two orgs.
    seats=[(NORTH_STAR_SOCIAL, OrgRole.MEMBER), (RIVERSIDE_ADMIN, OrgRole.MEMBER)],
)
LAKESIDE = DemoOrganization(
    name="demo_practice",
    data={
        "org_type": OrganizationType.PRACTICE,
        "name": "Lakeside Family Physicians",
        "street_address": "415 East Superior Street",
        "city": "Duluth",
        "state": "MN",
        "postal_code": "55802",
        "website": "https://www.lakesidefp.example",
        "provider_count": 6,
        "employee_count": 24,
        "npi": "1847029364",
    },
    admin=LAKESIDE_ADMIN,
    seats=[(LAKESIDE_PHYSICIAN, OrgRole.ADMIN), (LAKESIDE_MANAGER, OrgRole.MEMBER)],
)
ORGANIZATIONS = [RIVERSIDE, NORTH_STAR, LAKESIDE]

# An invitation left open, so the invitations page and the accept link can be tried.
PENDING_INVITATION = (RIVERSIDE, "tom.becker@riverside-rmc.example", OrgRole.MEMBER)


def seed(context: DemoContext) -> DemoReport:
    tally = Tally(people=User, organizations=Organization, seats=Seat, invitations=Invitation)
    staff = context.get("center_staff")
    organizations = []
    for demo in ORGANIZATIONS:
        organization = _organization(demo, staff)
        context.put(demo.name, organization)
        context.put(f"{demo.name}_admin", demo_user(demo.admin))
        organizations.append(organization)
    context.put("demo_physician", demo_user(RIVERSIDE_CMO))
    pending = context.put("demo_invitation", _pending_invitation(staff))

    lines = [
        f"{organization.name}: {organization.get_org_type_display().lower()}, "
        f"{organization.size_summary}, {organization.location}; "
        f"{organization.seats.count()} people"
        for organization in organizations
    ]
    if pending is not None:
        lines.append(f"Open invitation for {pending.email} to {pending.organization}:")
        lines.append(f"  {invitation_url(pending)}")
    for organization in organizations:
        seats = organization.seats.select_related("user").order_by("role", "joined_at")
        context.add_logins(
            str(organization),
            [
                Login(
                    seat.user.email,
                    DEMO_PASSWORD,
                    "Org admin" if seat.is_admin else "Member",
                    seat.user.display_name,
                )
                for seat in seats
            ],
        )
    return DemoReport(title="Organizations", lines=lines, made=tally.made())


def _find(demo: DemoOrganization) -> Organization | None:
    data = demo.data
    return Organization.objects.filter(
        name__iexact=data["name"], city__iexact=data["city"], state=data["state"]
    ).first()


def _organization(demo: DemoOrganization, staff: User) -> Organization:
    admin = demo_user(demo.admin)
    organization = _find(demo)
    if organization is None:
        organization = create_organization(creator=admin, data=demo.data)
    # The admin invites; should the admin have lost that seat, the center's staff does.
    inviter = admin if _is_admin(admin, organization) else staff
    for person, role in demo.seats:
        _seat(organization, inviter, demo_user(person), role)
    return organization


def _seat(organization: Organization, inviter: User, user: User, role: str) -> None:
    if Seat.objects.filter(organization=organization, user=user).exists():
        return
    invitation = _open_invitation(organization, user.email, inviter)
    if invitation is None:
        invitation = invite_person(
            actor=inviter, organization=organization, email=user.email, role=role
        )
    accept_invitation(user=user, token=invitation_token(invitation))


def _pending_invitation(staff: User) -> Invitation | None:
    demo, email, role = PENDING_INVITATION
    organization = _find(demo)
    if Seat.objects.filter(organization=organization, user__email__iexact=email).exists():
        return None  # the invitee has since joined
    admin = User.objects.get(email__iexact=demo.admin.email)
    inviter = admin if _is_admin(admin, organization) else staff
    invitation = _open_invitation(organization, email, inviter)
    if invitation is None:
        invitation = invite_person(actor=inviter, organization=organization, email=email, role=role)
    return invitation


def _is_admin(user: User, organization: Organization) -> bool:
    return Seat.objects.filter(organization=organization, user=user, role=OrgRole.ADMIN).exists()


def _open_invitation(organization: Organization, email: str, inviter: User) -> Invitation | None:
    """The pending invitation for `email`, renewed (same row, fresh link) if it expired."""
    invitation = Invitation.objects.filter(
        organization=organization, email__iexact=email, status=InvitationStatus.PENDING
    ).first()
    if invitation is not None and invitation.is_expired:
        invitation = resend_invitation(actor=inviter, invitation=invitation)
    return invitation
