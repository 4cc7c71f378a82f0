from django.apps import AppConfig


class CoachingConfig(AppConfig):
    """One-on-one training, consulting and coaching: needs assessments, coach matching,
    engagements with hour allowances, bookings that never collide, calendar invitations,
    notes and action items."""

    name = "socialrx.coaching"
    label = "coaching"
    verbose_name = "Coaching"
    # Menus, dashboard panels and API routers (see socialrx.core.plugins).
    plugins = "socialrx.coaching.menus.PLUGINS"
    staff_admin_models = ("coachprofile", "intake", "engagement", "coachingsession")
    sellable_kinds = "socialrx.coaching.sales.KINDS"
    # Demo coaches, needs assessments and two engagements with sessions, hours, notes and
    # action items (socialrx.core.demo).
    demo = "socialrx.coaching.demo.seed"
    demo_order = 70
    # Generated coaches and engagements for `socialrx seed-scale` (socialrx.core.scale) and
    # the pages `make bench` measures (socialrx.core.benchmarks).
    scale = "socialrx.coaching.scale.SCALE"
    scale_order = 70
    bench_pages = "socialrx.coaching.bench.PAGES"

    def ready(self) -> None:
        from . import rules  # noqa: F401, PLC0415 - declares permissions
