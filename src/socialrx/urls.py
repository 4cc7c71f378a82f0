from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.static import serve

from socialrx.api.api import api
from socialrx.organizations.views.dashboard import dashboard

admin.site.site_header = "SocialRx administration"
admin.site.site_title = "SocialRx admin"
# Admin sign-in goes through allauth's, so MFA and the lockout apply there too.
admin.site.login = secure_admin_login(admin.site.login)

urlpatterns = [
    path("", include("socialrx.core.urls")),
    path("dashboard/", dashboard, name="dashboard"),
    path("organizations/", include("socialrx.organizations.urls")),
    path("", include("socialrx.accounts.urls")),
    path("", include("socialrx.membership.urls")),
    path("", include("socialrx.registry.urls")),
    path("accounts/", include("allauth.urls")),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
]

if not settings.PRODUCTION:
    # Uploaded profile photos in development; production serves MEDIA_ROOT from the proxy.
    urlpatterns.append(path("media/<path:path>", serve, {"document_root": settings.MEDIA_ROOT}))
