"""Library's permission-matrix rows for the files area (merged in matrix_rows.py): a
resource's file and a template's versions are for the people who may read the resource
(organization A is a member here, organization B is not); everyone else, visitors included,
gets a 404 whatever the address."""

from __future__ import annotations

from functools import cached_property

from django.urls import reverse

from tests.permission_matrix_kit import (
    ADMIN_A,
    ALLOW,
    MEMBER_A,
    NOT_FOUND,
    PUBLIC,
    STAFF,
    Case,
    get,
    roles,
)

READERS_OF_MEMBER_CONTENT = roles(NOT_FOUND, **dict.fromkeys((MEMBER_A, ADMIN_A, STAFF), ALLOW))
STAFF_ONLY_OBJECT = roles(NOT_FOUND, staff=ALLOW)


class Data:
    """The objects this area's cases need (mixed into the matrix's World; names prefixed)."""

    @cached_property
    def files_member_org_a(self):
        """Organization A holds a membership (once, whichever area asks first)."""
        from socialrx.membership.models import Membership  # noqa: PLC0415 - only when needed
        from tests.library.factories import make_member  # noqa: PLC0415

        if not Membership.objects.filter(organization=self.org_a).exists():
            make_member(self.org_a)
        return self.org_a

    def _files_resource(self, **fields):
        from tests.library.factories import attach_pdf, make_resource  # noqa: PLC0415

        resource = make_resource(**fields)
        return resource, attach_pdf(resource, name="Matrix policy.pdf")

    @cached_property
    def files_member_file(self):
        self.files_member_org_a  # noqa: B018 - member_a and admin_a read member content
        return self._files_resource(access="member")[1]

    @cached_property
    def files_public_file(self):
        return self._files_resource(access="public")[1]

    @cached_property
    def files_draft_file(self):
        return self._files_resource(access="public", status="draft")[1]

    @cached_property
    def files_member_template(self):
        """A member-only policy template with versions 1 and 2."""
        from socialrx.library.models import ResourceVersion  # noqa: PLC0415
        from tests.library.factories import make_resource  # noqa: PLC0415

        self.files_member_org_a  # noqa: B018
        template = make_resource(
            kind="policy_template", access="member", slug="matrix-template", current_version=2
        )
        for number, body in ((1, "Staff may post."), (2, "Communications approves posts.")):
            ResourceVersion.objects.create(
                resource=template, number=number, title=template.title, body=body
            )
        return template


def _file(attribute: str):
    def url(world) -> str:
        attached = getattr(world, attribute)
        return reverse("library:file", args=[attached.public_id, "Matrix policy.pdf"])

    return url


def _versions(world) -> str:
    return reverse("library:versions", args=[world.files_member_template.slug])


def _compare(world) -> str:
    return reverse("library:version_compare", args=[world.files_member_template.slug]) + (
        "?from=1&to=2"
    )


ROWS: dict[str, tuple[Case, ...]] = {
    "library:file": (
        get(_file("files_member_file"), READERS_OF_MEMBER_CONTENT, label="GET a member file"),
        get(_file("files_public_file"), PUBLIC, label="GET a public file"),
        get(_file("files_draft_file"), STAFF_ONLY_OBJECT, label="GET a draft's file"),
    ),
    "library:versions": (get(_versions, READERS_OF_MEMBER_CONTENT),),
    "library:version_compare": (get(_compare, READERS_OF_MEMBER_CONTENT),),
}
