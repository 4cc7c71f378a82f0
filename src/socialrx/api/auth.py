"""API authentication: the browser's session (with CSRF) or a personal bearer token."""

from ninja.errors import HttpError
from ninja.security import HttpBearer, SessionAuth

from socialrx.accounts.middleware import user_has_mfa
from socialrx.accounts.services import user_for_api_token


class PersonalTokenAuth(HttpBearer):
    def authenticate(self, request, token):
        user = user_for_api_token(token)
        if user is None:
            return None
        if user.has_center_role and not user_has_mfa(user):
            # The same rule as the browser: a center role needs MFA before any access.
            raise HttpError(403, "Two-factor authentication must be set up for this account.")
        request.user = user
        return user


class BrowserSessionAuth(SessionAuth):
    """Django's session; allauth's MFA gate has already run in middleware."""


AUTH = [PersonalTokenAuth(), BrowserSessionAuth()]
