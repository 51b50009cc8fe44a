from django.urls import path

from deffinov.territories import views

app_name = "territories"
urlpatterns = [
    path("communes/", views.commune_lookup, name="commune_lookup"),
]
