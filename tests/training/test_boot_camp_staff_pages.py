"""The staff pages: the list (constant queries), the form (capacity refused clearly), the days
editor (center clock, double booking), publish, cancel, the roster (constant queries, CSV),
attendance on a phone and completion."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from socialrx.training.models import Attendance, BootCamp, Certificate
from socialrx.training.services.boot_camp_registration import book, cancel_registration
from tests.factories import CoachFactory, UserFactory, give_mfa
from tests.training.boot_camp_support import check_out, pay_by_check
from tests.training.factories import make_boot_camp

pytestmark = pytest.mark.integration
CHICAGO = ZoneInfo("America/Chicago")


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


def _form(**changes) -> dict:
    data = {
        "title": "Crisis communication boot camp",
        "slug": "crisis-communication",
        "summary": "Two days of drills.",
        "description": "Bring a laptop.",
        "level": "intermediate",
        "location": "SocialRx Center, Springfield",
        "capacity": "12",
        "price": "1,500.00",
        "registration_deadline": "2031-05-01T17:00",
        "cancellation_deadline": "2031-04-20T17:00",
        "ce_hours": "12.0",
    }
    return {**data, **changes}


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


def test_the_list_takes_the_same_queries_for_one_or_three_camps(staff_client, user):
    url = reverse("training:staff_boot_camps")
    first = make_boot_camp(title="Camp one", capacity=4)
    book(user, first, [user])
    one = _queries(staff_client, url)
    make_boot_camp(title="Camp two")
    make_boot_camp(title="Camp three", status="draft")
    assert _queries(staff_client, url) == one
    html = staff_client.get(url).content.decode()
    assert "1 / 4" in html and "Publish Camp three" in html


def test_creating_a_boot_camp_in_the_center_zone(staff_client):
    response = staff_client.post(reverse("training:staff_boot_camp_new"), _form())
    assert response.status_code == 302
    camp = BootCamp.objects.get()
    assert (camp.price_cents, camp.capacity, camp.status) == (150_000, 12, "draft")
    assert camp.registration_deadline == datetime(2031, 5, 1, 17, 0, tzinfo=CHICAGO)


@pytest.mark.parametrize("capacity", ["0", "-5"])
def test_zero_or_negative_capacity_is_refused_beside_the_field(staff_client, capacity):
    response = staff_client.post(reverse("training:staff_boot_camp_new"), _form(capacity=capacity))
    assert response.status_code == 400
    assert "Capacity must be at least 1 seat." in response.content.decode()
    assert BootCamp.objects.count() == 0


def test_bad_numbers_are_refused_without_a_500(staff_client):
    response = staff_client.post(
        reverse("training:staff_boot_camp_new"),
        _form(price="-20", capacity="lots", ce_hours="-1", registration_deadline="soon"),
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "no negative amounts" in html and "Enter a whole number." in html
    assert "Enter zero or more hours." in html and "Enter a valid date/time." in html


def test_lowering_capacity_below_seats_taken_is_refused(staff_client):
    camp = make_boot_camp(capacity=5)
    for _ in range(3):
        person = UserFactory()
        book(person, camp, [person])
    deadline = timezone.localtime(camp.registration_deadline, CHICAGO)
    cancel = timezone.localtime(camp.cancellation_deadline, CHICAGO)
    response = staff_client.post(
        reverse("training:staff_boot_camp_edit", args=[camp.slug]),
        _form(
            slug=camp.slug,
            capacity="2",
            registration_deadline=f"{deadline:%Y-%m-%dT%H:%M}",
            cancellation_deadline=f"{cancel:%Y-%m-%dT%H:%M}",
        ),
    )
    assert response.status_code == 400
    assert "3 seats are taken: the capacity cannot be lower than 3." in response.content.decode()
    camp.refresh_from_db()
    assert camp.capacity == 5


def _day_post(day: date, starts: str, ends: str, **extra) -> dict:
    return {
        "days-TOTAL_FORMS": "1",
        "days-INITIAL_FORMS": "0",
        "days-0-day": day.isoformat(),
        "days-0-starts": starts,
        "days-0-ends": ends,
        "days-0-room": "Room 210",
        "days-0-agenda": "",
        **extra,
    }


def test_the_days_editor_books_trainers_and_names_a_clash(staff_client, staff):
    coach = CoachFactory(full_name="Casey Coach")
    day = (timezone.now() + timedelta(days=30)).astimezone(CHICAGO).date()
    busy = make_boot_camp(title="Busy camp", days=0, trainers=[coach])
    url_busy = reverse("training:staff_boot_camp_days", args=[busy.slug])
    assert staff_client.post(url_busy, _day_post(day, "09:00", "12:00")).status_code == 302
    assert busy.days.get().starts_at == datetime.combine(day, time(9), tzinfo=CHICAGO)

    camp = make_boot_camp(title="Second camp", days=0, trainers=[coach])
    url = reverse("training:staff_boot_camp_days", args=[camp.slug])
    page = staff_client.get(url)
    assert page.status_code == 200 and "America/Chicago" in page.content.decode()
    response = staff_client.post(url, _day_post(day, "11:00", "15:00"))

    assert response.status_code == 400
    assert "Casey Coach is already booked at that time: Boot camp: Busy camp" in (
        response.content.decode()
    )
    assert camp.days.count() == 0
    backwards = staff_client.post(url, _day_post(day + timedelta(days=1), "15:00", "09:00"))
    assert backwards.status_code == 400
    assert "the day must end after it starts" in backwards.content.decode()


def test_publish_and_cancel(staff_client, user, mailoutbox, django_capture_on_commit_callbacks):
    camp = make_boot_camp(status="draft")
    response = staff_client.post(reverse("training:staff_boot_camp_publish", args=[camp.slug]))
    assert response.status_code == 302
    camp.refresh_from_db()
    assert camp.status == "published"
    book(user, camp, [user])

    cancel_url = reverse("training:staff_boot_camp_cancel", args=[camp.slug])
    assert "1 seat is taken" in staff_client.get(cancel_url).content.decode()
    assert staff_client.post(cancel_url, {"reason": ""}).status_code == 400
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(cancel_url, {"reason": "Not enough registrations."})
    assert response.status_code == 302
    camp.refresh_from_db()
    assert camp.status == "cancelled"
    assert [m.subject for m in mailoutbox] == [f"Cancelled: {camp.title}"]


def _cohort(size: int, staff):
    camp = make_boot_camp(title=f"Cohort of {size}", capacity=10)
    for _ in range(size):
        person = UserFactory()
        pay_by_check(staff, check_out(person, book(person, camp, [person])))
    waiting = UserFactory()
    return camp, waiting


def test_the_roster_takes_the_same_queries_for_one_or_three_attendees(
    staff_client, staff, django_assert_num_queries
):
    small, _ = _cohort(1, staff)
    large, _ = _cohort(3, staff)
    small_url = reverse("training:staff_roster", args=[small.slug])
    large_url = reverse("training:staff_roster", args=[large.slug])
    count = _queries(staff_client, small_url)
    with django_assert_num_queries(count):
        response = staff_client.get(large_url)
    html = response.content.decode()
    assert html.count("Cancel and refund") == 3 and "Paid" in html
    assert count == 14  # pinned: a new query per row would change it

    csv = staff_client.get(large_url, {"format": "csv"})
    assert csv["Content-Type"] == "text/csv; charset=utf-8"
    lines = csv.content.decode().strip().splitlines()
    assert lines[0] == "Name,Email,Organization,Status,Payment,Days present"
    assert len(lines) == 4 and lines[1].endswith(",Registered,Paid,0")


def test_trainers_keep_their_own_roster_only(client, staff):
    camp, _ = _cohort(1, staff)
    trainer, other = CoachFactory(), CoachFactory()
    give_mfa(trainer)
    give_mfa(other)
    camp.trainers.add(trainer)
    url = reverse("training:staff_roster", args=[camp.slug])
    client.force_login(trainer)
    assert client.get(url).status_code == 200
    assert client.get(reverse("training:staff_boot_camps")).status_code == 403
    client.force_login(other)
    assert client.get(url).status_code == 403


def test_attendance_on_a_phone_and_completion(staff_client, staff):
    camp, _ = _cohort(2, staff)
    day1, day2 = camp.days.order_by("starts_at")
    registrations = list(camp.registrations.order_by("pk"))
    url = reverse("training:staff_attendance", args=[camp.slug, day1.pk])
    with time_machine.travel(day1.starts_at + timedelta(hours=1)):
        staff_client.force_login(staff)  # a month later: a new session
        page = staff_client.get(url)
        assert page.status_code == 200
        assert page.content.decode().count('type="checkbox"') == 2
        response = staff_client.post(url, {f"present_{registrations[0].pk}": "on"})
        assert response.status_code == 302
    assert list(
        Attendance.objects.filter(day=day1)
        .values_list("present", flat=True)
        .order_by("registration_id")
    ) == [True, False]
    bad_day = reverse("training:staff_attendance", args=[camp.slug, 999999])
    assert staff_client.get(bad_day).status_code == 404
    complete = reverse("training:staff_boot_camp_complete", args=[camp.slug])
    with time_machine.travel(day2.ends_at + timedelta(hours=1)):
        staff_client.force_login(staff)
        response = staff_client.post(complete, follow=True)
    assert "1 certificate(s) of attendance issued" in response.content.decode()
    assert Certificate.objects.get().person == registrations[0].person


def test_the_roster_shows_a_refund_due_with_its_invoice(staff_client, staff, user):
    camp = make_boot_camp()
    booking = book(user, camp, [user])
    invoice = check_out(user, booking)
    pay_by_check(staff, invoice)

    cancel_registration(user, booking.registrations.get())

    html = staff_client.get(reverse("training:staff_roster", args=[camp.slug])).content.decode()
    assert "Refund due: $1,200.00" in html
    assert reverse("billing:staff_invoice", args=[invoice.public_id]) in html
    listing = staff_client.get(reverse("training:staff_boot_camps")).content.decode()
    assert "1 refund due" in listing
