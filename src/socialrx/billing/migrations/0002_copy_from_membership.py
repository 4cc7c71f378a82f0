"""Every invoice, line, payment, credit note, provider event and invoice-number sequence that
membership held moves to billing with its primary key, number and public id unchanged, so
links, PDFs and the yearly number sequences carry on as they were. Membership's own migration
(0002) then records what each invoice was for and drops its old tables."""

from django.db import connection, migrations

BATCH = 2000

PLAIN_FIELDS = {
    "InvoiceSequence": ["year", "last_number"],
    "CreditNote": ["id", "invoice_id", "amount_cents", "reason", "created_by_id", "created_at"],
    "ProviderEvent": [
        "id",
        "provider",
        "event_id",
        "event_type",
        "invoice_id",
        "outcome",
        "received_at",
    ],
    "Payment": [
        "id",
        "public_id",
        "invoice_id",
        "amount_cents",
        "method",
        "reference",
        "received_on",
        "recorded_by_id",
        "provider_event_id",
        "created_at",
    ],
    "InvoiceLine": [
        "id",
        "invoice_id",
        "description",
        "quantity",
        "unit_price_cents",
        "amount_cents",
    ],
}
INVOICE_FIELDS = [
    "id",
    "public_id",
    "number",
    "organization_id",
    "status",
    "issued_on",
    "due_on",
    "currency",
    "total_cents",
    "paid_cents",
    "billing_name",
    "billing_email",
    "po_number",
    "paid_at",
    "void_reason",
    "created_by_id",
    "created_at",
]
# Membership's invoice kinds become the kind of each invoice's lines.
LINE_KIND = {"adjustment": "membership.adjustment"}


def _copy(old_model, new_model, fields, transform=None):
    rows = old_model.objects.order_by("pk").values(*fields)
    batch = []
    for row in rows.iterator(chunk_size=BATCH):
        batch.append(new_model(**(transform(row) if transform else row)))
        if len(batch) >= BATCH:
            new_model.objects.bulk_create(batch)
            batch = []
    new_model.objects.bulk_create(batch)


def copy_rows(apps, schema_editor):
    old = {
        name: apps.get_model("membership", name)
        for name in (
            "Invoice",
            "InvoiceLine",
            "Payment",
            "CreditNote",
            "ProviderEvent",
            "InvoiceSequence",
        )
    }
    new = {name: apps.get_model("billing", name) for name in old}
    for model in new.values():
        _keep_timestamps(model)

    def invoice(row):
        row = dict(row)
        row.pop("kind")
        row["fulfilled_at"] = row["paid_at"]  # a paid membership invoice was fulfilled then
        return row

    _copy(old["InvoiceSequence"], new["InvoiceSequence"], PLAIN_FIELDS["InvoiceSequence"])
    _copy(old["Invoice"], new["Invoice"], [*INVOICE_FIELDS, "kind"], invoice)
    kinds = dict(old["Invoice"].objects.values_list("pk", "kind"))

    def line(row):
        return {
            **row,
            "kind": LINE_KIND.get(kinds[row["invoice_id"]], "membership.period"),
        }

    _copy(old["InvoiceLine"], new["InvoiceLine"], PLAIN_FIELDS["InvoiceLine"], line)
    _copy(old["Payment"], new["Payment"], PLAIN_FIELDS["Payment"])
    _copy(old["CreditNote"], new["CreditNote"], PLAIN_FIELDS["CreditNote"], _credit)
    _copy(old["ProviderEvent"], new["ProviderEvent"], PLAIN_FIELDS["ProviderEvent"])
    _credit_totals(new)
    _reset_sequences(new.values())


def _keep_timestamps(model) -> None:
    """The copies keep their own creation times: the historical model of this migration alone
    stops setting `auto_now_add` fields to now."""
    for field in model._meta.fields:
        if getattr(field, "auto_now_add", False):
            field.auto_now_add = False


def refuse_to_undo(apps, schema_editor):
    """Undoing the move would drop billing's rows (membership's old tables come back empty):
    refused while billing holds any invoice; an empty database rolls back freely."""
    if apps.get_model("billing", "Invoice").objects.exists():
        raise RuntimeError(
            "Cannot roll back the move of invoices to billing while billing holds invoices."
        )


def _credit(row):
    import uuid  # noqa: PLC0415 - migrations keep their imports beside their one use

    return {**row, "public_id": uuid.uuid4()}


def _credit_totals(new):
    """Membership kept credit notes beside the invoice; billing keeps their sum on it too."""
    totals = {}
    for invoice_id, amount in new["CreditNote"].objects.values_list("invoice_id", "amount_cents"):
        totals[invoice_id] = totals.get(invoice_id, 0) + amount
    for invoice_id, amount in totals.items():
        new["Invoice"].objects.filter(pk=invoice_id).update(credited_cents=amount)


def _reset_sequences(models):
    """Rows were inserted with their old ids: the next id continues after the highest."""
    statements = connection.ops.sequence_reset_sql(no_style(), list(models))
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def no_style():
    from django.core.management.color import no_style as style  # noqa: PLC0415 - beside its one use

    return style()


class Migration(migrations.Migration):
    dependencies = [
        ("billing", "0001_initial"),
        ("membership", "0001_initial"),
    ]

    operations = [migrations.RunPython(copy_rows, refuse_to_undo)]
