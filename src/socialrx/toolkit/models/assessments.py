"""A completed readiness and staffing assessment of an organization (the full version; the
visitors' short version is never stored). One row per take: retaking adds a row, so the
organization's progress is its rows in time order. A take is written whole when its answers
are complete (the steps in between live in the person's session); only its staffing
assumptions change afterwards."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from socialrx.organizations.models import Organization

from ..scoring import Scores, level_of, stored_scores
from ..staffing import Estimate, estimate

__all__ = ["Assessment"]


class Assessment(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="toolkit_assessments"
    )
    taken_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    taken_at = models.DateTimeField(default=timezone.now)
    # Which questionnaire (assessment_questions.VERSION) the answers answer.
    questionnaire_version = models.PositiveSmallIntegerField(default=1)
    # {question key: answer} as assessment_answers.check_answers keeps them.
    answers = models.JSONField(default=dict)
    # Scores 0-100 (scoring.score), kept as columns: history, charts and the executive brief
    # read them without the answers.
    strategy_score = models.PositiveSmallIntegerField()
    governance_score = models.PositiveSmallIntegerField()
    capacity_score = models.PositiveSmallIntegerField()
    skills_score = models.PositiveSmallIntegerField()
    measurement_score = models.PositiveSmallIntegerField()
    overall_score = models.PositiveSmallIntegerField()
    # The staffing estimate's inputs (staffing.check_staffing), and its totals as computed
    # when they were last saved.
    staffing = models.JSONField(default=dict)
    staffing_hours = models.DecimalField("hours a week", max_digits=7, decimal_places=1)
    staffing_fte = models.DecimalField("full-time equivalents", max_digits=6, decimal_places=2)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("-taken_at", "-id")
        indexes = [models.Index(fields=["organization", "-taken_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(overall_score__lte=100)
                & models.Q(strategy_score__lte=100)
                & models.Q(governance_score__lte=100)
                & models.Q(capacity_score__lte=100)
                & models.Q(skills_score__lte=100)
                & models.Q(measurement_score__lte=100),
                name="toolkit_assessment_scores_0_100",
            ),
        ]

    def __str__(self) -> str:
        return f"Readiness assessment of {self.organization}, {self.taken_at:%b %-d, %Y}"

    @property
    def scores(self) -> Scores:
        return stored_scores(
            {
                "strategy": self.strategy_score,
                "governance": self.governance_score,
                "capacity": self.capacity_score,
                "skills": self.skills_score,
                "measurement": self.measurement_score,
                "overall": self.overall_score,
            }
        )

    @property
    def maturity(self):
        """The overall maturity level (scoring.Level)."""
        return level_of(self.overall_score)

    @property
    def estimate(self) -> Estimate:
        return estimate(self.staffing)

    @property
    def current_hours(self) -> int | None:
        """The hours a week the team said it spends now."""
        return self.answers.get("people_hours")
