from django.urls import path

from deffinov.organisations.views import claims, invitations, members, organisation, register, sirene

app_name = "organisations"
urlpatterns = [
    path("inscrire/", register.register, name="register"),
    path("inscrire/sirene/", sirene.sirene_lookup, name="sirene_lookup"),
    path("<int:pk>/revendiquer/", claims.claim_create, name="claim_create"),
    path("revendications/", claims.claims_review, name="claims_review"),
    path("revendications/<int:claim_pk>/", claims.claim_detail, name="claim"),
    path("revendications/<int:claim_pk>/decider/", claims.claim_decide, name="claim_decide"),
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
