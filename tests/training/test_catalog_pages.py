"""The training catalogue: courses, upcoming boot camps and the on-site invitation in one list;
its filters and search; member price hints; seats left; bad filters; query counts.

The clock stands at 2031-03-10 15:00 UTC (10:00 at the center, America/Chicago, daylight
time): a boot camp "in 20 days" runs March 30-31, 2031."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import time_machine

from socialrx.training.models import BootCampStatus, CourseStatus
from tests.factories import UserFactory
from tests.membership.factories import standard_plans
from tests.training.catalog_factories import enrol_with_progress, make_boot_camp, register
from tests.training.factories import make_course, member_org

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]

URL = "/training/"


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(datetime(2031, 3, 10, 15, 0, tzinfo=UTC), tick=False):
        yield


@pytest.fixture
def offer():
    """Two published courses (one priced), a draft, two upcoming boot camps, a past one and
    a draft one."""
    standard_plans()
    facebook = make_course(title="Starting a hospital Facebook page safely", slug="facebook")
    x = make_course(title="X for physicians", slug="x-physicians", price_cents=19_900)
    x.level = "advanced"
    x.save()
    make_course(title="Secret draft course", slug="draft", published=False)
    soon = make_boot_camp(title="Crisis response boot camp", slug="crisis", starts_in_days=20)
    later = make_boot_camp(
        title="Video storytelling boot camp",
        slug="video",
        starts_in_days=60,
        days=1,
        topic="content-production",
        platform="youtube",
        level="introductory",
        price_cents=0,
    )
    make_boot_camp(title="Last winter's boot camp", slug="past", starts_in_days=-30)
    make_boot_camp(title="Unannounced boot camp", slug="unannounced", status=BootCampStatus.DRAFT)
    return {"facebook": facebook, "x": x, "soon": soon, "later": later}


def titles(response) -> list[str]:
    return [
        card.course.title if card.format == "course" else card.boot_camp.title
        for card in response.context["catalogue"].cards
    ]


def test_a_visitor_sees_courses_upcoming_boot_camps_and_the_onsite_invitation(client, offer):
    response = client.get(URL)

    assert response.status_code == 200
    assert titles(response) == [
        "Crisis response boot camp",
        "Video storytelling boot camp",
        "Starting a hospital Facebook page safely",
        "X for physicians",
    ]
    page = response.content.decode()
    assert "Secret draft course" not in page
    assert "Last winter" not in page and "Unannounced" not in page
    # Courses: free for members, the non-member price where staff set one.
    assert page.count("Free for members") >= 2
    assert "Non-members $199.00" in page
    assert 'href="/training/courses/facebook/"' in page
    # Boot camps: dates in the center's zone, location, seats, member price from the best plan.
    assert (
        '<time datetime="2031-03-30">Mar 30</time> – '
        '<time datetime="2031-03-31">Mar 31, 2031</time>' in page
    )
    assert '<time datetime="2031-05-09">May 9, 2031</time>' in page
    assert "SocialRx Center, Rochester, MN" in page
    assert '<a href="/training/boot-camps/crisis/">Crisis response boot camp</a>' in page
    assert "12 of 12" in page
    assert "Member price from <strong>$840.00</strong>" in page  # 30 % off $1,200.00
    # On-site training, and the call to join.
    assert 'href="/training/onsite/new/">Request on-site training</a>' in page
    assert 'href="/pricing/">Join the network</a>' in page
    assert "4 courses and boot camps, and on-site training on request." in page


def test_seats_left_count_holding_registrations_only(client, offer):
    camp = offer["soon"]
    register(camp, UserFactory())
    register(camp, UserFactory(), status="pending")  # its hold is running
    register(camp, UserFactory(), status="cancelled")

    page = client.get(URL).content.decode()

    assert "10 of 12" in page


def test_a_full_boot_camp_points_to_the_waitlist(client, offer):
    camp = make_boot_camp(title="Tiny boot camp", slug="tiny", capacity=1, starts_in_days=5)
    register(camp, UserFactory())

    page = client.get(URL, {"format": "boot_camp"}).content.decode()

    assert "Full: join the waitlist" in page


def test_a_member_sees_their_own_member_price_and_their_enrolment(client, offer):
    member = member_org(name="Lakeview Health")[2]  # Medical Center plan: 20 % off boot camps
    enrol_with_progress(offer["facebook"], member, done=1)
    client.force_login(member)

    page = client.get(URL).content.decode()

    assert "Your member price <strong>$960.00</strong>" in page
    assert "Enrolled · 33% done" in page
    assert 'href="/pricing/">Join the network</a>' not in page


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"format": "course"}, ["Starting a hospital Facebook page safely", "X for physicians"]),
        ({"format": "boot_camp"}, ["Crisis response boot camp", "Video storytelling boot camp"]),
        ({"format": "onsite"}, []),
        ({"topic": "content-production"}, ["Video storytelling boot camp"]),
        ({"topic": "strategy"}, ["Starting a hospital Facebook page safely", "X for physicians"]),
        ({"platform": "x"}, ["Crisis response boot camp"]),
        ({"level": "advanced"}, ["X for physicians"]),
        ({"upcoming": "30"}, ["Crisis response boot camp"]),
        ({"upcoming": "90"}, ["Crisis response boot camp", "Video storytelling boot camp"]),
        ({"upcoming": "scheduled"}, ["Crisis response boot camp", "Video storytelling boot camp"]),
        (
            {"free": "on"},
            [
                "Video storytelling boot camp",
                "Starting a hospital Facebook page safely",
                "X for physicians",
            ],
        ),
        ({"q": "PHYSICIANS"}, ["X for physicians"]),
        ({"q": "hands-on practice"}, ["Crisis response boot camp", "Video storytelling boot camp"]),
        ({"q": "nothing like this"}, []),
    ],
)
def test_filters_and_search(client, offer, query, expected):
    response = client.get(URL, query)

    assert response.status_code == 200
    assert titles(response) == expected


@pytest.mark.parametrize(
    ("query", "onsite"),
    [
        ({}, True),
        ({"format": "onsite"}, True),
        ({"topic": "hipaa-privacy"}, True),
        ({"q": "on-site"}, True),
        ({"format": "course"}, False),
        ({"upcoming": "30"}, False),
        ({"free": "on"}, False),
        ({"q": "podcast"}, False),
    ],
)
def test_the_onsite_invitation_shows_unless_a_filter_rules_it_out(client, offer, query, onsite):
    response = client.get(URL, query)

    assert response.context["catalogue"].show_onsite is onsite
    assert ("Request on-site training" in response.content.decode()) is onsite


def test_nothing_matching_says_so(client, offer):
    page = client.get(URL, {"format": "course", "q": "zebra"}).content.decode()

    assert "Nothing matches these filters" in page


def test_a_bad_filter_is_refused_beside_its_field_and_the_rest_still_applies(client, offer):
    response = client.get(URL, {"topic": "no-such-topic", "format": "course", "upcoming": "7x"})

    assert response.status_code == 400
    page = response.content.decode()
    assert "Select a valid choice. no-such-topic is not one of the available choices." in page
    assert "Some filters could not be used" in page
    assert titles(response) == ["Starting a hospital Facebook page safely", "X for physicians"]


def test_an_overlong_search_or_a_page_out_of_range_is_no_error(client, offer):
    assert client.get(URL, {"q": "x" * 500}).status_code == 400
    response = client.get(URL, {"page": "999"})
    assert response.status_code == 200
    assert len(titles(response)) == 4
    assert client.get(URL, {"page": "abc"}).status_code == 200


def test_an_archived_course_leaves_the_catalogue(client, offer):
    offer["x"].status = CourseStatus.ARCHIVED
    offer["x"].save()

    response = client.get(URL, {"format": "course"})

    assert titles(response) == ["Starting a hospital Facebook page safely"]


# --- query counts -------------------------------------------------------------------------------


def _courses_and_camps(count: int) -> list:
    courses = []
    for number in range(count):
        courses.append(
            make_course(title=f"Course {number}", slug=f"course-{number}", price_cents=9_900)
        )
        make_boot_camp(title=f"Boot camp {number}", slug=f"camp-{number}")
    return courses


@pytest.mark.parametrize("count", [1, 3])
def test_a_visitors_catalogue_takes_the_same_queries_for_1_and_3_of_each(
    client, django_assert_num_queries, count
):
    standard_plans()
    _courses_and_camps(count)

    # plans' best discount, topics, platforms; count and page of boot camps (with topics
    # and platforms) and of courses (with topics and platforms)
    with django_assert_num_queries(11):
        response = client.get(URL)

    assert len(response.context["catalogue"].cards) == 2 * count


@pytest.mark.parametrize("count", [1, 3])
def test_a_members_catalogue_takes_the_same_queries_for_1_and_3_of_each(
    client, django_assert_num_queries, count
):
    member = member_org(name="Lakeview Health")[2]
    for course in _courses_and_camps(count):
        enrol_with_progress(course, member)
    client.force_login(member)

    # the session and the person, their org roles and memberships (twice: the price and the
    # member check), topics, platforms, the two lists' counts and pages with their
    # topics and platforms, and the person's enrolments
    with django_assert_num_queries(16):
        response = client.get(URL)

    assert len(response.context["catalogue"].cards) == 2 * count
