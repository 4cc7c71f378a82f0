"""What accounts adds to the shared pages (socialrx.core.plugins): the people directory in the
staff menu, the account panel of the dashboard and the API's /me and token routes."""

from socialrx.core.plugins import ApiRouter, DashboardPanel, MenuItem, Plugins

PLUGINS = Plugins(
    staff_menu=[
        MenuItem(
            "People and center roles",
            "people_directory",
            "accounts.view_people_directory",
            order=900,
            group="Center",
        ),
    ],
    panels=[
        DashboardPanel(
            "accounts/panels/account.html", "socialrx.accounts.panels.account", order=90
        ),
    ],
    api_routers=[ApiRouter("/", "socialrx.accounts.api.router", ("accounts",))],
)
