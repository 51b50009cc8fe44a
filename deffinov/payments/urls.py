from django.urls import path

from deffinov.payments import views

app_name = "payments"

urlpatterns = [
    path("<int:position>/", views.tranche, name="tranche"),
    path("<int:position>/demande/", views.request_payment, name="request"),
    path("<int:position>/paiement/", views.record_payment, name="pay"),
    path("justificatifs/<int:pk>/", views.document, name="document"),
]
