"""A refund due to a cancelled seat (paid by check) is settled only by the refund staff record
in billing for it: never by the refund training makes itself when staff cancel another seat of
the same booking."""

import pytest

from socialrx.billing.models import Refund
from socialrx.billing.services import refunds
from socialrx.training.services.boot_camp_registration import book, cancel_registration
from tests.factories import SeatFactory
from tests.training.boot_camp_support import check_out, pay_by_check
from tests.training.factories import make_boot_camp, member_org

pytestmark = pytest.mark.integration


def test_staff_cancelling_another_seat_leaves_the_refund_due_alone(db, staff):
    camp = make_boot_camp(capacity=5)
    organization, admin, member = member_org()
    colleague = SeatFactory(organization=organization).user
    booking = book(admin, camp, [member, colleague], organization=organization)
    invoice = check_out(admin, booking, buyer=organization)  # 2 × $960.00 (member price)
    pay_by_check(staff, invoice)
    mine = booking.registrations.get(person=member)
    theirs = booking.registrations.get(person=colleague)
    cancel_registration(member, mine)  # paid by check: the center owes $960.00
    mine.refresh_from_db()
    assert mine.refund_due_cents == 96_000

    money = cancel_registration(staff, theirs)  # staff refund the colleague by check at once

    invoice.refresh_from_db()
    assert money == f"$960.00 is refunded by check (invoice {invoice.number})."
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert (mine.refund_due_cents, theirs.refund_due_cents) == (96_000, 0)
    assert list(Refund.objects.values_list("amount_cents", "method")) == [(96_000, "check")]

    refunds.refund(
        actor=staff,
        invoice=invoice,
        amount_cents=96_000,
        reason="Check sent",
        method="check",
        line_id=invoice.lines.get().pk,
    )
    mine.refresh_from_db()
    assert mine.refund_due_cents == 0
