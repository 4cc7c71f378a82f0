"""Domain errors: raised by services with a message a person can read."""

from django.http import Http404


class DomainError(Exception):
    """A business rule refused the request. `field` names the form field it belongs to."""

    status_code = 400

    def __init__(self, message: str, *, field: str | None = None, code: str = "invalid"):
        super().__init__(message)
        self.message = message
        self.field = field
        self.code = code


class NotFound(DomainError, Http404):
    """Missing or not yours: the same answer for both, so ids cannot be probed.

    Being an Http404, it becomes Django's 404 page when a view lets it through."""

    status_code = 404

    def __init__(self, message: str = "Not found."):
        super().__init__(message, code="not_found")


class Conflict(DomainError):
    status_code = 409


def add_error_to_form(form, error: DomainError) -> None:
    """Show a service's refusal beside the field it concerns (or above the form)."""
    field = error.field if error.field in getattr(form, "fields", {}) else None
    form.add_error(field, error.message)
