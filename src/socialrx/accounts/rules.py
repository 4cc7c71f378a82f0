"""Who may see people and grant the center's roles."""

from socialrx.core.permissions import declare, is_center_staff

declare(
    {
        "accounts.grant_center_roles": is_center_staff,
        "accounts.view_people_directory": is_center_staff,
    }
)
