"""A case study's structured answers: a member organization's own account of what it did on
social media and what came of it. Published as a library resource of kind "case study" and
linked from the organization's directory entry and registry listing."""

from django.db import models

from .resources import Resource


class CaseStudy(models.Model):
    resource = models.OneToOneField(Resource, on_delete=models.CASCADE, related_name="case_study")
    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.CASCADE, related_name="case_studies"
    )
    goal = models.TextField()
    approach = models.TextField()
    results = models.TextField(help_text="Markdown; give numbers.")
    lessons = models.TextField()
    legal_it_requirements = models.TextField("what legal and IT required", blank=True)

    class Meta:
        verbose_name_plural = "case studies"

    def __str__(self) -> str:
        return f"Case study: {self.resource}"


class ResultFigure(models.Model):
    """One measured result ("Page followers": 1,200 → 5,400 over 12 months)."""

    case_study = models.ForeignKey(CaseStudy, on_delete=models.CASCADE, related_name="figures")
    measure = models.CharField(max_length=120)
    before = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    after = models.DecimalField(max_digits=14, decimal_places=2)
    unit = models.CharField(max_length=30, blank=True)
    period = models.CharField(max_length=60, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ("position", "id")

    def __str__(self) -> str:
        return self.measure
