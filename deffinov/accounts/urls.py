from django.urls import path

from deffinov.accounts import views

app_name = "accounts"
urlpatterns = [
    path("mon-espace/", views.dashboard, name="dashboard"),
    path("mon-espace/profil/", views.profile, name="profile"),
]
