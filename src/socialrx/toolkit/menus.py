"""What the toolkit adds to the shared pages (socialrx.core.plugins): its four tools in the
"Tools" group (and on the home page), the policy clauses' back office for staff, an
organization tab with its executive briefs, a dashboard panel with the
organization's latest assessment, policy and saved checks, and the API's toolkit routes."""

from socialrx.core.plugins import ApiRouter, DashboardPanel, MenuItem, OrgTab, Plugins

GROUP = "Tools"

PLUGINS = Plugins(
    menu=[
        MenuItem("All tools", "toolkit:home", order=70, group=GROUP),
        MenuItem("Post safety check", "toolkit:check", order=71, group=GROUP),
        MenuItem("Readiness assessment", "toolkit:assessment", order=72, group=GROUP),
        MenuItem("Policy builder", "toolkit:policies", order=73, group=GROUP),
        MenuItem("Executive brief", "toolkit:briefs", order=74, group=GROUP, signed_in=True),
    ],
    home_tools=[
        MenuItem(
            "Readiness and staffing assessment",
            "toolkit:assessment",
            order=10,
            description="what it will take, in hours and people.",
        ),
        MenuItem(
            "Policy builder",
            "toolkit:policies",
            order=20,
            description="a social media policy your legal team can review.",
        ),
        MenuItem(
            "Post safety check",
            "toolkit:check",
            order=30,
            description="catches patient identifiers in a draft before it is posted.",
        ),
        MenuItem(
            "Executive brief",
            "toolkit:briefs",
            order=40,
            description=(
                "peers' adoption, your patient-experience figures and your safeguards, "
                "in a format a board reads."
            ),
        ),
    ],
    staff_menu=[
        MenuItem(
            "Policy clauses",
            "toolkit:staff_clauses",
            "toolkit.manage_clauses",
            order=40,
            group="Back offices",
            section="/staff/toolkit/",
        ),
    ],
    # Staff reach an organization's briefs from its pages (its people from the Tools menu).
    org_tabs=[
        OrgTab("Executive briefs", "toolkit:organization_briefs", "toolkit.view_brief", order=50)
    ],
    panels=[
        DashboardPanel(
            "toolkit/panels/toolkit.html",
            "socialrx.toolkit.panels.organization_toolkit",
            order=66,
        ),
    ],
    # One router per tool, each beside its tool (mounted as declared, nothing nested).
    api_routers=[
        ApiRouter("/toolkit/checks", "socialrx.toolkit.api_checks.router", ("toolkit",)),
        ApiRouter("/toolkit/assessments", "socialrx.toolkit.api_assessments.router", ("toolkit",)),
        ApiRouter("/toolkit/policies", "socialrx.toolkit.api_policies.router", ("toolkit",)),
    ],
)
