from django.apps import AppConfig


class TrainingConfig(AppConfig):
    name = "socialrx.training"
    label = "training"
    verbose_name = "Training"
    # Menus, organization tab, dashboard panels and API routers (see socialrx.core.plugins).
    plugins = "socialrx.training.menus.PLUGINS"
    # Seats, courses and on-site sessions sold through billing (see billing.sellables).
    sellable_kinds = "socialrx.training.sales.KINDS"
    # The pages `make bench` measures (see socialrx.core.benchmarks).
    bench_pages = "socialrx.training.bench.PAGES"
    # Demo courses, boot camps, on-site requests and certificates (see socialrx.core.demo).
    demo = "socialrx.training.demo.seed"
    demo_order = 50
    # Generated rows for `socialrx seed-scale` (see socialrx.core.scale).
    scale = "socialrx.training.scale.SCALE"
    scale_order = 50
    staff_admin_models = (
        "course",
        "courseversion",
        "enrolment",
        "certificate",
        "bootcamp",
        "registration",
        "waitlistentry",
        "onsiterequest",
    )

    def ready(self) -> None:
        from . import rules  # noqa: F401, PLC0415 - declares this app's permissions when it starts
