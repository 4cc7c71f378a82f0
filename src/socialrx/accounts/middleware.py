"""Request-wide account rules: MFA for center roles, the viewer's time zone."""

import zoneinfo

from allauth.mfa.models import Authenticator
from django.contrib import messages
from django.http import JsonResponse
from django.shortcuts import redirect
from django.utils import timezone

# Pages a center-role user may reach before setting up MFA: the ones that set it up,
# sign out, and the public assets and probes.
MFA_EXEMPT_PREFIXES = (
    "/accounts/",
    "/static/",
    "/media/",
    "/healthz",
    "/readyz",
    "/favicon.ico",
)


def user_has_mfa(user) -> bool:
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


class RequireMfaForCenterRolesMiddleware:
    """Staff, coaches and researchers hold data of many organizations: until they set up an
    authenticator app they see only the MFA setup pages."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and user.has_center_role
            and not request.path.startswith(MFA_EXEMPT_PREFIXES)
            and not user_has_mfa(user)
        ):
            if request.path.startswith("/api/"):
                return JsonResponse(
                    {"detail": "Two-factor authentication must be set up for this account."},
                    status=403,
                )
            messages.warning(
                request,
                "Your center role requires two-factor authentication. "
                "Set up an authenticator app to continue.",
            )
            return redirect("mfa_activate_totp")
        return self.get_response(request)


class UserTimezoneMiddleware:
    """Times are stored in UTC and shown in the viewer's own zone."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        zone = getattr(user, "time_zone", "") if user and user.is_authenticated else ""
        if zone:
            try:
                timezone.activate(zoneinfo.ZoneInfo(zone))
            except (zoneinfo.ZoneInfoNotFoundError, ValueError):
                timezone.deactivate()
        else:
            timezone.deactivate()
        return self.get_response(request)
