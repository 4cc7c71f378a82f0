"""The people's engagement pages: the list (the person's organizations' engagements and those
they coach) and one engagement (its header, goals, hours meter with its banners, sessions,
ledger, and packages for the organization's admins and staff), each in a fixed number of
queries."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from socialrx.coaching.models import EngagementStatus, HoursUse
from tests.coaching.engagement_support import book_ahead, buy_hours, hold
from tests.coaching.factories import (
    give_paid_hours,
    make_coach,
    make_engagement,
    make_session,
    member_org,
)
from tests.factories import StaffFactory, give_mfa, org_with_admin

pytestmark = [pytest.mark.django_db, pytest.mark.integration]

TITLE = "Launching the physician video series"


@pytest.fixture
def riverside():
    return member_org("Riverside Medical Center")


@pytest.fixture
def coach():
    return make_coach(full_name="Maya Okafor")


@pytest.fixture
def engagement(riverside, coach):
    return make_engagement(riverside[0], [coach], plan_hours=8, title=TITLE)


def _page(client, user, engagement):
    client.force_login(user)
    return client.get(reverse("coaching:engagement", args=[engagement.public_id]))


def _html(response) -> str:
    return response.content.decode()


# --- the list -------------------------------------------------------------------------------


def test_a_member_sees_the_engagements_of_their_organization(client, riverside, engagement):
    other_org, _admin = org_with_admin(name="Lakeside Family Physicians")
    make_engagement(other_org, [make_coach()], title="Someone else's engagement")
    session = book_ahead(engagement, 60)
    client.force_login(riverside[2])

    response = client.get(reverse("coaching:engagements"))

    html = _html(response)
    assert response.status_code == 200
    assert [card.engagement for card in response.context["cards"]] == [engagement]
    assert TITLE in html
    assert "Riverside Medical Center · Coaching" in html
    assert "Maya Okafor" in html
    assert response.context["cards"][0].next_session_at == session.starts_at
    local = timezone.localtime(session.starts_at, ZoneInfo("America/Chicago"))
    assert f'<time datetime="{local.isoformat()}">' in html
    assert "Hours used</label>: <strong>0 h of 8 h</strong>" in html
    assert "Someone else&#x27;s engagement" not in html
    assert "Coaching back office" not in html


def test_a_coach_sees_the_engagements_they_coach(client, engagement, coach):
    give_mfa(coach.user)
    other = make_engagement(member_org()[0], [make_coach()], title="Not theirs")

    client.force_login(coach.user)
    cards = client.get(reverse("coaching:engagements")).context["cards"]

    assert [card.engagement for card in cards] == [engagement]
    assert other not in [card.engagement for card in cards]


def test_staff_get_a_link_to_the_back_office(client, staff):
    client.force_login(staff)

    html = _html(client.get(reverse("coaching:engagements")))

    assert f'href="{reverse("coaching:staff_home")}">Coaching back office</a>' in html
    assert "No engagements yet" in html


def test_the_list_asks_the_visitor_to_sign_in(client):
    response = client.get(reverse("coaching:engagements"))

    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")


@pytest.mark.parametrize("count", [1, 5])
def test_the_list_takes_the_same_queries_for_1_and_5_engagements(
    client, riverside, django_assert_num_queries, count
):
    organization, _admin, member = riverside
    for number in range(count):
        engagement = make_engagement(
            organization, [make_coach(), make_coach()], plan_hours=1, title=f"E{number}"
        )
        book_ahead(engagement, 60, days=number + 2)
        hold(engagement, 30)
    client.force_login(member)

    # session, person, their organizations (roles), the engagements (with organization and
    # next session), their coaches, the allowance's three (packages, uses, booked), the menus'
    # membership check
    # 3 of them read the organizations' membership years (the plan hours they still hold).
    with django_assert_num_queries(12):
        response = client.get(reverse("coaching:engagements"))

    assert len(response.context["cards"]) == count


# --- one engagement -------------------------------------------------------------------------


def test_the_engagement_page_for_a_member(client, riverside, engagement, coach):
    upcoming = book_ahead(engagement, 60)
    held = hold(engagement, 30).session
    response = _page(client, riverside[2], engagement)

    html = _html(response)
    assert response.status_code == 200
    assert f"<h1>{TITLE}</h1>" in html
    assert f'href="{reverse("coaching:coach", args=[coach.slug])}">Maya Okafor</a>' in html
    assert "Two videos a month, approved in a week." in html
    # 8 h, 30 min used, 1 h booked.
    assert "<strong>30 min of 8 h</strong> (6 %), 1 h booked" in html
    assert (
        f'href="{reverse("coaching:book", args=[engagement.public_id])}">Book a session</a>' in html
    )
    assert reverse("coaching:session", args=[upcoming.public_id]) in html
    assert reverse("coaching:session", args=[held.public_id]) in html
    assert 'id="action-items"' in html and 'id="session-notes"' in html
    # The ledger: one row, 30 minutes from the plan.
    assert "Session held" in html
    # Packages and buying are for the organization's admins and staff.
    assert "Hour packages" not in html
    assert "Buy more hours" not in html


def test_an_admin_sees_packages_and_may_buy(client, riverside, engagement, staff):
    organization, admin, _member = riverside
    invoice = buy_hours(engagement, admin, staff, 3)

    html = _html(_page(client, admin, engagement))

    assert "Hour packages" in html
    assert (
        f'href="{reverse("billing:invoice", args=[invoice.public_id])}">{invoice.number}</a>'
        in html
    )
    assert "$750.00" in html
    assert (
        f'href="{reverse("coaching:buy_hours", args=[engagement.public_id])}">Buy more hours</a>'
        in html
    )


def test_staff_see_the_packages_with_their_staff_invoice_links(
    client, riverside, engagement, staff
):
    invoice = buy_hours(engagement, riverside[1], staff, 2)

    html = _html(_page(client, staff, engagement))

    assert reverse("billing:staff_invoice", args=[invoice.public_id]) in html
    assert reverse("coaching:staff_engagement_edit", args=[engagement.public_id]) in html


def test_an_order_not_yet_paid_shows_as_awaiting_payment(client, riverside, engagement):
    from tests.coaching.engagement_support import order_hours  # noqa: PLC0415

    invoice = order_hours(engagement, riverside[1], 2)

    html = _html(_page(client, riverside[1], engagement))

    assert "Awaiting payment" in html
    assert f"{invoice.number}</a>, $500.00: added when the invoice is paid." in html


@pytest.mark.parametrize(
    ("used", "expected"),
    [
        # 4 h of 8 h: 50 %, no banner.
        ([60, 60, 60, 60], None),
        # 6 h 48 of 8 h = 408 / 480 = 85 %: the warning, 1 h 12 min left.
        ([60] * 6 + [30, 18], "<strong>85 % of the hours are used:</strong> 1 h 12 min left."),
        # 8 h of 8 h: the alert.
        ([60] * 8, "<strong>All of this engagement's hours are used.</strong>"),
    ],
)
def test_the_hours_banner_follows_the_share_used(client, riverside, engagement, used, expected):
    for minutes in used:
        hold(engagement, minutes)

    html = _html(_page(client, riverside[1], engagement))

    assert ("alert-warning" in html or "alert-error" in html) == (expected is not None)
    if expected:
        assert expected in html
        assert "Buy more hours</a>" in html


def test_booking_is_offered_only_on_an_active_engagement(client, riverside, coach):
    proposed = make_engagement(riverside[0], [coach], status=EngagementStatus.PROPOSED)

    html = _html(_page(client, riverside[2], proposed))

    assert "Book a session" not in html
    assert "sessions can be booked once the center activates it" in html


def test_someone_elses_engagement_is_not_found(client, engagement):
    _other, outsider = org_with_admin(name="Lakeside Family Physicians")

    assert _page(client, outsider, engagement).status_code == 404


def test_an_unknown_engagement_is_not_found(client, riverside):
    client.force_login(riverside[2])

    response = client.get("/coaching/engagements/4b0c8a5e-1f5e-4d43-9d25-0d5e2b3c4a11/")

    assert response.status_code == 404


@pytest.mark.parametrize("sessions", [2, 8])
def test_the_engagement_page_takes_the_same_queries_for_2_and_8_sessions(
    client, riverside, engagement, staff, django_assert_num_queries, sessions
):
    organization, admin, _member = riverside
    buy_hours(engagement, admin, staff, 2)
    for number in range(sessions):
        if number % 2:
            book_ahead(engagement, 30, days=number + 2)
        else:
            hold(engagement, 30)
    client.force_login(admin)

    # session, person; the engagement (organization, intake, next session), its coaches;
    # the person's organizations; the records' action items and notes (records_for); the
    # sessions, packages, invoices awaiting payment, the allowance's three, the ledger; the
    # menus' membership check
    # 3 of them read the organization's membership year (the plan hours it still holds).
    with django_assert_num_queries(18):
        response = client.get(reverse("coaching:engagement", args=[engagement.public_id]))

    page = response.context["page"]
    assert len(page.upcoming) + len(page.past) == sessions
    assert HoursUse.objects.filter(engagement=engagement).count() == (sessions + 1) // 2


def test_a_second_staff_member_sees_the_engagement_too(client, engagement):
    other_staff = StaffFactory()
    give_mfa(other_staff)

    assert _page(client, other_staff, engagement).status_code == 200


def test_an_overdrawn_allowance_says_by_how_much(client, riverside, coach):
    engagement = make_engagement(riverside[0], [coach], plan_hours=0)
    package = give_paid_hours(engagement, 1)
    hold(engagement, 60)
    # The package is voided after its hour was used (as billing's on_void leaves it).
    package.status = "voided"
    package.save(update_fields=["status"])

    html = _html(_page(client, riverside[1], engagement))

    # 0 plan + 0 paid - 60 used = -60.
    assert "<strong>1 h over the allowance.</strong>" in html


def test_the_meter_is_labelled_and_carries_its_figures(client, riverside, engagement):
    hold(engagement, 120)  # 2 h of 8 h: 25 %

    html = _html(_page(client, riverside[2], engagement))

    assert '<label for="hours-meter">Hours used</label>' in html
    assert (
        '<meter id="hours-meter" class="coaching-meter" min="0" max="480" value="120" '
        'low="384" high="479" optimum="0"'
    ) in html


def test_a_session_without_hours_counted_keeps_the_ledger_empty(client, riverside, engagement):
    make_session(engagement, minutes=60)

    html = _html(_page(client, riverside[2], engagement))

    assert "No hours used yet" in html
