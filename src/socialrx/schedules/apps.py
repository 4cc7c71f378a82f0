from django.apps import AppConfig


class SchedulesConfig(AppConfig):
    """Faculty time: when a trainer or coach is committed (a boot camp day, an on-site
    session, a coaching call). The database refuses two overlapping commitments of one person,
    whichever app books them."""

    name = "socialrx.schedules"
    label = "schedules"
    verbose_name = "Faculty schedules"
    staff_admin_models = ("commitment",)
