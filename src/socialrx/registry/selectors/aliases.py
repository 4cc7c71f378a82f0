"""Reads of the staff's aliases page: the aliases, and the listing an alias is for."""

from __future__ import annotations

import re

from django.db.models import QuerySet

from socialrx.core.errors import NotFound

from ..models import EntityAlias
from ..search_text import parse_query
from .entities import entity_by_key

_PAGE = re.compile(r"/registry/([a-z-]+)/([0-9A-Za-z-]{6,36})/?")


def aliases_for_staff(query: str = "") -> QuerySet[EntityAlias]:
    """Every alias with its listing, by listing name; or those whose alias or listing name
    contains `query`."""
    aliases = EntityAlias.objects.select_related("entity", "created_by").order_by(
        "entity__name", "folded", "id"
    )
    query = " ".join(query.split())
    if query:
        aliases = aliases.filter(alias__icontains=query) | aliases.filter(
            entity__name__icontains=query
        )
    return aliases


def listing_for_reference(reference: str):
    """The listing a CCN, an NPI (with or without "CCN"/"NPI") or the address of its registry
    page names; None when it names none."""
    reference = " ".join((reference or "").split())
    page = _PAGE.search(reference)
    try:
        if page:
            return entity_by_key(page[1], page[2])
        parsed = parse_query(reference)
        if parsed.ccn:
            return entity_by_key("hospitals", parsed.ccn)
        if parsed.npi:
            return entity_by_key("physicians", parsed.npi)
    except NotFound:
        return None
    return None
