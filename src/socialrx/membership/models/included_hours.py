"""Use of the coaching hours a plan includes each membership year. The plan says how many
(`Plan.coaching_hours`); this ledger says how many were used in which year, by what (the
selling app's kind and the public id of the thing: "coaching.session" and the session), so
`selectors.coaching_hours_remaining` answers from records, not from the plan alone."""

from django.db import models

from .memberships import Membership


class IncludedHoursUse(models.Model):
    membership = models.ForeignKey(
        Membership, on_delete=models.CASCADE, related_name="included_hours_uses"
    )
    # The first day of the membership year the minutes count against.
    period_starts_on = models.DateField()
    minutes = models.PositiveIntegerField()
    source_kind = models.CharField(max_length=40)
    source_public_id = models.UUIDField()
    note = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("created_at",)
        indexes = [models.Index(fields=("membership", "period_starts_on"))]
        constraints = [
            models.UniqueConstraint(
                fields=("source_kind", "source_public_id"), name="membership_hours_used_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.minutes} min of {self.membership}"
