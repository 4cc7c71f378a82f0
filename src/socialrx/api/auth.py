"""API authentication: the browser's session (with CSRF) or a personal bearer token."""

from ninja.security import HttpBearer, SessionAuth

from socialrx.accounts.services import user_for_api_token


class PersonalTokenAuth(HttpBearer):
    def authenticate(self, request, token):
        user = user_for_api_token(token)
        if user is not None:
            request.user = user
        return user


class BrowserSessionAuth(SessionAuth):
    """Django's session; allauth's MFA gate has already run in middleware."""


AUTH = [PersonalTokenAuth(), BrowserSessionAuth()]
