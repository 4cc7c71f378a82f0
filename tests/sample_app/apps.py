from django.apps import AppConfig


class SampleAppConfig(AppConfig):
    name = "tests.sample_app"
    label = "sample_app"
    verbose_name = "Reading list (test app)"
    plugins = "tests.sample_app.menus.PLUGINS"
    demo = "tests.sample_app.demo.seed"
    demo_order = 50

    def ready(self) -> None:
        from . import rules  # noqa: F401, PLC0415 - declares this app's permissions when it starts
