"""The monthly digest: on the 1st at 09:00 (center time) the month just ended goes to every
active person of a member organization, one email each, except those who left the list; its
sections come from the apps (core.related) plus the month's news, with absolute links; every
email has the one-click unsubscribe headers. It is sent once: a second run sends nothing. Its
queries do not grow with the number of readers."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
import time_machine
from django.core import mail as django_mail
from django.utils.module_loading import import_string

from socialrx.beat import CELERY_BEAT_SCHEDULE
from socialrx.core import mailing
from socialrx.core.errors import Conflict, DomainError
from socialrx.core.models import AuditEvent
from socialrx.library.models import DigestIssue
from socialrx.library.related import PROVIDER as LIBRARY
from socialrx.library.selectors.digest import due_month
from socialrx.library.services.digest import send_digest
from socialrx.library.tasks import send_monthly_digest
from socialrx.membership.models import MembershipStatus
from tests.factories import SeatFactory, StaffFactory, UserFactory
from tests.library.digest_support import DUE, digest_world  # noqa: F401 - a fixture
from tests.library.factories import make_resource, member_org
from tests.library.news_support import make_post

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.integration,
    pytest.mark.usefixtures("digest_world"),
]

NOVEMBER = date(2026, 11, 1)


@pytest.fixture
def clock():
    with time_machine.travel(DUE, tick=False) as traveller:
        yield traveller


@pytest.fixture
def run(django_capture_on_commit_callbacks):
    def send(**kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return send_monthly_digest() if not kwargs else send_digest(**kwargs)

    return send


def _published(title: str, day: date, **fields):
    resource = make_resource(title=title, **fields)
    resource.published_on = day
    resource.save(update_fields=["published_on"])
    return resource


@pytest.fixture
def november(clock):
    """What November 2026 added (and what falls just outside it)."""
    guide = _published("Answering reviews", date(2026, 11, 10), slug="answering-reviews")
    _published("October guide", date(2026, 10, 31))
    _published("December guide", date(2026, 12, 1))
    make_post(
        title="Spring boot camp dates",
        published_at=datetime(2026, 11, 20, 15, tzinfo=UTC),
    )
    make_post(title="October news", published_at=datetime(2026, 11, 1, 4, 59, tzinfo=UTC))
    make_post(title="A draft", published_days_ago=None)
    return guide


@pytest.fixture
def readers(clock):
    """Two members of Riverside, one of Lakeside who left the list, and people who get none."""
    riverside, admin, member = member_org("Riverside Health")
    lakeside, lakeside_admin, _ = member_org("Lakeside Health")
    lakeside.seats.exclude(user=lakeside_admin).delete()
    mailing.opt_out(lakeside_admin, "library.digest")
    SeatFactory(organization=lakeside, user=admin)  # in two member organizations: one email
    gone = SeatFactory(organization=riverside).user
    gone.is_active = False
    gone.save(update_fields=["is_active"])
    lapsed, *_ = member_org("Lapsed Clinic")
    lapsed.membership.status = MembershipStatus.LAPSED
    lapsed.membership.save(update_fields=["status"])
    StaffFactory()
    UserFactory()
    return admin, member


def test_the_digest_goes_to_each_member_once_with_the_months_sections(run, november, readers):
    admin, member = readers

    assert run() == 2

    assert sorted(message.to[0] for message in django_mail.outbox) == sorted(
        [admin.email, member.email]
    )
    message = django_mail.outbox[0]
    assert message.subject == "SocialRx digest: what was new in November 2026"
    text, (html, _) = message.body, message.alternatives[0]
    assert text.index("NEW IN THE LIBRARY") < text.index("COMING UP: EVENTS")
    assert text.index("COMING UP: EVENTS") < text.index("NEWS FROM THE CENTER")
    assert "https://socialrx.example.org/library/r/answering-reviews/" in text
    assert "https://socialrx.example.org/events/winter-webinar/" in text
    assert "https://socialrx.example.org/news/" in text and "Spring boot camp dates" in text
    for absent in ("October guide", "December guide", "October news", "A draft"):
        assert absent not in text and absent not in html
    assert "<h2>New in the library</h2>" in html
    assert '<a href="https://socialrx.example.org/library/r/answering-reviews/">' in html


def test_every_email_carries_the_one_click_unsubscribe_headers(run, november, readers):
    run()

    for message in django_mail.outbox:
        link = message.extra_headers["List-Unsubscribe"]
        assert link.startswith("<https://socialrx.example.org/email/unsubscribe/")
        assert link.endswith("/>")
        assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        token = link.removeprefix("<https://socialrx.example.org/email/unsubscribe/")[:-2]
        person, stream = mailing.person_and_stream(token)
        assert (person.email, stream) == (message.to[0], "library.digest")
        assert link[1:-1] in message.body


def test_the_issue_records_what_it_listed_and_is_audited(run, november, readers):
    run()

    issue = DigestIssue.objects.get()
    assert issue.month == NOVEMBER
    assert issue.sent_at == DUE
    assert issue.recipient_count == 2
    assert issue.summary == {
        "New in the library": 1,
        "Coming up: events": 1,
        "News from the center": 1,
    }
    event = AuditEvent.objects.get(action="library.digest_issue.sent")
    assert event.actor is None
    assert event.after["month"] == "2026-11-01" and event.after["recipients"] == 2


def test_a_second_run_sends_nothing(run, november, readers):
    run()
    django_mail.outbox.clear()

    assert run() == 0
    with pytest.raises(Conflict) as refused:
        run(month=NOVEMBER, actor=StaffFactory())

    assert django_mail.outbox == []
    assert DigestIssue.objects.count() == 1
    assert refused.value.message == (
        "The digest of November 2026 was already sent, on December 1, 2026, to 2 people: a "
        "month's digest is sent once."
    )


@pytest.mark.parametrize(
    "moment",
    [
        datetime(2026, 12, 1, 14, 59, tzinfo=UTC),  # 08:59 at the center
        datetime(2026, 12, 8, 15, 0, tzinfo=UTC),  # a week late: staff send it by hand
        datetime(2026, 12, 1, 3, 0, tzinfo=UTC),  # November 30 at the center
    ],
)
def test_the_task_sends_only_when_due(run, november, readers, moment):
    with time_machine.travel(moment, tick=False):
        assert run() == 0

    assert django_mail.outbox == []
    assert not DigestIssue.objects.exists()


def test_a_month_with_nothing_new_is_recorded_and_sends_nothing(run, readers, monkeypatch):
    only_the_library = (("library", LIBRARY),)
    monkeypatch.setattr("socialrx.core.related.providers", lambda: only_the_library)

    assert run() == 0

    issue = DigestIssue.objects.get()
    assert (issue.month, issue.recipient_count, issue.summary) == (NOVEMBER, 0, {})
    assert django_mail.outbox == []


def test_a_month_not_over_is_refused(run, readers, staff):
    with pytest.raises(DomainError) as refused:
        run(month=date(2026, 12, 1), actor=staff)

    assert (
        refused.value.message == "The digest of December 2026 can be sent once the month is over."
    )
    assert not DigestIssue.objects.exists()


@pytest.mark.parametrize(
    ("month", "label"),
    [(date(2026, 9, 1), "September 2026"), (date(1, 1, 1), "January 1")],
)
def test_a_month_before_the_one_before_the_last_is_refused(
    run, november, readers, staff, month, label
):
    with pytest.raises(DomainError) as refused:
        run(month=month, actor=staff)

    assert refused.value.message == (
        f"The digest of {label} is too old to send: only that of November 2026, the month just "
        "ended, can be sent (or that of October 2026 if it never went out)."
    )
    assert not DigestIssue.objects.exists()
    assert django_mail.outbox == []


def test_a_month_far_ahead_is_refused_as_not_over(run, readers, staff):
    with pytest.raises(DomainError) as refused:
        run(month=date(9999, 12, 1), actor=staff)

    assert (
        refused.value.message == "The digest of December 9999 can be sent once the month is over."
    )
    assert not DigestIssue.objects.exists()


def test_the_month_before_the_last_may_still_go_out_when_it_never_did(run, readers, staff):
    _published("October guide", date(2026, 10, 12))

    issue = run(month=date(2026, 10, 1), actor=staff)

    assert (issue.month, issue.recipient_count) == (date(2026, 10, 1), 2)


def test_people_who_are_not_staff_may_not_send_it(run, november, readers):
    from django.core.exceptions import PermissionDenied  # noqa: PLC0415

    with pytest.raises(PermissionDenied):
        run(month=NOVEMBER, actor=readers[0])

    assert not DigestIssue.objects.exists()


@pytest.mark.parametrize("people", [2, 6])
def test_queries_do_not_grow_with_the_readers(november, clock, django_assert_num_queries, people):
    organization, admin, member = member_org("Riverside Health")
    for _ in range(people - 2):
        SeatFactory(organization=organization)

    with django_assert_num_queries(13):
        issue = send_digest(month=NOVEMBER)

    assert issue.recipient_count == people


@pytest.mark.parametrize(
    ("moment", "month"),
    [
        (datetime(2026, 12, 1, 14, 59, tzinfo=UTC), None),  # 08:59 CST
        (datetime(2026, 12, 1, 15, 0, tzinfo=UTC), date(2026, 11, 1)),  # 09:00 CST
        (datetime(2027, 4, 1, 13, 59, tzinfo=UTC), None),  # 08:59 CDT
        (datetime(2027, 4, 1, 14, 0, tzinfo=UTC), date(2027, 3, 1)),  # 09:00 CDT
        (datetime(2027, 1, 7, 23, 0, tzinfo=UTC), date(2026, 12, 1)),  # the 7th: catching up
        (datetime(2027, 1, 8, 15, 0, tzinfo=UTC), None),
    ],
)
def test_the_month_due_follows_the_centers_clock(moment, month):
    assert due_month(moment) == month


def test_beat_runs_the_task_hourly_in_the_first_days_of_each_month():
    entry = CELERY_BEAT_SCHEDULE["library-send-monthly-digest"]

    assert import_string(entry["task"]) is send_monthly_digest
    schedule = entry["schedule"]
    assert schedule.day_of_month == {1, 2, 3, 4, 5, 6, 7}
    assert schedule.hour == set(range(24)) and schedule.minute == {20}
