"""Executive briefs: the person's organizations and their briefs, an organization's briefs,
drawing one, a brief's page and its PDF."""

from django.urls import path

from ..views import briefs

urlpatterns = [
    path("toolkit/briefs/", briefs.brief_list, name="briefs"),
    path(
        "toolkit/briefs/organizations/<uuid:organization_id>/",
        briefs.organization_briefs,
        name="organization_briefs",
    ),
    path(
        "toolkit/briefs/organizations/<uuid:organization_id>/draw/",
        briefs.draw_brief,
        name="draw_brief",
    ),
    path("toolkit/briefs/<uuid:brief_id>/", briefs.brief_detail, name="brief"),
    path("toolkit/briefs/<uuid:brief_id>/pdf/", briefs.brief_pdf, name="brief_pdf"),
]
