"""What membership adds to the shared pages (socialrx.core.plugins): plans and member benefits
in the main menu, the back office in the staff menu, an organization's billing tab, the
dashboard's application queue and membership panels, and the API's membership routes."""

from socialrx.core.plugins import ApiRouter, DashboardPanel, MenuItem, OrgTab, Plugins

GROUP = "Membership"

PLUGINS = Plugins(
    menu=[
        MenuItem("Plans and pricing", "membership:pricing", order=20, group=GROUP),
        MenuItem(
            "Member benefits",
            "membership:member_benefits",
            "membership.read_member_content",
            order=21,
            group=GROUP,
        ),
    ],
    staff_menu=[
        MenuItem(
            "Membership back office",
            "membership:staff_applications",
            "membership.review_applications",
            order=20,
            group="Back offices",
            section="/staff/membership/",
        ),
    ],
    org_tabs=[OrgTab("Membership", "membership:overview", "membership.view_billing", order=40)],
    panels=[
        DashboardPanel(
            "membership/panels/staff_queue.html",
            "socialrx.membership.panels.staff_queue",
            permission="membership.review_applications",
            order=10,
        ),
        DashboardPanel(
            "membership/panels/membership.html",
            "socialrx.membership.panels.membership",
            order=45,
        ),
    ],
    api_routers=[
        ApiRouter("/membership", "socialrx.membership.api.public_router", ("membership",)),
        ApiRouter("/membership", "socialrx.membership.api.router", ("membership",)),
    ],
)
