from django.apps import AppConfig


class MembershipConfig(AppConfig):
    name = "socialrx.membership"
    label = "membership"
    verbose_name = "Membership"
    # Its demo data, run by `socialrx seed-demo` in demo_order (see socialrx.core.demo).
    demo = "socialrx.membership.demo.seed"
    demo_order = 30
    # Models center staff may look up in the Django admin (read-only; see accounts.backends).
    # Not the payment provider's raw events: they carry payers' details and are for operators.
    staff_admin_models = (
        "plan",
        "membershipapplication",
        "membership",
        "invoice",
        "payment",
        "creditnote",
        "renewalreminder",
    )
