"""When a coach can be booked: weekly recurring windows and date exceptions, on the coach's own
clock (`CoachProfile.time_zone`), so "Tuesdays 9:00-12:00" stays 9:00 through daylight saving.
Slots are computed from these (`coaching.slots`), never stored."""

from django.db import models

from .coaches import CoachProfile


class Weekday(models.IntegerChoices):
    MONDAY = 0, "Monday"
    TUESDAY = 1, "Tuesday"
    WEDNESDAY = 2, "Wednesday"
    THURSDAY = 3, "Thursday"
    FRIDAY = 4, "Friday"
    SATURDAY = 5, "Saturday"
    SUNDAY = 6, "Sunday"


class AvailabilityWindow(models.Model):
    coach = models.ForeignKey(CoachProfile, on_delete=models.CASCADE, related_name="windows")
    weekday = models.PositiveSmallIntegerField(choices=Weekday.choices)
    starts_at = models.TimeField()
    ends_at = models.TimeField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("weekday", "starts_at")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="coaching_window_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.starts_at:%H:%M}-{self.ends_at:%H:%M}"


class AvailabilityException(models.Model):
    """One date that differs from the week: unavailable all day (no times), unavailable for a
    span, or available for an extra span (`available=True`)."""

    coach = models.ForeignKey(CoachProfile, on_delete=models.CASCADE, related_name="exceptions")
    on_date = models.DateField()
    starts_at = models.TimeField(null=True, blank=True)
    ends_at = models.TimeField(null=True, blank=True)
    available = models.BooleanField(default=False)
    note = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("on_date", "starts_at")
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(starts_at__isnull=True, ends_at__isnull=True, available=False)
                    | models.Q(
                        starts_at__isnull=False,
                        ends_at__isnull=False,
                        ends_at__gt=models.F("starts_at"),
                    )
                ),
                name="coaching_exception_span_or_whole_day",
            )
        ]

    def __str__(self) -> str:
        return f"{self.on_date}: {'available' if self.available else 'unavailable'}"

    @property
    def whole_day(self) -> bool:
        return self.starts_at is None
