"""Accounts' rows of the permission matrix: profile and API tokens, the people directory and
center roles, and django-allauth's sign-in, MFA and social-account pages."""

from __future__ import annotations

from socialrx.accounts.models import ApiToken, User
from tests.permission_matrix_kit import (
    ALLOW,
    DONE,
    HAS_TOTP,
    LOGIN,
    NOT_FOUND,
    POST_ONLY_GET,
    PUBLIC,
    SIGNED_IN,
    SIGNED_IN_API,
    STAFF_ONLY,
    STAFF_ONLY_ACTION,
    Case,
    api_cases,
    everyone,
    fixed,
    get,
    named,
    post,
    post_only,
    redirect_to,
    signed_in,
    status,
)

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

ROWS: dict[str, tuple[Case, ...]] = {
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
    "GET /api/v1/me": api_cases(fixed("/api/v1/me"), SIGNED_IN_API),
}
