"""What organizations adds to the shared pages (socialrx.core.plugins): an organization's own
tabs, the dashboard's "Your organizations" and the API's organization routes."""

from socialrx.core.plugins import ApiRouter, DashboardPanel, OrgTab, Plugins

PLUGINS = Plugins(
    org_tabs=[
        OrgTab("Profile", "organizations:detail", "organizations.view_profile", order=10),
        OrgTab("People", "organizations:people", "organizations.view_people", order=20),
        OrgTab(
            "Invitations", "organizations:invitations", "organizations.manage_invitations", order=30
        ),
    ],
    panels=[
        DashboardPanel(
            "organizations/panels/organizations.html",
            "socialrx.organizations.panels.organizations",
            order=40,
        ),
    ],
    api_routers=[
        ApiRouter("/organizations", "socialrx.organizations.api.router", ("organizations",))
    ],
)
