"""What coaching adds to the shared pages (socialrx.core.plugins): the coaching page, the
person's engagements and, for coaches, their availability in the "Learn" group (no header entry
of its own: the header holds about six); one back office link for staff; the coach's, the
organization's and the staff's dashboard panels; the API's coaching routes (my sessions, an
engagement's bookable slots, booking, moving and cancelling)."""

from socialrx.core.plugins import ApiRouter, DashboardPanel, MenuItem, Plugins

GROUP = "Learn"

PLUGINS = Plugins(
    menu=[
        MenuItem("Coaching", "coaching:home", order=47, group=GROUP),
        MenuItem("My coaching", "coaching:engagements", order=48, group=GROUP, signed_in=True),
        MenuItem(
            "My availability",
            "coaching:availability",
            "coaching.be_coach",
            order=49,
            group=GROUP,
        ),
    ],
    staff_menu=[
        MenuItem(
            "Coaching back office",
            "coaching:staff_home",
            "coaching.manage_engagements",
            order=37,
            group="Back offices",
            section="/staff/coaching/",
        ),
    ],
    panels=[
        DashboardPanel(
            "coaching/panels/staff.html",
            "socialrx.coaching.panels.staff",
            permission="coaching.view_reports",
            order=15,
        ),
        DashboardPanel(
            "coaching/panels/coach.html",
            "socialrx.coaching.panels.coach",
            permission="coaching.be_coach",
            order=20,
        ),
        # People of an engaged organization (the context says who: None for everyone else).
        DashboardPanel(
            "coaching/panels/organization.html", "socialrx.coaching.panels.organization", order=45
        ),
    ],
    api_routers=[ApiRouter("/coaching", "socialrx.coaching.api.router", ("coaching",))],
)
