"""One limit/offset pagination for every API list, with its bounds in the OpenAPI document.

Each list once declared its own copy of these bounds; django-ninja files a pagination's input
under one name (`Input`) in the document, so the copies also shared one entry there."""

from django.conf import settings
from ninja import Field
from ninja.pagination import LimitOffsetPagination

# Far beyond any list the platform keeps, and well within the 64-bit integers databases take (a
# larger offset failed in the database: a 500).
MAX_OFFSET = 1_000_000_000


class BoundedPagination(LimitOffsetPagination):
    """`limit` from 1 to NINJA_PAGINATION_MAX_LIMIT, `offset` from 0 to MAX_OFFSET: outside
    them the request is refused with 422, like any bad input."""

    class Input(LimitOffsetPagination.Input):
        limit: int = Field(
            settings.NINJA_PAGINATION_PER_PAGE,
            ge=1,
            le=settings.NINJA_PAGINATION_MAX_LIMIT,
            description=(
                f"Results per page: 1 to {settings.NINJA_PAGINATION_MAX_LIMIT} "
                f"(default {settings.NINJA_PAGINATION_PER_PAGE})."
            ),
        )
        offset: int = Field(
            0, ge=0, le=MAX_OFFSET, description=f"Results to skip: 0 to {MAX_OFFSET:,}."
        )
