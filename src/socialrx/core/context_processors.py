"""What every page needs to draw the header: the menus the apps declared (socialrx.core.plugins)
as the signed-in person may see them, and the failed-email notice."""

from functools import cached_property

from socialrx.core import plugins
from socialrx.core.email import has_failed_email_notice


class Navigation:
    """The header's menus, worked out only if a template draws them (a fragment rendered for
    htmx asks nothing). Permission checks reuse the per-request caches of core.permissions, so
    the menus cost no query beyond what the page's own checks make."""

    def __init__(self, request):
        self._user = getattr(request, "user", None)
        self._path = request.path

    @cached_property
    def main(self) -> list[plugins.MenuEntry]:
        return plugins.menu_for(plugins.registry().menu, self._user, self._path)

    @cached_property
    def staff(self) -> list[plugins.MenuEntry]:
        """The staff menu in sections (its groups); empty for anyone who may see none of it."""
        if not getattr(self._user, "is_authenticated", False):
            return []
        return plugins.menu_for(
            plugins.registry().staff_menu, self._user, self._path, drop_downs=False
        )

    @cached_property
    def footer(self) -> list[plugins.MenuItem]:
        return list(plugins.registry().footer)

    @cached_property
    def home_tools(self) -> list[plugins.MenuItem]:
        return list(plugins.registry().home_tools)

    @cached_property
    def staff_current(self) -> bool:
        return any(entry.current for entry in self.staff)

    @cached_property
    def failed_email_notice(self) -> bool:
        """A cache read, made only where the header is drawn (not for each dashboard panel)."""
        return bool(
            getattr(self._user, "is_authenticated", False) and has_failed_email_notice(self._user)
        )


def navigation(request):
    return {"nav": Navigation(request)}
