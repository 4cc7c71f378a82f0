"""What the community adds to the shared pages (socialrx.core.plugins): the forums, the member
directory and a person's forum notifications in the "Community" group; the moderation queue
for staff; the organization's directory entry tab; two dashboard panels; forum emails as a
mailing list; the API's forum routes."""

from socialrx.core.mailing import EmailStream
from socialrx.core.plugins import ApiRouter, DashboardPanel, MenuItem, OrgTab, Plugins

GROUP = "Community"

PLUGINS = Plugins(
    menu=[
        MenuItem("Forums", "community:home", order=60, group=GROUP),
        MenuItem(
            "Member directory",
            "community:directory",
            "community.use_directory",
            order=61,
            group=GROUP,
        ),
        MenuItem(
            "Forum notifications", "community:notifications", order=62, group=GROUP, signed_in=True
        ),
    ],
    staff_menu=[
        MenuItem(
            "Community moderation",
            "community:staff_queue",
            "community.moderate",
            order=39,
            group="Back offices",
            section="/staff/community/",
        ),
    ],
    org_tabs=[
        OrgTab("Directory entry", "community:organization_entry", "community.list_organization", 47)
    ],
    panels=[
        DashboardPanel(
            "community/panels/flags.html",
            "socialrx.community.panels_moderation.flags",
            permission="community.moderate",
            order=13,
        ),
        DashboardPanel(
            "community/panels/notifications.html",
            "socialrx.community.panels_notifications.notifications",
            order=64,
        ),
    ],
    api_routers=[ApiRouter("/community", "socialrx.community.api.router", ("community",))],
    email_streams=[
        EmailStream(
            "community.notifications",
            "Forum notifications",
            "Replies, mentions and answers in the threads and categories you follow.",
        )
    ],
)
