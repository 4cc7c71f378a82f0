"""Membership's invoices moved to billing (billing 0002 copied them, ids intact). Here each
invoice's membership side is kept as a MembershipCharge (first year, renewal or adjustment, its
plan and period), each billing line learns the charge it sells, the membership years point at
billing's invoices (same ids), and the old tables go."""

import uuid

import django.db.models.deletion
from django.db import migrations, models


def record_charges(apps, schema_editor):
    OldInvoice = apps.get_model("membership", "Invoice")
    Charge = apps.get_model("membership", "MembershipCharge")
    Line = apps.get_model("billing", "InvoiceLine")
    rows = (
        OldInvoice.objects.exclude(membership=None)
        .order_by("pk")
        .values(
            "pk",
            "membership_id",
            "kind",
            "plan_id",
            "period_starts_on",
            "period_ends_on",
            "status",
            "created_at",
        )
    )
    Charge._meta.get_field("created_at").auto_now_add = False  # dated as its invoice was
    batch = []
    for row in rows.iterator(chunk_size=2000):
        charge_id = uuid.uuid4()
        batch.append(
            Charge(
                public_id=charge_id,
                membership_id=row["membership_id"],
                invoice_id=row["pk"],
                kind=row["kind"],
                plan_id=row["plan_id"],
                period_starts_on=row["period_starts_on"],
                period_ends_on=row["period_ends_on"],
                voided=row["status"] == "void",
                created_at=row["created_at"],
            )
        )
        Line.objects.filter(invoice_id=row["pk"]).update(sold_public_id=charge_id)
        if len(batch) >= 2000:
            Charge.objects.bulk_create(batch)
            batch = []
    Charge.objects.bulk_create(batch)


def refuse_to_undo(apps, schema_editor):
    """Undoing would point membership years at invoices the old tables no longer hold."""
    if apps.get_model("membership", "MembershipCharge").objects.exists():
        raise RuntimeError("Cannot roll back the move of invoices to billing: charges exist.")


class Migration(migrations.Migration):
    dependencies = [
        ("billing", "0002_copy_from_membership"),
        ("membership", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="MembershipCharge",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("public_id", models.UUIDField(default=uuid.uuid4, editable=False, unique=True)),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("initial", "First year"),
                            ("renewal", "Renewal"),
                            ("adjustment", "Adjustment"),
                        ],
                        max_length=12,
                    ),
                ),
                ("period_starts_on", models.DateField(blank=True, null=True)),
                ("period_ends_on", models.DateField(blank=True, null=True)),
                ("voided", models.BooleanField(default=False)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                (
                    "invoice",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="billing.invoice",
                    ),
                ),
                (
                    "membership",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="charges",
                        to="membership.membership",
                    ),
                ),
                (
                    "plan",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="membership.plan",
                    ),
                ),
            ],
            options={
                "ordering": ["-created_at", "-pk"],
            },
        ),
        migrations.RunPython(record_charges, refuse_to_undo),
        # The membership years point at billing's invoice of the same id.
        migrations.AlterField(
            model_name="membershipperiod",
            name="invoice",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="billing.invoice",
            ),
        ),
        # The old constraints go first: their names move to the new tables.
        migrations.RemoveConstraint(model_name="invoice", name="one_renewal_invoice_per_period"),
        migrations.RemoveConstraint(model_name="invoice", name="invoice_total_not_negative"),
        migrations.RemoveConstraint(model_name="payment", name="payment_positive"),
        # Tables that point at an invoice go before the invoices.
        migrations.DeleteModel(name="CreditNote"),
        migrations.DeleteModel(name="InvoiceLine"),
        migrations.DeleteModel(name="ProviderEvent"),
        migrations.DeleteModel(name="Payment"),
        migrations.DeleteModel(name="Invoice"),
        migrations.DeleteModel(name="InvoiceSequence"),
        migrations.AddConstraint(
            model_name="membershipcharge",
            constraint=models.UniqueConstraint(
                condition=models.Q(("kind", "renewal"), ("voided", False)),
                fields=("membership", "period_starts_on"),
                name="one_renewal_invoice_per_period",
            ),
        ),
    ]
