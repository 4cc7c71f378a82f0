from socialrx.core.plugins import ApiRouter, DashboardPanel, MenuItem, OrgTab, Plugins

PLUGINS = Plugins(
    menu=[
        MenuItem(
            "Reading list", "sample_app:reading_list", "sample_app.view_reading_list", order=60
        )
    ],
    org_tabs=[
        OrgTab("Reading", "sample_app:org_reading", "sample_app.view_org_reading_list", order=90)
    ],
    panels=[
        DashboardPanel(
            "sample_app/panel.html",
            "tests.sample_app.panels.reading_list",
            "sample_app.view_reading_list",
            order=60,
        )
    ],
    api_routers=[ApiRouter("/reading", "tests.sample_app.api.router", ("reading",))],
)
