from django.apps import AppConfig


class OrganizationsConfig(AppConfig):
    name = "socialrx.organizations"
    label = "organizations"
    verbose_name = "Organizations"
    # Models center staff may look up in the Django admin (read-only; see accounts.backends).
    staff_admin_models = ("organization", "orgmembership", "invitation")
