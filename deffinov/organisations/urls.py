from django.urls import path

from deffinov.organisations.views import invitations, members, organisation, register

app_name = "organisations"
urlpatterns = [
    path("inscrire/", register.register, name="register"),
    path("<int:pk>/", organisation.organisation_detail, name="detail"),
    path("<int:pk>/modifier/", organisation.organisation_edit, name="edit"),
    path("<int:pk>/inviter/", invitations.invite, name="invite"),
    path(
        "<int:pk>/invitations/<int:invitation_pk>/annuler/",
        invitations.invitation_revoke,
        name="invitation_revoke",
    ),
    path("<int:pk>/membres/<int:membership_pk>/role/", members.member_role, name="member_role"),
    path("<int:pk>/membres/<int:membership_pk>/retirer/", members.member_remove, name="member_remove"),
    path("invitations/<str:token>/", invitations.invitation_accept, name="invitation_accept"),
]
