from django.urls import path

from deffinov.network import views

app_name = "network"
urlpatterns = [
    path("", views.search, name="search"),
    path("<int:pk>/", views.place_detail, name="place"),
    path("<int:pk>/modifier/", views.place_edit, name="place_edit"),
    path("structures/<int:pk>/", views.organisation_places, name="organisation_places"),
    path("structures/<int:pk>/nouveau/", views.place_create, name="place_create"),
]
