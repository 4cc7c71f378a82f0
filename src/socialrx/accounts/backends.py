"""Django admin access for center staff: they may look at an allow-list of models.

Each app names the models its staff may look up in the admin (`staff_admin_models` on its
AppConfig); anything not named — second factors, sessions, API tokens, social logins, and any
model an app adds later without thinking about it — stays hidden from staff. Changes to money,
membership, roles and organizations go through the audited staff pages, so the admin stays
read-only for staff; only superusers (platform operators) may edit there."""

from functools import cache

from django.apps import apps


@cache
def staff_viewable_models() -> frozenset[tuple[str, str]]:
    """(app_label, model_name) pairs every app declares for staff to view in the admin."""
    return frozenset(
        (config.label, model_name.lower())
        for config in apps.get_app_configs()
        for model_name in getattr(config, "staff_admin_models", ())
    )


class CenterStaffAdminBackend:
    """A permissions-only backend: it authenticates nobody (and so has no get_user, which
    keeps Django from choosing it as a session's backend)."""

    def authenticate(self, request, **credentials):
        return None

    def has_perm(self, user_obj, perm, obj=None):
        if not (user_obj.is_active and user_obj.is_staff):
            return False
        app_label, _, codename = perm.partition(".")
        action, _, model_name = codename.partition("_")
        return action == "view" and (app_label, model_name) in staff_viewable_models()

    def has_module_perms(self, user_obj, app_label):
        if not (user_obj.is_active and user_obj.is_staff):
            return False
        return any(label == app_label for label, _ in staff_viewable_models())
