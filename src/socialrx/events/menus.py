"""What events adds to the shared pages (socialrx.core.plugins): conferences and webinars, the
person's events and agenda in the "Learn" group; one back office link for staff; the staff
"Upcoming events" and everyone's "My events" dashboard panels; the API's events routes (the
public events and agenda, a person's tickets and orders, check-in for staff)."""

from socialrx.core.plugins import ApiRouter, DashboardPanel, MenuItem, Plugins

GROUP = "Learn"

PLUGINS = Plugins(
    menu=[
        MenuItem("Conferences and webinars", "events:list", order=44, group=GROUP),
        MenuItem("My events", "events:my_events", order=45, group=GROUP, signed_in=True),
        MenuItem("My agenda", "events:my_agenda", order=46, group=GROUP, signed_in=True),
    ],
    staff_menu=[
        MenuItem(
            "Events back office",
            "events:staff_events",
            "events.manage_events",
            order=36,
            group="Back offices",
            section="/staff/events/",
        ),
    ],
    panels=[
        DashboardPanel(
            "events/panels/staff_events.html",
            "socialrx.events.panels.staff_events",
            permission="events.view_reports",
            order=14,
        ),
        DashboardPanel(
            "events/panels/my_events.html", "socialrx.events.panels.my_events", order=65
        ),
    ],
    api_routers=[
        ApiRouter("/events", "socialrx.events.api.public_router", ("events",)),
        ApiRouter("/events", "socialrx.events.api.router", ("events",)),
    ],
)
