"""What the registry adds to the shared pages (socialrx.core.plugins): its public search in the
main menu, its back office in the staff menu, the dashboard's review queues and claimed
listings, and the API's registry routes."""

from socialrx.core.plugins import ApiRouter, DashboardPanel, MenuItem, Plugins

PLUGINS = Plugins(
    # One link: the registry's pages (search, adoption, leaderboards) have their own tabs.
    menu=[MenuItem("Registry", "registry:search", order=30)],
    staff_menu=[
        MenuItem(
            "Registry back office",
            "registry:staff_imports",
            "registry.manage_imports",
            order=30,
            group="Back offices",
            section="/staff/registry/",
        ),
    ],
    panels=[
        DashboardPanel(
            "registry/panels/staff_queue.html",
            "socialrx.registry.panels.staff_queue",
            permission="registry.review_claims",
            order=11,
        ),
        DashboardPanel(
            "registry/panels/listings.html", "socialrx.registry.panels.listings", order=50
        ),
    ],
    api_routers=[ApiRouter("/registry", "socialrx.registry.api.router", ("registry",))],
)
