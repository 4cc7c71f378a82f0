from django.apps import AppConfig


class ToolkitConfig(AppConfig):
    """Getting to yes with leadership, legal and IT: the post safety checker, the readiness and
    staffing assessment, the policy builder and the executive brief. Tools that give an
    organization knowledge and evidence; none writes a member's posts."""

    name = "socialrx.toolkit"
    label = "toolkit"
    verbose_name = "Toolkit"
    # Menus, dashboard panels and the API router (see socialrx.core.plugins).
    plugins = "socialrx.toolkit.menus.PLUGINS"
    staff_admin_models = ("clausetemplate",)
    demo = "socialrx.toolkit.demo.seed"
    demo_order = 95
    scale = "socialrx.toolkit.scale.SCALE"
    scale_order = 95
    bench_pages = "socialrx.toolkit.bench.PAGES"

    def ready(self) -> None:
        from . import rules  # noqa: F401, PLC0415 - declares permissions
