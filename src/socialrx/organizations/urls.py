from django.urls import path

from .views import invitations, organizations, people

app_name = "organizations"

urlpatterns = [
    path("new/", organizations.create, name="create"),
    path("<uuid:public_id>/", organizations.detail, name="detail"),
    path("<uuid:public_id>/edit/", organizations.edit, name="edit"),
    path("<uuid:public_id>/people/", people.people, name="people"),
    path("<uuid:public_id>/people/<int:seat_id>/role/", people.change_role, name="change_role"),
    path("<uuid:public_id>/people/<int:seat_id>/remove/", people.remove, name="remove_member"),
    path("<uuid:public_id>/invitations/", invitations.invitations, name="invitations"),
    path(
        "<uuid:public_id>/invitations/<uuid:invitation_id>/resend/",
        invitations.resend,
        name="resend_invitation",
    ),
    path(
        "<uuid:public_id>/invitations/<uuid:invitation_id>/revoke/",
        invitations.revoke,
        name="revoke_invitation",
    ),
    path("invitations/<str:token>/", invitations.accept, name="invitation_accept"),
]
