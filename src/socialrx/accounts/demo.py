"""Demo data of accounts, run by `socialrx seed-demo`: the center's people. Idempotent.

The center's staff, coach and researcher, each with a TOTP authenticator on a fixed, printed
secret (encrypted at rest like any other, through the MFA adapter) and recovery codes. The
first staff member is made a superuser directly (someone has to be first); every other role is
granted by that staff member through the audited service.

Other apps' demos make their people with `demo_user`, on the same published password.
Puts: "center_staff", "coach", "researcher".
"""

from __future__ import annotations

from dataclasses import dataclass, field

from allauth.account.models import EmailAddress
from allauth.mfa.adapter import get_adapter as get_mfa_adapter
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP
from allauth.mfa.utils import decrypt
from django.conf import settings
from django.contrib.auth.hashers import make_password

from socialrx.core import audit
from socialrx.core.demo import DemoContext, DemoReport, Login, Tally
from socialrx.core.models import AuditEvent

from .models import CenterRole, User
from .services import set_center_roles

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
CENTER_PEOPLE = {"center_staff": STAFF, "coach": COACH, "researcher": RESEARCHER}


def seed(context: DemoContext) -> DemoReport:
    tally = Tally(people=User, authenticators=Authenticator)
    staff = _center_staff()
    for name, person in CENTER_PEOPLE.items():
        user = staff if person is STAFF else demo_user(person)
        wanted = set(user.center_roles) | set(person.center_roles)
        if wanted != set(user.center_roles):
            user = set_center_roles(actor=staff, user=user, roles=wanted)
        _mfa(user, person.totp_secret)
        context.put(name, user)

    users = [context.get(name) for name in CENTER_PEOPLE]
    context.add_logins(
        "The center (two-factor authentication required: use the TOTP secret)",
        [_login(user) for user in users],
    )
    context.login_notes.extend(_sign_in_notes(users))
    return DemoReport(
        title="The center",
        lines=[
            f"{user.full_name}: {_role(user)}; two-factor authentication "
            f"(TOTP and {len(_recovery_codes(user))} unused recovery codes)"
            for user in users
        ],
        made=tally.made(),
    )


def demo_user(person: Person, *, superuser: bool = False) -> User:
    """The person's account on the demo password, with a verified primary email (allauth
    only lets verified addresses sign in). An existing account is kept as it is."""
    user = User.objects.filter(email__iexact=person.email).first()
    if user is None:
        create = User.objects.create_superuser if superuser else User.objects.create_user
        user = create(person.email, None, **person.profile)
        user.password = _demo_password_hash()
        user.save(update_fields=["password"])
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


_password_hashes: dict[tuple[str, ...], str] = {}


def _demo_password_hash() -> str:
    """The demo password hashed once per hasher setting (a password hash takes half a
    second), and shared: the password is published anyway."""
    hashers = tuple(settings.PASSWORD_HASHERS)
    if hashers not in _password_hashes:
        _password_hashes[hashers] = make_password(DEMO_PASSWORD)
    return _password_hashes[hashers]


def _center_staff() -> User:
    staff = demo_user(STAFF, superuser=True)
    if not staff.is_staff:
        before = sorted(staff.center_roles)
        staff.is_staff = staff.is_superuser = True
        staff.save(update_fields=["is_staff", "is_superuser"])
        audit.record(
            actor=None,
            action="accounts.user.center_roles_changed",
            target=staff,
            before={"roles": before},
            after={"roles": sorted(staff.center_roles)},
        )
    elif not AuditEvent.objects.filter(
        action="accounts.user.center_roles_changed",
        target_type="accounts.user",
        target_id=str(staff.pk),
    ).exists():
        # The bootstrap grant, recorded once as the system's doing.
        audit.record(
            actor=None,
            action="accounts.user.center_roles_changed",
            target=staff,
            before={"roles": []},
            after={"roles": sorted(staff.center_roles)},
        )
    return staff


def _mfa(user: User, secret: str) -> None:
    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, secret)
    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.RECOVERY_CODES).exists():
        RecoveryCodes.activate(user)


def _role(user: User) -> str:
    role = ", ".join(CenterRole(value).label for value in user.center_roles)
    return role + " (superuser)" if user.is_superuser else role


def _login(user: User) -> Login:
    return Login(user.email, DEMO_PASSWORD, _role(user), user.full_name, _totp_secret(user))


def _sign_in_notes(users: list[User]) -> list[str]:
    notes = [
        "Center roles sign in with a one-time code: add the TOTP secret (or the otpauth URI "
        "as a QR code) to an authenticator app, or run `oathtool --totp -b SECRET`. "
        "Each recovery code works once."
    ]
    mfa = get_mfa_adapter()
    for user in users:
        secret = _totp_secret(user)
        notes.append(f"  {user.email}")
        if secret:
            notes.append(f"    otpauth URI:    {mfa.build_totp_url(user, secret)}")
        codes = _recovery_codes(user)
        if codes:
            notes.append(f"    recovery codes: {' '.join(codes)}")
    return notes


def _totp_secret(user: User) -> str:
    authenticator = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
    return decrypt(authenticator.data["secret"]) if authenticator else ""


def _recovery_codes(user: User) -> list[str]:
    authenticator = Authenticator.objects.filter(
        user=user, type=Authenticator.Type.RECOVERY_CODES
    ).first()
    return RecoveryCodes(authenticator).get_unused_codes() if authenticator else []
