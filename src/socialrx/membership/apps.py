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
    # The pages `make bench` measures (see socialrx.core.benchmarks).
    bench_pages = "socialrx.membership.bench.PAGES"
    # Its demo data, run by `socialrx seed-demo` in demo_order (see socialrx.core.demo).
    demo = "socialrx.membership.demo.seed"
    demo_order = 30
    # Its generated rows for `socialrx seed-scale`, run in scale_order (see socialrx.core.scale).
    scale = "socialrx.membership.scale.SCALE"
    scale_order = 30
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
        from django.db.models.signals import post_delete, post_save  # noqa: PLC0415 - connected once the app registry is ready

        from . import rules  # noqa: F401, PLC0415 - declares this app's permissions when it starts
        from .models import Plan  # noqa: PLC0415 - models load after the app registry
        from .plan_changes import plans_changed  # noqa: PLC0415 - as above

        post_save.connect(plans_changed, sender=Plan, dispatch_uid="membership-plans-changed")
        post_delete.connect(plans_changed, sender=Plan, dispatch_uid="membership-plans-changed")
