"""Patient experience (HCAHPS) as CMS publishes it, kept beside social media presence.

Rows are keyed by CCN as in the files, with a link to the hospital when the registry has it:
CMS's files do not all cover the same hospitals (2,448 of the 2,474 HVBP rows match the
general-information file), and a hospital imported later is linked then."""

from __future__ import annotations

from django.db import models


class HvbpDimension(models.TextChoices):
    """The eight HCAHPS dimensions of the Hospital VBP "Person and Community Engagement"
    domain, in CMS's order."""

    NURSES = "nurses", "Communication with nurses"
    DOCTORS = "doctors", "Communication with doctors"
    RESPONSIVENESS = "responsiveness", "Responsiveness of hospital staff"
    CARE_TRANSITION = "care_transition", "Care transition"
    MEDICINES = "medicines", "Communication about medicines"
    CLEAN_QUIET = "clean_quiet", "Cleanliness and quietness of hospital environment"
    DISCHARGE = "discharge", "Discharge information"
    OVERALL = "overall", "Overall rating of hospital"


class HvbpResult(models.Model):
    """One hospital's HCAHPS results in one fiscal year of the Hospital VBP program."""

    fiscal_year = models.PositiveSmallIntegerField()
    ccn = models.CharField("CMS certification number", max_length=6)
    entity = models.ForeignKey(
        "registry.Entity",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="hvbp_results",
    )
    facility_name = models.CharField(max_length=300)
    state = models.CharField(max_length=2, blank=True)
    base_score = models.PositiveSmallIntegerField("HCAHPS base score", null=True, blank=True)
    consistency_score = models.PositiveSmallIntegerField(
        "HCAHPS consistency score", null=True, blank=True
    )
    baseline_start = models.DateField(null=True, blank=True)
    baseline_end = models.DateField(null=True, blank=True)
    performance_start = models.DateField(null=True, blank=True)
    performance_end = models.DateField(null=True, blank=True)
    source = models.CharField(max_length=200)
    imported_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-fiscal_year", "ccn"]
        constraints = [
            models.UniqueConstraint(fields=["fiscal_year", "ccn"], name="registry_one_hvbp_a_year")
        ]

    def __str__(self) -> str:
        return f"HVBP FY{self.fiscal_year} {self.ccn}"


RATE = {"max_digits": 7, "decimal_places": 4, "null": True, "blank": True}


class HvbpDimensionScore(models.Model):
    """Rates are top-box percentages (e.g. 73.8343 for "73.8343%")."""

    result = models.ForeignKey(HvbpResult, on_delete=models.CASCADE, related_name="dimensions")
    dimension = models.CharField(max_length=20, choices=HvbpDimension.choices)
    floor = models.DecimalField(**RATE)
    achievement_threshold = models.DecimalField(**RATE)
    benchmark = models.DecimalField(**RATE)
    baseline_rate = models.DecimalField(**RATE)
    performance_rate = models.DecimalField(**RATE)
    achievement_points = models.PositiveSmallIntegerField(null=True, blank=True)
    improvement_points = models.PositiveSmallIntegerField(null=True, blank=True)
    dimension_score = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["result", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["result", "dimension"], name="registry_one_score_per_dimension"
            )
        ]

    def __str__(self) -> str:
        return f"{self.result} {self.dimension}"


class HcahpsMeasure(models.Model):
    """An HCAHPS measure as CMS names it (H_COMP_1_A_P: nurses "always" communicated well)."""

    measure_id = models.CharField(max_length=40, unique=True)
    question = models.CharField(max_length=300)
    answer_description = models.CharField(max_length=300)

    class Meta:
        ordering = ["measure_id"]

    def __str__(self) -> str:
        return self.measure_id


class HcahpsAverage(models.Model):
    """A state's or the nation's (state "") average answer percent for one measure."""

    state = models.CharField(max_length=2, blank=True)
    measure = models.ForeignKey(HcahpsMeasure, on_delete=models.CASCADE, related_name="+")
    answer_percent = models.PositiveSmallIntegerField(null=True, blank=True)
    footnote = models.CharField(max_length=40, blank=True)
    start_date = models.DateField()
    end_date = models.DateField()
    source = models.CharField(max_length=200)

    class Meta:
        ordering = ["state", "measure"]
        constraints = [
            models.UniqueConstraint(
                fields=["state", "measure", "end_date"], name="registry_one_average_a_period"
            )
        ]

    def __str__(self) -> str:
        return f"{self.state or 'US'} {self.measure_id} {self.answer_percent}"


class HcahpsHospitalResult(models.Model):
    """One row of CMS's long HCAHPS hospital layout: a hospital × a measure."""

    ccn = models.CharField("CMS certification number", max_length=6)
    entity = models.ForeignKey(
        "registry.Entity",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="hcahps_results",
    )
    measure = models.ForeignKey(HcahpsMeasure, on_delete=models.CASCADE, related_name="+")
    star_rating = models.PositiveSmallIntegerField(null=True, blank=True)
    answer_percent = models.PositiveSmallIntegerField(null=True, blank=True)
    linear_mean = models.PositiveSmallIntegerField(null=True, blank=True)
    completed_surveys = models.PositiveIntegerField(null=True, blank=True)
    response_rate = models.PositiveSmallIntegerField(null=True, blank=True)
    footnotes = models.CharField(max_length=80, blank=True)
    start_date = models.DateField()
    end_date = models.DateField()
    source = models.CharField(max_length=200)

    class Meta:
        ordering = ["ccn", "measure"]
        constraints = [
            models.UniqueConstraint(
                fields=["ccn", "measure", "end_date"], name="registry_one_result_a_period"
            )
        ]
        indexes = [models.Index(fields=["entity", "end_date"])]

    def __str__(self) -> str:
        return f"{self.ccn} {self.measure_id}"
