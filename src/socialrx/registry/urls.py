from django.urls import path

from .views import contributions, public, staff

app_name = "registry"

ENTITY = "<slug:kind>/<str:key>/"

urlpatterns = [
    path("registry/", public.search_page, name="search"),
    path("registry/adoption/", public.adoption_dashboard, name="adoption"),
    path("registry/leaderboards/", public.leaderboards, name="leaderboards"),
    path(f"registry/{ENTITY}", public.entity_page, name="entity"),
    path(f"registry/{ENTITY}claim/", contributions.claim, name="claim"),
    path(f"registry/{ENTITY}accounts/", contributions.manage_accounts, name="accounts"),
    path(
        f"registry/{ENTITY}accounts/<uuid:account_id>/",
        contributions.edit_account,
        name="account_edit",
    ),
    path(
        f"registry/{ENTITY}accounts/<uuid:account_id>/remove/",
        contributions.remove_account,
        name="account_remove",
    ),
    path(f"registry/{ENTITY}correction/", contributions.suggest_correction, name="correction"),
    path("staff/registry/imports/", staff.imports, name="staff_imports"),
    path("staff/registry/imports/<uuid:job_id>/", staff.import_detail, name="staff_import"),
    path(
        "staff/registry/imports/<uuid:job_id>/progress/",
        staff.import_progress,
        name="staff_import_progress",
    ),
    path(
        "staff/registry/imports/<uuid:job_id>/start/", staff.start_import, name="staff_import_start"
    ),
    path(
        "staff/registry/imports/<uuid:job_id>/abandon/",
        staff.abandon_import,
        name="staff_import_abandon",
    ),
    path("staff/registry/claims/", staff.claims, name="staff_claims"),
    path(
        "staff/registry/claims/<uuid:claim_id>/approve/",
        staff.approve_claim,
        name="staff_claim_approve",
    ),
    path(
        "staff/registry/claims/<uuid:claim_id>/reject/",
        staff.reject_claim,
        name="staff_claim_reject",
    ),
    path("staff/registry/corrections/", staff.corrections, name="staff_corrections"),
    path(
        "staff/registry/corrections/<uuid:correction_id>/accept/",
        staff.accept_correction,
        name="staff_correction_accept",
    ),
    path(
        "staff/registry/corrections/<uuid:correction_id>/decline/",
        staff.decline_correction,
        name="staff_correction_decline",
    ),
]
