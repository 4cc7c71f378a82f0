from django.apps import AppConfig


class OrganizationsConfig(AppConfig):
    name = "socialrx.organizations"
    label = "organizations"
    verbose_name = "Organizations"
    # Its demo data, run by `socialrx seed-demo` in demo_order (see socialrx.core.demo).
    demo = "socialrx.organizations.demo.seed"
    demo_order = 20
    # Models center staff may look up in the Django admin (read-only; see accounts.backends).
    staff_admin_models = ("organization", "orgmembership", "invitation")
