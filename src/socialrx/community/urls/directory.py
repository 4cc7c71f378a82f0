"""The member directory: its two tabs, a person's and an organization's entries, the contact
form, one's own entry and an organization's entry kept by its admins."""

from django.urls import path

from ..views import directory as views

urlpatterns = [
    path("community/directory/", views.directory, name="directory"),
    path("community/directory/me/", views.my_entry, name="my_entry"),
    path("community/directory/people/<uuid:public_id>/", views.person, name="person"),
    path(
        "community/directory/people/<uuid:public_id>/contact/",
        views.contact_person,
        name="contact_person",
    ),
    path(
        "community/directory/organizations/<uuid:public_id>/",
        views.organization,
        name="organization",
    ),
    path(
        "community/directory/organizations/<uuid:public_id>/edit/",
        views.organization_entry,
        name="organization_entry",
    ),
]
