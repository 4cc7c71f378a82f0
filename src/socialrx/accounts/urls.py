from django.urls import path

from . import views

urlpatterns = [
    path("profile/", views.profile, name="profile"),
    path("profile/tokens/", views.create_token, name="create_token"),
    path("profile/tokens/<int:token_id>/revoke/", views.revoke_token, name="revoke_token"),
    path("staff/people/", views.people_directory, name="people_directory"),
    path("staff/people/<uuid:public_id>/roles/", views.center_roles, name="center_roles"),
]
