"""Request-wide guards that belong to no single app."""

from django.http import HttpResponseBadRequest

NUL_MESSAGE = "Request parameters may not contain NUL characters."
FORM_CONTENT_TYPE = "application/x-www-form-urlencoded"
API_PREFIX = "/api/"


def _holds_nul(params) -> bool:
    return any(
        "\x00" in key or any("\x00" in value for value in values) for key, values in params.lists()
    )


class RefuseNulParametersMiddleware:
    """A NUL character in a query-string or form parameter is answered 400.

    PostgreSQL cannot store NUL in text, so a filter or form value holding one would otherwise
    fail deep in a query (a 500) on whichever page reads it. Form fields already refuse it;
    this covers the admin's filters and any parameter read directly. Multipart bodies are not
    read here (that would load uploads before the view chooses how): their form fields are
    Django form fields, which refuse NUL themselves. The API is left to validate its own
    parameters: it answers 422 with the reason, as its OpenAPI document declares."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.startswith(API_PREFIX):
            return self.get_response(request)
        if _holds_nul(request.GET) or (
            request.method == "POST"
            and request.content_type == FORM_CONTENT_TYPE
            and _holds_nul(request.POST)
        ):
            return HttpResponseBadRequest(NUL_MESSAGE, content_type="text/plain; charset=utf-8")
        return self.get_response(request)
