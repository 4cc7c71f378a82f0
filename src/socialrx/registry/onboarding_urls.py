"""Adding an organization from its registry listing (views/onboarding.py): its own module,
beside the registry's pages, because these pages are a signed-in person's and never cached."""

from django.urls import path

from .views import onboarding

app_name = "onboarding"

LISTING = "organizations/start/<slug:kind>/<str:key>/"

urlpatterns = [
    path("organizations/start/", onboarding.find, name="find"),
    path(LISTING, onboarding.start_from_listing, name="listing"),
    path(f"{LISTING}claim/", onboarding.claim_listing, name="claim"),
]
