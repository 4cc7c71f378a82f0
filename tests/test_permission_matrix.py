"""The permission matrix: every route × every role → the expected outcome.

`MATRIX` has one row per route the project serves (URL name, or pattern when unnamed; one row
per method for API operations). A row holds one or more cases (a request: method, URL built from
fresh per-test data, optional form data) and, for every role, the outcome that request must get.
`test_every_route_has_a_row` walks the URL resolver and fails for a route without a row (and for
a row whose route is gone), so a new page or API operation cannot ship without its line here.

Django admin is one row: every /admin/ route is staff-only, checked on a sample of concrete admin
URLs built from the admin registry (index, login, logout, password change, an object's change
page, and every registered model's changelist and add view).

Outcomes:
    ALLOW        2xx
    DONE         3xx to a page other than a login page (a POST action went through)
    LOGIN        302 to the sign-in page (/accounts/login/)
    ADMIN_LOGIN  302 to Django admin's sign-in page
    FORBIDDEN    403
    NOT_FOUND    404 (org pages answer 404 for "not yours", so ids cannot be probed)
    METHOD       405 (GET on a POST-only action)
    UNAUTHORIZED 401 (API without a session or token)
    redirect_to(path), status(code): behaviour recorded as observed (allauth, legacy routes)

A POST case may name its side effect; the test then also checks that the effect happened exactly
for the roles whose outcome grants access, so a denied POST that still changes data fails.
Deviations from the intended policy that are known and reported are strict xfails listed in
`KNOWN_DEVIATIONS` (an xfail that starts passing fails, so the list stays honest).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from functools import cached_property
from pathlib import Path
from types import MappingProxyType
from urllib.parse import urlsplit

import pytest
from django.conf import settings as django_settings
from django.contrib import admin
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import resolve, reverse
from django.utils import timezone

from socialrx.accounts.models import ApiToken, User
from socialrx.accounts.services import create_api_token
from socialrx.api.api import api
from socialrx.membership.models import (
    Invoice,
    InvoiceKind,
    Membership,
    MembershipApplication,
    Payment,
    Plan,
)
from socialrx.membership.services.invoices import issue_invoice
from socialrx.organizations.forms import OrganizationForm
from socialrx.organizations.models import (
    Invitation,
    InvitationStatus,
    Organization,
    OrgMembership,
    OrgRole,
)
from socialrx.organizations.services import invitation_token
from socialrx.registry.models import Account, Claim, Correction, Entity, ImportJob
from socialrx.registry.services.imports import preview_import
from tests.admin_policy import STAFF_VIEWABLE
from tests.factories import InvitationFactory, UserFactory, org_with_admin
from tests.membership.factories import standard_plans
from tests.registry.factories import (
    AccountFactory,
    ClaimFactory,
    CorrectionFactory,
    EntityFactory,
)
from tests.route_inventory import all_routes, api_operations_from_schema

pytestmark = [
    pytest.mark.integration,
    # WhiteNoise warns, for every test client, that STATIC_ROOT has not been collected.
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]

ROLES = ("visitor", "member_a", "admin_a", "admin_b", "coach", "researcher", "staff")
VISITOR, MEMBER_A, ADMIN_A, ADMIN_B, COACH, RESEARCHER, STAFF = ROLES
SIGNED_IN_ROLES = ROLES[1:]

LOGIN_PATH = "/accounts/login/"
ADMIN_LOGIN_PATH = "/admin/login/"
ADMIN_ROW = "admin/*"
ADMIN_PREFIX = "admin/"


# --- outcomes ---------------------------------------------------------------------------------


def _location_path(response) -> str | None:
    location = response.headers.get("Location")
    return urlsplit(location).path if location else None


@dataclass(frozen=True)
class Outcome:
    label: str
    check: Callable = field(compare=False, repr=False)
    grants: bool = False  # the request was carried out (a POST case's effect must happen)

    def matches(self, response) -> bool:
        return bool(self.check(response))

    def __str__(self) -> str:
        return self.label


def status(code: int) -> Outcome:
    return Outcome(str(code), lambda response: response.status_code == code)


def redirect_to(path: str) -> Outcome:
    return Outcome(
        f"redirect→{path}",
        lambda response: response.status_code in (301, 302) and _location_path(response) == path,
    )


ALLOW = Outcome("ALLOW", lambda response: 200 <= response.status_code < 300, grants=True)
DONE = Outcome(
    "DONE",
    lambda response: (
        300 <= response.status_code < 400
        and _location_path(response) not in (LOGIN_PATH, ADMIN_LOGIN_PATH)
    ),
    grants=True,
)
LOGIN = Outcome(
    "LOGIN",
    lambda response: response.status_code == 302 and _location_path(response) == LOGIN_PATH,
)
ADMIN_LOGIN = Outcome(
    "ADMIN_LOGIN",
    lambda response: response.status_code == 302 and _location_path(response) == ADMIN_LOGIN_PATH,
)
UNAUTHORIZED = status(401)
FORBIDDEN = status(403)
NOT_FOUND = status(404)
METHOD = status(405)


def roles(default: Outcome, **by_role: Outcome) -> Mapping[str, Outcome]:
    unknown = set(by_role) - set(ROLES)
    assert not unknown, f"unknown roles {unknown}"
    return MappingProxyType({role: by_role.get(role, default) for role in ROLES})


def everyone(outcome: Outcome) -> Mapping[str, Outcome]:
    return roles(outcome)


def signed_in(
    outcome: Outcome, *, visitor: Outcome = LOGIN, **by_role: Outcome
) -> Mapping[str, Outcome]:
    return roles(outcome, visitor=visitor, **by_role)


def only(*allowed: str, grant: Outcome, deny: Outcome) -> Mapping[str, Outcome]:
    return roles(deny, visitor=LOGIN, **dict.fromkeys(allowed, grant))


# The policies of core.permissions, as rows of outcomes.
PUBLIC = everyone(ALLOW)
SIGNED_IN = signed_in(ALLOW)
STAFF_ONLY = only(STAFF, grant=ALLOW, deny=FORBIDDEN)
STAFF_ONLY_ACTION = only(STAFF, grant=DONE, deny=FORBIDDEN)
ORG_A_VIEWERS = only(MEMBER_A, ADMIN_A, STAFF, grant=ALLOW, deny=NOT_FOUND)
ORG_A_MANAGERS = only(ADMIN_A, STAFF, grant=ALLOW, deny=NOT_FOUND)
ORG_A_MANAGER_ACTION = only(ADMIN_A, STAFF, grant=DONE, deny=NOT_FOUND)
POST_ONLY_GET = signed_in(METHOD)
HAS_TOTP = (COACH, RESEARCHER, STAFF)  # the center-role fixtures have an authenticator app


# --- per-test data ----------------------------------------------------------------------------


class World:
    """The data one case sees, built fresh for each test and only as far as the case needs."""

    def __init__(self, request, role: str):
        self._request = request
        self.role = role
        self.org_a, self.admin_a, self.member_a = request.getfixturevalue("org_a")

    def _fixture(self, name):
        return self._request.getfixturevalue(name)

    @cached_property
    def user(self) -> User | None:
        return {
            VISITOR: lambda: None,
            MEMBER_A: lambda: self.member_a,
            ADMIN_A: lambda: self.admin_a,
            ADMIN_B: lambda: self._fixture("org_b")[1],
            COACH: lambda: self._fixture("coach"),
            RESEARCHER: lambda: self._fixture("researcher"),
            STAFF: lambda: self._fixture("staff"),
        }[self.role]()

    @cached_property
    def org_b(self) -> Organization:
        return self._fixture("org_b")[0]

    @cached_property
    def member_membership_a(self) -> OrgMembership:
        return OrgMembership.objects.get(organization=self.org_a, user=self.member_a)

    @cached_property
    def admin_membership_b(self) -> OrgMembership:
        return OrgMembership.objects.get(organization=self.org_b, role=OrgRole.ADMIN)

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

    # --- membership ---

    @cached_property
    def plans(self) -> dict:
        return standard_plans()

    @cached_property
    def membership_a(self) -> Membership:
        """Org A approved, its first invoice open (awaiting payment)."""
        return Membership.objects.create(
            organization=self.org_a,
            plan=self.plans["Medical Center"],
            billing_contact_name="Accounts payable",
            billing_email="ap@example-health.org",
        )

    @cached_property
    def invoice_a(self) -> Invoice:
        return issue_invoice(
            membership=self.membership_a,
            kind=InvoiceKind.INITIAL,
            lines=[("Membership", 1_800_000)],
        )

    @cached_property
    def org_a_is_member(self) -> Membership:
        membership = self.membership_a
        today = timezone.localdate()
        Membership.objects.filter(pk=membership.pk).update(
            status="active", covered_from=today, covered_until=today + timedelta(days=364)
        )
        return membership

    @cached_property
    def application_c(self) -> MembershipApplication:
        """A pending application of a third organization (not A, not B)."""
        organization, admin = org_with_admin(name="Lakeview Clinic", city="Winona")
        return MembershipApplication.objects.create(
            organization=organization,
            plan=self.plans["Medical Center"],
            quoted_price_cents=1_800_000,
            applicant=admin,
            billing_contact_name="AP",
            billing_email="ap@lakeview.example",
            agreed_to_terms_at=timezone.now(),
        )

    # --- registry ---

    @cached_property
    def listing_a(self) -> Entity:
        """A hospital in the registry claimed by organization A (its admin manages it)."""
        return EntityFactory(organization=self.org_a, website="https://www.riverside.example")

    @cached_property
    def account_a(self) -> Account:
        return AccountFactory(entity=self.listing_a, platform="x", address="@RiversideRMC")

    @cached_property
    def import_job(self) -> ImportJob:
        """A previewed import of two hospitals, ready to import."""
        upload = SimpleUploadedFile("hospitals.csv", HOSPITALS_CSV, content_type="text/csv")
        job = ImportJob(
            kind="hospitals", original_name="hospitals.csv", size_bytes=len(HOSPITALS_CSV)
        )
        job.file.save("hospitals.csv", upload, save=True)
        return preview_import(job_id=job.pk)

    @cached_property
    def pending_claim(self) -> Claim:
        return ClaimFactory(entity=self.listing_a, claimant=UserFactory())

    @cached_property
    def pending_correction(self) -> Correction:
        return CorrectionFactory(entity=self.listing_a)

    @cached_property
    def own_token(self) -> tuple[ApiToken | None, str]:
        """The requesting person's API token and its raw value; a well-formed unknown value
        for the visitor."""
        if self.user is None:
            return None, ApiToken.PREFIX + "not-a-real-token-at-all-0000000000000"
        return create_api_token(user=self.user, name="Reporting script")

    @property
    def own_token_id(self) -> int:
        """The requesting person's token id (for the visitor: any existing token's id)."""
        token = self.own_token[0]
        return token.pk if token is not None else self.outsiders_token.pk

    @cached_property
    def outsiders_token(self) -> ApiToken:
        return create_api_token(user=UserFactory(), name="Someone else's script")[0]

    @cached_property
    def media_file(self) -> str:
        """A profile photo in the directory the media route serves, removed after the test."""
        document_root = Path(resolve("/media/x.jpg").kwargs["document_root"])
        photo = document_root / "profile-photos" / f"{self.member_a.public_id}.jpg"
        created = [d for d in (photo.parent, document_root) if not d.exists()]
        photo.parent.mkdir(parents=True, exist_ok=True)
        photo.write_bytes(b"\xff\xd8\xff\xe0 not really a photo")

        def clean_up():
            photo.unlink(missing_ok=True)
            for directory in created:  # innermost first; only if nothing else landed there
                if directory.exists() and not any(directory.iterdir()):
                    directory.rmdir()

        self._request.addfinalizer(clean_up)
        return f"/media/profile-photos/{photo.name}"


def _org_a(world: World) -> str:
    return str(world.org_a.public_id)


def org_form_data(organization: Organization, **changes) -> dict:
    data = {
        name: getattr(organization, name)
        for name in OrganizationForm._meta.fields
        if getattr(organization, name) is not None
    }
    data.update(changes)
    return data


# --- cases and rows ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    label: str
    url: Callable[[World], str]
    expect: Mapping[str, Outcome]
    method: str = "get"
    data: Callable[[World], dict] | None = None
    bearer: bool = False  # authenticate with the person's API token instead of the session
    settings: Mapping[str, object] = field(default_factory=dict)
    # Whether the POST took effect; checked against the outcome's `grants` (or effect_roles).
    effect: Callable[[World], bool] | None = None
    effect_roles: frozenset[str] | None = None


def get(url, expect, label="GET", **kwargs) -> Case:
    return Case(label, url, expect, **kwargs)


def post(url, expect, label="POST", **kwargs) -> Case:
    return Case(label, url, expect, method="post", **kwargs)


def fixed(path: str) -> Callable[[World], str]:
    return lambda world: path


def named(name: str, *args: Callable[[World], object]) -> Callable[[World], str]:
    return lambda world: reverse(name, args=[arg(world) for arg in args])


def post_only(url, expect, **kwargs) -> tuple[Case, ...]:
    """A POST-only action: GET is refused with 405 (after the login check), POST is decided."""
    return (get(url, POST_ONLY_GET), post(url, expect, **kwargs))


OIDC_APP = {
    "openid_connect": {
        "APPS": [
            {
                "provider_id": "hospital-sso",
                "name": "Hospital single sign-on",
                "client_id": "socialrx-test",
                "secret": "not-a-secret",
                "settings": {"server_url": "https://idp.example-health.org"},
            }
        ]
    }
}


def _api_people_a(world: World) -> str:
    return f"/api/v1/organizations/{world.org_a.public_id}/people"


def _api_cases(url, expect: Mapping[str, Outcome]) -> tuple[Case, ...]:
    """API operations are checked with the browser session and with a personal API token."""
    return (
        get(url, expect, label="session"),
        get(url, expect, label="bearer token", bearer=True),
    )


SIGNED_IN_API = signed_in(ALLOW, visitor=UNAUTHORIZED)
ORG_A_MANAGERS_API = only(ADMIN_A, STAFF, grant=ALLOW, deny=NOT_FOUND) | {VISITOR: UNAUTHORIZED}

MATRIX: dict[str, tuple[Case, ...]] = {
    # --- core -----------------------------------------------------------------------------
    "home": (get(named("home"), PUBLIC),),
    "healthz": (get(named("healthz"), PUBLIC),),
    "readyz": (get(named("readyz"), PUBLIC),),
    "audit_log": (get(named("audit_log"), STAFF_ONLY),),
    "failed_emails": (
        get(named("failed_emails"), SIGNED_IN),
        post(named("failed_emails"), signed_in(DONE), label="POST acknowledge"),
    ),
    "dashboard": (get(named("dashboard"), SIGNED_IN),),
    # --- accounts (SocialRx pages) --------------------------------------------------------
    "profile": (get(named("profile"), SIGNED_IN),),
    "create_token": post_only(
        named("create_token"),
        signed_in(ALLOW),  # shows the raw token once
        data=lambda world: {"name": "Nightly export"},
        effect=lambda world: ApiToken.objects.filter(name="Nightly export").exists(),
    ),
    "revoke_token": (
        get(named("revoke_token", lambda world: world.outsiders_token.pk), POST_ONLY_GET),
        post(
            named("revoke_token", lambda world: world.own_token_id),
            signed_in(DONE),
            label="POST own token",
            effect=lambda world: ApiToken.objects.filter(revoked_at__isnull=False).exists(),
        ),
        # Someone else's token id: a message and a redirect, but the token stays active.
        post(
            named("revoke_token", lambda world: world.outsiders_token.pk),
            signed_in(redirect_to("/profile/")),
            label="POST someone else's token",
            effect=lambda world: ApiToken.objects.filter(revoked_at__isnull=False).exists(),
            effect_roles=frozenset(),
        ),
    ),
    "people_directory": (get(named("people_directory"), STAFF_ONLY),),
    "center_roles": (
        get(named("center_roles", lambda world: world.member_a.public_id), STAFF_ONLY),
        post(
            named("center_roles", lambda world: world.member_a.public_id),
            STAFF_ONLY_ACTION,
            data=lambda world: {"roles": ["coach"]},
            effect=lambda world: User.objects.get(pk=world.member_a.pk).is_coach,
        ),
    ),
    # --- organizations --------------------------------------------------------------------
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
    "organizations:detail": (get(named("organizations:detail", _org_a), ORG_A_VIEWERS),),
    "organizations:edit": (
        get(named("organizations:edit", _org_a), ORG_A_MANAGERS),
        post(
            named("organizations:edit", _org_a),
            ORG_A_MANAGER_ACTION,
            data=lambda world: org_form_data(world.org_a, name="Riverside Regional East"),
            effect=lambda world: Organization.objects.filter(
                name="Riverside Regional East"
            ).exists(),
        ),
    ),
    "organizations:people": (get(named("organizations:people", _org_a), ORG_A_VIEWERS),),
    "organizations:change_role": (
        *post_only(
            named("organizations:change_role", _org_a, lambda world: world.member_membership_a.pk),
            ORG_A_MANAGER_ACTION,
            data=lambda world: {"role": "admin"},
            effect=lambda world: (
                OrgMembership.objects.get(pk=world.member_membership_a.pk).role == OrgRole.ADMIN
            ),
        ),
        # Org B's seat through org A's URL: not found, even for org A's admin.
        post(
            named("organizations:change_role", _org_a, lambda world: world.admin_membership_b.pk),
            only(ADMIN_A, STAFF, grant=NOT_FOUND, deny=NOT_FOUND),
            label="POST seat of org B",
            data=lambda world: {"role": "member"},
            effect=lambda world: (
                OrgMembership.objects.get(pk=world.admin_membership_b.pk).role != OrgRole.ADMIN
            ),
        ),
    ),
    "organizations:remove_member": (
        *post_only(
            named(
                "organizations:remove_member", _org_a, lambda world: world.member_membership_a.pk
            ),
            ORG_A_MANAGER_ACTION,
            effect=lambda world: (
                not OrgMembership.objects.filter(pk=world.member_membership_a.pk).exists()
            ),
        ),
        post(
            named("organizations:remove_member", _org_a, lambda world: world.admin_membership_b.pk),
            only(ADMIN_A, STAFF, grant=NOT_FOUND, deny=NOT_FOUND),
            label="POST seat of org B",
            effect=lambda world: (
                not OrgMembership.objects.filter(pk=world.admin_membership_b.pk).exists()
            ),
        ),
    ),
    "organizations:invitations": (
        get(named("organizations:invitations", _org_a), ORG_A_MANAGERS),
        post(
            named("organizations:invitations", _org_a),
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
                _org_a,
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
                _org_a,
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
                _org_a,
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
                _org_a,
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
    # --- django-allauth (observed behaviour; private pages need a session) -----------------
    "account_login": (
        get(named("account_login"), signed_in(redirect_to("/dashboard/"), visitor=ALLOW)),
    ),
    "account_logout": (get(named("account_logout"), signed_in(ALLOW, visitor=redirect_to("/"))),),
    "account_inactive": (get(named("account_inactive"), PUBLIC),),
    "account_signup": (
        get(named("account_signup"), signed_in(redirect_to("/dashboard/"), visitor=ALLOW)),
    ),
    "account_reauthenticate": (get(named("account_reauthenticate"), SIGNED_IN),),
    "account_email": (get(named("account_email"), SIGNED_IN),),
    "account_email_verification_sent": (get(named("account_email_verification_sent"), PUBLIC),),
    "account_change_password": (get(named("account_change_password"), SIGNED_IN),),
    # Everyone here has a password: allauth sends them to "change" instead of "set".
    "account_set_password": (
        get(named("account_set_password"), signed_in(redirect_to("/accounts/password/change/"))),
    ),
    "account_reset_password": (get(named("account_reset_password"), PUBLIC),),
    # Login by emailed code is off: without a pending code login allauth sends people away.
    "account_confirm_login_code": (
        get(named("account_confirm_login_code"), signed_in(redirect_to("/dashboard/"))),
    ),
    "account_confirm_email": (
        get(fixed("/accounts/confirm-email/bogus-key/"), PUBLIC, label="GET bogus key"),
    ),
    "account_reset_password_from_key": (
        get(fixed("/accounts/password/reset/key/zz-bogus-key/"), PUBLIC, label="GET bogus key"),
    ),
    "account_reset_password_from_key_done": (
        get(named("account_reset_password_from_key_done"), PUBLIC),
    ),
    "account_reset_password_done": (get(named("account_reset_password_done"), PUBLIC),),
    # MFA. force_login records no recent authentication, so sensitive MFA pages first ask the
    # person to re-authenticate; pages about codes nobody generated are 404.
    "mfa_index": (get(named("mfa_index"), SIGNED_IN),),
    "mfa_authenticate": (get(named("mfa_authenticate"), signed_in(redirect_to("/dashboard/"))),),
    "mfa_reauthenticate": (
        get(
            named("mfa_reauthenticate"),
            signed_in(redirect_to("/accounts/reauthenticate/"), **dict.fromkeys(HAS_TOTP, ALLOW)),
        ),
    ),
    "mfa_activate_totp": (
        get(named("mfa_activate_totp"), signed_in(redirect_to("/accounts/reauthenticate/"))),
    ),
    "mfa_deactivate_totp": (
        get(
            named("mfa_deactivate_totp"),
            signed_in(
                NOT_FOUND,
                **dict.fromkeys(HAS_TOTP, redirect_to("/accounts/reauthenticate/")),
            ),
        ),
    ),
    "mfa_view_recovery_codes": (get(named("mfa_view_recovery_codes"), signed_in(NOT_FOUND)),),
    "mfa_generate_recovery_codes": (
        get(
            named("mfa_generate_recovery_codes"),
            signed_in(redirect_to("/accounts/reauthenticate/")),
        ),
    ),
    "mfa_download_recovery_codes": (
        get(named("mfa_download_recovery_codes"), signed_in(NOT_FOUND)),
    ),
    # Social accounts (OpenID Connect: hospital SSO, Doximity).
    "socialaccount_login_cancelled": (get(named("socialaccount_login_cancelled"), PUBLIC),),
    # allauth renders its "login failed" page with 401 Unauthorized.
    "socialaccount_login_error": (get(named("socialaccount_login_error"), everyone(status(401))),),
    # Without a social login in progress there is nothing to sign up for.
    "socialaccount_signup": (get(named("socialaccount_signup"), everyone(LOGIN)),),
    "socialaccount_connections": (get(named("socialaccount_connections"), SIGNED_IN),),
    # allauth's legacy /accounts/social/ paths: permanent redirects to /accounts/3rdparty/.
    "accounts/social/login/cancelled/": (
        get(
            fixed("/accounts/social/login/cancelled/"),
            everyone(redirect_to("/accounts/3rdparty/login/cancelled/")),
        ),
    ),
    "accounts/social/login/error/": (
        get(
            fixed("/accounts/social/login/error/"),
            everyone(redirect_to("/accounts/3rdparty/login/error/")),
        ),
    ),
    "accounts/social/signup/": (
        get(fixed("/accounts/social/signup/"), everyone(redirect_to("/accounts/3rdparty/signup/"))),
    ),
    "accounts/social/connections/": (
        get(fixed("/accounts/social/connections/"), everyone(redirect_to("/accounts/3rdparty/"))),
    ),
    "openid_connect_login": (
        get(
            fixed("/accounts/oidc/hospital-sso/login/"),
            everyone(NOT_FOUND),
            label="GET unconfigured",
        ),
        # Configured: a confirmation page (no login on GET), reachable by anyone.
        get(
            fixed("/accounts/oidc/hospital-sso/login/"),
            PUBLIC,
            label="GET configured",
            settings={"SOCIALACCOUNT_PROVIDERS": OIDC_APP},
        ),
    ),
    "openid_connect_callback": (
        get(
            fixed("/accounts/oidc/hospital-sso/login/callback/"),
            everyone(NOT_FOUND),
            label="GET unconfigured",
        ),
        # Configured, but no authorization code: allauth's login error page (401).
        get(
            fixed("/accounts/oidc/hospital-sso/login/callback/"),
            everyone(status(401)),
            label="GET configured without code",
            settings={"SOCIALACCOUNT_PROVIDERS": OIDC_APP},
        ),
    ),
    # --- API --------------------------------------------------------------------------------
    "api:openapi-json": (get(fixed("/api/v1/openapi.json"), PUBLIC),),
    "api:openapi-view": (get(fixed("/api/v1/docs"), PUBLIC),),
    "api:api-root": (get(fixed("/api/v1/"), everyone(NOT_FOUND)),),
    "GET /api/v1/me": _api_cases(fixed("/api/v1/me"), SIGNED_IN_API),
    "GET /api/v1/organizations/mine": _api_cases(
        fixed("/api/v1/organizations/mine"), SIGNED_IN_API
    ),
    "GET /api/v1/organizations/<public_id>/people": _api_cases(_api_people_a, ORG_A_MANAGERS_API),
}

if not django_settings.PRODUCTION:  # mounted in development only, as in socialrx/urls.py
    # Uploaded profile photos (a proxy serves them in production): public, like the route.
    MATRIX["media/<path:path>"] = (
        get(lambda world: world.media_file, PUBLIC, label="GET profile photo"),
        get(fixed("/media/profile-photos/missing.jpg"), everyone(NOT_FOUND), label="GET missing"),
    )


# --- membership -------------------------------------------------------------------------------


def _invoice_a(world: World) -> str:
    return str(world.invoice_a.public_id)


def _membership_a(world: World) -> str:
    return str(world.membership_a.public_id)


def _application_c(world: World) -> str:
    return str(world.application_c.public_id)


def _member_benefits_as_member(world: World) -> str:
    world.org_a_is_member  # noqa: B018 - makes org A a member before the request
    return reverse("membership:member_benefits")


ORG_A_ADMIN_ONLY = only(ADMIN_A, grant=ALLOW, deny=NOT_FOUND)
PLAN_DATA = {
    "audience": "hospital",
    "name": "Critical Access",
    "size_min": 1,
    "size_max": 25,
    "annual_price": "3000.00",
    "seat_limit": 5,
    "coaching_hours": 2,
    "boot_camp_discount_percent": 10,
    "conference_discount_percent": 10,
    "resource_tiers": ["public"],
    "is_active": "on",
}

MATRIX.update(
    {
        "membership:pricing": (get(named("membership:pricing"), PUBLIC),),
        "membership:member_benefits": (
            get(
                named("membership:member_benefits"),
                only(STAFF, grant=ALLOW, deny=FORBIDDEN),
                label="GET, org A not a member",
            ),
            get(
                _member_benefits_as_member,
                only(MEMBER_A, ADMIN_A, STAFF, grant=ALLOW, deny=FORBIDDEN),
                label="GET, org A a member",
            ),
        ),
        "membership:billing": (get(named("membership:billing", _org_a), ORG_A_MANAGERS),),
        "membership:apply": (
            get(
                lambda world: world.plans and reverse("membership:apply", args=[_org_a(world)]),
                ORG_A_ADMIN_ONLY,
            ),
            post(
                named("membership:apply", _org_a),
                only(ADMIN_A, grant=DONE, deny=NOT_FOUND),
                data=lambda world: (
                    world.plans
                    and {
                        "billing_contact_name": "Accounts payable",
                        "billing_email": "ap@example-health.org",
                        "agree_to_terms": "on",
                    }
                ),
                effect=lambda world: MembershipApplication.objects.filter(
                    organization=world.org_a
                ).exists(),
            ),
        ),
        "membership:invoice_pdf": (
            get(named("membership:invoice_pdf", _invoice_a), ORG_A_MANAGERS),
        ),
        "membership:pay_by_card": post_only(
            named("membership:pay_by_card", _invoice_a),
            # No card provider is configured here: the admin is sent back to billing. Staff may
            # see the invoice but only the organization's admins pay it.
            only(ADMIN_A, grant=DONE, deny=NOT_FOUND) | {STAFF: FORBIDDEN},
        ),
        "membership:stripe_webhook": (
            get(fixed("/webhooks/stripe/"), everyone(METHOD)),
            post(fixed("/webhooks/stripe/"), everyone(NOT_FOUND), label="POST, no provider"),
        ),
        "membership:staff_applications": (get(named("membership:staff_applications"), STAFF_ONLY),),
        "membership:staff_approve": post_only(
            named("membership:staff_approve", _application_c),
            STAFF_ONLY_ACTION,
            effect=lambda world: Invoice.objects.filter(
                organization=world.application_c.organization
            ).exists(),
        ),
        "membership:staff_decline": post_only(
            named("membership:staff_decline", _application_c),
            STAFF_ONLY_ACTION,
            data=lambda world: {"reason": "Please add your bed count."},
            effect=lambda world: MembershipApplication.objects.filter(status="declined").exists(),
        ),
        "membership:staff_memberships": (get(named("membership:staff_memberships"), STAFF_ONLY),),
        "membership:staff_complimentary": post_only(
            named("membership:staff_complimentary"),
            STAFF_ONLY_ACTION,
            data=lambda world: {
                "organization": world.org_a.pk,
                "plan": world.plans["Medical Center"].pk,
                "reason": "Conference speaker",
            },
            effect=lambda world: Membership.objects.filter(
                organization=world.org_a, complimentary=True
            ).exists(),
        ),
        "membership:staff_membership": (
            get(named("membership:staff_membership", _membership_a), STAFF_ONLY),
        ),
        "membership:staff_activate_po": post_only(
            named(
                "membership:staff_activate_po", lambda world: world.invoice_a.membership.public_id
            ),
            STAFF_ONLY_ACTION,
            data=lambda world: {"po_number": "PO-1"},
            effect=lambda world: world.membership_a.periods.exists(),
        ),
        "membership:staff_cancel": post_only(
            named("membership:staff_cancel", _membership_a),
            STAFF_ONLY_ACTION,
            data=lambda world: {"reason": "Closed the hospital"},
            effect=lambda world: Membership.objects.filter(status="cancelled").exists(),
        ),
        "membership:staff_adjustment": post_only(
            named("membership:staff_adjustment", _membership_a),
            STAFF_ONLY_ACTION,
            data=lambda world: {"description": "Band change", "amount": "500.00"},
            effect=lambda world: Invoice.objects.filter(kind="adjustment").exists(),
        ),
        "membership:staff_invoices": (get(named("membership:staff_invoices"), STAFF_ONLY),),
        "membership:staff_invoice": (
            get(named("membership:staff_invoice", _invoice_a), STAFF_ONLY | {STAFF: ALLOW}),
            post(
                named("membership:staff_invoice", _invoice_a),
                # Non-staff are refused before the invoice is looked up.
                STAFF_ONLY_ACTION,
                data=lambda world: {
                    "amount": "100.00",
                    "method": "check",
                    "reference": "Check 1",
                    "received_on": timezone.localdate().isoformat(),
                },
                effect=lambda world: Payment.objects.exists(),
            ),
        ),
        "membership:staff_void": post_only(
            named("membership:staff_void", _invoice_a),
            STAFF_ONLY_ACTION,
            data=lambda world: {"reason": "Issued twice"},
            effect=lambda world: Invoice.objects.filter(status="void").exists(),
        ),
        "membership:staff_reports": (get(named("membership:staff_reports"), STAFF_ONLY),),
        "membership:staff_plans": (get(named("membership:staff_plans"), STAFF_ONLY),),
        "membership:staff_plan_new": (
            get(named("membership:staff_plan_new"), STAFF_ONLY),
            post(
                named("membership:staff_plan_new"),
                # Every band of 1+ beds is taken by the standard plans: the service refuses
                # the overlap (400) for staff, and nothing is written for anyone.
                only(STAFF, grant=status(400), deny=FORBIDDEN),
                data=lambda world: world.plans and PLAN_DATA,
                effect=lambda world: Plan.objects.filter(name="Critical Access").exists(),
                effect_roles=frozenset(),
            ),
        ),
        "membership:staff_plan_edit": (
            get(
                named(
                    "membership:staff_plan_edit",
                    lambda world: world.plans["Medical Center"].public_id,
                ),
                STAFF_ONLY,
            ),
        ),
        "GET /api/v1/membership/plans": (
            get(fixed("/api/v1/membership/plans"), PUBLIC, label="session"),
        ),
        "GET /api/v1/membership/organizations/<public_id>/membership": _api_cases(
            lambda world: f"/api/v1/membership/organizations/{world.org_a.public_id}/membership",
            ORG_A_MANAGERS_API,
        ),
    }
)

# --- registry -----------------------------------------------------------------------------

HOSPITALS_CSV = (
    b'"Facility ID","Facility Name","City/Town","State"\r\n'
    b"240999,NORTHFIELD COMMUNITY HOSPITAL,NORTHFIELD,MN\r\n"
    b"240998,LAKE CITY MEDICAL CENTER,LAKE CITY,MN\r\n"
)


def _listing_a(world: World) -> tuple[str, str]:
    return world.listing_a.kind_slug, world.listing_a.key


def _listing_url(name: str, *extra: Callable[[World], object]) -> Callable[[World], str]:
    return lambda world: reverse(name, args=[*_listing_a(world), *(arg(world) for arg in extra)])


def _account_id(world: World):
    return world.account_a.public_id


REGISTRY_MANAGERS = only(ADMIN_A, STAFF, grant=ALLOW, deny=NOT_FOUND)
REGISTRY_MANAGER_ACTION = only(ADMIN_A, STAFF, grant=DONE, deny=NOT_FOUND)

MATRIX.update(
    {
        "registry:search": (
            get(named("registry:search"), PUBLIC),
            get(
                lambda world: reverse("registry:search") + "?q=riversde&format=csv",
                PUBLIC,
                label="GET csv",
            ),
        ),
        "registry:adoption": (get(named("registry:adoption"), PUBLIC),),
        "registry:leaderboards": (get(named("registry:leaderboards"), PUBLIC),),
        "registry:entity": (get(_listing_url("registry:entity"), PUBLIC),),
        "registry:claim": (
            get(_listing_url("registry:claim"), SIGNED_IN),
            post(
                _listing_url("registry:claim"),
                signed_in(DONE),
                data=lambda world: {"job_title": "Director of Communications"},
                effect=lambda world: Claim.objects.filter(claimant=world.user).exists(),
            ),
        ),
        "registry:accounts": (
            get(_listing_url("registry:accounts"), REGISTRY_MANAGERS),
            post(
                _listing_url("registry:accounts"),
                REGISTRY_MANAGER_ACTION,
                data=lambda world: {"platform": "youtube", "address": "@RiversideRMC"},
                effect=lambda world: Account.objects.filter(platform="youtube").exists(),
            ),
        ),
        "registry:account_edit": (
            get(_listing_url("registry:account_edit", _account_id), REGISTRY_MANAGERS),
            post(
                _listing_url("registry:account_edit", _account_id),
                REGISTRY_MANAGER_ACTION,
                data=lambda world: {"followers": "4321", "status": "active"},
                effect=lambda world: Account.objects.filter(followers=4321).exists(),
            ),
        ),
        "registry:account_remove": post_only(
            _listing_url("registry:account_remove", _account_id),
            REGISTRY_MANAGER_ACTION,
            effect=lambda world: Account.objects.filter(removed_on__isnull=False).exists(),
        ),
        "registry:correction": (
            get(_listing_url("registry:correction"), PUBLIC),
            post(
                _listing_url("registry:correction"),
                everyone(DONE),
                data=lambda world: {"kind": "other", "explanation": "It closed in 2024."},
                effect=lambda world: Correction.objects.exists(),
            ),
        ),
        "registry:staff_imports": (
            get(named("registry:staff_imports"), STAFF_ONLY),
            post(
                named("registry:staff_imports"),
                STAFF_ONLY_ACTION,
                data=lambda world: {
                    "kind": "hospitals",
                    "file": SimpleUploadedFile("h.csv", HOSPITALS_CSV, content_type="text/csv"),
                },
                effect=lambda world: ImportJob.objects.exists(),
            ),
        ),
        "registry:staff_import": (
            get(
                named("registry:staff_import", lambda world: world.import_job.public_id), STAFF_ONLY
            ),
        ),
        "registry:staff_import_progress": (
            get(
                named("registry:staff_import_progress", lambda world: world.import_job.public_id),
                STAFF_ONLY,
            ),
        ),
        "registry:staff_import_start": post_only(
            named("registry:staff_import_start", lambda world: world.import_job.public_id),
            STAFF_ONLY_ACTION,
            effect=lambda world: ImportJob.objects.exclude(status="ready").exists(),
        ),
        "registry:staff_import_abandon": post_only(
            named("registry:staff_import_abandon", lambda world: world.import_job.public_id),
            # The job is not running: staff are told so, and nothing changes for anyone.
            STAFF_ONLY_ACTION,
            effect=lambda world: ImportJob.objects.filter(status="failed").exists(),
            effect_roles=frozenset(),
        ),
        "registry:staff_claims": (get(named("registry:staff_claims"), STAFF_ONLY),),
        "registry:staff_claim_approve": post_only(
            named("registry:staff_claim_approve", lambda world: world.pending_claim.public_id),
            STAFF_ONLY_ACTION,
            effect=lambda world: Claim.objects.filter(status="verified").exists(),
        ),
        "registry:staff_claim_reject": post_only(
            named("registry:staff_claim_reject", lambda world: world.pending_claim.public_id),
            STAFF_ONLY_ACTION,
            data=lambda world: {"note": "No link to the hospital."},
            effect=lambda world: Claim.objects.filter(status="rejected").exists(),
        ),
        "registry:staff_corrections": (get(named("registry:staff_corrections"), STAFF_ONLY),),
        "registry:staff_correction_accept": post_only(
            named(
                "registry:staff_correction_accept", lambda world: world.pending_correction.public_id
            ),
            STAFF_ONLY_ACTION,
            effect=lambda world: Correction.objects.filter(status="accepted").exists(),
        ),
        "registry:staff_correction_decline": post_only(
            named(
                "registry:staff_correction_decline",
                lambda world: world.pending_correction.public_id,
            ),
            STAFF_ONLY_ACTION,
            data=lambda world: {"note": "The number is right."},
            effect=lambda world: Correction.objects.filter(status="rejected").exists(),
        ),
        "GET /api/v1/registry/entities": (
            get(fixed("/api/v1/registry/entities?q=riverside"), PUBLIC, label="session"),
        ),
        "GET /api/v1/registry/entities/<public_id>": (
            get(
                lambda world: f"/api/v1/registry/entities/{world.listing_a.public_id}",
                PUBLIC,
                label="session",
            ),
        ),
        "GET /api/v1/registry/adoption": (
            get(fixed("/api/v1/registry/adoption"), PUBLIC, label="session"),
        ),
    }
)

# Served by middleware (WhiteNoise), not by a URL pattern: checked, but not in the inventory.
EXTRA_ROWS: dict[str, tuple[Case, ...]] = {
    "static (WhiteNoise)": (get(fixed("/static/core/css/app.css"), PUBLIC),),
}


# --- Django admin: staff only ---------------------------------------------------------------

NON_STAFF_ADMIN = roles(ADMIN_LOGIN, staff=ALLOW)


def _admin_cases() -> tuple[Case, ...]:
    cases = [
        get(named("admin:index"), NON_STAFF_ADMIN, label="index"),
        # Admin sign-in goes through allauth's (MFA, lockout).
        get(
            named("admin:login"),
            roles(FORBIDDEN, visitor=LOGIN, staff=redirect_to("/admin/")),
            label="login",
        ),
        get(named("admin:logout"), roles(redirect_to("/admin/"), staff=METHOD), label="logout"),
        get(named("admin:password_change"), NON_STAFF_ADMIN, label="password_change"),
        get(fixed("/admin/no-such-page/"), roles(ADMIN_LOGIN, staff=NOT_FOUND), label="unknown"),
        get(
            lambda world: reverse("admin:organizations_organization_change", args=[world.org_a.pk]),
            NON_STAFF_ADMIN,
            label="organizations.organization change",
        ),
    ]
    for model in sorted(admin.site._registry, key=lambda model: model._meta.label_lower):
        opts = model._meta
        prefix = f"admin:{opts.app_label}_{opts.model_name}"
        cases.append(
            get(
                named(f"{prefix}_changelist"),
                # Staff see an allow-list of models: never second factors, tokens, sessions.
                NON_STAFF_ADMIN
                if opts.label_lower in STAFF_VIEWABLE
                else roles(ADMIN_LOGIN, staff=FORBIDDEN),
                label=f"{opts.label_lower} changelist",
            )
        )
        # Center staff look and search in the admin; changes go through the audited pages.
        cases.append(
            get(
                named(f"{prefix}_add"),
                roles(ADMIN_LOGIN, staff=FORBIDDEN),
                label=f"{opts.label_lower} add",
            )
        )
    return tuple(cases)


MATRIX[ADMIN_ROW] = _admin_cases()


# --- known deviations from the intended policy (reported, not yet fixed) ---------------------

KNOWN_DEVIATIONS: dict[tuple[str, str, str], str] = {}


# --- the tests --------------------------------------------------------------------------------


def _all_rows() -> dict[str, tuple[Case, ...]]:
    return {**MATRIX, **EXTRA_ROWS}


def _params():
    for route, cases in _all_rows().items():
        for case in cases:
            for role in ROLES:
                marks = []
                if reason := KNOWN_DEVIATIONS.get((route, case.label, role)):
                    marks.append(
                        pytest.mark.xfail(reason=reason, strict=True, raises=AssertionError)
                    )
                yield pytest.param(
                    route, case, role, id=f"{route} | {case.label} | {role}", marks=marks
                )


def _describe(response) -> str:
    location = response.headers.get("Location")
    return f"{response.status_code}" + (f" → {location}" if location else "")


@pytest.mark.parametrize(("route", "case", "role"), list(_params()))
def test_permission_matrix(route, case: Case, role, request, settings, db):
    # `db` is requested here, not only through World's getfixturevalue("org_a"): pytest-django
    # must set up database access before the test starts.
    for name, value in case.settings.items():
        setattr(settings, name, value)
    world = World(request, role)
    client = Client()
    headers = {}
    if case.bearer:
        headers["Authorization"] = f"Bearer {world.own_token[1]}"
    elif world.user is not None:
        client.force_login(world.user)
    url = case.url(world)
    data = case.data(world) if case.data else None
    response = getattr(client, case.method)(url, data, headers=headers)

    expected = case.expect[role]
    assert expected.matches(response), (
        f"{case.method.upper()} {url} as {role}: expected {expected}, got {_describe(response)}"
    )
    if case.effect is not None:
        should_happen = (
            role in case.effect_roles if case.effect_roles is not None else expected.grants
        )
        assert case.effect(world) is should_happen, (
            f"{case.method.upper()} {url} as {role}: the action "
            f"{'did not take' if should_happen else 'took'} effect"
        )


def test_every_route_has_a_row():
    routes = all_routes()
    identifiers = [
        route.identifier for route in routes if not route.pattern.startswith(ADMIN_PREFIX)
    ]
    duplicates = sorted({i for i in identifiers if identifiers.count(i) > 1})
    assert not duplicates, f"Routes share an identifier (give them distinct names): {duplicates}"

    missing = sorted(set(identifiers) - MATRIX.keys())
    stale = sorted(MATRIX.keys() - set(identifiers) - {ADMIN_ROW})
    assert not missing, f"Routes without a row in the permission matrix: {missing}"
    assert not stale, f"Rows for routes that no longer exist: {stale}"
    assert any(route.pattern.startswith(ADMIN_PREFIX) for route in routes), (
        f"{ADMIN_ROW} has a row but the admin is not mounted at /{ADMIN_PREFIX}"
    )


def test_every_api_operation_has_a_row():
    """Cross-check the resolver walk against the OpenAPI document."""
    documented = {f"{method} {path}" for method, path in api_operations_from_schema(api)}
    missing = sorted(documented - MATRIX.keys())
    assert not missing, f"API operations without a row in the permission matrix: {missing}"
    assert documented, "the OpenAPI document lists no operations: is the API mounted?"


def test_every_case_names_every_role():
    for route, cases in _all_rows().items():
        labels = [case.label for case in cases]
        assert len(labels) == len(set(labels)), f"{route}: case labels repeat: {labels}"
        for case in cases:
            assert set(case.expect) == set(ROLES), f"{route} | {case.label}: roles missing"


def test_known_deviations_name_real_cases():
    cases = {(route, case.label) for route, rows in _all_rows().items() for case in rows}
    unknown = sorted({(route, label) for route, label, _ in KNOWN_DEVIATIONS} - cases)
    assert not unknown, f"KNOWN_DEVIATIONS names cases that do not exist: {unknown}"
