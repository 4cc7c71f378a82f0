"""The API's error body, and the error answers each operation declares in the OpenAPI document.

Every refusal is JSON with a `detail` (see the exception handlers in api/api.py): a domain
error adds its `code` (and the `field` it concerns), invalid input (422) lists its `errors`."""

from typing import Any

from ninja import Field, Schema


class InvalidInputOut(Schema):
    """One problem with the input, as the validation reports it."""

    type: str = Field(description="A machine-readable kind, e.g. `uuid_parsing`, `enum`.")
    loc: list[str | int] = Field(description="Where: the location, then the parameter.")
    msg: str = Field(description="What is wrong, for a person to read.")
    ctx: dict[str, Any] | None = Field(None, description="The rule's details, e.g. its bound.")


class ErrorOut(Schema):
    """A refused request."""

    detail: str = Field(description="Why the request was refused, for a person to read.")
    code: str | None = Field(None, description="A machine-readable reason, e.g. `not_found`.")
    field: str | None = Field(None, description="The input the refusal concerns, if one.")
    errors: list[InvalidInputOut] | None = Field(
        None, description="On 422: each problem with the input."
    )


# When each error status is answered, as the document says it.
REASONS = {
    401: (
        "Authentication required: no valid personal API token "
        "(`Authorization: Bearer srx_…`) and no browser session."
    ),
    403: (
        "The signed-in account has a center role (staff, coach, researcher) but no "
        "two-factor authentication set up yet."
    ),
    404: "Not found, or not yours to see: the same answer for both, so ids cannot be probed.",
    422: "Invalid input: `errors` lists each problem (`loc` names the parameter).",
    429: (
        "Too many requests from this client address (REGISTRY_API_RATE per minute); "
        "try again later."
    ),
}


def documented(ok: Any, *statuses: int, reasons: dict[int, str] | None = None) -> dict:
    """`response=` and `openapi_extra=` for an operation: its 200 body, and each error status it
    can answer, with the shared error body and when it is answered."""
    reasons = {**REASONS, **(reasons or {})}
    return {
        "response": {200: ok, **dict.fromkeys(statuses, ErrorOut)},
        "openapi_extra": {
            "responses": {status: {"description": reasons[status]} for status in statuses}
        },
    }
