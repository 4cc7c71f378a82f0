from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "socialrx.events"
    label = "events"
    verbose_name = "Events"
    # Menus, dashboard panels and API routers (see socialrx.core.plugins).
    plugins = "socialrx.events.menus.PLUGINS"
    # What events offers other apps' pages: events by topic and platform, the digest's
    # upcoming events (see socialrx.core.related).
    related = "socialrx.events.related.PROVIDER"
    staff_admin_models = ("event", "session", "speaker", "tickettype", "order", "attendee")
    sellable_kinds = "socialrx.events.sales.KINDS"
    # Demo conferences, a webinar, registrations, a waitlist and attendance (socialrx.core.demo).
    demo = "socialrx.events.demo.seed"
    demo_order = 60
    # Generated events for `socialrx seed-scale` (socialrx.core.scale) and the pages
    # `make bench` measures (socialrx.core.benchmarks).
    scale = "socialrx.events.scale.SCALE"
    scale_order = 60
    bench_pages = "socialrx.events.bench.PAGES"

    def ready(self) -> None:
        from django.db.models.signals import m2m_changed, post_delete, post_save  # noqa: PLC0415 - connected once the app registry is ready

        from . import models, receivers, rules  # noqa: F401, PLC0415 - declares permissions, connects receivers
        from .freshness import events_changed  # noqa: PLC0415 - imports models

        # What the public pages show: any change moves their cached copies' version.
        for model in (
            models.Event,
            models.Track,
            models.Room,
            models.Speaker,
            models.Session,
            models.SessionSpeaker,
            models.TicketType,
            models.Order,
            models.Attendee,
            models.WaitlistEntry,
        ):
            uid = f"events-public-pages-{model.__name__}"
            post_save.connect(events_changed, sender=model, dispatch_uid=uid)
            post_delete.connect(events_changed, sender=model, dispatch_uid=uid)
        for through in (models.Event.topics.through, models.Event.platforms.through):
            m2m_changed.connect(
                events_changed, sender=through, dispatch_uid=f"events-public-pages-{through}"
            )
