"""The post safety check over the API: POST a draft (and an image description), get back every
identifier and other risk with its span, severity and reason. Nothing is stored.

Mounted under /api/v1/toolkit/checks (api.py). Anyone may call it: a visitor checks a short
draft, a member (a person of a member organization, with a session or a personal API token)
a long one. A token that is given but unknown is refused (401), so a script learns its token is
wrong instead of quietly getting the visitor's limit. Limited per person and per client address
(429 with Retry-After).

The draft never reaches an error report: the input schema leaves it out of its repr (the API's
frames hold it) and the check runs in a function whose variables a report hides. The answer
quotes the draft's words, so it is never cached."""

from __future__ import annotations

from django.http import HttpResponse
from django.utils.cache import add_never_cache_headers
from django.views.decorators.debug import sensitive_variables
from ninja import Field, Router, Schema
from ninja.errors import AuthenticationError, HttpError

from socialrx.accounts.middleware import user_has_mfa
from socialrx.accounts.services import user_for_api_token
from socialrx.core.api_errors import documented
from socialrx.core.errors import DomainError
from socialrx.core.requests import client_ip
from socialrx.core.throttle import ClientThrottle

from .checking import FULL_LIMIT, IMAGE_LIMIT, SHORT_LIMIT, run_check
from .selectors.checks import check_limit

# Checks per minute, unless the settings say otherwise: per person (session or token), and per
# client address whoever calls (a visitor has only the latter).
DEFAULT_PERSON_RATE = "60/m"
DEFAULT_ADDRESS_RATE = "120/m"
# The largest body a check needs (the longest draft and description, every character escaped
# as \uXXXX\uXXXX: 12 bytes), refused before it is read.
MAX_BODY_BYTES = (FULL_LIMIT + IMAGE_LIMIT) * 12 + 4_096


class TooLong(DomainError):
    status_code = 413


class Unprocessable(DomainError):
    status_code = 422


class CheckerAuth:
    """A bearer token when one is given, else the browser session, else a visitor. A body too
    big for any check is refused here, before it is read.

    The token and MFA rule are those of socialrx.api.auth.PersonalTokenAuth, which the toolkit
    may not import (the API sits above the apps in .importlinter's layers). Unlike the API's
    session auth, the session needs no CSRF token here: the route writes nothing and another
    site cannot read its answer, so a forged request can only spend the person's quota."""

    def __call__(self, request):
        try:
            declared = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            declared = MAX_BODY_BYTES + 1
        if declared > MAX_BODY_BYTES:
            raise HttpError(
                413, f"The request is too large: a draft can be up to {FULL_LIMIT:,} characters."
            )
        header = request.headers.get("Authorization", "")
        if not header:
            return request.user if request.user.is_authenticated else "visitor"
        scheme, _, raw = header.partition(" ")
        user = user_for_api_token(raw.strip()) if scheme.lower() == "bearer" else None
        if user is None:
            raise AuthenticationError()
        if user.has_center_role and not user_has_mfa(user):
            # The same rule as the browser: a center role needs MFA before any access.
            raise HttpError(403, "Two-factor authentication must be set up for this account.")
        request.user = user
        return user


def _person(request) -> str | None:
    user = getattr(request, "user", None)
    return f"person-{user.pk}" if getattr(user, "is_authenticated", False) else None


router = Router(
    auth=[CheckerAuth()],
    throttle=[
        ClientThrottle(
            scope="toolkit-check-person",
            rate_setting="TOOLKIT_CHECK_API_PERSON_RATE",
            default=DEFAULT_PERSON_RATE,
            ident=_person,
        ),
        ClientThrottle(
            scope="toolkit-check-address",
            rate_setting="TOOLKIT_CHECK_API_ADDRESS_RATE",
            default=DEFAULT_ADDRESS_RATE,
            ident=client_ip,
        ),
    ],
)


class CheckIn(Schema):
    # repr=False: the API's own frames hold this object, and an error report shows their
    # variables by their repr.
    text: str = Field(
        description=f"The draft: up to {SHORT_LIMIT:,} characters for a visitor, "
        f"{FULL_LIMIT:,} for a member.",
        repr=False,
    )
    image_description: str = Field(
        "",
        description=f"What the photo or video shows (up to {IMAGE_LIMIT:,} characters).",
        repr=False,
    )


class FindingOut(Schema):
    """An identifier: `start`/`end` index the field it is in (`text` or `image`)."""

    start: int
    end: int
    kind: str = Field(description="name, date, age, phone, email, address, zip, room, ...")
    label: str
    severity: str = Field(description="high, medium or low")
    reason: str
    field: str = Field(description="text (the draft) or image (the image description)")


class RiskOut(Schema):
    """Another risk: a span of the draft, or the whole post (`start` and `end` null)."""

    start: int | None
    end: int | None
    kind: str = Field(
        description="medical_advice, testimonial_without_consent, cure_claim, drug_promotion, "
        "public_reply"
    )
    label: str
    severity: str
    reason: str
    advice: str = Field(description="What to do about it.")
    field: str


class CountsOut(Schema):
    identifiers: int
    risks: int
    high: int = Field(description="Identifiers and risks of high severity.")


class CheckOut(Schema):
    summary: str
    counts: CountsOut
    findings: list[FindingOut]
    risks: list[RiskOut]
    limit: int = Field(description="The longest draft this caller may check.")


REASONS = {
    401: "A bearer token was given but is not a valid personal API token.",
    413: (
        f"The draft is longer than the caller may check ({SHORT_LIMIT:,} characters for a "
        f"visitor, {FULL_LIMIT:,} for a member), or the image description is longer than "
        f"{IMAGE_LIMIT:,}: `detail` says which."
    ),
    422: (
        "Invalid input: an empty draft, a character that is not text (a lone surrogate such "
        "as `\\ud800`), or `errors` lists each problem with the body."
    ),
    429: (
        f"Too many checks: {DEFAULT_PERSON_RATE} per person and {DEFAULT_ADDRESS_RATE} per "
        "client address unless configured otherwise; `Retry-After` says when to try again."
    ),
}


@router.post(
    "/",
    **documented(CheckOut, 401, 403, 413, 422, 429, reasons=REASONS),
    summary="Check a draft post for patient identifiers and other risks (nothing is stored)",
)
def check_post(request, payload: CheckIn, response: HttpResponse):
    add_never_cache_headers(response)
    return _checked(payload, check_limit(request.user))


@sensitive_variables()
def _checked(payload: CheckIn, limit: int) -> dict:
    """The answer for one draft, or a DomainError saying why it is refused."""
    text, image_description = payload.text, payload.image_description
    if not text.strip():
        raise Unprocessable("The draft is empty: send its text.", field="text", code="empty")
    if len(text) > limit:
        who = "" if limit == FULL_LIMIT else " Members of the center check longer drafts."
        raise TooLong(
            f"The draft has {len(text):,} characters; you may check up to {limit:,}.{who}",
            field="text",
            code="too_long",
        )
    if len(image_description) > IMAGE_LIMIT:
        raise TooLong(
            f"The image description has {len(image_description):,} characters; it can be up "
            f"to {IMAGE_LIMIT:,}.",
            field="image_description",
            code="too_long",
        )
    try:
        result = run_check(text, image_description)
    except DomainError as error:  # a draft the detector cannot read (privacy.detect)
        if error.field == "image":  # the detector's name for the image description
            error.field = "image_description"
        raise
    return {
        "summary": result.summary,
        "counts": {
            "identifiers": result.identifier_count,
            "risks": result.risk_count,
            "high": result.high_count,
        },
        "findings": result.findings,
        "risks": result.risks,
        "limit": limit,
    }
