"""The staff's completions report: certificates by month and kind, and each course's rate."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
import time_machine

from socialrx.training.models import Certificate, Enrolment
from socialrx.training.selectors import reports
from tests.factories import UserFactory
from tests.training.factories import make_certificate, make_course

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]

URL = "/staff/training/reports/completions/"
# Noon on June 15, 2025 at the center (Chicago, UTC-5 in summer).
NOW = datetime(2025, 6, 15, 17, 0, tzinfo=UTC)


def issued(kind: str, at: datetime, *, revoked: bool = False) -> Certificate:
    certificate = make_certificate(
        UserFactory(), kind=kind, revoked_reason="Issued in error" if revoked else ""
    )
    Certificate.objects.filter(pk=certificate.pk).update(issued_at=at)
    return certificate


@pytest.fixture
def certificates(db):
    issued("course", datetime(2025, 6, 1, 4, 0, tzinfo=UTC))  # May 31, 11 pm in Chicago
    issued("course", datetime(2025, 6, 10, 15, 0, tzinfo=UTC))
    issued("boot_camp", datetime(2025, 6, 2, 15, 0, tzinfo=UTC))
    issued("onsite", datetime(2024, 7, 1, 6, 0, tzinfo=UTC))  # July 1, 1 am in Chicago
    issued("course", datetime(2024, 7, 1, 4, 0, tzinfo=UTC))  # June 30, 2024 in Chicago: too old
    issued("course", datetime(2025, 6, 5, 15, 0, tzinfo=UTC), revoked=True)  # left out
    issued("boot_camp", datetime(2025, 1, 15, 15, 0, tzinfo=UTC))


def enrol(course, *, completed: bool) -> Enrolment:
    return Enrolment.objects.create(
        course=course,
        person=UserFactory(),
        access="member",
        completed_at=NOW if completed else None,
    )


@pytest.fixture
def courses(db):
    facebook = make_course(title="Starting a hospital Facebook page safely")
    for completed in (True, False, False):
        enrol(facebook, completed=completed)
    x_course = make_course(title="X for physicians")
    for _ in range(2):
        enrol(x_course, completed=True)
    make_course(title="Podcasting for your practice")  # published, nobody enrolled yet
    make_course(title="A draft nobody sees", published=False)
    archived = make_course(title="Blogging basics")
    archived.status = "archived"
    archived.save()
    for completed in (True, True, False):
        enrol(archived, completed=completed)


def zero(year: int, month: int) -> tuple:
    return (date(year, month, 1), 0, 0, 0)


@time_machine.travel(NOW, tick=False)
def test_certificates_are_counted_per_month_and_kind_in_the_centers_zone(certificates):
    months = reports.completions_by_month()

    assert [(m.month, m.course, m.boot_camp, m.onsite) for m in months] == [
        (date(2024, 7, 1), 0, 0, 1),
        zero(2024, 8),
        zero(2024, 9),
        zero(2024, 10),
        zero(2024, 11),
        zero(2024, 12),
        (date(2025, 1, 1), 0, 1, 0),
        zero(2025, 2),
        zero(2025, 3),
        zero(2025, 4),
        (date(2025, 5, 1), 1, 0, 0),
        (date(2025, 6, 1), 1, 1, 0),
    ]
    assert [m.total for m in months][-2:] == [1, 2]


@time_machine.travel(NOW, tick=False)
def test_each_course_has_its_enrolments_completions_and_rate(courses):
    rows = reports.course_completions()

    assert [(r.course.title, r.enrolments, r.completions, r.rate_percent) for r in rows] == [
        ("Blogging basics", 3, 2, 67),
        ("Podcasting for your practice", 0, 0, None),
        ("Starting a hospital Facebook page safely", 3, 1, 33),
        ("X for physicians", 2, 2, 100),
    ]


@time_machine.travel(NOW, tick=False)
def test_the_report_page_draws_the_chart_and_its_table(client, staff, certificates, courses):
    client.force_login(staff)

    response = client.get(URL)

    assert response.status_code == 200
    page = response.content.decode()
    assert "July 2024 to June 2025" in page
    assert '<svg class="line-chart"' in page
    assert 'role="img"' in page
    assert "<caption>Certificates issued by month and kind (the chart's data)</caption>" in page
    assert '<th scope="row">June 2025</th>' in page
    assert page.count('class="chart-line"') == 3
    assert 'data-label="Total"><strong>5</strong>' in page
    assert 'data-label="Completion rate">33 %' in page
    assert "A draft nobody sees" not in page
    assert "<script" not in page.split("</header>")[-1]
    assert 'style="' not in page


@time_machine.travel(NOW, tick=False)
def test_without_certificates_the_report_says_so_instead_of_a_chart(client, staff):
    client.force_login(staff)

    page = client.get(URL).content.decode()

    assert "No certificate was issued in the last 12 months." in page
    assert '<svg class="line-chart"' not in page
    assert "No course is published yet." in page


@time_machine.travel(NOW, tick=False)
def test_the_monthly_csv(client, staff, certificates):
    client.force_login(staff)

    response = client.get(URL, {"format": "csv"})

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="socialrx-training-completions.csv"' in response["Content-Disposition"]
    assert response.content.decode().splitlines() == [
        "Month,Online courses,Boot camps,On-site training,Total",
        "2024-07,0,0,1,1",
        "2024-08,0,0,0,0",
        "2024-09,0,0,0,0",
        "2024-10,0,0,0,0",
        "2024-11,0,0,0,0",
        "2024-12,0,0,0,0",
        "2025-01,0,1,0,1",
        "2025-02,0,0,0,0",
        "2025-03,0,0,0,0",
        "2025-04,0,0,0,0",
        "2025-05,1,0,0,1",
        "2025-06,1,1,0,2",
    ]


@time_machine.travel(NOW, tick=False)
def test_the_per_course_csv(client, staff, courses):
    client.force_login(staff)

    response = client.get(URL, {"format": "courses-csv"})

    assert response.content.decode().splitlines() == [
        "Course,Status,Enrolments,Completions,Completion rate (%)",
        "Blogging basics,Archived,3,2,67",
        "Podcasting for your practice,Published,0,0,",
        "Starting a hospital Facebook page safely,Published,3,1,33",
        "X for physicians,Published,2,2,100",
    ]


def test_an_unknown_format_shows_the_page(client, staff):
    client.force_login(staff)

    response = client.get(URL, {"format": "xlsx"})

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")


@pytest.mark.parametrize("count", [1, 3])
def test_the_report_makes_the_same_queries_for_one_or_three(
    client, staff, count, django_assert_num_queries
):
    for number in range(count):
        course = make_course(title=f"Course {number}", slug=f"course-{number}")
        enrol(course, completed=True)
        make_certificate(UserFactory(), kind=("course", "boot_camp", "onsite")[number])
    client.force_login(staff)

    # session, user, MFA check of the staff role, months, courses
    with django_assert_num_queries(5):
        response = client.get(URL)

    assert response.status_code == 200


def test_the_report_is_for_center_staff_only(client, coach, org_a):
    for person in (coach, org_a[1], org_a[2]):
        client.force_login(person)
        assert client.get(URL).status_code == 403
    client.logout()
    assert client.get(URL).status_code == 302


@pytest.mark.parametrize(
    ("peak", "labels"),
    [
        (1, ["0", "1"]),
        (2, ["0", "1", "2"]),
        (4, ["0", "1", "2", "3", "4", "5"]),
        (7, ["0", "2", "4", "6", "8", "10"]),
        (23, ["0", "5", "10", "15", "20", "25"]),
        (1800, ["0", "500", "1k", "1.5k", "2k"]),
        (240_000, ["0", "50k", "100k", "150k", "200k", "250k"]),
    ],
)
def test_the_value_axis_counts_whole_certificates(peak, labels):
    from socialrx.core import charts  # noqa: PLC0415
    from socialrx.training.views.reports import _whole_number_ticks  # noqa: PLC0415

    chart = charts.line_chart(
        [("Online courses", [(date(2025, 1, 1), 0), (date(2025, 2, 1), peak)])]
    )

    ticks = _whole_number_ticks(chart, peak).y_ticks

    assert [tick.label for tick in ticks] == labels
    assert ticks[0].position == chart.plot_bottom
    assert ticks[-1].position == chart.plot_top
