"""Members' contributions and staff's review of them (views.contributions, views.case_studies,
views.contribution_reviews)."""

from django.urls import path

from ..views import case_studies, contribution_reviews, contributions

urlpatterns = [
    path("library/contribute/", contributions.contribute, name="contribute"),
    path(
        "library/contribute/resource/",
        contributions.contribute_resource,
        name="contribute_resource",
    ),
    path(
        "library/contribute/case-study/",
        case_studies.contribute_case_study,
        name="contribute_case_study",
    ),
    path("library/contributions/", contributions.my_contributions, name="my_contributions"),
    path(
        "library/contributions/<uuid:contribution_id>/",
        contributions.contribution,
        name="contribution",
    ),
    path("staff/library/reviews/", contribution_reviews.staff_reviews, name="staff_reviews"),
    path(
        "staff/library/reviews/<uuid:contribution_id>/",
        contribution_reviews.staff_review,
        name="staff_review",
    ),
]
