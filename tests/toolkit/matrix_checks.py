"""The post safety checker's rows of the permission matrix (merged in matrix_rows.py).
Organization A is made a member of the center for these cases.

- The checker and its live results: anyone (a visitor's draft is short; checking stores
  nothing, so a POST is answered 200 with the results).
- Saving: people of a member organization save to it (org A's admin and member); the others
  hold no seat in a member organization and are told so (400, nothing written).
- Org A's history, one of its saved checks and deleting it: org A's people only (404 for
  everyone else, center staff included: the checks are the organization's alone); the check
  is member A's, so member A and org A's admin delete it.
- The API: anyone (visitors with short drafts). The matrix posts form data, and the operation
  reads JSON: every caller is answered 400 before the check runs, so the row checks
  authentication (an unknown token: 401); tests/toolkit/test_checks_api.py covers the rest."""

from __future__ import annotations

from functools import cached_property

from django.urls import reverse

from tests.permission_matrix_kit import (
    ADMIN_A,
    ALLOW,
    DONE,
    LOGIN,
    MEMBER_A,
    METHOD,
    NOT_FOUND,
    PUBLIC,
    UNAUTHORIZED,
    Case,
    everyone,
    fixed,
    get,
    only,
    post,
    roles,
    signed_in,
    status,
)

API = "/api/v1/toolkit/checks/"
MATRIX_DRAFT = "Matrix draft: welcome home, Maria Lopez!"


class Data:
    """The objects this area's cases need (mixed into the matrix's World; names prefixed)."""

    @cached_property
    def checks_membership(self):
        from tests.toolkit.factories import make_check_member  # noqa: PLC0415 - on demand

        return make_check_member(self.org_a)

    @cached_property
    def checks_saved(self):
        """A check member A saved to org A's history."""
        from tests.toolkit.factories import SavedCheckFactory  # noqa: PLC0415

        self.checks_membership  # noqa: B018 - org A must be a member first
        return SavedCheckFactory(organization=self.org_a, saved_by=self.member_a)


def _named(name: str):
    def url(world) -> str:
        world.checks_membership  # noqa: B018
        return reverse(name)

    return url


def _history(world) -> str:
    world.checks_membership  # noqa: B018
    return reverse("toolkit:check_history", args=[world.org_a.public_id])


def _saved(name: str):
    def url(world) -> str:
        return reverse(name, args=[world.org_a.public_id, world.checks_saved.public_id])

    return url


def _save_form(world) -> dict:
    return {"text": MATRIX_DRAFT, "image_description": "", "organization": world.org_a.public_id}


def _saved_a_check(world) -> bool:
    from socialrx.toolkit.models import SavedCheck  # noqa: PLC0415

    return SavedCheck.objects.filter(draft=MATRIX_DRAFT).exists()


def _deleted(world) -> bool:
    from socialrx.toolkit.models import SavedCheck  # noqa: PLC0415

    return not SavedCheck.objects.filter(pk=world.checks_saved.pk).exists()


ORG_A_PEOPLE = only(MEMBER_A, ADMIN_A, grant=ALLOW, deny=NOT_FOUND)
ORG_A_PEOPLE_ACTION = only(MEMBER_A, ADMIN_A, grant=DONE, deny=NOT_FOUND)
# Only org A's people hold a seat in a member organization: the others' choice is refused.
SAVERS_ACTION = roles(status(400), visitor=LOGIN, member_a=DONE, admin_a=DONE)

ROWS: dict[str, tuple[Case, ...]] = {
    "toolkit:check": (
        get(_named("toolkit:check"), PUBLIC),
        post(
            _named("toolkit:check"),
            PUBLIC,
            label="POST a draft (no JavaScript)",
            data=lambda world: {"text": MATRIX_DRAFT},
        ),
    ),
    "toolkit:check_results": (
        get(_named("toolkit:check_results"), everyone(METHOD)),
        post(
            _named("toolkit:check_results"),
            PUBLIC,
            label="POST a draft",
            data=lambda world: {"text": MATRIX_DRAFT},
        ),
    ),
    "toolkit:check_save": (
        get(_named("toolkit:check_save"), signed_in(METHOD)),
        post(
            _named("toolkit:check_save"),
            SAVERS_ACTION,
            label="POST save to org A",
            data=_save_form,
            effect=_saved_a_check,
        ),
    ),
    "toolkit:check_history": (get(_history, ORG_A_PEOPLE),),
    "toolkit:saved_check": (get(_saved("toolkit:saved_check"), ORG_A_PEOPLE),),
    "toolkit:saved_check_delete": (
        get(_saved("toolkit:saved_check_delete"), signed_in(METHOD)),
        post(
            _saved("toolkit:saved_check_delete"),
            ORG_A_PEOPLE_ACTION,
            label="POST delete member A's check",
            effect=_deleted,
        ),
    ),
}

API_ROWS: dict[str, tuple[Case, ...]] = {
    f"POST {API}": (
        post(fixed(API), everyone(status(400)), label="session, form data"),
        post(
            fixed(API),
            roles(status(400), visitor=UNAUTHORIZED),
            label="bearer token, form data",
            bearer=True,
        ),
    ),
}
