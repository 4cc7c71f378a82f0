"""An engagement's hours against hand-worked examples: the allowance (plan allotment plus paid
packages), what is used and booked, the split of a session's minutes between plan and packages,
the membership year's included hours going down with the plan part, and a package voided after
its hours were used (the allowance below zero).

Every figure below is worked out by hand in the comments; none comes from the code under test."""

from __future__ import annotations

import uuid
from decimal import Decimal

import pytest
from django.urls import reverse

from socialrx.billing.services.invoices import void_invoice
from socialrx.billing.services.payments import reverse_payment
from socialrx.coaching.models import HoursUse, UseReason
from socialrx.coaching.selectors.hours import allowance_of, unallotted_plan_minutes
from socialrx.coaching.services.engagements import create_engagement
from socialrx.membership.selectors import coaching_hours_remaining, included_minutes_remaining
from socialrx.membership.services.included_hours import use_included_minutes
from tests.coaching.engagement_support import book_ahead, buy_hours, hold
from tests.coaching.factories import make_coach, member_org

pytestmark = [pytest.mark.django_db, pytest.mark.integration]


@pytest.fixture
def riverside():
    """A Medical Center member: 12 included hours this membership year (720 minutes)."""
    return member_org("Riverside Medical Center")


@pytest.fixture
def coach():
    return make_coach(full_name="Maya Okafor")


def _engagement(staff, organization, coach, plan_hours: str):
    return create_engagement(
        actor=staff,
        organization=organization,
        kind="coaching",
        title="Launching the physician video series",
        goals="Two videos a month.",
        coaches=[coach.user],
        plan_hours=Decimal(plan_hours),
        status="active",
    )


def test_the_worked_example_of_an_engagement_with_plan_hours_and_a_package(riverside, coach, staff):
    organization, admin, _member = riverside
    engagement = _engagement(staff, organization, coach, "5")
    buy_hours(engagement, admin, staff, 3)

    # Allowance: plan 5 h (300 min) + package 3 h (180 min) = 8 h (480 min).
    allowance = allowance_of(engagement)
    assert (allowance.plan_minutes, allowance.package_minutes) == (300, 180)
    assert allowance.total_minutes == 480

    # Held 60 + 60 + 30 = 150 min, all from the plan (300 min allotted).
    for minutes in (60, 60, 30):
        hold(engagement, minutes)
    # One hour booked ahead.
    book_ahead(engagement, 60)

    allowance = allowance_of(engagement)
    assert allowance.used_minutes == 150  # 2 h 30
    assert (allowance.plan_used_minutes, allowance.package_used_minutes) == (150, 0)
    assert allowance.booked_minutes == 60
    # Bookable: 480 - 150 used - 60 booked = 270 min = 4 h 30.
    assert allowance.bookable_minutes == 270
    # Left (booked included): 480 - 150 = 330.
    assert allowance.left_minutes == 330

    # A late cancel of a 60-minute session counts: 150 + 60 = 210 min = 3 h 30.
    use = hold(engagement, 60, reason=UseReason.LATE_CANCEL)
    assert (use.minutes, use.plan_minutes, use.package_minutes) == (60, 60, 0)
    assert allowance_of(engagement).used_minutes == 210

    # The membership year: 720 - 210 used from the plan = 510 min = 8.5 h.
    assert included_minutes_remaining(organization) == 510
    assert coaching_hours_remaining(organization) == Decimal("8.5")

    # Plan allotment left: 300 - 210 = 90. A 60-minute session takes 60 of them (30 left) ...
    use = hold(engagement, 60)
    assert (use.plan_minutes, use.package_minutes) == (60, 0)
    # ... and the next 60-minute session crosses: 30 from the plan, 30 from the package.
    use = hold(engagement, 60)
    assert (use.plan_minutes, use.package_minutes) == (30, 30)

    allowance = allowance_of(engagement)
    # Used 210 + 60 + 60 = 330: plan 300 (all of it), package 30.
    assert (allowance.plan_used_minutes, allowance.package_used_minutes) == (300, 30)
    # The membership year: 12 h - 5 h used from the plan = 7 h (420 min).
    assert included_minutes_remaining(organization) == 420
    assert coaching_hours_remaining(organization) == Decimal(7)
    # Every further minute comes from the package: 60 more -> package 90.
    use = hold(engagement, 60)
    assert (use.plan_minutes, use.package_minutes) == (0, 60)
    assert coaching_hours_remaining(organization) == Decimal(7)


def test_the_ledger_sums_to_the_allowance_figures(riverside, coach, staff):
    organization, _admin, _member = riverside
    engagement = _engagement(staff, organization, coach, "2")
    hold(engagement, 60)
    hold(engagement, 30, reason=UseReason.NO_SHOW)

    rows = list(HoursUse.objects.filter(engagement=engagement).order_by("pk"))

    assert [(r.reason, r.minutes, r.plan_minutes, r.package_minutes) for r in rows] == [
        ("held", 60, 60, 0),
        ("no_show", 30, 30, 0),
    ]
    # 2 h allotted (120), 90 used: 30 left; nothing booked, so 30 bookable.
    assert allowance_of(engagement).bookable_minutes == 30


def test_plan_minutes_stop_at_the_membership_year_even_if_the_allotment_has_more(
    riverside, coach, staff
):
    """The allotment is a ceiling, the membership year another: once the year's included
    minutes are gone (used by something outside this engagement), a session takes nothing
    more from the plan even though the allotment still has some."""
    organization, admin, _member = riverside
    engagement = _engagement(staff, organization, coach, "4")  # 240 min allotted
    buy_hours(engagement, admin, staff, 2)  # + 120 package
    # Something else uses 600 of the year's 720 minutes: 120 are left.
    use_included_minutes(
        organization, 600, source_kind="tests.other", source_public_id=uuid.uuid4()
    )

    first, second = hold(engagement, 60), hold(engagement, 60)
    third = hold(engagement, 60)

    assert [(u.plan_minutes, u.package_minutes) for u in (first, second, third)] == [
        (60, 0),
        (60, 0),
        # The allotment has 240 - 120 = 120 left, the year 0: all from the package.
        (0, 60),
    ]
    assert included_minutes_remaining(organization) == 0


def test_unallotted_plan_hours_count_what_other_engagements_hold(riverside, coach, staff):
    organization, _admin, _member = riverside
    first = _engagement(staff, organization, coach, "5")
    # 720 - 300 held by the first = 420 (7 h) still free to allot.
    assert unallotted_plan_minutes(organization) == 420
    hold(first, 60)
    # The first now holds 300 - 60 = 240 unused; the year has 720 - 60 = 660 left:
    # 660 - 240 = 420 still free (using an allotted hour frees nothing new).
    assert unallotted_plan_minutes(organization) == 420
    # The first engagement itself may hold 420 + its own 240 unused.
    assert unallotted_plan_minutes(organization, exclude=first) == 660


def test_a_package_voided_after_its_hours_were_used_leaves_the_allowance_below_zero(
    riverside, coach, staff, client, django_capture_on_commit_callbacks, mailoutbox
):
    organization, admin, _member = riverside
    engagement = _engagement(staff, organization, coach, "1")
    invoice = buy_hours(engagement, admin, staff, 2)
    # Allowance 1 h + 2 h = 180 min. Held 60 + 60 + 30 = 150: plan 60, package 90.
    with django_capture_on_commit_callbacks(execute=True):
        for minutes in (60, 60, 30):
            hold(engagement, minutes)
    # 150 / 180 = 83 %: the 80 % warning went out once (to the admins, and to staff apart).
    assert list(dict.fromkeys(m.subject for m in mailoutbox)) == [
        "83 % of the coaching hours used: Launching the physician video series"
    ]
    mailoutbox.clear()

    payment = invoice.payments.get()
    with django_capture_on_commit_callbacks(execute=True):
        reverse_payment(actor=staff, payment=payment, reason="Check bounced")
        void_invoice(actor=staff, invoice=invoice, reason="Unpaid")

    allowance = allowance_of(engagement)
    # Only the plan's 60 min remain; 150 were used: 60 - 150 = -90.
    assert allowance.total_minutes == 60
    assert allowance.left_minutes == -90
    assert allowance.bookable_minutes == 0
    # Now at 100 %: the full warning goes out (to the admins, and to staff apart).
    assert list(dict.fromkeys(m.subject for m in mailoutbox)) == [
        "All coaching hours used: Launching the physician video series"
    ]
    client.force_login(admin)
    page = client.get(reverse("coaching:engagement", args=[engagement.public_id]))
    assert "1 h 30 min over the allowance." in page.content.decode()


def test_a_package_bought_again_after_a_void_counts_again(riverside, coach, staff):
    organization, admin, _member = riverside
    engagement = _engagement(staff, organization, coach, "0")
    invoice = buy_hours(engagement, admin, staff, 4)
    reverse_payment(actor=staff, payment=invoice.payments.get(), reason="Check bounced")
    void_invoice(actor=staff, invoice=invoice, reason="Unpaid")
    assert allowance_of(engagement).total_minutes == 0

    second = buy_hours(engagement, admin, staff, 4)

    assert second.pk != invoice.pk
    assert allowance_of(engagement).total_minutes == 240  # 4 h
