"""The readiness and staffing assessment (views.assessments): the short version for everyone,
the full version's steps for an organization, a take's result, PDF and staffing estimate, and
an organization's history of takes."""

from django.urls import path

from ..views import assessments

urlpatterns = [
    path("toolkit/assessment/", assessments.start, name="assessment"),
    path(
        "toolkit/assessment/organizations/<uuid:public_id>/",
        assessments.history,
        name="assessment_history",
    ),
    path(
        "toolkit/assessment/organizations/<uuid:public_id>/step/<int:number>/",
        assessments.step,
        name="assessment_step",
    ),
    path(
        "toolkit/assessment/results/<uuid:assessment_id>/",
        assessments.result,
        name="assessment_result",
    ),
    path(
        "toolkit/assessment/results/<uuid:assessment_id>/staffing/",
        assessments.staffing,
        name="assessment_staffing",
    ),
    path(
        "toolkit/assessment/results/<uuid:assessment_id>/pdf/",
        assessments.pdf,
        name="assessment_pdf",
    ),
]
