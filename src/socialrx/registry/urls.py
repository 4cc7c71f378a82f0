from django.urls import path

from socialrx.core.pagecache import visitor_page_cache

from .freshness import entity_page_version, page_version
from .views import aliases, contributions, public, staff

app_name = "registry"

ENTITY = "<slug:kind>/<str:key>/"

# The public pages, served to anonymous visitors from the cache until the data they show
# changes (see freshness.py for what moves each version).
search_page = visitor_page_cache(public.search_page, version=page_version)
adoption_dashboard = visitor_page_cache(public.adoption_dashboard, version=page_version)
leaderboards = visitor_page_cache(public.leaderboards, version=page_version)
entity_page = visitor_page_cache(public.entity_page, version=entity_page_version)

urlpatterns = [
    path("registry/", search_page, name="search"),
    path("registry/adoption/", adoption_dashboard, name="adoption"),
    path("registry/leaderboards/", leaderboards, name="leaderboards"),
    path(f"registry/{ENTITY}", entity_page, name="entity"),
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
    path("staff/registry/aliases/", aliases.aliases, name="staff_aliases"),
    path(
        "staff/registry/aliases/<uuid:alias_id>/remove/",
        aliases.remove_alias,
        name="staff_alias_remove",
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
