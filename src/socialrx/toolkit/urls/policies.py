"""The policy builder: the entry page, a policy's overview, steps and assembly, its versions
(page, PDF, DOCX, comparison, adoption), review links and the reviewer's page, and the clause
templates' back office."""

from django.urls import path

from ..views import clauses, policies, policies_sharing, policies_versions

VERSION = "toolkit/policies/<uuid:policy_id>/versions/<int:number>/"

urlpatterns = [
    path("toolkit/policies/", policies.policies, name="policies"),
    path("toolkit/policies/start/", policies.policy_start, name="policy_start"),
    path("toolkit/policies/<uuid:policy_id>/", policies.policy, name="policy"),
    path(
        "toolkit/policies/<uuid:policy_id>/steps/<slug:section>/",
        policies.policy_step,
        name="policy_step",
    ),
    path(
        "toolkit/policies/<uuid:policy_id>/assemble/",
        policies.policy_assemble,
        name="policy_assemble",
    ),
    path(
        "toolkit/policies/<uuid:policy_id>/compare/",
        policies_versions.policy_compare,
        name="policy_compare",
    ),
    path(VERSION, policies_versions.policy_version, name="policy_version"),
    path(f"{VERSION}pdf/", policies_versions.policy_version_pdf, name="policy_version_pdf"),
    path(f"{VERSION}docx/", policies_versions.policy_version_docx, name="policy_version_docx"),
    path(f"{VERSION}adopt/", policies_versions.policy_adopt, name="policy_adopt"),
    path(f"{VERSION}share/", policies_sharing.policy_share_new, name="policy_share_new"),
    path(f"{VERSION}share/made/", policies_sharing.policy_share_made, name="policy_share_made"),
    path(
        "toolkit/policies/<uuid:policy_id>/links/<uuid:link_id>/revoke/",
        policies_sharing.policy_share_revoke,
        name="policy_share_revoke",
    ),
    path("toolkit/review/<str:secret>/", policies_sharing.policy_review, name="policy_review"),
    path("staff/toolkit/clauses/", clauses.staff_clauses, name="staff_clauses"),
    path("staff/toolkit/clauses/new/", clauses.staff_clause_new, name="staff_clause_new"),
    path(
        "staff/toolkit/clauses/<uuid:clause_id>/",
        clauses.staff_clause_edit,
        name="staff_clause_edit",
    ),
    path(
        "staff/toolkit/clauses/<uuid:clause_id>/reviewed/",
        clauses.staff_clause_reviewed,
        name="staff_clause_reviewed",
    ),
]
