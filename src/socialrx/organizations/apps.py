from django.apps import AppConfig


class OrganizationsConfig(AppConfig):
    name = "socialrx.organizations"
    label = "organizations"
    verbose_name = "Organizations"
