from pathlib import PurePosixPath

from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.static import serve

from socialrx.api.api import api

admin.site.site_header = "SocialRx administration"
admin.site.site_title = "SocialRx admin"
# Admin sign-in goes through allauth's, so MFA and the lockout apply there too.
admin.site.login = secure_admin_login(admin.site.login)

urlpatterns = [
    path("", include("socialrx.core.urls")),
    path("organizations/", include("socialrx.organizations.urls")),
    path("", include("socialrx.accounts.urls")),
    path("", include("socialrx.billing.urls")),
    path("", include("socialrx.membership.urls")),
    path("", include("socialrx.registry.urls")),
    path("", include("socialrx.registry.onboarding_urls")),
    path("", include("socialrx.training.urls")),
    path("", include("socialrx.events.urls")),
    path("", include("socialrx.coaching.urls")),
    path("", include("socialrx.library.urls")),
    path("", include("socialrx.toolkit.urls")),
    path("", include("socialrx.community.urls")),
    path("accounts/", include("allauth.urls")),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
]

# Uploads shown inline, under their own type; anything else (never a photo) is only downloaded.
MEDIA_IMAGE_TYPES = {
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".webp": "image/webp",
}


def serve_media(request, path, document_root):
    """Uploaded files in development, with the headers production's proxy adds: a browser
    never sniffs them, and never renders what is not an image as a page or a document."""
    response = serve(request, path, document_root=document_root)
    content_type = MEDIA_IMAGE_TYPES.get(PurePosixPath(path).suffix.lower())
    if content_type:
        response["Content-Type"] = content_type
    else:
        response["Content-Type"] = "application/octet-stream"
        response["Content-Disposition"] = "attachment"
    response["X-Content-Type-Options"] = "nosniff"
    return response


if not settings.PRODUCTION:
    # Uploaded profile photos in development; production serves MEDIA_ROOT from the proxy.
    urlpatterns.append(
        path("media/<path:path>", serve_media, {"document_root": settings.MEDIA_ROOT})
    )
