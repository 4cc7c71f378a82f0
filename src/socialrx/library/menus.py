"""What the library adds to the shared pages (socialrx.core.plugins): the library and the
podcast in the "Learn" group, news in the "Community" group, a member's contributions; the
back office and the site's pages for staff; the footer's About, Contact, Privacy and Terms;
three dashboard panels; the monthly digest as a mailing list; the API's library routes."""

from socialrx.core.mailing import EmailStream
from socialrx.core.plugins import ApiRouter, DashboardPanel, MenuItem, Plugins

PLUGINS = Plugins(
    menu=[
        MenuItem("Library", "library:home", order=50, group="Learn"),
        MenuItem("Rounds podcast", "library:podcast", order=51, group="Learn"),
        MenuItem(
            "My contributions",
            "library:my_contributions",
            "library.contribute",
            order=52,
            group="Learn",
        ),
        MenuItem("News", "library:news", order=64, group="Community"),
    ],
    staff_menu=[
        MenuItem(
            "Library back office",
            "library:staff_home",
            "library.manage",
            order=38,
            group="Back offices",
            section="/staff/library/",
        ),
        MenuItem(
            "Site pages and messages",
            "library:staff_contact_messages",
            "library.manage",
            order=905,
            group="Center",
            section="/staff/site/",
        ),
    ],
    panels=[
        DashboardPanel(
            "library/panels/contributions_staff.html",
            "socialrx.library.panels_contributions.staff_reviews",
            permission="library.manage",
            order=12,
        ),
        DashboardPanel(
            "library/panels/contact_queue.html",
            "socialrx.library.panels_site.contact_queue",
            permission="library.manage",
            order=14,
        ),
        DashboardPanel(
            "library/panels/contributions_member.html",
            "socialrx.library.panels_contributions.member_contributions",
            order=58,
        ),
        DashboardPanel(
            "library/panels/new_in_library.html",
            "socialrx.library.panels_catalog.new_in_library",
            order=62,
        ),
    ],
    api_routers=[ApiRouter("/library", "socialrx.library.api.router", ("library",))],
    email_streams=[
        EmailStream(
            "library.digest",
            "Monthly digest",
            "New resources, courses, events and forum highlights, once a month.",
        )
    ],
    footer=[
        MenuItem("About", "library:about", order=10),
        MenuItem("Contact", "library:contact", order=20),
        MenuItem("Privacy", "library:privacy", order=30),
        MenuItem("Membership terms", "library:terms", order=40),
    ],
)
