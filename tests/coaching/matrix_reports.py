"""Coaching's permission-matrix rows for the reports area (merged in matrix_rows.py): the
staff's coach utilisation report (page, CSV, a bad `weeks`), and `API_ROWS`, the coaching API's
operations under /api/v1/coaching.

The world's `coach` coaches org A's engagement; member A booked its session, three days ahead.
The matrix posts form data and the API's POST operations read JSON: every signed-in role is
answered 400 ("Cannot parse request body") before any permission check, so those rows check
authentication only; who may book, move and cancel (403 and 404 by role, with JSON) is in
tests/coaching/test_coaching_api_booking.py."""

from __future__ import annotations

from datetime import timedelta
from functools import cached_property

from django.urls import reverse
from django.utils import timezone

from socialrx.coaching.models import CoachingSession, CoachProfile, Engagement
from tests.permission_matrix_kit import (
    ADMIN_A,
    COACH,
    FORBIDDEN,
    LOGIN,
    MEMBER_A,
    NOT_FOUND,
    SIGNED_IN_API,
    STAFF,
    STAFF_ONLY,
    UNAUTHORIZED,
    Case,
    api_cases,
    fixed,
    get,
    only,
    post,
    roles,
    signed_in,
    status,
)

API = "/api/v1/coaching"
ENGAGEMENT_PEOPLE_API = only(MEMBER_A, ADMIN_A, COACH, STAFF, grant=status(200), deny=NOT_FOUND) | {
    "visitor": UNAUTHORIZED
}
FORM_DATA_REFUSED = signed_in(status(400), visitor=UNAUTHORIZED)


class Data:
    """The objects this area's cases need (mixed into the matrix's World; names prefixed)."""

    @cached_property
    def reports_engagement(self) -> Engagement:
        from tests.coaching.factories import make_engagement  # noqa: PLC0415

        coach = self._fixture("coach")
        CoachProfile.objects.get_or_create(
            user=coach, defaults={"slug": "matrix-reports-coach", "time_zone": "America/Chicago"}
        )
        return make_engagement(self.org_a, [coach], title="Matrix reports engagement")

    @cached_property
    def reports_session(self) -> CoachingSession:
        from tests.coaching.factories import make_session  # noqa: PLC0415

        starts_at = (timezone.now() + timedelta(days=3)).replace(minute=0, second=0, microsecond=0)
        return make_session(
            self.reports_engagement,
            coach=self._fixture("coach"),
            booked_by=self.member_a,
            starts_at=starts_at,
        )


URL = reverse("coaching:staff_utilisation")


def _engagement_api(suffix: str):
    return lambda world: f"{API}/engagements/{world.reports_engagement.public_id}{suffix}"


def _session_api(suffix: str):
    return lambda world: f"{API}/sessions/{world.reports_session.public_id}{suffix}"


def _form_posts(url, data) -> tuple[Case, ...]:
    return (
        post(url, FORM_DATA_REFUSED, label="session, form data", data=data),
        post(url, FORM_DATA_REFUSED, label="bearer token, form data", data=data, bearer=True),
    )


ROWS: dict[str, tuple[Case, ...]] = {
    "coaching:staff_utilisation": (
        get(fixed(URL), STAFF_ONLY),
        get(fixed(f"{URL}?format=csv"), STAFF_ONLY, label="GET the CSV"),
        get(
            fixed(f"{URL}?weeks=0"),
            roles(FORBIDDEN, visitor=LOGIN, staff=status(400)),
            label="GET, weeks out of range",
        ),
    ),
}

API_ROWS: dict[str, tuple[Case, ...]] = {
    f"GET {API}/me/sessions": api_cases(fixed(f"{API}/me/sessions"), SIGNED_IN_API),
    f"GET {API}/engagements/<engagement_id>/slots": api_cases(
        _engagement_api("/slots"), ENGAGEMENT_PEOPLE_API
    ),
    f"POST {API}/engagements/<engagement_id>/bookings": _form_posts(
        _engagement_api("/bookings"), lambda world: {"agenda": "Matrix agenda"}
    ),
    f"POST {API}/sessions/<session_id>/reschedule": _form_posts(
        _session_api("/reschedule"), lambda world: {"minutes": "30"}
    ),
    f"POST {API}/sessions/<session_id>/cancel": _form_posts(
        _session_api("/cancel"), lambda world: {"reason": "Matrix reason"}
    ),
}
