"""Who may use the center's own operations pages."""

from .permissions import declare, is_center_staff

declare(
    {
        "core.view_audit_log": is_center_staff,
    }
)
