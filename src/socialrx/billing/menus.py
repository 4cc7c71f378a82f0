"""What billing adds to the shared pages (socialrx.core.plugins): a person's purchases in the
account menu's group, an organization's Billing tab, the till in the staff menu, the staff
dashboard's money panel and the API's invoice routes."""

from socialrx.core.plugins import ApiRouter, DashboardPanel, MenuItem, OrgTab, Plugins

PLUGINS = Plugins(
    menu=[
        MenuItem("My purchases", "billing:mine", order=22, group="Membership", signed_in=True),
    ],
    staff_menu=[
        MenuItem(
            "Billing back office",
            "billing:staff_invoices",
            "billing.record_payments",
            order=21,
            group="Back offices",
            section="/staff/billing/",
        ),
    ],
    org_tabs=[OrgTab("Billing", "billing:organization", "billing.view_org_billing", order=41)],
    panels=[
        DashboardPanel(
            "billing/panels/staff_money.html",
            "socialrx.billing.panels.staff_money",
            permission="billing.record_payments",
            order=11,
        ),
    ],
    api_routers=[ApiRouter("/billing", "socialrx.billing.api.router", ("billing",))],
)
