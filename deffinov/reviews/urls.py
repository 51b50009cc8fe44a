from django.urls import path

from deffinov.reviews.views import expert, scoring, staff_experts

app_name = "reviews"

urlpatterns = [
    # Experts.
    path("", expert.index, name="index"),
    path("invitation/<str:token>/", expert.take_up, name="take_up"),
    path("avis/<int:pk>/", expert.opinion, name="opinion"),
    path("avis/<int:pk>/pieces/<int:document_pk>/", expert.document, name="document"),
    # Region staff.
    path("dossiers/<str:number>/notation/", scoring.scoring, name="scoring"),
    path("dossiers/<str:number>/experts/", staff_experts.dossier_experts, name="dossier_experts"),
    path("invitations/<int:pk>/revoquer/", staff_experts.revoke, name="revoke"),
]
