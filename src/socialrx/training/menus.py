"""What training adds to the shared pages (socialrx.core.plugins): the catalogue, the person's
learning, certificates and on-site requests in the "Learn" group; one back office link for
faculty; an organization's Learning tab; the "My learning" dashboard panel; the API's
training routes (the public catalogue and certificate verification, a person's enrolments
and certificates)."""

from socialrx.core.plugins import ApiRouter, DashboardPanel, MenuItem, OrgTab, Plugins

GROUP = "Learn"

PLUGINS = Plugins(
    menu=[
        MenuItem("Training catalogue", "training:catalog", order=40, group=GROUP),
        MenuItem("My learning", "training:my_learning", order=41, group=GROUP, signed_in=True),
        MenuItem(
            "My certificates", "training:my_certificates", order=42, group=GROUP, signed_in=True
        ),
        # For every signed-in person (asking "do they administer an organization?" here would
        # cost every page a query): the page explains who may request and how.
        MenuItem("On-site training", "training:onsite_list", order=43, group=GROUP, signed_in=True),
    ],
    staff_menu=[
        MenuItem(
            "Training back office",
            "training:staff_courses",
            "training.author_courses",
            order=35,
            group="Back offices",
            section="/staff/training/",
        ),
    ],
    org_tabs=[OrgTab("Learning", "training:org_learning", "training.view_org_learning", order=50)],
    panels=[
        DashboardPanel(
            "training/panels/staff_queue.html",
            "socialrx.training.panels.staff_queue",
            permission="training.manage_onsite",
            order=13,
        ),
        DashboardPanel(
            "training/panels/my_learning.html", "socialrx.training.panels.my_learning", order=60
        ),
    ],
    api_routers=[
        ApiRouter("/training", "socialrx.training.api.public_router", ("training",)),
        ApiRouter("/training", "socialrx.training.api.router", ("training",)),
    ],
)
