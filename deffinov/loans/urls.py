from django.urls import path

from deffinov.loans import views

app_name = "loans"
urlpatterns = [
    path("", views.catalogue, name="catalogue"),
    path("mes-prets/", views.my_loans, name="mine"),
    path("<int:pk>/", views.item_detail, name="item"),
    path("<int:pk>/modifier/", views.item_edit, name="item_edit"),
    path("<int:pk>/demander/", views.loan_request, name="request"),
    path("demandes/<int:pk>/", views.loan_detail, name="loan"),
    path("demandes/<int:pk>/<slug:name>/", views.loan_transition, name="transition"),
    path("structures/<int:pk>/", views.organisation_loans, name="organisation"),
    path("structures/<int:pk>/nouveau/", views.item_create, name="item_create"),
]
