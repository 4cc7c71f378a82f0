from .holds import TAKEN_STATUSES, Hold, HoldStatus
from .invoices import Invoice, InvoiceLine, InvoiceSequence, InvoiceStatus, PaymentRoute
from .payments import CreditNote, Payment, PaymentMethod, ProviderEvent, Refund

__all__ = [
    "TAKEN_STATUSES",
    "CreditNote",
    "Hold",
    "HoldStatus",
    "Invoice",
    "InvoiceLine",
    "InvoiceSequence",
    "InvoiceStatus",
    "Payment",
    "PaymentMethod",
    "PaymentRoute",
    "ProviderEvent",
    "Refund",
]
