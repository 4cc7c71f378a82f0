"""What the kernel itself adds to the shared pages (socialrx.core.plugins): the dashboard and
the staff's audit log and Django admin. The center's home page has no menu entry: the brand at
the header's left links to it (and the footer), and the header holds about six entries."""

from .plugins import MenuItem, Plugins

PLUGINS = Plugins(
    menu=[
        # Last of the main menu: beside the person's own account menu.
        MenuItem("Dashboard", "dashboard", order=900, signed_in=True),
    ],
    staff_menu=[
        MenuItem("Audit log", "audit_log", "core.view_audit_log", order=910, group="Center"),
        # Django admin lets in every active staff member, as the audit log does.
        MenuItem("Django admin", "admin:index", "core.view_audit_log", order=920, group="Center"),
    ],
)
