"""Library's permission-matrix rows for the back office (merged in matrix_rows.py): writing,
publishing and withdrawing resources, their files and the usage report are for center staff
only (others signed in get a 403, visitors the sign-in page)."""

from __future__ import annotations

from functools import cached_property

from django.urls import reverse

from tests.permission_matrix_kit import (
    STAFF_ONLY,
    STAFF_ONLY_ACTION,
    Case,
    fixed,
    get,
    post,
    post_only,
)

RESOURCE_FORM = {
    "title": "Matrix publishing guide",
    "kind": "guide",
    "summary": "Written in the matrix.",
    "body": "Some text.",
    "access": "public",
}


class Data:
    """The objects this area's cases need (mixed into the matrix's World; names prefixed)."""

    @cached_property
    def publishing_draft(self):
        from tests.library.factories import make_resource  # noqa: PLC0415 - only when needed

        return make_resource(title="Matrix draft", status="draft", slug="matrix-draft")

    @cached_property
    def publishing_published(self):
        from tests.library.factories import make_resource  # noqa: PLC0415

        return make_resource(title="Matrix published", slug="matrix-published")

    @cached_property
    def publishing_files(self):
        """Two files of the draft, in order."""
        from tests.library.factories import attach_pdf  # noqa: PLC0415

        first = attach_pdf(self.publishing_draft, name="first.pdf")
        second = attach_pdf(self.publishing_draft, name="second.pdf")
        first.position, second.position = 1, 2
        first.save(update_fields=["position"])
        second.save(update_fields=["position"])
        return first, second


def _resource(name: str, attribute: str):
    return lambda world: reverse(name, args=[getattr(world, attribute).public_id])


def _file(name: str, index: int):
    return lambda world: reverse(name, args=[world.publishing_files[index].public_id])


def _status(attribute: str, status: str):
    def effect(world) -> bool:
        resource = getattr(world, attribute)
        resource.refresh_from_db()
        return resource.status == status

    return effect


def _created(world) -> bool:
    from socialrx.library.models import Resource  # noqa: PLC0415

    return Resource.objects.filter(title="Matrix publishing guide").exists()


def _edited(world) -> bool:
    world.publishing_draft.refresh_from_db()
    return world.publishing_draft.title == "Matrix publishing guide"


def _upload(world) -> dict:
    from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: PLC0415

    from tests.library.factories import PDF_BYTES  # noqa: PLC0415

    return {"file": SimpleUploadedFile("matrix.pdf", PDF_BYTES, "application/pdf")}


def _uploaded(world) -> bool:
    return world.publishing_draft.files.filter(original_name="matrix.pdf").exists()


def _removed(world) -> bool:
    return not world.publishing_draft.files.filter(original_name="first.pdf").exists()


def _moved(world) -> bool:
    names = list(world.publishing_draft.files.values_list("original_name", flat=True))
    return names == ["second.pdf", "first.pdf"]


def _edit_form(world) -> dict:
    return {**RESOURCE_FORM, "slug": world.publishing_draft.slug}


EDIT = _resource("library:staff_resource_edit", "publishing_draft")

ROWS: dict[str, tuple[Case, ...]] = {
    "library:staff_home": (get(fixed("/staff/library/"), STAFF_ONLY),),
    "library:staff_resource_new": (
        get(fixed("/staff/library/resources/new/"), STAFF_ONLY),
        post(
            fixed("/staff/library/resources/new/"),
            STAFF_ONLY_ACTION,
            data=lambda world: RESOURCE_FORM,
            effect=_created,
        ),
    ),
    "library:staff_resource_edit": (
        get(EDIT, STAFF_ONLY),
        post(EDIT, STAFF_ONLY_ACTION, data=_edit_form, effect=_edited),
    ),
    "library:staff_resource_publish": post_only(
        _resource("library:staff_resource_publish", "publishing_draft"),
        STAFF_ONLY_ACTION,
        effect=_status("publishing_draft", "published"),
    ),
    "library:staff_resource_withdraw": post_only(
        _resource("library:staff_resource_withdraw", "publishing_published"),
        STAFF_ONLY_ACTION,
        effect=_status("publishing_published", "withdrawn"),
    ),
    "library:staff_file_upload": post_only(
        _resource("library:staff_file_upload", "publishing_draft"),
        STAFF_ONLY_ACTION,
        data=_upload,
        effect=_uploaded,
    ),
    "library:staff_file_remove": post_only(
        _file("library:staff_file_remove", 0), STAFF_ONLY_ACTION, effect=_removed
    ),
    "library:staff_file_move": post_only(
        _file("library:staff_file_move", 1),
        STAFF_ONLY_ACTION,
        data=lambda world: {"direction": "up"},
        effect=_moved,
    ),
    "library:staff_usage": (get(fixed("/staff/library/usage/"), STAFF_ONLY),),
}
