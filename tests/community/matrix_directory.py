"""Community's permission-matrix rows for the member directory (merged in matrix_rows.py).

The world: organization A is a member organization (so member A and admin A use the
directory), organization B is not (admin B gets the 403 page about membership, as do the coach
and the researcher, who belong to no organization); staff use it. A listed person of another
member organization accepts messages; an unlisted one is "not found" for everyone who may use
the directory. Organization A's directory entry is kept by admin A only (404 for the others)."""

from __future__ import annotations

from functools import cached_property

from django.urls import reverse

from tests.permission_matrix_kit import (
    ADMIN_A,
    ALLOW,
    DONE,
    FORBIDDEN,
    MEMBER_A,
    NOT_FOUND,
    STAFF,
    Case,
    get,
    only,
    post,
    signed_in,
)

USERS = (MEMBER_A, ADMIN_A, STAFF)
# Members and staff; a signed-in person without a membership gets the 403 page.
DIRECTORY_PAGE = signed_in(FORBIDDEN, **dict.fromkeys(USERS, ALLOW))
DIRECTORY_ACTION = signed_in(FORBIDDEN, **dict.fromkeys(USERS, DONE))
UNLISTED = signed_in(FORBIDDEN, **dict.fromkeys(USERS, NOT_FOUND))
ORG_A_ADMIN_PAGE = only(ADMIN_A, grant=ALLOW, deny=NOT_FOUND)
ORG_A_ADMIN_ACTION = only(ADMIN_A, grant=DONE, deny=NOT_FOUND)


class Data:
    """The objects this area's cases need (mixed into the matrix's World; names prefixed)."""

    @cached_property
    def dir_world(self):
        """Organization A made a member organization (once per case)."""
        from socialrx.membership.models import Membership  # noqa: PLC0415 - only when a case needs it
        from tests.community.directory_factories import make_membership  # noqa: PLC0415

        if not Membership.objects.filter(organization=self.org_a).exists():
            make_membership(self.org_a)
        return self.org_a

    @cached_property
    def dir_other_org(self):
        from tests.community.directory_factories import make_org, make_org_entry  # noqa: PLC0415

        organization = make_org("Matrix Directory Clinic")
        make_org_entry(organization)
        return organization

    @cached_property
    def dir_listed(self):
        from tests.community.directory_factories import make_person  # noqa: PLC0415

        return make_person(self.dir_other_org, "Matrix Listed Person")

    @cached_property
    def dir_unlisted(self):
        from tests.community.directory_factories import make_person  # noqa: PLC0415

        return make_person(self.dir_other_org, "Matrix Unlisted Person", listed=False)


def _at(path_of):
    """The URL, after organization A became a member."""

    def url(world) -> str:
        world.dir_world  # noqa: B018 - the membership exists before the request
        return path_of(world)

    return url


def _person(name: str, attribute: str):
    return _at(lambda world: reverse(name, args=[getattr(world, attribute).user.public_id]))


def _message_sent(world) -> bool:
    from socialrx.community.models import DirectoryMessage  # noqa: PLC0415

    return DirectoryMessage.objects.filter(recipient=world.dir_listed.user).exists()


def _entry_saved(world) -> bool:
    from socialrx.community.models import DirectoryProfile  # noqa: PLC0415

    return DirectoryProfile.objects.filter(role_title="Matrix role").exists()


def _organization_entry_saved(world) -> bool:
    from socialrx.community.models import OrganizationEntry  # noqa: PLC0415

    return OrganizationEntry.objects.filter(
        organization=world.org_a, description="Matrix description"
    ).exists()


_organization = _at(
    lambda world: reverse("community:organization", args=[world.dir_other_org.public_id])
)
_organization_entry = _at(
    lambda world: reverse("community:organization_entry", args=[world.org_a.public_id])
)
_directory = _at(lambda world: reverse("community:directory"))
_my_entry = _at(lambda world: reverse("community:my_entry"))

ROWS: dict[str, tuple[Case, ...]] = {
    "community:directory": (
        get(_directory, DIRECTORY_PAGE),
        get(
            _at(lambda world: reverse("community:directory") + "?show=organizations"),
            DIRECTORY_PAGE,
            label="GET organizations",
        ),
    ),
    "community:person": (
        get(_person("community:person", "dir_listed"), DIRECTORY_PAGE),
        get(_person("community:person", "dir_unlisted"), UNLISTED, label="GET an unlisted person"),
    ),
    "community:contact_person": (
        get(_person("community:contact_person", "dir_listed"), DIRECTORY_PAGE),
        post(
            _person("community:contact_person", "dir_listed"),
            DIRECTORY_ACTION,
            data=lambda world: {"subject": "Matrix subject", "message": "Matrix message"},
            effect=_message_sent,
        ),
        get(
            _person("community:contact_person", "dir_unlisted"),
            UNLISTED,
            label="GET an unlisted person",
        ),
    ),
    "community:organization": (get(_organization, DIRECTORY_PAGE),),
    "community:my_entry": (
        get(_my_entry, DIRECTORY_PAGE),
        post(
            _my_entry,
            DIRECTORY_ACTION,
            data=lambda world: {"role_title": "Matrix role", "accepts_messages": "on"},
            effect=_entry_saved,
        ),
    ),
    "community:organization_entry": (
        get(_organization_entry, ORG_A_ADMIN_PAGE),
        post(
            _organization_entry,
            ORG_A_ADMIN_ACTION,
            data=lambda world: {"is_listed": "on", "description": "Matrix description"},
            effect=_organization_entry_saved,
        ),
    ),
}
