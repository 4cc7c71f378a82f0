"""Staff's monthly digest page: the digests sent with their counts, a preview of the next one
as members will read it, and "send now" for the month just ended, refused once it was sent."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
import time_machine
from django.core import mail as django_mail

from socialrx.library.models import DigestIssue
from tests.library.digest_support import DUE, digest_world  # noqa: F401 - a fixture
from tests.library.factories import make_resource, member_org

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.integration,
    pytest.mark.usefixtures("digest_world"),
]

PAGE = "/staff/library/digest/"


@pytest.fixture
def world(client, staff):
    with time_machine.travel(DUE, tick=False):
        member_org("Riverside Health")  # an admin and a member: two readers
        guide = make_resource(title="Answering reviews", slug="answering-reviews")
        guide.published_on = date(2026, 11, 10)
        guide.save(update_fields=["published_on"])
        client.force_login(staff)
        yield client


def _send(client, month, capture):
    with capture(execute=True):
        return client.post(PAGE, {"month": month})


def test_the_page_previews_the_month_just_ended_and_offers_to_send_it(world):
    response = world.get(PAGE)

    html = response.content.decode()
    assert response.status_code == 200
    assert "The digest of November 2026, not sent yet" in html
    assert "It will go to 2 people." in html
    assert "Send now for November 2026" in html
    assert "<h3>New in the library</h3>" in html
    assert '<a href="https://socialrx.example.org/library/r/answering-reviews/">' in html
    assert "No digest has been sent yet." in html


def test_send_now_sends_it_once(world, django_capture_on_commit_callbacks):
    response = _send(world, "2026-11", django_capture_on_commit_callbacks)

    assert response.status_code == 302
    assert len(django_mail.outbox) == 2
    issue = DigestIssue.objects.get()
    assert (issue.month, issue.recipient_count) == (date(2026, 11, 1), 2)

    again = _send(world, "2026-11", django_capture_on_commit_callbacks)

    assert again.status_code == 409
    assert "was already sent, on December 1, 2026, to 2 people" in again.content.decode()
    assert len(django_mail.outbox) == 2
    page = world.get(PAGE).content.decode()
    assert "Next: the digest of December 2026 (so far)" in page
    assert "Send now for" not in page
    assert "New in the library: 1" in page


@pytest.mark.parametrize(
    ("month", "status", "says"),
    [
        ("2026-12", 400, "can be sent once the month is over."),
        ("9999-12", 400, "can be sent once the month is over."),
        ("0001-01", 400, "is too old to send: only that of November 2026, the month just ended"),
        ("2026-09", 400, "is too old to send: only that of November 2026, the month just ended"),
        ("November", 400, "Choose the month to send, as YYYY-MM."),
        ("", 400, "Choose the month to send, as YYYY-MM."),
    ],
)
def test_a_month_that_cannot_be_sent_is_refused(
    world, django_capture_on_commit_callbacks, month, status, says
):
    response = _send(world, month, django_capture_on_commit_callbacks)

    assert response.status_code == status
    assert says in response.content.decode()
    assert django_mail.outbox == []
    assert not DigestIssue.objects.exists()


@pytest.mark.parametrize("count", [1, 4])
def test_the_page_queries_do_not_grow(world, django_assert_num_queries, count):
    for number in range(count):
        DigestIssue.objects.create(
            month=date(2025, number + 1, 1),
            sent_at=datetime(2025, number + 2, 1, 15, tzinfo=UTC),
            recipient_count=10,
            summary={"New in the library": 3},
        )

    with django_assert_num_queries(9):
        assert world.get(PAGE).status_code == 200
