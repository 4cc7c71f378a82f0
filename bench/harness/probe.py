"""Run by bench/run.py in a Django process of its own, with the server's settings and database
(the page cache off, so that each page is drawn by its view):

    python bench/harness/probe.py          # prints one JSON document

For every page the apps declare (socialrx.core.benchmarks) it finds the URL in the data,
checks the page renders, and counts the queries of one rendering, anonymous and as a signed-in
member, once the data's own caches are warm (the second rendering). It also signs the member
in, for the pages measured as them: the session cookie is in the output."""

from __future__ import annotations

import json
import os
import sys

RENDERED = {200}


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "socialrx.settings")
    os.environ["PAGE_CACHE_SECONDS"] = "0"
    import django

    django.setup()


def find_member():
    """An administrator of an organization with an active membership, without a center role
    (a center role would be sent to set up two-factor authentication first)."""
    from socialrx.membership.models import MembershipStatus
    from socialrx.organizations.models import OrgRole, Seat

    seat = (
        Seat.objects.filter(
            role=OrgRole.ADMIN,
            organization__membership__status=MembershipStatus.ACTIVE,
            user__is_active=True,
            user__is_staff=False,
            user__is_coach=False,
            user__is_researcher=False,
        )
        .select_related("user")
        .order_by("pk")
        .first()
    )
    return seat.user if seat else None


def count_queries(client_for, url: str) -> tuple[int, int]:
    """(status, queries) of the second rendering: the first warms the data's caches."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client_for().get(url, secure=True)
    with CaptureQueriesContext(connection) as captured:
        response = client_for().get(url, secure=True)
    return response.status_code, len(captured)


def main() -> None:
    setup_django()
    from django.conf import settings
    from django.test import Client

    from socialrx.core.benchmarks import ANONYMOUS, MEMBER, declared_pages

    member = find_member()
    member_client = Client()
    if member is not None:
        member_client.force_login(member)
    clients = {ANONYMOUS: Client, MEMBER: (lambda: member_client) if member else None}
    pages = []
    for app, page in declared_pages():
        url = page.url()
        entry = {
            "app": app,
            "name": page.name,
            "url": url,
            "visitor": page.visitor,
            "public": page.public,
            "status": {},
            "queries": {},
        }
        if url is not None:
            for visitor, client_for in clients.items():
                # A page for members only sends anonymous visitors to sign in: nothing to count.
                if client_for is None or (visitor == ANONYMOUS and not page.public):
                    continue
                status, queries = count_queries(client_for, url)
                entry["status"][visitor] = status
                entry["queries"][visitor] = queries
        entry["renders"] = url is not None and entry["status"].get(page.visitor) in RENDERED
        pages.append(entry)
    cookie = member_client.cookies.get(settings.SESSION_COOKIE_NAME)
    json.dump(
        {
            "pages": pages,
            "member": member.email if member else None,
            "member_cookie": f"{cookie.key}={cookie.value}" if cookie else "",
        },
        sys.stdout,
    )


if __name__ == "__main__":
    main()
