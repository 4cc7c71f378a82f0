"""The move of membership's invoices to billing (billing 0002, membership 0002), run for real:
the database goes back to before the move, old-schema rows are written by hand with the
historical models, the migrations run forward, and every invoice, line, payment, credit note,
provider event and number sequence is found in billing as it was.

A transactional test (the migrations alter the schema, which SQLite refuses inside a
transaction): pytest-django flushes every table after it. The fixture leaves the database at
the latest migrations whatever happens, so that flush and the tests after it see the schema
they expect."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime

import pytest
from django.db import connection, transaction
from django.db.migrations.executor import MigrationExecutor

pytestmark = [pytest.mark.integration, pytest.mark.slow]

# Before the move: membership holds the invoices, billing does not exist yet.
BEFORE_THE_MOVE = [("membership", "0001_initial"), ("billing", None)]

STAFF_EMAIL = "accounts@socialrx.example"


def rollback_targets(graph) -> list[tuple[str, str | None]]:
    """BEFORE_THE_MOVE, plus, for any other app with a migration that depends on billing (or
    on membership 0002, which depends on billing 0002), its migration just before the first
    such one: rolled back with them, every app's state stays consistent. Today no other app
    depends on them, so this adds nothing; it keeps the test right if one comes to."""
    rolled_back = set(graph.backwards_plan(("billing", "0001_initial")))  # it and its dependents
    targets = list(BEFORE_THE_MOVE)
    for app in sorted({app for app, _ in rolled_back} - {"billing", "membership"}):
        first = min(
            (key for key in rolled_back if key[0] == app),
            key=lambda key: len(graph.forwards_plan(key)),
        )
        before = [parent.key for parent in graph.node_map[first].parents if parent.key[0] == app]
        targets.append((app, before[0][1] if before else None))
    return targets


@pytest.fixture
def executor(transactional_db):
    executor = MigrationExecutor(connection)
    if ("membership", "0001_initial") not in executor.loader.graph.nodes:
        pytest.skip("the test database was built without migrations (--nomigrations)")
    yield executor
    # Whatever happened, back to the latest migrations: pytest-django's flush after this test
    # and every later test expect today's tables.
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())


OLD_INVOICE_CREATED = datetime(2025, 2, 26, 16, 5, tzinfo=UTC)
OLD_PAYMENT_CREATED = datetime(2025, 3, 10, 14, 30, tzinfo=UTC)
OLD_CREDIT_CREATED = datetime(2026, 5, 4, 13, 0, tzinfo=UTC)


def old_schema_rows(apps) -> dict:
    """Two organizations with their memberships and five membership invoices (2025 and 2026),
    written with the models as they were before the move. Ids are set by hand, with gaps, so
    a kept id cannot be a coincidence; payments start at 1, so a sequence left behind would
    hand out an id that is taken."""
    User = apps.get_model("accounts", "User")
    Organization = apps.get_model("organizations", "Organization")
    Plan = apps.get_model("membership", "Plan")
    Membership = apps.get_model("membership", "Membership")
    MembershipPeriod = apps.get_model("membership", "MembershipPeriod")
    Invoice = apps.get_model("membership", "Invoice")
    InvoiceLine = apps.get_model("membership", "InvoiceLine")
    Payment = apps.get_model("membership", "Payment")
    CreditNote = apps.get_model("membership", "CreditNote")
    ProviderEvent = apps.get_model("membership", "ProviderEvent")
    InvoiceSequence = apps.get_model("membership", "InvoiceSequence")

    staff = User.objects.create(email=STAFF_EMAIL, password="!", is_staff=True)
    riverside = Organization.objects.create(
        org_type="hospital",
        name="Riverside Regional Medical Center",
        city="Springfield",
        state="IL",
        licensed_beds=240,
    )
    lakeside = Organization.objects.create(
        org_type="practice",
        name="Lakeside Family Physicians",
        city="Duluth",
        state="MN",
        provider_count=12,
    )
    hospital_plan = Plan.objects.create(
        audience="hospital",
        name="Hospital, 100-299 beds",
        size_min=100,
        size_max=299,
        annual_price_cents=500_000,
        seat_limit=25,
    )
    practice_plan = Plan.objects.create(
        audience="practice",
        name="Practice, 1-15 physicians",
        size_min=1,
        size_max=15,
        annual_price_cents=120_000,
        seat_limit=5,
    )
    riverside_membership = Membership.objects.create(
        organization=riverside,
        plan=hospital_plan,
        status="active",
        billing_contact_name="Dana Whitfield",
        billing_email="ap@riverside.example",
        covered_from=date(2025, 3, 10),
        covered_until=date(2026, 3, 9),
    )
    lakeside_membership = Membership.objects.create(
        organization=lakeside,
        plan=practice_plan,
        status="active",
        billing_contact_name="Lee Okafor",
        billing_email="office@lakeside.example",
        covered_from=date(2025, 6, 2),
        covered_until=date(2027, 6, 1),
    )

    def invoice(**fields):
        return Invoice.objects.create(currency="USD", created_by=staff, **fields)

    # Riverside: its first year, paid by check.
    invoice(
        id=3,
        public_id=uuid.UUID("0a000000-0000-4000-8000-000000000003"),
        number="INV-2025-00001",
        organization=riverside,
        membership=riverside_membership,
        plan=hospital_plan,
        kind="initial",
        status="paid",
        issued_on=date(2025, 3, 3),
        due_on=date(2025, 4, 2),
        total_cents=500_000,
        paid_cents=500_000,
        billing_name="Dana Whitfield",
        billing_email="ap@riverside.example",
        po_number="PO-RRMC-2025-17",
        period_starts_on=date(2025, 3, 10),
        period_ends_on=date(2026, 3, 9),
        paid_at=datetime(2025, 3, 20, 14, 30, tzinfo=UTC),
    )
    # Lakeside: its first year, paid by card through the provider.
    invoice(
        id=4,
        public_id=uuid.UUID("0a000000-0000-4000-8000-000000000004"),
        number="INV-2025-00002",
        organization=lakeside,
        membership=lakeside_membership,
        plan=practice_plan,
        kind="initial",
        status="paid",
        issued_on=date(2025, 6, 2),
        due_on=date(2025, 7, 2),
        total_cents=120_000,
        paid_cents=120_000,
        billing_name="Lee Okafor",
        billing_email="office@lakeside.example",
        period_starts_on=date(2025, 6, 2),
        period_ends_on=date(2026, 6, 1),
        paid_at=datetime(2025, 6, 2, 16, 5, tzinfo=UTC),
    )
    # Riverside: the renewal, still open.
    invoice(
        id=7,
        public_id=uuid.UUID("0a000000-0000-4000-8000-000000000007"),
        number="INV-2026-00001",
        organization=riverside,
        membership=riverside_membership,
        plan=hospital_plan,
        kind="renewal",
        status="open",
        issued_on=date(2026, 1, 9),
        due_on=date(2026, 2, 8),
        total_cents=500_000,
        billing_name="Dana Whitfield",
        billing_email="ap@riverside.example",
        period_starts_on=date(2026, 3, 10),
        period_ends_on=date(2027, 3, 9),
    )
    # Riverside: an adjustment (two lines, one negative), voided.
    invoice(
        id=8,
        public_id=uuid.UUID("0a000000-0000-4000-8000-000000000008"),
        number="INV-2026-00002",
        organization=riverside,
        membership=riverside_membership,
        plan=None,
        kind="adjustment",
        status="void",
        issued_on=date(2026, 1, 20),
        due_on=date(2026, 2, 19),
        total_cents=75_000,
        billing_name="Dana Whitfield",
        billing_email="ap@riverside.example",
        void_reason="Issued twice; see INV-2026-00001",
    )
    # Lakeside: the renewal, paid by ACH, then two credit notes when it cancelled.
    invoice(
        id=12,
        public_id=uuid.UUID("0a000000-0000-4000-8000-000000000012"),
        number="INV-2026-00003",
        organization=lakeside,
        membership=lakeside_membership,
        plan=practice_plan,
        kind="renewal",
        status="paid",
        issued_on=date(2026, 4, 3),
        due_on=date(2026, 5, 3),
        total_cents=120_000,
        paid_cents=120_000,
        billing_name="Lee Okafor",
        billing_email="office@lakeside.example",
        period_starts_on=date(2026, 6, 2),
        period_ends_on=date(2027, 6, 1),
        paid_at=datetime(2026, 4, 20, 9, 0, tzinfo=UTC),
    )

    for line_id, invoice_id, description, unit_price in [
        (10, 3, "Membership 2025-03-10 to 2026-03-09, Hospital, 100-299 beds", 500_000),
        (11, 4, "Membership 2025-06-02 to 2026-06-01, Practice, 1-15 physicians", 120_000),
        (14, 7, "Membership renewal 2026-03-10 to 2027-03-09, Hospital", 500_000),
        (15, 8, "Band change to 300+ beds", 100_000),
        (16, 8, "Credit for the months already paid", -25_000),
        (18, 12, "Membership renewal 2026-06-02 to 2027-06-01, Practice", 120_000),
    ]:
        InvoiceLine.objects.create(
            id=line_id,
            invoice_id=invoice_id,
            description=description,
            quantity=1,
            unit_price_cents=unit_price,
            amount_cents=unit_price,
        )

    ProviderEvent.objects.create(
        id=5,
        provider="stripe",
        event_id="evt_1QmLakesidePaid",
        event_type="checkout.session.completed",
        invoice_id=4,
        outcome="paid INV-2025-00002",
    )
    ProviderEvent.objects.create(
        id=6,
        provider="stripe",
        event_id="evt_1QmUnrelated",
        event_type="customer.created",
        invoice=None,
        outcome="ignored",
    )
    Payment.objects.create(
        id=1,
        public_id=uuid.UUID("0b000000-0000-4000-8000-000000000001"),
        invoice_id=3,
        amount_cents=500_000,
        method="check",
        reference="Check 10442",
        received_on=date(2025, 3, 18),
        recorded_by=staff,
    )
    Payment.objects.create(
        id=2,
        public_id=uuid.UUID("0b000000-0000-4000-8000-000000000002"),
        invoice_id=4,
        amount_cents=120_000,
        method="card",
        reference="pi_3QmLakeside",
        received_on=date(2025, 6, 2),
        provider_event_id="evt_1QmLakesidePaid",
    )
    Payment.objects.create(
        id=3,
        public_id=uuid.UUID("0b000000-0000-4000-8000-000000000003"),
        invoice_id=12,
        amount_cents=120_000,
        method="ach",
        reference="ACH 091000019-7788",
        received_on=date(2026, 4, 20),
        recorded_by=staff,
    )
    CreditNote.objects.create(
        id=2,
        invoice_id=12,
        amount_cents=30_000,
        reason="Membership cancelled: merged into Duluth Health",
        created_by=staff,
    )
    CreditNote.objects.create(id=4, invoice_id=12, amount_cents=5_000, reason="Goodwill")
    InvoiceSequence.objects.create(year=2025, last_number=2)
    InvoiceSequence.objects.create(year=2026, last_number=3)

    # Rows made long before the move keep their own creation times.
    Invoice.objects.filter(pk=3).update(created_at=OLD_INVOICE_CREATED)
    Payment.objects.filter(pk=1).update(created_at=OLD_PAYMENT_CREATED)
    CreditNote.objects.filter(pk=4).update(created_at=OLD_CREDIT_CREATED)

    riverside_year = MembershipPeriod.objects.create(
        membership=riverside_membership,
        plan=hospital_plan,
        starts_on=date(2025, 3, 10),
        ends_on=date(2026, 3, 9),
        price_cents=500_000,
        source="payment",
        invoice_id=3,
    )
    lakeside_year = MembershipPeriod.objects.create(
        membership=lakeside_membership,
        plan=practice_plan,
        starts_on=date(2025, 6, 2),
        ends_on=date(2026, 6, 1),
        price_cents=120_000,
        source="payment",
        invoice_id=4,
    )
    return {
        "staff": staff.pk,
        "riverside": riverside.pk,
        "lakeside": lakeside.pk,
        "hospital_plan": hospital_plan.pk,
        "practice_plan": practice_plan.pk,
        "riverside_membership": riverside_membership.pk,
        "lakeside_membership": lakeside_membership.pk,
        "riverside_year": riverside_year.pk,
        "lakeside_year": lakeside_year.pk,
    }


@pytest.mark.django_db(transaction=True)
def test_the_move_to_billing_keeps_every_invoice_payment_and_number(executor):
    # Back to before the move.
    targets = rollback_targets(executor.loader.graph)
    executor.migrate(targets)
    executor.loader.build_graph()
    tables = set(connection.introspection.table_names())
    assert "membership_invoice" in tables
    assert "billing_invoice" not in tables

    # The historical models of everything applied now (membership 0001, billing absent, the
    # other apps at their latest); `project_state(targets)` alone would also name ("billing",
    # None), which is no node, and would hold only the targets' dependencies.
    old_apps = executor.loader.project_state(list(executor.loader.applied_migrations)).apps
    with pytest.raises(LookupError):
        old_apps.get_model("billing", "Invoice")
    ids = old_schema_rows(old_apps)

    # Forward to today.
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
    executor.loader.build_graph()
    assert not executor.migration_plan(executor.loader.graph.leaf_nodes())

    from socialrx.billing.models import (  # noqa: PLC0415 - today's models, after the move
        CreditNote,
        Invoice,
        InvoiceLine,
        InvoiceSequence,
        Payment,
        ProviderEvent,
    )
    from socialrx.billing.services.invoices import next_invoice_number  # noqa: PLC0415
    from socialrx.membership.models import (  # noqa: PLC0415
        MembershipCharge,
        MembershipPeriod,
    )

    tables = set(connection.introspection.table_names())
    assert {"membership_invoice", "membership_invoiceline", "membership_payment"} & tables == set()
    assert {"membership_creditnote", "membership_providerevent"} & tables == set()
    assert "membership_invoicesequence" not in tables

    riverside, lakeside, staff = ids["riverside"], ids["lakeside"], ids["staff"]

    # Every invoice, with its id, number, public id, buyer, dates and amounts.
    invoice_fields = [
        "id",
        "number",
        "public_id",
        "organization_id",
        "person_id",
        "status",
        "route",
        "issued_on",
        "due_on",
        "currency",
        "total_cents",
        "paid_cents",
        "credited_cents",
        "refunded_cents",
        "billing_name",
        "billing_email",
        "po_number",
        "paid_at",
        "fulfilled_at",
        "void_reason",
        "created_by_id",
    ]
    common = {"person_id": None, "route": "invoice", "currency": "USD", "refunded_cents": 0}
    assert list(Invoice.objects.order_by("pk").values(*invoice_fields)) == [
        {
            **common,
            "id": 3,
            "number": "INV-2025-00001",
            "public_id": uuid.UUID("0a000000-0000-4000-8000-000000000003"),
            "organization_id": riverside,
            "status": "paid",
            "issued_on": date(2025, 3, 3),
            "due_on": date(2025, 4, 2),
            "total_cents": 500_000,
            "paid_cents": 500_000,
            "credited_cents": 0,
            "billing_name": "Dana Whitfield",
            "billing_email": "ap@riverside.example",
            "po_number": "PO-RRMC-2025-17",
            "paid_at": datetime(2025, 3, 20, 14, 30, tzinfo=UTC),
            # Paid before the move: the selling app was told then, and must not be again.
            "fulfilled_at": datetime(2025, 3, 20, 14, 30, tzinfo=UTC),
            "void_reason": "",
            "created_by_id": staff,
        },
        {
            **common,
            "id": 4,
            "number": "INV-2025-00002",
            "public_id": uuid.UUID("0a000000-0000-4000-8000-000000000004"),
            "organization_id": lakeside,
            "status": "paid",
            "issued_on": date(2025, 6, 2),
            "due_on": date(2025, 7, 2),
            "total_cents": 120_000,
            "paid_cents": 120_000,
            "credited_cents": 0,
            "billing_name": "Lee Okafor",
            "billing_email": "office@lakeside.example",
            "po_number": "",
            "paid_at": datetime(2025, 6, 2, 16, 5, tzinfo=UTC),
            "fulfilled_at": datetime(2025, 6, 2, 16, 5, tzinfo=UTC),
            "void_reason": "",
            "created_by_id": staff,
        },
        {
            **common,
            "id": 7,
            "number": "INV-2026-00001",
            "public_id": uuid.UUID("0a000000-0000-4000-8000-000000000007"),
            "organization_id": riverside,
            "status": "open",
            "issued_on": date(2026, 1, 9),
            "due_on": date(2026, 2, 8),
            "total_cents": 500_000,
            "paid_cents": 0,
            "credited_cents": 0,
            "billing_name": "Dana Whitfield",
            "billing_email": "ap@riverside.example",
            "po_number": "",
            "paid_at": None,
            "fulfilled_at": None,
            "void_reason": "",
            "created_by_id": staff,
        },
        {
            **common,
            "id": 8,
            "number": "INV-2026-00002",
            "public_id": uuid.UUID("0a000000-0000-4000-8000-000000000008"),
            "organization_id": riverside,
            "status": "void",
            "issued_on": date(2026, 1, 20),
            "due_on": date(2026, 2, 19),
            "total_cents": 75_000,
            "paid_cents": 0,
            "credited_cents": 0,
            "billing_name": "Dana Whitfield",
            "billing_email": "ap@riverside.example",
            "po_number": "",
            "paid_at": None,
            "fulfilled_at": None,
            "void_reason": "Issued twice; see INV-2026-00001",
            "created_by_id": staff,
        },
        {
            **common,
            "id": 12,
            "number": "INV-2026-00003",
            "public_id": uuid.UUID("0a000000-0000-4000-8000-000000000012"),
            "organization_id": lakeside,
            "status": "paid",
            "issued_on": date(2026, 4, 3),
            "due_on": date(2026, 5, 3),
            "total_cents": 120_000,
            "paid_cents": 120_000,
            # The two credit notes (300.00 and 50.00), now summed on the invoice.
            "credited_cents": 35_000,
            "billing_name": "Lee Okafor",
            "billing_email": "office@lakeside.example",
            "po_number": "",
            "paid_at": datetime(2026, 4, 20, 9, 0, tzinfo=UTC),
            "fulfilled_at": datetime(2026, 4, 20, 9, 0, tzinfo=UTC),
            "void_reason": "",
            "created_by_id": staff,
        },
    ]

    # Every line, as it was, with the kind its invoice's kind gives it.
    line_fields = [
        "id",
        "invoice_id",
        "kind",
        "description",
        "quantity",
        "unit_price_cents",
        "discount_cents",
        "amount_cents",
        "refunded_cents",
    ]
    assert list(InvoiceLine.objects.order_by("pk").values_list(*line_fields)) == [
        (
            10,
            3,
            "membership.period",
            "Membership 2025-03-10 to 2026-03-09, Hospital, 100-299 beds",
            1,
            500_000,
            0,
            500_000,
            0,
        ),
        (
            11,
            4,
            "membership.period",
            "Membership 2025-06-02 to 2026-06-01, Practice, 1-15 physicians",
            1,
            120_000,
            0,
            120_000,
            0,
        ),
        (
            14,
            7,
            "membership.period",
            "Membership renewal 2026-03-10 to 2027-03-09, Hospital",
            1,
            500_000,
            0,
            500_000,
            0,
        ),
        (15, 8, "membership.adjustment", "Band change to 300+ beds", 1, 100_000, 0, 100_000, 0),
        (
            16,
            8,
            "membership.adjustment",
            "Credit for the months already paid",
            1,
            -25_000,
            0,
            -25_000,
            0,
        ),
        (
            18,
            12,
            "membership.period",
            "Membership renewal 2026-06-02 to 2027-06-01, Practice",
            1,
            120_000,
            0,
            120_000,
            0,
        ),
    ]

    # Each line sells the MembershipCharge that keeps its old invoice's membership side.
    charge_fields = [
        "invoice_id",
        "membership_id",
        "kind",
        "plan_id",
        "period_starts_on",
        "period_ends_on",
        "voided",
    ]
    sold = {
        line.pk: MembershipCharge.objects.values_list(*charge_fields).get(
            public_id=line.sold_public_id
        )
        for line in InvoiceLine.objects.all()
    }
    riverside_m, lakeside_m = ids["riverside_membership"], ids["lakeside_membership"]
    hospital, practice = ids["hospital_plan"], ids["practice_plan"]
    adjustment = (8, riverside_m, "adjustment", None, None, None, True)
    assert sold == {
        10: (3, riverside_m, "initial", hospital, date(2025, 3, 10), date(2026, 3, 9), False),
        11: (4, lakeside_m, "initial", practice, date(2025, 6, 2), date(2026, 6, 1), False),
        14: (7, riverside_m, "renewal", hospital, date(2026, 3, 10), date(2027, 3, 9), False),
        15: adjustment,
        16: adjustment,
        18: (12, lakeside_m, "renewal", practice, date(2026, 6, 2), date(2027, 6, 1), False),
    }
    # One charge per invoice: both lines of the adjustment sell the same one.
    assert MembershipCharge.objects.count() == 5
    assert InvoiceLine.objects.get(pk=15).sold_public_id == (
        InvoiceLine.objects.get(pk=16).sold_public_id
    )

    # Every payment, with its id, public id, reference, method, day and provider event.
    assert list(
        Payment.objects.order_by("pk").values_list(
            "id",
            "public_id",
            "invoice_id",
            "amount_cents",
            "method",
            "reference",
            "received_on",
            "provider_event_id",
            "recorded_by_id",
            "reversed_at",
        )
    ) == [
        (
            1,
            uuid.UUID("0b000000-0000-4000-8000-000000000001"),
            3,
            500_000,
            "check",
            "Check 10442",
            date(2025, 3, 18),
            None,
            staff,
            None,
        ),
        (
            2,
            uuid.UUID("0b000000-0000-4000-8000-000000000002"),
            4,
            120_000,
            "card",
            "pi_3QmLakeside",
            date(2025, 6, 2),
            "evt_1QmLakesidePaid",
            None,
            None,
        ),
        (
            3,
            uuid.UUID("0b000000-0000-4000-8000-000000000003"),
            12,
            120_000,
            "ach",
            "ACH 091000019-7788",
            date(2026, 4, 20),
            None,
            staff,
            None,
        ),
    ]

    # The credit notes, each given a public id of its own.
    assert list(
        CreditNote.objects.order_by("pk").values_list(
            "id", "invoice_id", "line_id", "amount_cents", "reason", "created_by_id"
        )
    ) == [
        (2, 12, None, 30_000, "Membership cancelled: merged into Duluth Health", staff),
        (4, 12, None, 5_000, "Goodwill", None),
    ]
    credit_ids = list(CreditNote.objects.values_list("public_id", flat=True))
    assert None not in credit_ids and len(set(credit_ids)) == 2

    # The provider's events, so a replayed webhook is still recognised.
    assert list(
        ProviderEvent.objects.order_by("pk").values_list(
            "id", "provider", "event_id", "event_type", "invoice_id", "outcome"
        )
    ) == [
        (
            5,
            "stripe",
            "evt_1QmLakesidePaid",
            "checkout.session.completed",
            4,
            "paid INV-2025-00002",
        ),
        (6, "stripe", "evt_1QmUnrelated", "customer.created", None, "ignored"),
    ]

    # The membership years still point at their invoices, now billing's.
    riverside_year = MembershipPeriod.objects.select_related("invoice").get(
        pk=ids["riverside_year"]
    )
    assert riverside_year.invoice_id == 3
    assert riverside_year.invoice.number == "INV-2025-00001"
    assert MembershipPeriod.objects.get(pk=ids["lakeside_year"]).invoice_id == 4

    # The yearly numbers carry on where membership left them.
    assert Invoice.objects.get(pk=3).created_at == OLD_INVOICE_CREATED
    assert Payment.objects.get(pk=1).created_at == OLD_PAYMENT_CREATED
    assert CreditNote.objects.get(pk=4).created_at == OLD_CREDIT_CREATED
    assert MembershipCharge.objects.get(invoice_id=3).created_at == OLD_INVOICE_CREATED

    assert dict(InvoiceSequence.objects.values_list("year", "last_number")) == {2025: 2, 2026: 3}
    with transaction.atomic():
        assert next_invoice_number(2026) == "INV-2026-00004"
    assert InvoiceSequence.objects.get(year=2026).last_number == 4

    # New rows take the next ids: the ids were copied, and the sequences moved past them.
    new_invoice = Invoice.objects.create(
        number="INV-2026-00004",
        organization_id=riverside,
        issued_on=date(2026, 5, 4),
        due_on=date(2026, 6, 3),
        total_cents=10_000,
        billing_name="Dana Whitfield",
        billing_email="ap@riverside.example",
    )
    assert new_invoice.pk == 13
    new_line = InvoiceLine.objects.create(
        invoice=new_invoice, description="Extra seat", unit_price_cents=10_000, amount_cents=10_000
    )
    assert new_line.pk == 19
    new_payment = Payment.objects.create(
        invoice_id=7,
        amount_cents=500_000,
        method="check",
        reference="Check 20001",
        received_on=date(2026, 2, 1),
    )
    assert new_payment.pk == 4
    assert CreditNote.objects.create(invoice_id=7, amount_cents=1_000, reason="Rounding").pk == 5
    new_event = ProviderEvent.objects.create(
        provider="stripe", event_id="evt_after_the_move", event_type="ping", outcome="ignored"
    )
    assert new_event.pk == 7
