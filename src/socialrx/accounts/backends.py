"""Django admin access for center staff: they may look at and search every model.

Changes to money, membership, roles and organizations go through the audited staff pages, so
the admin stays read-only for staff; only superusers (platform operators) may edit there."""


class CenterStaffAdminBackend:
    """A permissions-only backend: it authenticates nobody (and so has no get_user, which
    keeps Django from choosing it as a session's backend)."""

    def authenticate(self, request, **credentials):
        return None

    def has_perm(self, user_obj, perm, obj=None):
        if not (user_obj.is_active and user_obj.is_staff):
            return False
        _, _, codename = perm.partition(".")
        return codename.startswith("view_")

    def has_module_perms(self, user_obj, app_label):
        return bool(user_obj.is_active and user_obj.is_staff)
