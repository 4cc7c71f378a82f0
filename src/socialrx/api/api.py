"""/api/v1/: assembled from the routers the apps declare (their `api_routers`, see
socialrx.core.plugins). Errors are JSON with a `detail` reason."""

from django.core.exceptions import PermissionDenied
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, ValidationError

from socialrx.core import plugins
from socialrx.core.errors import DomainError

from .auth import AUTH

api = NinjaAPI(
    title="SocialRx API",
    version="1",
    description=(
        "The SocialRx platform API. Authenticate with a personal API token "
        "(`Authorization: Bearer srx_…`, created on your profile page) or a browser session. "
        "A refused request is answered 4xx with a JSON `ErrorOut` (`detail`, for invalid input "
        "422 with its `errors`); each operation lists the statuses it can answer."
    ),
    auth=AUTH,
    urls_namespace="api",
)
for declared in plugins.registry().api_routers:
    api.add_router(declared.prefix, declared.load(), tags=list(declared.tags) or None)


@api.exception_handler(DomainError)
def domain_error(request, error: DomainError):
    body = {"detail": error.message, "code": error.code}
    if error.field:
        body["field"] = error.field
    return api.create_response(request, body, status=error.status_code)


@api.exception_handler(PermissionDenied)
def permission_denied(request, error):
    return api.create_response(
        request, {"detail": "You do not have permission to do this."}, status=403
    )


@api.exception_handler(AuthenticationError)
def unauthenticated(request, error):
    return api.create_response(
        request, {"detail": "Authentication required: a session or a bearer token."}, status=401
    )


@api.exception_handler(ValidationError)
def invalid_input(request, error: ValidationError):
    return api.create_response(
        request, {"detail": "Invalid input.", "errors": error.errors}, status=422
    )
