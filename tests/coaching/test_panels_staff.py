"""The staff's coaching panel (engagements by status, intakes waiting for a coach, coach
utilisation this week and the next three as a chart with its table; seven queries), and who
sees which coaching panel on the dashboard."""

from __future__ import annotations

import pytest
import time_machine
from django.template.loader import render_to_string
from django.test import RequestFactory

from socialrx.coaching.models import Intake
from socialrx.coaching.panels import staff as staff_panel
from tests.coaching.factories import make_engagement, member_org
from tests.coaching.reports_support import NOW, THIS_MONDAY, more_coaches, report_world
from tests.factories import give_mfa

pytestmark = [
    pytest.mark.integration,
    pytest.mark.django_db,
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def world():
    return report_world()


def request_of(user):
    request = RequestFactory().get("/dashboard/")
    request.user = user
    return request


def panel_of(user, django_assert_num_queries, queries=7):
    with django_assert_num_queries(queries):
        return staff_panel(request_of(user))


def test_only_staff_see_it(coach, django_assert_num_queries):
    assert panel_of(coach, django_assert_num_queries, queries=0) is None


def test_engagements_by_status_and_intakes_waiting(staff, world, django_assert_num_queries):
    organization = world.engagement.organization
    make_engagement(organization, status="proposed")
    make_engagement(organization, status="proposed")
    Intake.objects.create(organization=organization, status="submitted")
    Intake.objects.create(organization=organization, status="submitted")
    Intake.objects.create(organization=organization, status="draft")
    Intake.objects.create(
        organization=organization, status="assigned", assigned_coach=world.ana.user
    )

    context = panel_of(staff, django_assert_num_queries)

    assert context["by_status"] == [
        ("proposed", "Proposed", 2),
        ("active", "Active", 1),
        ("completed", "Completed", 0),
    ]
    assert context["intakes_waiting"] == 2
    html = render_to_string("coaching/panels/staff.html", context)
    assert (
        '<a href="/staff/coaching/intakes/">Intakes waiting for a coach</a>'
        '<span class="queue-count queue-count-waiting">2</span>'
    ) in html
    assert '<span>Proposed engagements</span><span class="queue-count">2</span>' in html


def test_utilisation_this_week_and_the_next_three(staff, world, django_assert_num_queries):
    context = panel_of(staff, django_assert_num_queries)

    weeks = context["utilisation"].totals
    # Worked out in reports_support: Mar 4, 11, 18, 25.
    assert [
        (w.week.isoformat(), w.coaching_minutes, w.offered_minutes, w.percent) for w in weeks
    ] == [
        ("2030-03-04", 180, 780, 23),
        ("2030-03-11", 0, 660, 0),
        ("2030-03-18", 0, 660, 0),
        ("2030-03-25", 30, 810, 4),
    ]
    html = render_to_string("coaching/panels/staff.html", context)
    # The chart, an image with a text alternative, and its table.
    assert '<svg class="line-chart" width="100%" viewBox="0 0 320 200" role="img"' in html
    assert (
        '<title id="panel-utilisation-chart-title">Coach utilisation by week, the next four '
        "weeks</title>"
    ) in html
    assert '<caption class="visually-hidden">Coach utilisation by week (the chart' in html
    assert (
        '<th scope="row"><time datetime="2030-W10">Mar 4</time> <span class="small muted">'
        "(this week)</span></th>\n"
        '          <td class="numeric" data-label="Coaching">3 h</td>\n'
        '          <td class="numeric" data-label="Offered">13 h</td>\n'
        '          <td class="numeric" data-label="Utilisation">23 %</td>'
    ) in html
    assert 'href="/staff/coaching/utilisation/"' in html
    assert context["utilisation"].this_week == THIS_MONDAY


def test_without_coaches_there_is_no_chart_but_the_table_says_so(staff, django_assert_num_queries):
    # Engagements by status and intakes, then only the coaches' query: nobody to read more of.
    context = panel_of(staff, django_assert_num_queries, queries=3)

    assert context["chart"] is None
    html = render_to_string("coaching/panels/staff.html", context)
    assert "No coach has availability or sessions in these weeks." in html
    assert "—" in html


@pytest.mark.parametrize("extra", [0, 4])
def test_the_panel_takes_seven_queries_for_two_or_six_coaches(
    staff, world, extra, django_assert_num_queries
):
    more_coaches(extra, world.engagement)

    context = panel_of(staff, django_assert_num_queries, queries=7)

    assert len(context["utilisation"].coaches) == 2 + extra


# --- who sees which -----------------------------------------------------------------------------


def titles_on_dashboard(client, user) -> dict[str, bool]:
    client.force_login(user)
    html = client.get("/dashboard/").content.decode()
    return {
        "staff": 'id="panel-staff-coaching-title"' in html,
        "coach": 'id="panel-coach-title"' in html,
        "organization": 'id="panel-org-coaching-title"' in html,
    }


def test_the_dashboard_shows_each_person_their_coaching_panel(client, staff, world):
    ana = world.ana.user
    give_mfa(ana)
    member = world.engagement.organization.seats.first().user
    _, _, outsider = member_org("Lakeside Family Physicians")

    assert titles_on_dashboard(client, staff) == {
        "staff": True,
        "coach": False,
        "organization": False,
    }
    assert titles_on_dashboard(client, ana) == {
        "staff": False,
        "coach": True,
        "organization": False,
    }
    assert titles_on_dashboard(client, member) == {
        "staff": False,
        "coach": False,
        "organization": True,
    }
    assert titles_on_dashboard(client, outsider) == {
        "staff": False,
        "coach": False,
        "organization": False,
    }
