"""The staff's coach utilisation page (/staff/coaching/utilisation/): the rule in words, the
chart and its table, the table by coach, the CSV, bad `weeks`, who may see it, and its
queries. The figures are worked out by hand in tests/coaching/reports_support.py."""

from __future__ import annotations

import csv
import io

import pytest
import time_machine
from django.urls import reverse

from socialrx.coaching.models import CoachProfile
from tests.coaching.factories import make_coach
from tests.coaching.reports_support import NOW, more_coaches, report_world
from tests.factories import give_mfa

pytestmark = [
    pytest.mark.integration,
    pytest.mark.django_db,
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]

URL = reverse("coaching:staff_utilisation")


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def world():
    return report_world()


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


def rows_of(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode())))


def test_staff_read_the_rule_the_chart_and_both_tables(staff_client, world):
    response = staff_client.get(URL)

    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Coach utilisation</h1>" in html
    assert "divided by the <strong>hours they offered</strong>" in html
    assert "2 ÷ (2 + 8) = 20 %" in html
    assert "Weeks run Monday to Sunday on the center's clock (America/Chicago)" in html
    assert (
        "Weeks of Feb 4, 2030 to Mar 31, 2030: the past 4 weeks, then this week and the next "
        "3 weeks." in html
    )
    # The chart: an image with its title and description, and the table of its numbers.
    assert 'role="img" aria-labelledby="utilisation-chart-title utilisation-chart-desc"' in html
    assert '<title id="utilisation-chart-title">Coach utilisation by week, all coaches</title>' in (
        html
    )
    assert "Coaching and offered hours by week, all coaches (the chart's data)" in html
    assert (
        '<td class="numeric" data-label="Booked">3 h</td>\n'
        '          <td class="numeric" data-label="Open">10 h</td>\n'
        '          <td class="numeric" data-label="Offered">13 h</td>\n'
        '          <td class="numeric" data-label="Utilisation">23 %</td>'
    ) in html
    # By coach: Ana this week.
    assert '<strong>20 %</strong><br><span class="small muted">2 h of 10 h</span>' in html
    assert '<strong>33 %</strong><br><span class="small muted">1 h of 3 h</span>' in html
    assert 'href="?weeks=4&amp;format=csv"' in html


def test_the_summary_cards_split_past_and_coming_weeks(staff_client, world):
    summary = staff_client.get(URL).context["summary"]

    # Past: 1 h of 780 + 900 + 780 + 780 min = 54 h; coming: 3.5 h of 780 + 660 + 660 + 810.
    assert (summary["past"].coaching_minutes, summary["past"].offered_minutes) == (60, 3240)
    assert summary["past"].percent == 2
    assert (summary["coming"].coaching_minutes, summary["coming"].offered_minutes) == (210, 2910)
    assert summary["coming"].percent == 7
    assert summary["coming_label"] == "This week and the next 3 weeks"


def test_weeks_chooses_how_many_weeks_on_each_side(staff_client, world):
    response = staff_client.get(URL, {"weeks": "1"})

    assert response.status_code == 200
    figures = response.context["figures"]
    assert [str(monday) for monday in figures.weeks] == ["2030-02-25", "2030-03-04"]
    assert "the past 1 week, then this week." in response.content.decode()


@pytest.mark.parametrize(
    ("weeks", "reason"),
    [
        ("0", "Ensure this value is greater than or equal to 1."),
        ("27", "Ensure this value is less than or equal to 26."),
        ("abc", "Enter a whole number."),
        ("-3", "Ensure this value is greater than or equal to 1."),
    ],
)
def test_bad_weeks_are_refused_with_the_reason_beside_the_field(staff_client, weeks, reason):
    response = staff_client.get(URL, {"weeks": weeks})

    assert response.status_code == 400
    html = response.content.decode()
    assert f'<span class="field-error" id="id_weeks_error">{reason}</span>' in html
    assert "Export CSV" not in html


def test_bad_weeks_refuse_the_csv_too(staff_client):
    response = staff_client.get(URL, {"weeks": "99", "format": "csv"})

    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")


def test_an_unknown_format_is_refused(staff_client):
    response = staff_client.get(URL, {"format": "xlsx"})

    assert response.status_code == 400
    assert "Unknown format “xlsx”: use csv." in response.content.decode()


def test_the_csv_has_a_row_per_coach_and_week_then_all_coaches(staff_client, world):
    response = staff_client.get(URL, {"format": "csv"})

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        'attachment; filename="socialrx-coach-utilisation-2030-02-04-to-2030-03-31.csv"'
    )
    rows = rows_of(response)
    assert rows[0] == [
        "Coach",
        "ISO week",
        "Week starting",
        "Held hours",
        "Booked hours",
        "Coaching hours",
        "Open hours",
        "Offered hours",
        "Utilisation (%)",
    ]
    assert len(rows) == 1 + 8 * 2 + 8
    assert rows[4] == [
        "Ana Alvarez",
        "2030-W09",
        "2030-02-25",
        "1.00",
        "0.00",
        "1.00",
        "9.00",
        "10.00",
        "10",
    ]
    assert rows[5] == [
        "Ana Alvarez",
        "2030-W10",
        "2030-03-04",
        "0.00",
        "2.00",
        "2.00",
        "8.00",
        "10.00",
        "20",
    ]
    assert rows[8] == [
        "Ana Alvarez",
        "2030-W13",
        "2030-03-25",
        "0.00",
        "0.50",
        "0.50",
        "10.00",
        "10.50",
        "5",
    ]
    assert rows[13] == [
        "Ben Okafor",
        "2030-W10",
        "2030-03-04",
        "0.00",
        "1.00",
        "1.00",
        "2.00",
        "3.00",
        "33",
    ]
    assert rows[21] == [
        "All coaches",
        "2030-W10",
        "2030-03-04",
        "0.00",
        "3.00",
        "3.00",
        "10.00",
        "13.00",
        "23",
    ]


def test_the_csv_leaves_utilisation_empty_when_nothing_was_offered(staff_client):
    make_coach(full_name="Carla Reyes", windows=[])

    rows = rows_of(staff_client.get(URL, {"format": "csv", "weeks": "1"}))

    assert rows[1] == [
        "Carla Reyes",
        "2030-W09",
        "2030-02-25",
        "0.00",
        "0.00",
        "0.00",
        "0.00",
        "0.00",
        "",
    ]


def test_a_coach_name_cannot_become_a_spreadsheet_formula(staff_client):
    coach = make_coach(full_name='=HYPERLINK("http://evil.example","Click")')

    rows = rows_of(staff_client.get(URL, {"format": "csv", "weeks": "1"}))

    assert rows[1][0] == "'" + coach.user.full_name


def test_without_coaches_the_page_says_so(staff_client):
    html = staff_client.get(URL).content.decode()

    assert "No active coach has a profile yet." in html
    assert "No coach offered time or had a session in these weeks." in html


def test_a_coach_may_not_read_the_report(client, world):
    coach = CoachProfile.objects.get(user__full_name="Ana Alvarez").user
    give_mfa(coach)
    client.force_login(coach)

    assert client.get(URL).status_code == 403
    assert client.get(URL, {"format": "csv"}).status_code == 403


def test_a_visitor_is_sent_to_sign_in(client):
    response = client.get(URL)

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("extra", [0, 4])
def test_the_page_takes_the_same_queries_for_two_or_six_coaches(
    staff_client, world, extra, django_assert_num_queries
):
    more_coaches(extra, world.engagement)

    # The session, the staff member and their authenticator (the MFA check), then five for the
    # figures.
    with django_assert_num_queries(8):
        response = staff_client.get(URL)

    assert len(response.context["figures"].coaches) == 2 + extra


@pytest.mark.parametrize("extra", [0, 4])
def test_the_csv_takes_the_same_queries_for_two_or_six_coaches(
    staff_client, world, extra, django_assert_num_queries
):
    more_coaches(extra, world.engagement)

    with django_assert_num_queries(8):
        rows = rows_of(staff_client.get(URL, {"format": "csv"}))

    assert len(rows) == 1 + 8 * (2 + extra) + 8
