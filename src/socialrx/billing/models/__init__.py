from .holds import Hold, HoldStatus
from .invoices import Invoice, InvoiceLine, InvoiceSequence, InvoiceStatus, PaymentRoute
from .payments import CreditNote, Payment, PaymentMethod, ProviderEvent, Refund

__all__ = [
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
