from django.apps import AppConfig


class TrainingConfig(AppConfig):
    name = "socialrx.training"
    label = "training"
    verbose_name = "Training"
    # Menus, organization tab, dashboard panels and API routers (see socialrx.core.plugins).
    plugins = "socialrx.training.menus.PLUGINS"
    # What training offers other apps' pages: courses and boot camps by topic and platform,
    # the digest's new courses and open boot camps (see socialrx.core.related).
    related = "socialrx.training.related.PROVIDER"
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
        from django.db.models.signals import m2m_changed, post_delete, post_save  # noqa: PLC0415 - connected once the app registry is ready

        from . import models, rules  # noqa: F401, PLC0415 - declares this app's permissions when it starts
        from .freshness import catalogue_changed  # noqa: PLC0415 - imports models

        # What the public pages show: any change moves their cached copies' version.
        for model in (
            models.Course,
            models.CourseVersion,
            models.Module,
            models.Lesson,
            models.BootCamp,
            models.BootCampDay,
            models.Booking,
            models.Registration,
            models.WaitlistEntry,
        ):
            uid = f"training-public-pages-{model.__name__}"
            post_save.connect(catalogue_changed, sender=model, dispatch_uid=uid)
            post_delete.connect(catalogue_changed, sender=model, dispatch_uid=uid)
        for through in (
            models.Course.topics.through,
            models.Course.platforms.through,
            models.BootCamp.topics.through,
            models.BootCamp.platforms.through,
            models.BootCamp.trainers.through,
        ):
            m2m_changed.connect(
                catalogue_changed, sender=through, dispatch_uid=f"training-public-pages-{through}"
            )
