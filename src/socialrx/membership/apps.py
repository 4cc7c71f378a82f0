from django.apps import AppConfig


class MembershipConfig(AppConfig):
    name = "socialrx.membership"
    label = "membership"
    verbose_name = "Membership"
    # Seat limits come from the membership plan; organizations asks through this declared hook
    # (organizations.selectors.seat_limit) so that it never imports the app built on top of it.
    seat_limit_policy = "socialrx.membership.selectors.seat_limit"
    # What it adds to the shared pages: menus, tabs, dashboard panels, API routers (see
    # socialrx.core.plugins).
    plugins = "socialrx.membership.menus.PLUGINS"
    # Its demo data, run by `socialrx seed-demo` in demo_order (see socialrx.core.demo).
    demo = "socialrx.membership.demo.seed"
    demo_order = 30
    # What it sells through billing: membership years and adjustments (see billing.sellables).
    sellable_kinds = "socialrx.membership.sales.KINDS"
    # Models center staff may look up in the Django admin (read-only; see accounts.backends).
    staff_admin_models = (
        "plan",
        "membershipapplication",
        "membership",
        "membershipcharge",
        "renewalreminder",
    )

    def ready(self) -> None:
        from . import rules  # noqa: F401, PLC0415 - declares this app's permissions when it starts
