from django.apps import AppConfig


class CommunityConfig(AppConfig):
    """The peer network: forums with questions and accepted answers, follows and notifications,
    moderation, and the opt-in member directory."""

    name = "socialrx.community"
    label = "community"
    verbose_name = "Community"
    plugins = "socialrx.community.menus.PLUGINS"
    # Forum highlights for the monthly digest (core.related).
    related = "socialrx.community.related.PROVIDER"
    staff_admin_models = ("category", "thread", "flag", "suspension")
    demo = "socialrx.community.demo.seed"
    demo_order = 90
    scale = "socialrx.community.scale.SCALE"
    scale_order = 90
    bench_pages = "socialrx.community.bench.PAGES"

    def ready(self) -> None:
        from . import rules  # noqa: F401, PLC0415 - declares permissions
