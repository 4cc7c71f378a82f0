from django.apps import AppConfig


class LibraryConfig(AppConfig):
    """Educational resources: a searchable library of guides, templates, checklists, case
    studies, videos, podcast episodes, webinar recordings and slide decks; the podcast feed;
    the center's news and monthly digest; members' contributions; the site's own pages."""

    name = "socialrx.library"
    label = "library"
    verbose_name = "Library"
    # Menus, dashboard panels, email streams and API routers (see socialrx.core.plugins).
    plugins = "socialrx.library.menus.PLUGINS"
    # What the library offers other apps' pages: related resources by topic and platform,
    # the month's new resources for the digest, organizations' case studies (core.related).
    related = "socialrx.library.related.PROVIDER"
    staff_admin_models = ("resource", "newspost", "sitepage", "contactmessage")
    demo = "socialrx.library.demo.seed"
    demo_order = 80
    scale = "socialrx.library.scale.SCALE"
    scale_order = 80
    bench_pages = "socialrx.library.bench.PAGES"

    def ready(self) -> None:
        from . import receivers, rules  # noqa: F401, PLC0415 - declares permissions

        receivers.connect()
