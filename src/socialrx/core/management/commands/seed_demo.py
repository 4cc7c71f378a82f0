"""`socialrx seed-demo`: realistic demo data, safe to run again and again.

It creates, only when missing: three member organizations (a 350-bed hospital, a health
system and a 6-physician practice) with their admins and members, the center's staff, coach
and researcher (each with a TOTP authenticator on a fixed, printed secret and recovery codes),
and one pending invitation. Organizations, seats, invitations and role grants go through the
same services the pages use, so the audit log shows the history a real center would have.

Existing rows are left as they are (a tester's edits survive a restart of `make run`); a
second run creates nothing. Invitation emails of the demo are kept in memory, not sent.
"""

from __future__ import annotations

import logging
from contextlib import contextmanager
from dataclasses import dataclass, field

from allauth.account.models import EmailAddress
from allauth.mfa.adapter import get_adapter as get_mfa_adapter
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP
from allauth.mfa.utils import decrypt
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test.utils import override_settings

from socialrx.accounts.models import CenterRole, User
from socialrx.accounts.services import set_center_roles
from socialrx.core import audit
from socialrx.core.models import AuditEvent
from socialrx.membership.demo import seed_membership_demo
from socialrx.membership.models import Invoice, Membership, MembershipApplication, Plan
from socialrx.organizations.models import (
    Invitation,
    InvitationStatus,
    Organization,
    OrganizationType,
    OrgMembership,
    OrgRole,
)
from socialrx.organizations.services import (
    accept_invitation,
    create_organization,
    invitation_token,
    invitation_url,
    invite_person,
    resend_invitation,
)
from socialrx.registry.demo import seed_registry_demo
from socialrx.registry.models import Account, Entity, ImportJob

DEMO_PASSWORD = "socialrx-demo-2026"


@dataclass(frozen=True)
class Person:
    email: str
    full_name: str
    professional_title: str
    credentials: str = ""
    specialty: str = ""
    time_zone: str = "America/Chicago"
    # Center roles and, for those, the fixed TOTP secret (base32) of the demo.
    center_roles: frozenset[str] = field(default_factory=frozenset)
    totp_secret: str = ""

    @property
    def profile(self) -> dict[str, str]:
        return {
            "full_name": self.full_name,
            "professional_title": self.professional_title,
            "credentials": self.credentials,
            "specialty": self.specialty,
            "time_zone": self.time_zone,
        }


# --- the center -----------------------------------------------------------------------------

STAFF = Person(
    email="dana.whitfield@socialrx.example",
    full_name="Dana Whitfield",
    professional_title="Director of Member Services",
    center_roles=frozenset({CenterRole.STAFF}),
    totp_secret="ONXWG2LBNRZHQLLEMVWW6LLTORQWMZRN",  # base32 of "socialrx-demo-staff-"
)
COACH = Person(
    email="marcus.bell@socialrx.example",
    full_name="Marcus Bell",
    professional_title="Senior Social Media Coach",
    credentials="MPH",
    specialty="Health communication",
    center_roles=frozenset({CenterRole.COACH}),
    totp_secret="ONXWG2LBNRZHQLLEMVWW6LLDN5QWG2BN",  # base32 of "socialrx-demo-coach-"
)
RESEARCHER = Person(
    email="priya.raman@socialrx.example",
    full_name="Priya Raman",
    professional_title="Research Scientist, Digital Health Communication",
    credentials="PhD",
    specialty="Health services research",
    time_zone="America/New_York",
    center_roles=frozenset({CenterRole.RESEARCHER}),
    totp_secret="ONXWG2LBNRZHQLLEMVWW6LLSMVZWKYLS",  # base32 of "socialrx-demo-resear"
)
CENTER_PEOPLE = [STAFF, COACH, RESEARCHER]

# --- member organizations -------------------------------------------------------------------

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
ORG_PEOPLE = [
    RIVERSIDE_ADMIN,
    RIVERSIDE_CMO,
    RIVERSIDE_NURSE,
    NORTH_STAR_ADMIN,
    NORTH_STAR_SOCIAL,
    LAKESIDE_ADMIN,
    LAKESIDE_PHYSICIAN,
    LAKESIDE_MANAGER,
]


@dataclass(frozen=True)
class DemoOrganization:
    data: dict
    admin: Person
    # (person, org role); each joins through an invitation from the admin, as in real life.
    seats: list[tuple[Person, str]]


RIVERSIDE = DemoOrganization(
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


@contextmanager
def _demo_mail_kept_in_memory():
    """Demo invitations go to Django's in-memory outbox and tasks run inline (quietly), so
    seeding neither prints emails nor needs a broker or an SMTP server."""
    from socialrx.celery import app

    previous_eager = app.conf.task_always_eager
    loggers = {name: logging.getLogger(name) for name in ("celery", "kombu")}
    previous_levels = {name: logger.level for name, logger in loggers.items()}
    app.conf.task_always_eager = True
    for logger in loggers.values():
        logger.setLevel(logging.ERROR)
    try:
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
            yield
    finally:
        app.conf.task_always_eager = previous_eager
        for name, logger in loggers.items():
            logger.setLevel(previous_levels[name])


class Command(BaseCommand):
    help = (
        "Load the demo data (organizations, people for every role, an open invitation). "
        "Idempotent: running it again creates nothing new. Prints the demo logins."
    )

    def add_arguments(self, parser):
        parser.add_argument("--quiet", action="store_true", help="Print nothing.")
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Seed even when SOCIALRX_ENV=production (demo accounts have a known password).",
        )

    def handle(self, *args, **options):
        if settings.PRODUCTION and not options["allow_production"]:
            raise CommandError(
                "Refusing to load demo accounts with a published password in production. "
                "Pass --allow-production if this really is a demo server."
            )
        before = _counts()
        with _demo_mail_kept_in_memory(), transaction.atomic():
            staff = self._center_people()
            organizations = [self._organization(demo, staff) for demo in ORGANIZATIONS]
            pending = self._pending_invitation(staff)
            self._membership(staff, organizations)
            registry_jobs, _ = self._registry(staff, organizations)
        if not options["quiet"]:
            self._report(before, _counts(), organizations, pending)
            self._report_registry(registry_jobs)

    # --- people -----------------------------------------------------------------------------

    def _user(self, person: Person, *, superuser: bool = False) -> User:
        user = User.objects.filter(email__iexact=person.email).first()
        if user is None:
            create = User.objects.create_superuser if superuser else User.objects.create_user
            user = create(person.email, DEMO_PASSWORD, **person.profile)
        # Allauth only lets verified addresses sign in.
        address, made = EmailAddress.objects.get_or_create(
            user=user, email=user.email, defaults={"verified": True, "primary": True}
        )
        if not made and not (address.verified and address.primary):
            address.verified = address.primary = True
            address.save(update_fields=["verified", "primary"])
        EmailAddress.objects.filter(user=user, primary=True).exclude(pk=address.pk).update(
            primary=False
        )
        return user

    def _center_people(self) -> User:
        """The first staff member is made a superuser directly (someone has to be first);
        every other role is granted by that staff member through the audited service."""
        staff = self._user(STAFF, superuser=True)
        if not staff.is_staff:
            before = sorted(staff.center_roles)
            staff.is_staff = staff.is_superuser = True
            staff.save(update_fields=["is_staff", "is_superuser"])
            audit.record(
                actor=None,
                action="user.center_roles_changed",
                target=staff,
                before={"roles": before},
                after={"roles": sorted(staff.center_roles)},
            )
        elif not AuditEvent.objects.filter(
            action="user.center_roles_changed", target_type="accounts.user", target_id=str(staff.pk)
        ).exists():
            # The bootstrap grant, recorded once as the system's doing.
            audit.record(
                actor=None,
                action="user.center_roles_changed",
                target=staff,
                before={"roles": []},
                after={"roles": sorted(staff.center_roles)},
            )
        for person in CENTER_PEOPLE:
            user = staff if person is STAFF else self._user(person)
            wanted = set(user.center_roles) | set(person.center_roles)
            if wanted != set(user.center_roles):
                user = set_center_roles(actor=staff, user=user, roles=wanted)
            self._mfa(user, person.totp_secret)
        return staff

    def _mfa(self, user: User, secret: str) -> None:
        if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
            TOTP.activate(user, secret)
        if not Authenticator.objects.filter(
            user=user, type=Authenticator.Type.RECOVERY_CODES
        ).exists():
            RecoveryCodes.activate(user)

    # --- organizations ----------------------------------------------------------------------

    def _organization(self, demo: DemoOrganization, staff: User) -> Organization:
        admin = self._user(demo.admin)
        organization = Organization.objects.filter(
            name__iexact=demo.data["name"], city__iexact=demo.data["city"], state=demo.data["state"]
        ).first()
        if organization is None:
            organization = create_organization(creator=admin, data=demo.data)
        # The admin invites; should the admin have lost that seat, the center's staff does.
        inviter = admin if _is_admin(admin, organization) else staff
        for person, role in demo.seats:
            self._seat(organization, inviter, self._user(person), role)
        return organization

    def _seat(self, organization: Organization, inviter: User, user: User, role: str) -> None:
        if OrgMembership.objects.filter(organization=organization, user=user).exists():
            return
        invitation = _open_invitation(organization, user.email, inviter)
        if invitation is None:
            invitation = invite_person(
                actor=inviter, organization=organization, email=user.email, role=role
            )
        accept_invitation(user=user, token=invitation_token(invitation))

    def _pending_invitation(self, staff: User) -> Invitation | None:
        demo, email, role = PENDING_INVITATION
        organization = Organization.objects.get(
            name__iexact=demo.data["name"], city__iexact=demo.data["city"], state=demo.data["state"]
        )
        if OrgMembership.objects.filter(
            organization=organization, user__email__iexact=email
        ).exists():
            return None  # the invitee has since joined
        admin = User.objects.get(email__iexact=demo.admin.email)
        inviter = admin if _is_admin(admin, organization) else staff
        invitation = _open_invitation(organization, email, inviter)
        if invitation is None:
            invitation = invite_person(
                actor=inviter, organization=organization, email=email, role=role
            )
        return invitation

    # --- membership -------------------------------------------------------------------------

    def _membership(self, staff: User, organizations: list[Organization]) -> None:
        """Plans for every type; Riverside an active member with a renewal invoice open,
        Lakeside lapsed, North Star's application waiting for review."""
        riverside, north_star, lakeside = organizations
        seed_membership_demo(
            staff=staff,
            hospital=riverside,
            practice=lakeside,
            health_system=north_star,
            admins={
                "hospital": self._user(RIVERSIDE_ADMIN),
                "practice": self._user(LAKESIDE_ADMIN),
                "health_system": self._user(NORTH_STAR_ADMIN),
            },
        )

    # --- registry -------------------------------------------------------------------------

    def _registry(self, staff: User, organizations: list[Organization]):
        """Every US hospital and its HCAHPS results from CMS; generated accounts and
        physicians; the demo organizations' listings (see socialrx.registry.demo)."""
        riverside, north_star, lakeside = organizations
        return seed_registry_demo(
            staff=staff,
            hospital_org=riverside,
            system_org=north_star,
            practice_org=lakeside,
            practice_admin=self._user(LAKESIDE_ADMIN),
            physician_user=self._user(RIVERSIDE_CMO),
        )

    def _report_registry(self, jobs) -> None:
        out = self.stdout
        out.write("")
        out.write(self.style.MIGRATE_HEADING("Registry (public at /registry/)"))
        for job in jobs:
            counts = job.result_counts
            out.write(
                f"  {job.original_name}: {job.total_rows:,} rows "
                f"({counts.get('created', 0):,} created, {counts.get('updated', 0):,} updated, "
                f"{counts.get('unchanged', 0):,} unchanged, {counts.get('rejected', 0):,} rejected)"
            )
        generated = Account.objects.filter(is_generated=True).count()
        out.write(
            f"  {generated:,} generated demo accounts (marked as demo data wherever shown); "
            f"{Entity.objects.filter(is_generated=True).count():,} generated listings."
        )

    # --- output -----------------------------------------------------------------------------

    def _report(self, before, after, organizations, pending) -> None:
        out, style = self.stdout, self.style
        out.write("")
        out.write(style.MIGRATE_HEADING("SocialRx demo data"))
        for organization in organizations:
            people = organization.memberships.count()
            out.write(
                f"  {organization.name}: {organization.get_org_type_display().lower()}, "
                f"{organization.size_summary}, {organization.location}; {people} people; "
                f"{_membership_summary(organization)}"
            )
        if pending is not None:
            out.write(f"  Open invitation for {pending.email} to {pending.organization}:")
            out.write(f"    {invitation_url(pending)}")

        # One table, grouped: the center first, then each organization with its people.
        rows: list[tuple[str, ...] | str] = []
        rows.append("The center (two-factor authentication required: use the TOTP secret)")
        for person in CENTER_PEOPLE:
            user = User.objects.get(email__iexact=person.email)
            role = ", ".join(CenterRole(value).label for value in user.center_roles)
            if user.is_superuser:
                role += " (superuser)"
            rows.append((user.email, DEMO_PASSWORD, role, user.full_name, _totp_secret(user)))
        for organization in organizations:
            rows.append(str(organization))
            seats = organization.memberships.select_related("user").order_by("role", "joined_at")
            for seat in seats:
                role = "Org admin" if seat.is_admin else "Member"
                rows.append((seat.user.email, DEMO_PASSWORD, role, seat.user.display_name, ""))
        header = ("EMAIL", "PASSWORD", "ROLE", "NAME", "TOTP SECRET (base32)")
        cells = [header, *(row for row in rows if isinstance(row, tuple))]
        widths = [max(len(row[i]) for row in cells) for i in range(len(header))]

        def line(row: tuple[str, ...]) -> str:
            return "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip()

        out.write("")
        out.write(style.MIGRATE_HEADING("Demo logins — sign in at /accounts/login/"))
        out.write("  " + style.MIGRATE_LABEL(line(header)))
        for row in rows:
            out.write("  " + line(row) if isinstance(row, tuple) else style.MIGRATE_LABEL(row))

        out.write("")
        out.write(
            "Center roles sign in with a one-time code: add the TOTP secret (or the otpauth URI "
            "as a QR code) to an authenticator app, or run `oathtool --totp -b SECRET`. "
            "Each recovery code works once."
        )
        mfa = get_mfa_adapter()
        for person in CENTER_PEOPLE:
            user = User.objects.get(email__iexact=person.email)
            secret = _totp_secret(user)
            out.write(f"  {user.email}")
            if secret:
                out.write(f"    otpauth URI:    {mfa.build_totp_url(user, secret)}")
            codes = _recovery_codes(user)
            if codes:
                out.write(f"    recovery codes: {' '.join(codes)}")

        out.write("")
        created = {name: after[name] - before[name] for name in after}
        made = ", ".join(f"{count} {name}" for name, count in created.items() if count)
        out.write(
            style.SUCCESS(f"Created: {made}.")
            if made
            else style.SUCCESS("Demo data already present: nothing new was created.")
        )


def _membership_summary(organization: Organization) -> str:
    membership = Membership.objects.select_related("plan").filter(organization=organization).first()
    if membership is None:
        waiting = MembershipApplication.objects.filter(organization=organization, status="pending")
        return "membership application waiting for review" if waiting.exists() else "no membership"
    until = f" until {membership.covered_until:%b %-d, %Y}" if membership.covered_until else ""
    status = membership.get_status_display().lower()
    return f"membership {status} ({membership.plan.name}){until}"


def _is_admin(user: User, organization: Organization) -> bool:
    return OrgMembership.objects.filter(
        organization=organization, user=user, role=OrgRole.ADMIN
    ).exists()


def _open_invitation(organization: Organization, email: str, inviter: User) -> Invitation | None:
    """The pending invitation for `email`, renewed (same row, fresh link) if it expired."""
    invitation = Invitation.objects.filter(
        organization=organization, email__iexact=email, status=InvitationStatus.PENDING
    ).first()
    if invitation is not None and invitation.is_expired:
        invitation = resend_invitation(actor=inviter, invitation=invitation)
    return invitation


def _totp_secret(user: User) -> str:
    authenticator = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
    return decrypt(authenticator.data["secret"]) if authenticator else ""


def _recovery_codes(user: User) -> list[str]:
    authenticator = Authenticator.objects.filter(
        user=user, type=Authenticator.Type.RECOVERY_CODES
    ).first()
    return RecoveryCodes(authenticator).get_unused_codes() if authenticator else []


def _counts() -> dict[str, int]:
    return {
        "people": User.objects.count(),
        "organizations": Organization.objects.count(),
        "seats": OrgMembership.objects.count(),
        "invitations": Invitation.objects.count(),
        "authenticators": Authenticator.objects.count(),
        "plans": Plan.objects.count(),
        "memberships": Membership.objects.count(),
        "invoices": Invoice.objects.count(),
        "registry listings": Entity.objects.count(),
        "registry accounts": Account.objects.count(),
        "registry imports": ImportJob.objects.count(),
        "audit events": AuditEvent.objects.count(),
    }
