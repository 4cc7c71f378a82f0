from django.urls import path

from .views import buyer, staff, webhooks

app_name = "billing"

urlpatterns = [
    path("billing/", buyer.my_billing, name="mine"),
    path("billing/statement/", buyer.my_statement, name="my_statement"),
    path("billing/checkout/", buyer.checkout, name="checkout"),
    path("billing/invoices/<uuid:invoice_id>/", buyer.invoice_detail, name="invoice"),
    path("billing/invoices/<uuid:invoice_id>/pdf/", buyer.invoice_download, name="invoice_pdf"),
    path("billing/invoices/<uuid:invoice_id>/pay/", buyer.pay_by_card, name="pay_by_card"),
    path("billing/payments/<uuid:payment_id>/receipt/", buyer.receipt_download, name="receipt_pdf"),
    path(
        "organizations/<uuid:public_id>/billing/",
        buyer.organization_billing,
        name="organization",
    ),
    path(
        "organizations/<uuid:public_id>/billing/statement/",
        buyer.organization_statement,
        name="organization_statement",
    ),
    # The path a payment provider was configured with before billing had its own app.
    path("webhooks/stripe/", webhooks.stripe_webhook, name="stripe_webhook"),
    path("staff/billing/invoices/", staff.invoice_list, name="staff_invoices"),
    path("staff/billing/invoices/<uuid:invoice_id>/", staff.invoice_detail, name="staff_invoice"),
    path("staff/billing/invoices/<uuid:invoice_id>/void/", staff.void, name="staff_void"),
    path("staff/billing/invoices/<uuid:invoice_id>/refund/", staff.refund, name="staff_refund"),
    path(
        "staff/billing/invoices/<uuid:invoice_id>/seat/",
        staff.seat_anyway,
        name="staff_seat_anyway",
    ),
    path("staff/billing/payments/", staff.payment_list, name="staff_payments"),
    path(
        "staff/billing/payments/<uuid:payment_id>/reverse/",
        staff.reverse_payment,
        name="staff_reverse_payment",
    ),
    path("staff/billing/revenue/", staff.revenue, name="staff_revenue"),
]
