"""Library's permission-matrix rows for members' contributions and staff's review (merged in
matrix_rows.py). Organization A is made a member of the center for these cases.

- Contributing (choose, a resource, a case study): people of a member organization (org A's
  admin and member); staff may open the pages (they contribute only for an organization they
  hold a seat in: their POST is refused, 400); everyone else is told why (403).
- Their contributions' list: every signed-in person (it lists what is theirs).
- One contribution (a draft written by org A's member): its author, org A's people and staff
  read it (404 for the others); its author and org A's admin change it, staff may not (403).
- The review queue and a contribution's review: staff only."""

from __future__ import annotations

from functools import cached_property

from django.urls import reverse

from tests.permission_matrix_kit import (
    ADMIN_A,
    ALLOW,
    DONE,
    FORBIDDEN,
    LOGIN,
    MEMBER_A,
    NOT_FOUND,
    STAFF,
    STAFF_ONLY,
    STAFF_ONLY_ACTION,
    Case,
    get,
    only,
    post,
    roles,
    signed_in,
    status,
)


class Data:
    """The objects this area's cases need (mixed into the matrix's World; names prefixed)."""

    @cached_property
    def contrib_membership(self):
        """Organization A holds an active membership (its people may contribute)."""
        from tests.library.factories import make_member  # noqa: PLC0415 - only when a case needs it

        return make_member(self.org_a)

    @cached_property
    def contrib_draft(self):
        """A draft checklist written by org A's member, credited to org A."""
        from tests.library.contributions_support import draft_resource  # noqa: PLC0415

        self.contrib_membership  # noqa: B018 - org A must be a member first
        return draft_resource(self.member_a, self.org_a, title="Matrix draft")

    @cached_property
    def contrib_submitted(self):
        from tests.library.contributions_support import submitted_resource  # noqa: PLC0415

        self.contrib_membership  # noqa: B018
        return submitted_resource(self.member_a, self.org_a, title="Matrix submitted")


def _as_member(name: str):
    """The route's address once org A is a member."""

    def url(world) -> str:
        world.contrib_membership  # noqa: B018
        return reverse(name)

    return url


def _resource_form(world) -> dict:
    return {
        "kind": "guide",
        "title": "Matrix contribution",
        "summary": "A guide for the matrix.",
        "body": "Some text.",
        "topics": ["strategy"],
        "organization": str(world.org_a.public_id),
        "access": "member",
        "save": "1",
    }


def _case_study_form(world) -> dict:
    return {
        "title": "Matrix case study",
        "summary": "A case study for the matrix.",
        "organization": str(world.org_a.public_id),
        "platforms": ["facebook"],
        "topics": ["strategy"],
        "goal": "Reach parents.",
        "approach": "Stories.",
        "results": "More followers.",
        "lessons": "Consent first.",
        "access": "member",
        "figures-TOTAL_FORMS": "1",
        "figures-INITIAL_FORMS": "0",
        "figures-MIN_NUM_FORMS": "0",
        "figures-MAX_NUM_FORMS": "8",
        "figures-0-measure": "Followers",
        "figures-0-after": "540",
        "save": "1",
    }


def _made(title: str):
    def effect(world) -> bool:
        from socialrx.library.models import Resource  # noqa: PLC0415

        return Resource.objects.filter(title=title).exists()

    return effect


def _draft_url(world) -> str:
    return reverse("library:contribution", args=[world.contrib_draft.public_id])


def _draft_edit(world) -> dict:
    return _resource_form(world) | {"title": "Matrix draft, edited"}


def _draft_edited(world) -> bool:
    world.contrib_draft.refresh_from_db()
    return world.contrib_draft.title == "Matrix draft, edited"


def _review_url(world) -> str:
    return reverse("library:staff_review", args=[world.contrib_submitted.public_id])


def _sent_back(world) -> bool:
    world.contrib_submitted.refresh_from_db()
    return world.contrib_submitted.status == "changes_requested"


CONTRIBUTORS = roles(FORBIDDEN, visitor=LOGIN, member_a=ALLOW, admin_a=ALLOW, staff=ALLOW)
# Staff hold no seat in org A: the organization is not theirs to credit (400, nothing written).
CONTRIBUTE_ACTION = roles(FORBIDDEN, visitor=LOGIN, member_a=DONE, admin_a=DONE, staff=status(400))
READERS = only(MEMBER_A, ADMIN_A, STAFF, grant=ALLOW, deny=NOT_FOUND)
EDIT_ACTION = roles(NOT_FOUND, visitor=LOGIN, member_a=DONE, admin_a=DONE, staff=FORBIDDEN)

ROWS: dict[str, tuple[Case, ...]] = {
    "library:contribute": (get(_as_member("library:contribute"), CONTRIBUTORS),),
    "library:contribute_resource": (
        get(_as_member("library:contribute_resource"), CONTRIBUTORS),
        post(
            _as_member("library:contribute_resource"),
            CONTRIBUTE_ACTION,
            data=_resource_form,
            effect=_made("Matrix contribution"),
        ),
    ),
    "library:contribute_case_study": (
        get(_as_member("library:contribute_case_study"), CONTRIBUTORS),
        post(
            _as_member("library:contribute_case_study"),
            CONTRIBUTE_ACTION,
            data=_case_study_form,
            effect=_made("Matrix case study"),
        ),
    ),
    "library:my_contributions": (
        get(lambda world: reverse("library:my_contributions"), signed_in(ALLOW)),
    ),
    "library:contribution": (
        get(_draft_url, READERS),
        post(_draft_url, EDIT_ACTION, label="POST save", data=_draft_edit, effect=_draft_edited),
    ),
    "library:staff_reviews": (get(lambda world: reverse("library:staff_reviews"), STAFF_ONLY),),
    "library:staff_review": (
        get(_review_url, STAFF_ONLY),
        post(
            _review_url,
            STAFF_ONLY_ACTION,
            label="POST request changes",
            data=lambda world: {"decision": "changes_requested", "note": "Shorter, please."},
            effect=_sent_back,
        ),
    ),
}
