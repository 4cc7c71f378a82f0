from django.apps import AppConfig


class MembershipConfig(AppConfig):
    name = "socialrx.membership"
    label = "membership"
    verbose_name = "Membership"
